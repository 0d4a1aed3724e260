from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AtencionesConfig(AppConfig):
    name = "atenciones"
    verbose_name = _("Atenciones")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import resumenes
        from .tareas_programadas import programar_tareas

        # The recurring jobs of the task runner exist after every migrate (and after a test flush).
        post_migrate.connect(programar_tareas, sender=self, dispatch_uid="atenciones_programar_tareas")
        # Summary tables for the indicators follow every write of attentions and topics.
        resumenes.conectar()

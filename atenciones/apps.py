from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AtencionesConfig(AppConfig):
    name = "atenciones"
    verbose_name = _("Atenciones")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import resumenes
        from .tareas_programadas import programar_tareas

        # The recurring jobs of the task runner exist after every migrate (and after a test flush).
        post_migrate.connect(programar_tareas, sender=self, dispatch_uid="atenciones_programar_tareas")
        # Summary tables for the indicators follow every write of attentions and topics.
        resumenes.conectar()
        # SQLite: the key neighbourhoods PostgreSQL computes in SQL (migration 0020_i11).
        connection_created.connect(_funciones_sqlite, dispatch_uid="atenciones_funciones_sqlite")


def _funciones_sqlite(sender, connection, **kwargs):
    if connection.vendor != "sqlite":
        return
    from .identidad import claves_cerca, claves_vecinas

    def persona_claves_vecinas(claves):
        return None if claves is None else " " + " ".join(claves_vecinas(claves)) + " "

    connection.connection.create_function(
        "persona_claves_vecinas", 1, persona_claves_vecinas, deterministic=True
    )
    connection.connection.create_function("persona_claves_cerca", 2, claves_cerca, deterministic=True)

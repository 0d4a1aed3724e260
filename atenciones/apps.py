from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AtencionesConfig(AppConfig):
    name = "atenciones"
    verbose_name = _("Atenciones")

    def ready(self):
        from . import resumenes

        resumenes.conectar()

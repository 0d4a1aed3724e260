"""Third-party apps with Spanish names in the admin."""

from auditlog.apps import AuditlogConfig
from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class HistorialCambiosConfig(AuditlogConfig):
    verbose_name = _("Historial de cambios")


class BloqueoAccesoConfig(AxesAppConfig):
    verbose_name = _("Intentos de inicio de sesión")

"""The e-mail outbox: notifications recorded before they are sent."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .derivaciones import Derivacion


class CorreoSaliente(models.Model):
    """Outbox: every notification is recorded before it is sent, so a failed send is retried."""

    class Tipo(models.TextChoices):
        NUEVA = "nueva", _("Nueva derivación")
        RESPUESTA = "respuesta", _("Derivación resuelta o rechazada")
        RECORDATORIO = "recordatorio", _("Recordatorio diario")

    tipo = models.CharField(_("tipo"), max_length=15, choices=Tipo.choices)
    # Set for the daily reminders: one per recipient and day ("recordatorio:<user id>:<date>").
    clave = models.CharField(_("clave"), max_length=80, unique=True, null=True, blank=True)
    destinatarios = models.JSONField(_("destinatarios"), default=list)
    asunto = models.CharField(_("asunto"), max_length=250)
    cuerpo = models.TextField(_("cuerpo"))
    derivacion = models.ForeignKey(
        Derivacion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correos",
        verbose_name=_("derivación"),
    )
    creado = models.DateTimeField(_("creado"), default=timezone.now)
    enviado = models.DateTimeField(_("enviado"), null=True, blank=True)
    intentos = models.PositiveSmallIntegerField(_("intentos"), default=0)
    ultimo_error = models.TextField(_("último error"), blank=True)

    class Meta:
        verbose_name = _("correo saliente")
        verbose_name_plural = _("correos salientes")
        ordering = ["creado", "id"]
        indexes = [
            # reintentar_correos: the pending ones, oldest first.
            models.Index(fields=["creado"], condition=Q(enviado__isnull=True), name="correo_pendiente_idx"),
        ]

    def __str__(self):
        return f"{self.get_tipo_display()}: {self.asunto}"

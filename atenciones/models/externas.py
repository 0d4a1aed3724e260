"""Signed links that let an external organisation answer one referral without an account."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oficina.models import Organizacion

from .derivaciones import Derivacion

User = settings.AUTH_USER_MODEL


class EnlaceExternoQuerySet(models.QuerySet):
    def vigentes(self, ahora=None):
        """Links that still open: not revoked and not expired."""
        return self.filter(revocado_en__isnull=True, expira__gt=ahora or timezone.now())


class EnlaceExterno(models.Model):
    """One issued link to one referral. The URL carries a signed (pk, nonce); this row can revoke it."""

    derivacion = models.ForeignKey(
        Derivacion, on_delete=models.PROTECT, related_name="enlaces_externos", verbose_name=_("derivación")
    )
    organizacion = models.ForeignKey(
        Organizacion, on_delete=models.PROTECT, related_name="+", verbose_name=_("organización")
    )
    email = models.EmailField(_("enviado a"))
    # Random part of the signed token: a leaked row id alone opens nothing.
    nonce = models.CharField(_("nonce"), max_length=32, unique=True, editable=False)
    creado = models.DateTimeField(_("creado"), default=timezone.now)
    creado_por = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("creado por")
    )
    expira = models.DateTimeField(_("expira"))
    revocado_en = models.DateTimeField(_("revocado el"), null=True, blank=True)
    revocado_por = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revocado por"),
    )
    aperturas = models.PositiveIntegerField(_("aperturas"), default=0)
    ultima_apertura = models.DateTimeField(_("última apertura"), null=True, blank=True)
    respondido_en = models.DateTimeField(_("respondido el"), null=True, blank=True)

    objects = EnlaceExternoQuerySet.as_manager()

    class Meta:
        verbose_name = _("enlace externo")
        verbose_name_plural = _("enlaces externos")
        ordering = ["-creado", "-id"]
        indexes = [
            # A referral's links, the latest first (referral page, re-send, reminders).
            models.Index(fields=["derivacion", "-creado"], name="enlace_externo_derivacion_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expira__gt=models.F("creado")),
                name="enlace_externo_expira_despues",
                violation_error_message=_("El enlace debe expirar después de crearse."),
            ),
        ]

    def __str__(self):
        return f"{self.derivacion} → {self.organizacion}"

    @property
    def revocado(self) -> bool:
        return self.revocado_en is not None

    @property
    def expirado(self) -> bool:
        return self.expira <= timezone.now()

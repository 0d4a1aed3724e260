"""A case's plan: short next steps with a due date and who is responsible."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .casos import Caso

User = settings.AUTH_USER_MODEL


class TareaCasoQuerySet(models.QuerySet):
    def pendientes(self):
        return self.filter(hecha_en__isnull=True)

    def para_hoy_de(self, usuario, hoy=None):
        """Pending tasks of `usuario` due today or overdue ("Mi día")."""
        return self.pendientes().filter(responsable=usuario, vence__lte=hoy or timezone.localdate())


class TareaCaso(models.Model):
    caso = models.ForeignKey(Caso, on_delete=models.PROTECT, related_name="tareas", verbose_name=_("caso"))
    descripcion = models.CharField(_("tarea"), max_length=200)
    vence = models.DateField(_("vence el"))
    responsable = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="tareas_caso", verbose_name=_("responsable")
    )
    creada_por = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("creada por")
    )
    creada = models.DateTimeField(_("creada"), default=timezone.now)
    hecha_en = models.DateTimeField(_("hecha el"), null=True, blank=True)
    hecha_por = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("hecha por")
    )

    objects = TareaCasoQuerySet.as_manager()

    class Meta:
        verbose_name = _("tarea del caso")
        verbose_name_plural = _("tareas del caso")
        ordering = ["hecha_en", "vence", "id"]
        indexes = [
            # "Mi día": my pending tasks due today or before.
            models.Index(
                fields=["responsable", "vence"],
                condition=Q(hecha_en__isnull=True),
                name="tarea_pendiente_idx",
            ),
            models.Index(fields=["caso", "vence"], name="tarea_caso_idx"),
        ]
        constraints = [
            # A done task records who ticked it.
            models.CheckConstraint(
                condition=Q(hecha_en__isnull=True, hecha_por__isnull=True)
                | Q(hecha_en__isnull=False, hecha_por__isnull=False),
                name="tarea_hecha_con_autor",
                violation_error_message=_("Una tarea hecha registra quién la marcó."),
            ),
        ]

    def __str__(self):
        return self.descripcion

    @property
    def vencida(self) -> bool:
        return self.hecha_en is None and self.vence < timezone.localdate()

    def clean(self):
        super().clean()
        if (self.hecha_en is None) != (self.hecha_por_id is None):
            raise ValidationError(_("Una tarea hecha registra quién la marcó."))

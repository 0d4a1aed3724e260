"""Summary tables of the indicators (issue 16): counts per local day and per dimension, so the
counts by month, channel and topic read a few thousand rows instead of millions.

Maintained in the same transaction as the attentions they count (atenciones/resumenes.py); rebuilt
exactly from the raw rows by `manage.py reconstruir_resumenes`. Local dates: settings.TIME_ZONE.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from oficina.choices import Tema

from ..choices import Canal


class ResumenAtencionDia(models.Model):
    """Attentions of one local day through one channel."""

    dia = models.DateField(_("día"))
    canal = models.CharField(_("canal"), max_length=15, choices=Canal.choices)
    atenciones = models.IntegerField(_("atenciones"), default=0)

    class Meta:
        verbose_name = _("resumen de atenciones por día")
        verbose_name_plural = _("resúmenes de atenciones por día")
        constraints = [
            # One row per day and channel: the upsert of the services relies on it.
            models.UniqueConstraint(fields=["dia", "canal"], name="resumen_atencion_dia_unico"),
        ]

    def __str__(self):
        return f"{self.dia} {self.canal}: {self.atenciones}"


class ResumenTemaDia(models.Model):
    """Attentions of one local day on one topic (an attention with two topics counts in both)."""

    dia = models.DateField(_("día"))
    tema = models.CharField(_("tema"), max_length=20, choices=Tema.choices)
    atenciones = models.IntegerField(_("atenciones"), default=0)

    class Meta:
        verbose_name = _("resumen de temas por día")
        verbose_name_plural = _("resúmenes de temas por día")
        constraints = [
            # One row per day and topic: the upsert of the services relies on it.
            models.UniqueConstraint(fields=["dia", "tema"], name="resumen_tema_dia_unico"),
        ]

    def __str__(self):
        return f"{self.dia} {self.tema}: {self.atenciones}"

"""Summary tables of the indicators (issue 16): counts per local day and per dimension, so the
counts by month, channel and topic read a few thousand rows instead of millions; and per person
and day (ResumenPersonaDia), counted per day or month and dimension (ResumenDimensionDia/Mes), so distinct persons over any
period are exact without scanning the attentions.

Maintained in the same transaction as the attentions they count (atenciones/resumenes.py); rebuilt
exactly from the raw rows by `manage.py reconstruir_resumenes`. Local dates: settings.TIME_ZONE.
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from oficina.choices import Tema

from ..choices import Canal
from .personas import Persona


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


# The mes_previo of a person's first day ever (no previous attention): before every month, so "the
# previous attention was before the period" includes it; NOT NULL keeps the upsert's key simple.
PRIMERA = datetime.date(1, 1, 1)


class ResumenPersonaDia(models.Model):
    """One local day on which one person was attended: how many times, the person's previous
    attention day, and the person's current dimensions (copied: the indicators group by them).

    A person is attended in a period [desde, hasta] exactly when one of their days falls in it, and
    the first such day is the one whose previous day is before `desde` (or none): so distinct persons
    are a count of rows, never a COUNT(DISTINCT).
    """

    persona = models.ForeignKey(
        Persona, on_delete=models.CASCADE, related_name="+", db_index=False, verbose_name=_("persona")
    )
    dia = models.DateField(_("día"))
    previo = models.DateField(_("día de atención anterior"), null=True, blank=True)
    atenciones = models.IntegerField(_("atenciones"), default=0)
    nacionalidad = models.CharField(_("nacionalidad"), max_length=2, blank=True)
    sexo = models.CharField(_("sexo"), max_length=15, blank=True)
    fecha_nacimiento = models.DateField(_("fecha de nacimiento"), null=True, blank=True)

    class Meta:
        verbose_name = _("resumen de persona por día")
        verbose_name_plural = _("resúmenes de personas por día")
        constraints = [
            # One row per person and day; the maintenance rewrites a person's rows by this index.
            models.UniqueConstraint(fields=["persona", "dia"], name="resumen_persona_dia_unico"),
        ]
        indexes = [
            # Persons whose previous day falls in the partial first month of a period (index-only).
            models.Index(
                fields=["previo"],
                include=["dia", "nacionalidad", "sexo", "fecha_nacimiento"],
                name="resumen_persona_previo_idx",
            ),
            # Age groups: persons born in the year they turn 18, 30, 45 or 60 at the period's end.
            models.Index(
                fields=["fecha_nacimiento", "dia"],
                include=["previo", "atenciones"],
                name="resumen_persona_nacim_idx",
            ),
        ]

    def __str__(self):
        return f"{self.persona_id} {self.dia}: {self.atenciones}"


class Dimension(models.TextChoices):
    NACIONALIDAD = "n", _("nacionalidad")
    SEXO = "s", _("sexo")
    ANIO_NACIMIENTO = "a", _("año de nacimiento")


class _ResumenDimension(models.Model):
    """Rows of ResumenPersonaDia counted by (day or month, month of the previous day) and one
    dimension.

    In a period starting in month M, the persons first attended in it are (among others) the rows
    whose previous month is before M; the attentions are all of them. Each dimension is counted
    apart (the page shows each breakdown alone): nationality, sex, and birth year (the age group at
    the period's end is then exact except for the birth years of a group's lower age, which the
    indicators correct from ResumenPersonaDia).
    """

    Dimension = Dimension

    mes_previo = models.DateField(_("mes de la atención anterior"))  # PRIMERA: none before
    dimension = models.CharField(_("dimensión"), max_length=1, choices=Dimension.choices)
    valor = models.CharField(_("valor"), max_length=15, blank=True)
    personas = models.IntegerField(_("días con atención"), default=0)
    atenciones = models.IntegerField(_("atenciones"), default=0)

    class Meta:
        abstract = True


class ResumenDimensionMes(_ResumenDimension):
    """Whole months of a period."""

    mes = models.DateField(_("mes"))

    class Meta:
        verbose_name = _("resumen de personas por mes y dimensión")
        verbose_name_plural = _("resúmenes de personas por mes y dimensión")
        constraints = [
            # One row per key: the upsert of the maintenance relies on it.
            models.UniqueConstraint(
                fields=["mes", "mes_previo", "dimension", "valor"], name="resumen_dimension_mes_unico"
            ),
        ]
        indexes = [
            # A period's months read from the index alone (PostgreSQL).
            models.Index(
                fields=["mes"],
                include=["mes_previo", "dimension", "valor", "personas", "atenciones"],
                name="resumen_dimension_mes_idx",
            ),
        ]

    def __str__(self):
        return f"{self.mes} {self.mes_previo} {self.dimension}={self.valor}: {self.personas}"


class ResumenDimensionDia(_ResumenDimension):
    """The partial months at the edges of a period."""

    dia = models.DateField(_("día"))

    class Meta:
        verbose_name = _("resumen de personas por día y dimensión")
        verbose_name_plural = _("resúmenes de personas por día y dimensión")
        constraints = [
            # One row per key: the upsert of the maintenance relies on it.
            models.UniqueConstraint(
                fields=["dia", "mes_previo", "dimension", "valor"], name="resumen_dimension_dia_unico"
            ),
        ]
        indexes = [
            # A period's edge days read from the index alone (PostgreSQL).
            models.Index(
                fields=["dia"],
                include=["mes_previo", "dimension", "valor", "personas", "atenciones"],
                name="resumen_dimension_dia_idx",
            ),
        ]

    def __str__(self):
        return f"{self.dia} {self.mes_previo} {self.dimension}={self.valor}: {self.personas}"

"""Sello Migrante evidence kept by the office: work plan, evidence files, participation, policies.

Nothing here points at a person: enrolment and attendance per person live in `atenciones`
(it may import `oficina`, never the reverse).
"""

import datetime
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import Capacitacion, Departamento, Organizacion

# A work plan covers two years by default and never more than three.
MAX_DIAS_PLAN = 3 * 366


class Compromiso(models.TextChoices):
    """The five commitments the Sello Migrante is granted against (one dossier part each)."""

    MARCO = "marco", _("Marco institucional")
    CAPACITACION = "capacitacion", _("Capacitación de funcionarios")
    POLITICAS = "politicas", _("Políticas locales de inclusión y no discriminación")
    REGULARIZACION = "regularizacion", _("Programas que promueven la regularización")
    PARTICIPACION = "participacion", _("Asociatividad y participación")


class Eje(models.TextChoices):
    """The office's four axes of local migration management."""

    TRANSVERSAL = "transversal", _("Transversalización de la migración en el municipio")
    CRISIS = "crisis", _("Crisis migratoria, con énfasis en la venezolana")
    GOBERNANZA = "gobernanza", _("Gobernanza migratoria con SERMIG, agencias ONU y otros")
    SUJETOS = "sujetos", _("Personas como sujetos políticos y redes de apoyo")


class PlanTrabajo(models.Model):
    """The municipal work plan for a period (two years by default)."""

    nombre = models.CharField(_("nombre"), max_length=200)
    desde = models.DateField(_("desde"))
    hasta = models.DateField(_("hasta"))
    unidad_responsable = models.CharField(
        _("unidad que lidera"), max_length=200, default="Oficina Comunal de Migrantes"
    )
    creado = models.DateTimeField(_("creado"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan de trabajo")
        verbose_name_plural = _("planes de trabajo")
        ordering = ["-desde"]
        constraints = [
            # Same rule as clean(): a period runs forwards.
            models.CheckConstraint(
                condition=Q(hasta__gte=models.F("desde")),
                name="plan_hasta_despues_de_desde",
                violation_error_message=_("El término del plan es anterior a su inicio."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nombre} ({self.desde:%Y}–{self.hasta:%Y})"

    def get_absolute_url(self) -> str:
        return reverse("equipo:sello_plan", args=[self.pk])

    def clean(self) -> None:
        if self.desde and self.hasta:
            if self.hasta < self.desde:
                raise ValidationError({"hasta": _("El término del plan es anterior a su inicio.")})
            if (self.hasta - self.desde).days + 1 > MAX_DIAS_PLAN:
                raise ValidationError({"hasta": _("Un plan abarca como máximo tres años.")})

    @staticmethod
    def hasta_por_defecto(desde: datetime.date) -> datetime.date:
        """Two years from `desde`, inclusive."""
        try:
            return desde.replace(year=desde.year + 2) - datetime.timedelta(days=1)
        except ValueError:  # 29 February
            return desde.replace(year=desde.year + 2, day=28)


class LineaPlan(models.Model):
    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente")
        EN_CURSO = "en_curso", _("En curso")
        CUMPLIDA = "cumplida", _("Cumplida")
        SUSPENDIDA = "suspendida", _("Suspendida")

    plan = models.ForeignKey(
        PlanTrabajo, on_delete=models.CASCADE, related_name="lineas", verbose_name=_("plan")
    )
    compromiso = models.CharField(_("compromiso"), max_length=20, choices=Compromiso.choices)
    eje = models.CharField(_("eje"), max_length=20, choices=Eje.choices)
    titulo = models.CharField(_("línea"), max_length=200)
    acciones = models.TextField(_("acciones"), blank=True)
    departamento = models.ForeignKey(
        Departamento,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lineas_plan",
        verbose_name=_("departamento responsable"),
        help_text=_("Vacío si la responsable es la propia oficina."),
    )
    inicio = models.DateField(_("inicio"), null=True, blank=True)
    termino = models.DateField(_("término"), null=True, blank=True)
    estado = models.CharField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.PENDIENTE)
    avance = models.TextField(_("notas de avance"), blank=True)
    indicador_meta = models.CharField(_("indicador y meta"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("línea del plan")
        verbose_name_plural = _("líneas del plan")
        ordering = ["plan", "compromiso", "eje", "id"]
        indexes = [
            # The dossier reads a plan's lines commitment by commitment.
            models.Index(fields=["plan", "compromiso"], name="lineaplan_compromiso_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(termino__isnull=True)
                | Q(inicio__isnull=True)
                | Q(termino__gte=models.F("inicio")),
                name="lineaplan_termino_despues_de_inicio",
                violation_error_message=_("El término no puede ser anterior al inicio."),
            ),
        ]

    def __str__(self) -> str:
        return self.titulo

    def clean(self) -> None:
        if self.inicio and self.termino and self.termino < self.inicio:
            raise ValidationError({"termino": _("El término no puede ser anterior al inicio.")})


def ruta_evidencia(instancia: "Evidencia", nombre: str) -> str:
    """A storage key the uploader does not choose: a random folder plus the cleaned file name."""
    return f"evidencias/{instancia.linea.plan_id}/{uuid.uuid4().hex}/{os.path.basename(nombre)}"


class Evidencia(models.Model):
    """A document, photo or link attached to a work-plan line; files are served to staff only."""

    class Tipo(models.TextChoices):
        DOCUMENTO = "documento", _("Documento")
        FOTO = "foto", _("Fotografía")
        ENLACE = "enlace", _("Enlace")

    linea = models.ForeignKey(
        LineaPlan, on_delete=models.CASCADE, related_name="evidencias", verbose_name=_("línea")
    )
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    titulo = models.CharField(_("título"), max_length=200)
    archivo = models.FileField(_("archivo"), upload_to=ruta_evidencia, blank=True, max_length=300)
    nombre_original = models.CharField(_("nombre del archivo"), max_length=200, blank=True)
    tamano = models.PositiveIntegerField(_("tamaño (bytes)"), default=0)
    enlace = models.URLField(_("enlace"), blank=True)
    subida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("subida por")
    )
    creada = models.DateTimeField(_("creada"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidencia")
        verbose_name_plural = _("evidencias")
        ordering = ["linea", "creada"]
        constraints = [
            # A link or a file, never both nor neither (services.sello.adjuntar_evidencia checks it first).
            models.CheckConstraint(
                condition=(Q(tipo="enlace") & ~Q(enlace="") & Q(archivo=""))
                | (~Q(tipo="enlace") & Q(enlace="") & ~Q(archivo="")),
                name="evidencia_archivo_o_enlace",
                violation_error_message=_("Una evidencia es un archivo o un enlace."),
            ),
        ]

    def __str__(self) -> str:
        return self.titulo

    def clean(self) -> None:
        if self.tipo == self.Tipo.ENLACE and (not self.enlace or self.archivo):
            raise ValidationError(_("Una evidencia es un archivo o un enlace."))
        if self.tipo != self.Tipo.ENLACE and (self.enlace or not self.archivo):
            raise ValidationError(_("Una evidencia es un archivo o un enlace."))


class NarrativaCompromiso(models.Model):
    """What the office head writes about one commitment for a plan's period (printed in the dossier)."""

    plan = models.ForeignKey(
        PlanTrabajo, on_delete=models.CASCADE, related_name="narrativas", verbose_name=_("plan")
    )
    compromiso = models.CharField(_("compromiso"), max_length=20, choices=Compromiso.choices)
    texto = models.TextField(_("texto"), blank=True, max_length=6000)
    actualizada = models.DateTimeField(_("actualizada"), auto_now=True)

    class Meta:
        verbose_name = _("narrativa de compromiso")
        verbose_name_plural = _("narrativas de compromiso")
        constraints = [
            # One text per commitment and plan: the editor updates it in place.
            models.UniqueConstraint(fields=["plan", "compromiso"], name="narrativa_plan_compromiso_unica"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.get_compromiso_display()}"


class PlanCapacitacion(models.Model):
    """A planned training (the training plan): theme, target departments, planned date."""

    plan = models.ForeignKey(
        PlanTrabajo,
        on_delete=models.CASCADE,
        related_name="capacitaciones_planificadas",
        verbose_name=_("plan"),
    )
    tema = models.CharField(_("tema"), max_length=200)
    fecha_prevista = models.DateField(_("fecha prevista"))
    departamentos = models.ManyToManyField(
        Departamento, blank=True, verbose_name=_("departamentos destinatarios")
    )
    realizada = models.ForeignKey(
        Capacitacion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planificacion",
        verbose_name=_("sesión realizada"),
    )

    class Meta:
        verbose_name = _("capacitación planificada")
        verbose_name_plural = _("plan de capacitación")
        ordering = ["fecha_prevista"]

    def __str__(self) -> str:
        return self.tema


class EspacioParticipacion(models.Model):
    """A participation space: a table, council or consultation with migrant communities."""

    class Tipo(models.TextChoices):
        MESA = "mesa", _("Mesa de trabajo")
        CONSEJO = "consejo", _("Consejo")
        CONSULTA = "consulta", _("Consulta o cabildo")

    nombre = models.CharField(_("nombre"), max_length=200)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    descripcion = models.TextField(_("descripción"), blank=True)
    activo = models.BooleanField(_("activo"), default=True)

    class Meta:
        verbose_name = _("espacio de participación")
        verbose_name_plural = _("espacios de participación")
        ordering = ["nombre"]

    def __str__(self) -> str:
        return self.nombre


class ReunionParticipacion(models.Model):
    espacio = models.ForeignKey(
        EspacioParticipacion, on_delete=models.CASCADE, related_name="reuniones", verbose_name=_("espacio")
    )
    fecha = models.DateField(_("fecha"))
    organizaciones = models.ManyToManyField(
        Organizacion, blank=True, related_name="reuniones", verbose_name=_("organizaciones asistentes")
    )
    asistentes = models.PositiveIntegerField(_("asistentes"), default=0)
    acuerdos = models.TextField(_("acuerdos"), blank=True)

    class Meta:
        verbose_name = _("reunión de participación")
        verbose_name_plural = _("reuniones de participación")
        ordering = ["-fecha"]
        indexes = [
            # The dossier counts a period's meetings.
            models.Index(fields=["fecha"], name="reunion_fecha_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.espacio} ({self.fecha:%d-%m-%Y})"


class AccionNoDiscriminacion(models.Model):
    """A local inclusion or non-discrimination action: a campaign, an ordinance, a complaint handled."""

    class Tipo(models.TextChoices):
        CAMPANA = "campana", _("Campaña")
        ORDENANZA = "ordenanza", _("Ordenanza o política local")
        DENUNCIA = "denuncia", _("Denuncia atendida")

    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    titulo = models.CharField(_("título"), max_length=200)
    fecha = models.DateField(_("fecha"))
    descripcion = models.TextField(_("descripción"), blank=True)
    resultado = models.TextField(_("resultado"), blank=True)

    class Meta:
        verbose_name = _("acción de no discriminación")
        verbose_name_plural = _("acciones de no discriminación")
        ordering = ["-fecha"]

    def __str__(self) -> str:
        return self.titulo

"""Program enrolment and attendance per person, and procedures started in regularisation operations.

They link the office's programs (oficina) to the registry's persons (atenciones); the dossier
publishes only counts of distinct persons.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from oficina.models import Actividad, Programa

from .personas import Persona


class Inscripcion(models.Model):
    """A person enrolled in a program (Spanish classes, a workshop, a health operation)."""

    programa = models.ForeignKey(
        Programa, on_delete=models.PROTECT, related_name="inscripciones", verbose_name=_("programa")
    )
    persona = models.ForeignKey(
        Persona, on_delete=models.CASCADE, related_name="inscripciones", verbose_name=_("persona")
    )
    fecha = models.DateField(_("fecha de inscripción"))
    inscrita_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("inscrita por")
    )

    class Meta:
        verbose_name = _("inscripción en programa")
        verbose_name_plural = _("inscripciones en programas")
        ordering = ["-fecha"]
        constraints = [
            # A person is enrolled once per program (services.sello.inscribir_en_programa says so first).
            models.UniqueConstraint(fields=["programa", "persona"], name="inscripcion_unica"),
        ]

    def __str__(self) -> str:
        return f"{self.persona_id} → {self.programa}"


class Asistencia(models.Model):
    """An enrolled person present at one session (activity) of the program."""

    actividad = models.ForeignKey(
        Actividad, on_delete=models.CASCADE, related_name="asistencias", verbose_name=_("sesión")
    )
    persona = models.ForeignKey(
        Persona, on_delete=models.CASCADE, related_name="asistencias", verbose_name=_("persona")
    )
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registrada por")
    )

    class Meta:
        verbose_name = _("asistencia")
        verbose_name_plural = _("asistencias")
        constraints = [
            # Present once per session: taking attendance twice does not double-count.
            models.UniqueConstraint(fields=["actividad", "persona"], name="asistencia_unica"),
        ]
        indexes = [
            # Indicators: distinct persons reached per program over a period.
            models.Index(fields=["persona", "actividad"], name="asistencia_persona_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.persona_id} @ {self.actividad_id}"


class TramiteOperativo(models.Model):
    """A procedure started for a person during a regularisation operation (an activity)."""

    class Tipo(models.TextChoices):
        SOLICITUD_RESIDENCIA = "solicitud_residencia", _("Solicitud de residencia SERMIG")
        REFUGIO = "refugio", _("Solicitud de refugio")
        ENROLAMIENTO = "enrolamiento", _("Enrolamiento biométrico")
        FONASA = "fonasa", _("Número provisorio FONASA")
        OTRO = "otro", _("Otro trámite")

    actividad = models.ForeignKey(
        Actividad, on_delete=models.PROTECT, related_name="tramites", verbose_name=_("operativo")
    )
    persona = models.ForeignKey(
        Persona, on_delete=models.CASCADE, related_name="tramites", verbose_name=_("persona")
    )
    tipo = models.CharField(_("trámite"), max_length=30, choices=Tipo.choices)
    numero_solicitud = models.CharField(_("N° de solicitud"), max_length=50, blank=True)
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registrado por")
    )
    creado = models.DateTimeField(_("creado"), auto_now_add=True)

    class Meta:
        verbose_name = _("trámite iniciado en operativo")
        verbose_name_plural = _("trámites iniciados en operativos")
        ordering = ["-creado"]

    def __str__(self) -> str:
        return f"{self.get_tipo_display()} {self.numero_solicitud}".strip()

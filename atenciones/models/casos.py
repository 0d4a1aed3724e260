"""Cases and attentions (with their topics)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oficina.choices import Area, Tema

from ..choices import (
    Canal,
    EstadoCaso,
    MotivoCierre,
    Prioridad,
)
from .etiquetas import EtiquetasRapidas
from .personas import Persona

User = settings.AUTH_USER_MODEL


class CasoQuerySet(models.QuerySet):
    """The case rules, defined once: *open* (not closed) and *follow-up overdue* (open, with a
    follow-up date before today). `Caso.abierto` and `Caso.seguimiento_vencido` say the same of one case."""

    @staticmethod
    def q_abiertos() -> Q:
        return ~Q(estado=EstadoCaso.CERRADO)

    @staticmethod
    def q_seguimiento_vencido(hoy: datetime.date | None = None) -> Q:
        return CasoQuerySet.q_abiertos() & Q(fecha_seguimiento__lt=hoy or timezone.localdate())

    def abiertos(self) -> "CasoQuerySet":
        return self.filter(self.q_abiertos())

    def seguimiento_vencido(self, hoy: datetime.date | None = None) -> "CasoQuerySet":
        return self.filter(self.q_seguimiento_vencido(hoy))

    def seguimiento_pendiente(self, hoy: datetime.date | None = None) -> "CasoQuerySet":
        """Open cases whose follow-up is due: today or overdue ("Mi día")."""
        return self.abiertos().filter(fecha_seguimiento__lte=hoy or timezone.localdate())


class Caso(EtiquetasRapidas):
    persona = models.ForeignKey(
        Persona, on_delete=models.PROTECT, related_name="casos", verbose_name=_("persona")
    )
    motivo = models.TextField(_("motivo"), max_length=2000)
    area = models.CharField(_("área principal"), max_length=20, choices=Area.choices)
    estado = models.CharField(
        _("estado"), max_length=15, choices=EstadoCaso.choices, default=EstadoCaso.ABIERTO
    )
    prioridad = models.CharField(
        _("prioridad"), max_length=10, choices=Prioridad.choices, default=Prioridad.MEDIA
    )
    asignado_a = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="casos_asignados", verbose_name=_("profesional asignado")
    )
    abierto_en = models.DateField(_("abierto el"), default=timezone.localdate)
    fecha_seguimiento = models.DateField(_("próximo seguimiento"), null=True, blank=True)
    cerrado_en = models.DateField(_("cerrado el"), null=True, blank=True)
    motivo_cierre = models.CharField(
        _("motivo de cierre"), max_length=15, choices=MotivoCierre.choices, blank=True
    )
    nota_cierre = models.TextField(_("nota de cierre"), max_length=1000, blank=True)
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    modificado = models.DateTimeField(_("modificado"), auto_now=True)

    objects = CasoQuerySet.as_manager()

    class Meta:
        verbose_name = _("caso")
        verbose_name_plural = _("casos")
        ordering = ["-abierto_en", "-id"]
        indexes = [
            # "Mis casos abiertos" and the case list filtered by professional.
            models.Index(fields=["asignado_a", "estado"], name="caso_asignado_estado_idx"),
            models.Index(fields=["estado", "fecha_seguimiento"], name="caso_estado_seguimiento_idx"),
            # The cases list (open ones, newest first) reads one page of this index instead of
            # sorting every open case (issue 16).
            models.Index(
                fields=["-abierto_en", "-id"],
                condition=~Q(estado="cerrado"),
                name="caso_abiertos_recientes_idx",
            ),
            # "Mi día": my open cases, due follow-up first, then the newest (the block's order).
            models.Index(
                fields=["asignado_a", "fecha_seguimiento", "-abierto_en", "-id"],
                condition=~Q(estado="cerrado"),
                name="caso_mi_dia_idx",
            ),
            # The admin's date drill-down (MIN/MAX of the opening date) and its date filters.
            models.Index(fields=["abierto_en"], name="caso_abierto_en_idx"),
        ]
        constraints = [
            # A closed case has a closing date and reason; an open one has neither.
            models.CheckConstraint(
                condition=(Q(estado=EstadoCaso.CERRADO) & Q(cerrado_en__isnull=False) & ~Q(motivo_cierre=""))
                | (~Q(estado=EstadoCaso.CERRADO) & Q(cerrado_en__isnull=True)),
                name="caso_cierre_coherente",
                violation_error_message=_("Un caso cerrado necesita fecha y motivo de cierre."),
            ),
            models.CheckConstraint(
                condition=Q(cerrado_en__isnull=True) | Q(cerrado_en__gte=F("abierto_en")),
                name="caso_cierre_despues_de_apertura",
                violation_error_message=_("La fecha de cierre no puede ser anterior a la apertura."),
            ),
        ]

    def __str__(self):
        return _("Caso %(id)s · %(persona)s") % {"id": self.pk, "persona": self.persona}

    @property
    def abierto(self) -> bool:
        """See CasoQuerySet.q_abiertos."""
        return self.estado != EstadoCaso.CERRADO

    def seguimiento_vencido_el(self, hoy: datetime.date) -> bool:
        """See CasoQuerySet.q_seguimiento_vencido."""
        return self.abierto and self.fecha_seguimiento is not None and self.fecha_seguimiento < hoy

    @property
    def seguimiento_vencido(self) -> bool:
        return self.seguimiento_vencido_el(timezone.localdate())

    def clean(self):
        super().clean()
        if self.estado == EstadoCaso.CERRADO:
            errores = {}
            if not self.motivo_cierre:
                errores["motivo_cierre"] = _("Indique el motivo de cierre.")
            if not self.cerrado_en:
                errores["cerrado_en"] = _("Indique la fecha de cierre.")
            if errores:
                raise ValidationError(errores)


class Atencion(EtiquetasRapidas):
    persona = models.ForeignKey(
        Persona, on_delete=models.PROTECT, related_name="atenciones", verbose_name=_("persona")
    )
    caso = models.ForeignKey(
        Caso,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="atenciones",
        verbose_name=_("caso"),
    )
    fecha_hora = models.DateTimeField(_("fecha y hora"), default=timezone.now)
    canal = models.CharField(_("canal"), max_length=15, choices=Canal.choices, default=Canal.PRESENCIAL)
    notas = models.TextField(
        _("notas"),
        max_length=2000,
        blank=True,
        help_text=_("Breves: no registre detalles sensibles innecesarios."),
    )
    resultado = models.CharField(_("resultado"), max_length=500, blank=True)
    profesional = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="atenciones", verbose_name=_("profesional")
    )
    fecha_seguimiento = models.DateField(_("fecha de seguimiento"), null=True, blank=True)
    creado = models.DateTimeField(_("creado"), auto_now_add=True)

    class Meta:
        verbose_name = _("atención")
        verbose_name_plural = _("atenciones")
        ordering = ["-fecha_hora"]
        indexes = [
            # Indicators by period.
            models.Index(fields=["fecha_hora"], name="atencion_fecha_idx"),
            # Person timeline.
            models.Index(fields=["persona", "-fecha_hora"], name="atencion_persona_fecha_idx"),
            # "Mi día": my attentions today, my follow-ups.
            models.Index(fields=["profesional", "-fecha_hora"], name="atencion_profesional_idx"),
            # "Mi día" counts pending follow-ups (no later attention of the person) from this index
            # alone: the person and time of each candidate without reading the table (issue 16).
            models.Index(
                fields=["profesional", "fecha_seguimiento"],
                include=["persona", "fecha_hora"],
                condition=Q(fecha_seguimiento__isnull=False),
                name="atencion_seguimiento_cubre_idx",
            ),
        ]

    def __str__(self):
        return _("Atención a %(persona)s el %(fecha)s") % {
            "persona": self.persona,
            "fecha": timezone.localtime(self.fecha_hora).strftime("%d-%m-%Y %H:%M"),
        }

    def clean(self):
        super().clean()
        if self.fecha_hora and self.fecha_hora > timezone.now() + datetime.timedelta(minutes=5):
            raise ValidationError({"fecha_hora": _("La atención no puede registrarse en el futuro.")})
        if self.caso is not None and self.persona_id and self.caso.persona_id != self.persona_id:
            raise ValidationError({"caso": _("El caso pertenece a otra persona.")})


class AtencionTema(EtiquetasRapidas):
    """One topic of an attention (an attention has one or more)."""

    atencion = models.ForeignKey(
        Atencion, on_delete=models.CASCADE, related_name="temas", verbose_name=_("atención")
    )
    tema = models.CharField(_("tema"), max_length=20, choices=Tema.choices)

    class Meta:
        verbose_name = _("tema de atención")
        verbose_name_plural = _("temas de atención")
        constraints = [
            models.UniqueConstraint(fields=["atencion", "tema"], name="atencion_tema_unico"),
        ]
        indexes = [
            # Indicators: attentions by topic.
            models.Index(fields=["tema", "atencion"], name="atenciontema_tema_idx"),
        ]

    def __str__(self):
        return self.get_tema_display()

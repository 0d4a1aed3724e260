"""Referrals, their append-only history and their follow-ups."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oficina.choices import Tema
from oficina.models import Departamento, Organizacion

from ..choices import (
    ESTADOS_DERIVACION_ABIERTOS,
    RESULTADOS_ATENDIDOS,
    RESULTADOS_RESUELTOS,
    EstadoDerivacion,
    MotivoRechazo,
    Prioridad,
    ResultadoDerivacion,
    ResultadoSeguimiento,
)
from .casos import Atencion, Caso
from .etiquetas import EtiquetasRapidas
from .personas import Persona
from .solo_agregar import SoloAgregar

User = settings.AUTH_USER_MODEL


class DerivacionQuerySet(models.QuerySet):
    """The referral rules, defined once: *open* (waiting for the destination's answer) and *overdue*
    (open and past its due date; the due date itself is still on time). `Derivacion.abierta` and
    `Derivacion.vencida` say the same of one referral."""

    @staticmethod
    def q_abiertas(prefijo: str = "") -> Q:
        """Open referrals; `prefijo` ("derivaciones__") reaches them from a related model."""
        return Q(**{f"{prefijo}estado__in": ESTADOS_DERIVACION_ABIERTOS})

    @staticmethod
    def q_vencidas(hoy: datetime.date | None = None, prefijo: str = "") -> Q:
        """Overdue referrals on `hoy` (default today)."""
        hoy = hoy or timezone.localdate()
        return DerivacionQuerySet.q_abiertas(prefijo) & Q(**{f"{prefijo}fecha_limite__lt": hoy})

    @staticmethod
    def q_resueltas() -> Q:
        """Resolved by their outcome, not their state (issue #13): only "attended and resolved"
        (RESULTADOS_RESUELTOS). A no-show, a step pending on the person, not eligible, referred
        onward or "other" close a referral without resolving it."""
        return Q(estado=EstadoDerivacion.RESUELTA, resultado__in=RESULTADOS_RESUELTOS)

    @staticmethod
    def q_cerradas_sin_resolver() -> Q:
        """Closed with an outcome that is not "resolved" (see q_resueltas)."""
        return Q(estado=EstadoDerivacion.RESUELTA) & ~Q(resultado__in=RESULTADOS_RESUELTOS)

    def abiertas(self) -> "DerivacionQuerySet":
        return self.filter(self.q_abiertas())

    def resueltas(self) -> "DerivacionQuerySet":
        return self.filter(self.q_resueltas())

    def vencidas(self, hoy: datetime.date | None = None) -> "DerivacionQuerySet":
        return self.filter(self.q_vencidas(hoy))

    def con_vencimiento(self, hoy: datetime.date | None = None) -> "DerivacionQuerySet":
        """Annotate `esta_vencida` (1/0) so lists can put overdue referrals first."""
        return self.annotate(
            esta_vencida=Case(
                When(self.q_vencidas(hoy), then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )


class Derivacion(EtiquetasRapidas):
    codigo = models.CharField(_("código"), max_length=20, unique=True, null=True, blank=True, editable=False)
    persona = models.ForeignKey(
        Persona, on_delete=models.PROTECT, related_name="derivaciones", verbose_name=_("persona")
    )
    caso = models.ForeignKey(
        Caso,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derivaciones",
        verbose_name=_("caso"),
    )
    atencion = models.ForeignKey(
        Atencion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derivaciones",
        verbose_name=_("atención de origen"),
    )
    departamento = models.ForeignKey(
        Departamento,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derivaciones",
        verbose_name=_("departamento"),
    )
    organizacion = models.ForeignKey(
        Organizacion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derivaciones",
        verbose_name=_("organización"),
    )
    tema = models.CharField(_("tema"), max_length=20, choices=Tema.choices)
    motivo = models.TextField(_("motivo"), max_length=2000)
    prioridad = models.CharField(
        _("prioridad"), max_length=10, choices=Prioridad.choices, default=Prioridad.MEDIA
    )
    consentimiento = models.BooleanField(
        _("la persona consiente compartir sus datos con el destino"), default=False
    )
    consentimiento_omitido_motivo = models.CharField(
        _("motivo para derivar sin consentimiento"), max_length=500, blank=True
    )
    derivado_por = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="derivaciones_enviadas", verbose_name=_("derivado por")
    )
    fecha_envio = models.DateTimeField(_("enviada el"), default=timezone.now)
    fecha_limite = models.DateField(_("fecha límite de respuesta"))
    estado = models.CharField(
        _("estado"), max_length=15, choices=EstadoDerivacion.choices, default=EstadoDerivacion.ENVIADA
    )
    respuesta = models.TextField(_("respuesta"), max_length=2000, blank=True)
    motivo_rechazo = models.CharField(
        _("motivo de rechazo"), max_length=25, choices=MotivoRechazo.choices, blank=True
    )
    fecha_cierre = models.DateTimeField(_("cerrada el"), null=True, blank=True)
    # The outcome of a resolved referral (issue #13); the indicators count it, not the state.
    resultado = models.CharField(
        _("resultado"), max_length=20, choices=ResultadoDerivacion.choices, blank=True
    )
    resultado_detalle = models.CharField(_("detalle del resultado"), max_length=500, blank=True)
    fecha_atendida = models.DateField(_("fecha en que se atendió"), null=True, blank=True)
    # An onward referral points to the referral whose outcome created it.
    derivada_desde = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derivaciones_siguientes",
        verbose_name=_("derivada desde"),
    )
    modificado = models.DateTimeField(_("modificado"), auto_now=True)

    objects = DerivacionQuerySet.as_manager()

    class Meta:
        verbose_name = _("derivación")
        verbose_name_plural = _("derivaciones")
        ordering = ["-fecha_envio"]
        indexes = [
            # Liaison inbox: a department's referrals by state, overdue first.
            models.Index(fields=["departamento", "estado", "fecha_limite"], name="derivacion_bandeja_idx"),
            # Inbox tabs paginated by (due date, id), either direction, without sorting the tab.
            models.Index(
                fields=["departamento", "estado", "fecha_limite", "id"], name="derivacion_bandeja_orden_idx"
            ),
            models.Index(fields=["organizacion", "estado", "fecha_limite"], name="derivacion_externa_idx"),
            # "Mi día": referrals I sent that wait.
            models.Index(fields=["derivado_por", "estado"], name="derivacion_enviadas_idx"),
            # Overdue referrals by destination (indicators): index-only with the destination.
            models.Index(
                fields=["estado", "fecha_limite"],
                include=["id", "departamento", "organizacion"],
                name="derivacion_vencidas_idx",
            ),
            models.Index(fields=["persona", "-fecha_envio"], name="derivacion_persona_idx"),
            # Indicators of the referrals sent in a period, by destination and outcome, with the
            # days to close: an index-only scan of the period, not the whole rows (issue 16).
            models.Index(
                fields=["fecha_envio"],
                include=[
                    "id",
                    "estado",
                    "resultado",
                    "fecha_cierre",
                    "fecha_limite",
                    "departamento",
                    "organizacion",
                ],
                name="derivacion_fecha_idx",
            ),
            # Open referrals by due date (the overdue and external lists, the admin's overdue
            # filter) and "Mi día"'s referrals I sent that wait, read in order (issue 16).
            models.Index(
                fields=["fecha_limite", "id"],
                condition=Q(estado__in=["enviada", "recibida", "en_atencion"]),
                name="derivacion_abiertas_limite_idx",
            ),
            models.Index(
                fields=["derivado_por", "fecha_limite", "id"],
                condition=Q(estado__in=["enviada", "recibida", "en_atencion"]),
                name="derivacion_mis_abiertas_idx",
            ),
        ]
        constraints = [
            # Exactly one destination: a department xor an organisation.
            models.CheckConstraint(
                condition=(Q(departamento__isnull=False) & Q(organizacion__isnull=True))
                | (Q(departamento__isnull=True) & Q(organizacion__isnull=False)),
                name="derivacion_un_destino",
                violation_error_message=_("Elija un departamento o una organización, no ambos."),
            ),
            models.CheckConstraint(
                condition=~Q(estado=EstadoDerivacion.RECHAZADA) | ~Q(motivo_rechazo=""),
                name="derivacion_rechazo_con_motivo",
                violation_error_message=_("Una derivación rechazada necesita un motivo."),
            ),
            models.CheckConstraint(
                condition=~Q(estado=EstadoDerivacion.RESUELTA) | ~Q(respuesta=""),
                name="derivacion_resuelta_con_respuesta",
                violation_error_message=_("Una derivación resuelta necesita una respuesta."),
            ),
            # Only a resolved referral has an outcome (issue #13).
            models.CheckConstraint(
                condition=Q(resultado="") | Q(estado=EstadoDerivacion.RESUELTA),
                name="derivacion_resultado_solo_resuelta",
                violation_error_message=_("Solo una derivación resuelta tiene resultado."),
            ),
            # "Other" outcome needs its text.
            models.CheckConstraint(
                condition=~Q(resultado=ResultadoDerivacion.OTRO) | ~Q(resultado_detalle=""),
                name="derivacion_resultado_otro_detalle",
                violation_error_message=_("Describa el resultado «Otro»."),
            ),
            # Data is shared only with consent, or with the office head's recorded reason.
            models.CheckConstraint(
                condition=Q(consentimiento=True) | ~Q(consentimiento_omitido_motivo=""),
                name="derivacion_con_consentimiento",
                violation_error_message=_("Se requiere el consentimiento de la persona para derivar."),
            ),
        ]

    def __str__(self):
        return self.codigo or str(_("Derivación sin código"))

    @property
    def destino(self):
        return self.departamento or self.organizacion

    @property
    def abierta(self) -> bool:
        """See DerivacionQuerySet.q_abiertas."""
        return self.estado in ESTADOS_DERIVACION_ABIERTOS

    def vencida_el(self, hoy: datetime.date) -> bool:
        """See DerivacionQuerySet.q_vencidas."""
        return self.abierta and self.fecha_limite < hoy

    @property
    def vencida(self) -> bool:
        return self.vencida_el(timezone.localdate())

    def clean(self):
        super().clean()
        if bool(self.departamento_id) == bool(self.organizacion_id):
            raise ValidationError(_("Elija un departamento o una organización, no ambos."), code="destino")
        if not self.consentimiento and not self.consentimiento_omitido_motivo:
            raise ValidationError(
                {"consentimiento": _("Se requiere el consentimiento de la persona para derivar.")}
            )
        if self.estado == EstadoDerivacion.RECHAZADA and not self.motivo_rechazo:
            raise ValidationError({"motivo_rechazo": _("Una derivación rechazada necesita un motivo.")})
        if self.estado == EstadoDerivacion.RESUELTA and not self.respuesta.strip():
            raise ValidationError({"respuesta": _("Una derivación resuelta necesita una respuesta.")})
        if self.resultado and self.estado != EstadoDerivacion.RESUELTA:
            raise ValidationError({"resultado": _("Solo una derivación resuelta tiene resultado.")})
        if self.resultado == ResultadoDerivacion.OTRO and not self.resultado_detalle.strip():
            raise ValidationError({"resultado_detalle": _("Describa el resultado «Otro».")})
        if self.resultado in RESULTADOS_ATENDIDOS and self.fecha_atendida is None:
            raise ValidationError({"fecha_atendida": _("Indique la fecha en que se atendió a la persona.")})
        if self.fecha_atendida and self.fecha_atendida > timezone.localdate():
            raise ValidationError({"fecha_atendida": _("La fecha de atención no puede estar en el futuro.")})
        if self.derivada_desde_id and self.derivada_desde_id == self.pk:
            raise ValidationError(_("Una derivación no puede derivarse a sí misma."))


class EventoDerivacion(SoloAgregar):
    """Append-only history of a referral's states."""

    mensaje_no_se_modifica = _("El historial de una derivación no se modifica.")
    mensaje_no_se_borra = _("El historial de una derivación no se borra.")

    derivacion = models.ForeignKey(
        Derivacion, on_delete=models.PROTECT, related_name="eventos", verbose_name=_("derivación")
    )
    estado_anterior = models.CharField(
        _("estado anterior"), max_length=15, choices=EstadoDerivacion.choices, blank=True
    )
    estado_nuevo = models.CharField(_("estado nuevo"), max_length=15, choices=EstadoDerivacion.choices)
    usuario = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("usuario")
    )
    fecha = models.DateTimeField(_("fecha"), default=timezone.now)
    nota = models.TextField(_("nota"), max_length=2000, blank=True)
    resultado = models.CharField(
        _("resultado"), max_length=20, choices=ResultadoDerivacion.choices, blank=True
    )
    # Set when the move came from the destination organisation through its signed link (no user).
    organizacion = models.ForeignKey(
        Organizacion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("respondido por la organización"),
    )

    class Meta:
        verbose_name = _("evento de derivación")
        verbose_name_plural = _("eventos de derivación")
        ordering = ["fecha", "id"]
        indexes = [models.Index(fields=["derivacion", "fecha"], name="evento_derivacion_idx")]

    def __str__(self):
        return f"{self.derivacion}: {self.estado_anterior or '—'} → {self.estado_nuevo}"


class SeguimientoDerivacion(SoloAgregar):
    """Append-only log of the office's follow-up of a referral (mainly external ones)."""

    mensaje_no_se_modifica = _("El seguimiento de una derivación no se modifica.")
    mensaje_no_se_borra = _("El seguimiento de una derivación no se borra.")

    derivacion = models.ForeignKey(
        Derivacion, on_delete=models.PROTECT, related_name="seguimientos", verbose_name=_("derivación")
    )
    resultado = models.CharField(_("resultado"), max_length=15, choices=ResultadoSeguimiento.choices)
    nota = models.TextField(_("nota"), max_length=2000, blank=True)
    proxima_fecha = models.DateField(_("próximo seguimiento"), null=True, blank=True)
    usuario = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("registrado por")
    )
    fecha = models.DateTimeField(_("fecha"), default=timezone.now)

    class Meta:
        verbose_name = _("seguimiento de derivación")
        verbose_name_plural = _("seguimientos de derivación")
        ordering = ["fecha", "id"]
        indexes = [
            # A referral's follow-ups in order; the latest one gives the next follow-up date.
            models.Index(fields=["derivacion", "-fecha"], name="seguimiento_derivacion_idx"),
        ]

    def __str__(self):
        return f"{self.derivacion}: {self.get_resultado_display()}"

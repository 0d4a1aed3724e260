"""Data protection (Ley 21.719): access log, data-subject requests, breach register."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .personas import Persona
from .solo_agregar import SoloAgregar

User = settings.AUTH_USER_MODEL


class RegistroAcceso(SoloAgregar):
    """Append-only log of reads of personal data: who looked at or exported what, and when."""

    mensaje_no_se_modifica = _("El registro de accesos no se modifica.")
    mensaje_no_se_borra = _("El registro de accesos no se borra.")

    class Accion(models.TextChoices):
        VER_PERSONA = "ver_persona", _("ver ficha de persona")
        BUSCAR = "buscar", _("buscar personas")
        EXPORTAR = "exportar", _("exportar")
        EXPORTAR_DATOS_TITULAR = "exportar_datos_titular", _("exportar datos del titular")
        ANONIMIZAR = "anonimizar", _("anonimizar persona")
        BLOQUEAR = "bloquear", _("bloquear persona")
        DESBLOQUEAR = "desbloquear", _("desbloquear persona")

    usuario = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("usuario")
    )
    fecha = models.DateTimeField(_("fecha"), default=timezone.now)
    accion = models.CharField(_("acción"), max_length=30, choices=Accion.choices)
    persona = models.ForeignKey(
        Persona,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("persona"),
    )
    objeto_tipo = models.CharField(_("tipo de objeto"), max_length=50, blank=True)
    objeto_id = models.CharField(_("id del objeto"), max_length=50, blank=True)
    detalle = models.CharField(_("detalle"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("registro de acceso")
        verbose_name_plural = _("registros de acceso")
        ordering = ["-fecha", "-id"]
        indexes = [
            # The office head's admin filters: by person, by user, by date.
            models.Index(fields=["persona", "-fecha"], name="registroacceso_persona_idx"),
            models.Index(fields=["usuario", "-fecha"], name="registroacceso_usuario_idx"),
            models.Index(fields=["-fecha"], name="registroacceso_fecha_idx"),
        ]

    def __str__(self):
        return f"{self.get_accion_display()} · {self.usuario or '—'} · {timezone.localtime(self.fecha):%d-%m-%Y %H:%M}"


class SolicitudDerechoQuerySet(models.QuerySet):
    """The rights-request rules, defined once: *open* (received or in progress) and *overdue* (open
    and past its legal due date). `SolicitudDerecho.abierta` and `.vencida` say the same of one."""

    @staticmethod
    def q_abiertas() -> Q:
        return Q(estado__in=SolicitudDerecho.ESTADOS_ABIERTOS)

    @staticmethod
    def q_vencidas(hoy: datetime.date | None = None) -> Q:
        return SolicitudDerechoQuerySet.q_abiertas() & Q(vence_el__lt=hoy or timezone.localdate())

    def abiertas(self) -> "SolicitudDerechoQuerySet":
        return self.filter(self.q_abiertas())

    def vencidas(self, hoy: datetime.date | None = None) -> "SolicitudDerechoQuerySet":
        return self.filter(self.q_vencidas(hoy))


class SolicitudDerecho(models.Model):
    """A data-subject request under Ley 21.719, answered within 30 calendar days."""

    PLAZO_DIAS = 30

    class Tipo(models.TextChoices):
        ACCESO = "acceso", _("acceso")
        RECTIFICACION = "rectificacion", _("rectificación")
        SUPRESION = "supresion", _("supresión")
        OPOSICION = "oposicion", _("oposición")
        PORTABILIDAD = "portabilidad", _("portabilidad")
        BLOQUEO = "bloqueo", _("bloqueo")

    class Estado(models.TextChoices):
        RECIBIDA = "recibida", _("recibida")
        EN_CURSO = "en_curso", _("en curso")
        RESPONDIDA = "respondida", _("respondida")
        RECHAZADA = "rechazada", _("rechazada")

    ESTADOS_ABIERTOS = (Estado.RECIBIDA, Estado.EN_CURSO)

    tipo = models.CharField(_("tipo"), max_length=15, choices=Tipo.choices)
    persona = models.ForeignKey(
        Persona,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="solicitudes_derecho",
        verbose_name=_("persona"),
        help_text=_("Vacío si quien pide no está registrado en la oficina."),
    )
    solicitante = models.CharField(
        _("solicitante"), max_length=200, help_text=_("Nombre de quien presenta la solicitud.")
    )
    recibida_el = models.DateField(_("recibida el"), default=timezone.localdate)
    identidad_verificada_por = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("identidad verificada por"),
    )
    documento_verificacion = models.CharField(
        _("documento de verificación"),
        max_length=200,
        blank=True,
        help_text=_("Con qué documento se verificó la identidad (por ejemplo: cédula de identidad)."),
    )
    vence_el = models.DateField(_("vence el"), editable=False)
    estado = models.CharField(_("estado"), max_length=15, choices=Estado.choices, default=Estado.RECIBIDA)
    resultado = models.TextField(_("resultado"), max_length=2000, blank=True)
    respondida_el = models.DateField(_("respondida el"), null=True, blank=True)
    registrada_por = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrada por"),
    )
    creado = models.DateTimeField(_("creado"), auto_now_add=True)

    objects = SolicitudDerechoQuerySet.as_manager()

    class Meta:
        verbose_name = _("solicitud de derechos")
        verbose_name_plural = _("solicitudes de derechos")
        ordering = ["-recibida_el", "-id"]
        indexes = [
            # Open requests by due date (the overdue list).
            models.Index(fields=["estado", "vence_el"], name="solicitud_estado_vence_idx"),
        ]
        constraints = [
            # A closed request has its answer date and outcome.
            models.CheckConstraint(
                condition=Q(estado__in=["recibida", "en_curso"])
                | (Q(respondida_el__isnull=False) & ~Q(resultado="")),
                name="solicitud_cerrada_con_resultado",
                violation_error_message=_("Una solicitud respondida o rechazada necesita fecha y resultado."),
            ),
        ]

    def __str__(self):
        return _("Solicitud de %(tipo)s de %(solicitante)s (%(fecha)s)") % {
            "tipo": self.get_tipo_display(),
            "solicitante": self.solicitante,
            "fecha": self.recibida_el.strftime("%d-%m-%Y") if self.recibida_el else "—",
        }

    def save(self, *args, **kwargs):
        if self.recibida_el:
            self.vence_el = self.recibida_el + datetime.timedelta(days=self.PLAZO_DIAS)
        super().save(*args, **kwargs)

    @property
    def abierta(self) -> bool:
        """See SolicitudDerechoQuerySet.q_abiertas."""
        return self.estado in self.ESTADOS_ABIERTOS

    def vencida_el(self, hoy: datetime.date) -> bool:
        """See SolicitudDerechoQuerySet.q_vencidas."""
        return self.abierta and self.vence_el is not None and self.vence_el < hoy

    @property
    def vencida(self) -> bool:
        return self.vencida_el(timezone.localdate())

    def clean(self):
        super().clean()
        errores = {}
        if self.recibida_el and self.recibida_el > timezone.localdate():
            errores["recibida_el"] = _("La fecha de recepción no puede estar en el futuro.")
        if not self.abierta:
            if not self.respondida_el:
                errores["respondida_el"] = _("Indique la fecha de respuesta.")
            if not (self.resultado or "").strip():
                errores["resultado"] = _("Describa el resultado.")
        if self.respondida_el and self.recibida_el and self.respondida_el < self.recibida_el:
            errores["respondida_el"] = _("La respuesta no puede ser anterior a la recepción.")
        if errores:
            raise ValidationError(errores)


class BrechaSeguridad(models.Model):
    """A personal-data security breach and its notifications (Ley 21.719)."""

    detectada_el = models.DateTimeField(_("detectada el"), default=timezone.now)
    naturaleza = models.TextField(_("naturaleza de la brecha"), max_length=4000)
    categorias_datos = models.TextField(
        _("categorías de datos afectados"),
        max_length=2000,
        help_text=_("Por ejemplo: identificación, contacto, salud, situación migratoria."),
    )
    personas_afectadas = models.PositiveIntegerField(_("personas afectadas (número)"), default=0)
    medidas = models.TextField(_("medidas adoptadas"), max_length=4000, blank=True)
    notificada_agencia_el = models.DateTimeField(_("notificada a la Agencia el"), null=True, blank=True)
    personas_notificadas_el = models.DateTimeField(
        _("personas afectadas notificadas el"), null=True, blank=True
    )
    registrada_por = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrada por"),
    )
    creado = models.DateTimeField(_("creado"), auto_now_add=True)

    class Meta:
        verbose_name = _("brecha de seguridad")
        verbose_name_plural = _("brechas de seguridad")
        ordering = ["-detectada_el"]

    def __str__(self):
        return _("Brecha detectada el %(fecha)s") % {
            "fecha": timezone.localtime(self.detectada_el).strftime("%d-%m-%Y %H:%M")
        }

    def clean(self):
        super().clean()
        errores = {}
        ahora = timezone.now() + datetime.timedelta(minutes=5)
        if self.detectada_el and self.detectada_el > ahora:
            errores["detectada_el"] = _("La fecha de detección no puede estar en el futuro.")
        for campo in ("notificada_agencia_el", "personas_notificadas_el"):
            valor = getattr(self, campo)
            if valor and self.detectada_el and valor < self.detectada_el:
                errores[campo] = _("La notificación no puede ser anterior a la detección.")
        if errores:
            raise ValidationError(errores)

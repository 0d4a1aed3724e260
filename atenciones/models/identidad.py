"""One person, one record: identity documents, likely duplicate pairs, merges and one-time form tokens."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ..choices import TipoDocumento
from ..documentos import formatear_documento
from .personas import Persona

User = settings.AUTH_USER_MODEL


class DocumentoIdentidad(models.Model):
    """One identity document a person holds or held (passport → IPE → FONASA → RUN…)."""

    persona = models.ForeignKey(
        Persona, on_delete=models.CASCADE, related_name="documentos", verbose_name=_("persona")
    )
    tipo = models.CharField(_("tipo"), max_length=10, choices=TipoDocumento.choices)
    numero = models.CharField(_("número"), max_length=30, help_text=_("Se guarda sin puntos ni guiones."))
    # Empty when unknown; Chilean documents are always CL. Never NULL, so the unique constraint holds.
    pais_emisor = CountryField(_("país emisor"), blank=True, default="")
    fecha_emision = models.DateField(_("fecha de emisión"), null=True, blank=True)
    fecha_vencimiento = models.DateField(_("fecha de vencimiento"), null=True, blank=True)
    vigente = models.BooleanField(_("documento actual"), default=True)
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    creado_por = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("creado por")
    )

    class Meta:
        verbose_name = _("documento de identidad")
        verbose_name_plural = _("documentos de identidad")
        ordering = ["-vigente", "-creado", "-pk"]
        indexes = [
            # Duplicate detection and search by a document number, whatever its type.
            models.Index(fields=["numero"], name="documento_numero_idx"),
        ]
        constraints = [
            # One holder per document across the registry (issue #11).
            models.UniqueConstraint(
                fields=["tipo", "numero", "pais_emisor"],
                name="documento_identidad_unico",
                violation_error_message=_("Ese documento ya está registrado a nombre de otra persona."),
            ),
            # At most one current document per person.
            models.UniqueConstraint(
                fields=["persona"],
                condition=Q(vigente=True),
                name="documento_un_vigente_por_persona",
                violation_error_message=_("La persona ya tiene un documento actual."),
            ),
            # "Without document" is not a document; a number is required.
            models.CheckConstraint(
                condition=~Q(tipo=TipoDocumento.NINGUNO) & ~Q(numero=""),
                name="documento_tipo_y_numero",
                violation_error_message=_("Indique el tipo y el número del documento."),
            ),
            models.CheckConstraint(
                condition=Q(fecha_vencimiento__isnull=True)
                | Q(fecha_emision__isnull=True)
                | Q(fecha_vencimiento__gte=F("fecha_emision")),
                name="documento_fechas_ordenadas",
                violation_error_message=_("El vencimiento no puede ser anterior a la emisión."),
            ),
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} {self.numero_display}"

    @property
    def numero_display(self):
        return formatear_documento(self.tipo, self.numero)

    def clean(self):
        super().clean()
        if self.tipo == TipoDocumento.NINGUNO or not self.numero:
            raise ValidationError({"numero": _("Indique el tipo y el número del documento.")})
        if self.fecha_emision and self.fecha_vencimiento and self.fecha_vencimiento < self.fecha_emision:
            raise ValidationError(
                {"fecha_vencimiento": _("El vencimiento no puede ser anterior a la emisión.")}
            )


class ParDuplicado(models.Model):
    """Two persons that are likely the same one, found in the background (atenciones.duplicados)."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Por revisar")
        DISTINTAS = "distintas", _("No son la misma persona")
        FUSIONADO = "fusionado", _("Fusionadas")

    # persona_a.pk < persona_b.pk always, so a pair has one row.
    persona_a = models.ForeignKey(
        Persona, on_delete=models.CASCADE, related_name="+", verbose_name=_("persona")
    )
    persona_b = models.ForeignKey(
        Persona, on_delete=models.CASCADE, related_name="+", verbose_name=_("persona")
    )
    probabilidad = models.PositiveSmallIntegerField(_("probabilidad (%)"))
    evidencia = models.JSONField(_("evidencia"), default=list, blank=True)
    estado = models.CharField(_("estado"), max_length=10, choices=Estado.choices, default=Estado.PENDIENTE)
    calculado = models.DateTimeField(_("calculado"), default=timezone.now)
    revisado_por = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revisado por"),
    )
    revisado = models.DateTimeField(_("revisado"), null=True, blank=True)

    class Meta:
        verbose_name = _("posible duplicado")
        verbose_name_plural = _("posibles duplicados")
        ordering = ["-probabilidad", "pk"]
        permissions = [("fusionar_personas", _("Puede revisar duplicados y fusionar personas"))]
        indexes = [
            # The review page: pending pairs, most likely first.
            models.Index(fields=["estado", "-probabilidad"], name="par_duplicado_cola_idx"),
            models.Index(fields=["persona_b"], name="par_duplicado_b_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["persona_a", "persona_b"], name="par_duplicado_unico"),
            models.CheckConstraint(condition=Q(persona_a__lt=F("persona_b")), name="par_duplicado_ordenado"),
        ]

    def __str__(self):
        return f"{self.persona_a_id} ~ {self.persona_b_id} ({self.probabilidad} %)"


class Fusion(models.Model):
    """A merge: who merged which record into which, when, and both records' values before."""

    superviviente = models.ForeignKey(
        Persona, on_delete=models.PROTECT, related_name="fusiones", verbose_name=_("persona que queda")
    )
    absorbida = models.ForeignKey(
        Persona, on_delete=models.PROTECT, related_name="+", verbose_name=_("persona fusionada")
    )
    usuario = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("usuario"))
    fecha = models.DateTimeField(_("fecha"), default=timezone.now)
    valores_superviviente = models.JSONField(_("valores antes (persona que queda)"))
    valores_absorbida = models.JSONField(_("valores antes (persona fusionada)"))
    elegidos = models.JSONField(_("campos tomados de la persona fusionada"), default=list)
    movidos = models.JSONField(_("registros movidos"), default=dict)

    class Meta:
        verbose_name = _("fusión de personas")
        verbose_name_plural = _("fusiones de personas")
        ordering = ["-fecha", "-pk"]

    def __str__(self):
        return f"{self.absorbida_id} → {self.superviviente_id}"


class EnvioFormulario(models.Model):
    """A one-time token of a create form: the first submit claims it, a repeat finds its result."""

    token = models.CharField(_("token"), max_length=64)
    formulario = models.CharField(_("formulario"), max_length=40)
    usuario = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+", verbose_name=_("usuario"))
    creado = models.DateTimeField(_("creado"), default=timezone.now)
    url = models.CharField(_("resultado"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("envío de formulario")
        verbose_name_plural = _("envíos de formulario")
        constraints = [
            # Two racing submits of one token: the database lets one through (atenciones.envios).
            models.UniqueConstraint(fields=["token"], name="envio_formulario_token_unico"),
        ]

    def __str__(self):
        return f"{self.formulario} {self.token[:8]}"

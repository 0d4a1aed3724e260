"""Persons and households."""

from typing import Any, cast

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from oficina.choices import Idioma

from ..busqueda import texto_busqueda
from ..choices import (
    Genero,
    RelacionHogar,
    Sexo,
    SituacionMigratoria,
    TipoDocumento,
    TramoFonasa,
    TramoRSH,
)
from ..documentos import (
    RUN_NORMALIZADO_REGEX,
    formatear_documento,
    normalizar_documento,
    normalizar_telefono,
    validar_documento,
)
from ..identidad import claves_persona
from .etiquetas import EtiquetasRapidas

User = settings.AUTH_USER_MODEL


# The vulnerability flags (boolean fields of Persona), in the order forms and pages show them.
BANDERAS = (
    "recien_llegada",
    "sin_documentos",
    "nna",
    "nna_no_acompanado",
    "embarazo",
    "situacion_calle",
    "discapacidad",
    "violencia",
)


def _comuna_por_defecto():
    return settings.COMUNA


class Hogar(models.Model):
    """A household: persons living together, with their relation to it."""

    nombre = models.CharField(
        _("referencia"), max_length=150, help_text=_("Por ejemplo: familia Pérez Joseph.")
    )
    direccion = models.CharField(_("dirección"), max_length=250, blank=True)
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    creado_por = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("creado por")
    )

    class Meta:
        verbose_name = _("hogar")
        verbose_name_plural = _("hogares")
        ordering = ["nombre"]

    def __str__(self):
        return self.nombre


class PersonaQuerySet(models.QuerySet["Persona"]):
    """The person rule, defined once: *active* (neither anonymised nor blocked by a rights request).
    `Persona.activa` says the same of one person."""

    @staticmethod
    def q_activas() -> Q:
        return Q(anonimizada_en__isnull=True, bloqueada=False)

    def activas(self) -> "PersonaQuerySet":
        return self.filter(self.q_activas())

    def sin_fusionar(self) -> "PersonaQuerySet":
        """Records still in use: a merged one (a tombstone, services.fusion) is left out."""
        return self.filter(fusionada_en__isnull=True)


class Persona(EtiquetasRapidas):
    nombres = models.CharField(_("nombres"), max_length=150)
    apellidos = models.CharField(_("apellidos"), max_length=150, blank=True)
    nombre_social = models.CharField(
        _("nombre social"),
        max_length=150,
        blank=True,
        help_text=_("El nombre con que la persona pide ser llamada."),
    )
    fecha_nacimiento = models.DateField(_("fecha de nacimiento"), null=True, blank=True)
    fecha_nacimiento_aproximada = models.BooleanField(
        _("fecha de nacimiento aproximada"),
        default=False,
        help_text=_("Calculada a partir de la edad declarada."),
    )
    sexo = models.CharField(_("sexo"), max_length=15, choices=Sexo.choices, default=Sexo.NO_INFORMA)
    genero = models.CharField(_("género"), max_length=15, choices=Genero.choices, default=Genero.NO_INFORMA)
    nacionalidad = CountryField(_("nacionalidad"), blank=True)
    otras_nacionalidades = CountryField(_("otras nacionalidades"), multiple=True, blank=True)
    pais_nacimiento = CountryField(_("país de nacimiento"), blank=True)

    tipo_documento = models.CharField(
        _("tipo de documento"), max_length=10, choices=TipoDocumento.choices, default=TipoDocumento.NINGUNO
    )
    documento_numero = models.CharField(
        _("número de documento"), max_length=30, blank=True, help_text=_("Se guarda sin puntos ni guiones.")
    )

    telefono = models.CharField(_("teléfono"), max_length=30, blank=True)
    email = models.EmailField(_("correo electrónico"), blank=True)
    direccion = models.CharField(_("dirección"), max_length=250, blank=True)
    comuna = models.CharField(_("comuna"), max_length=100, default=_comuna_por_defecto)
    sector = models.CharField(_("sector o cerro"), max_length=100, blank=True)

    fecha_llegada_chile = models.DateField(_("fecha de llegada a Chile"), null=True, blank=True)
    situacion_migratoria = models.CharField(
        _("situación migratoria"),
        max_length=30,
        choices=SituacionMigratoria.choices,
        default=SituacionMigratoria.NO_INFORMA,
    )
    idiomas = models.JSONField(_("idiomas que habla"), default=list, blank=True)
    requiere_interprete = models.BooleanField(_("requiere intérprete"), default=False)

    # Vulnerability flags (priority attention).
    recien_llegada = models.BooleanField(_("recién llegada"), default=False)
    sin_documentos = models.BooleanField(_("sin documentos"), default=False)
    nna = models.BooleanField(_("niño, niña o adolescente"), default=False)
    nna_no_acompanado = models.BooleanField(_("NNA no acompañado"), default=False)
    embarazo = models.BooleanField(_("embarazo"), default=False)
    situacion_calle = models.BooleanField(_("situación de calle"), default=False)
    discapacidad = models.BooleanField(_("discapacidad"), default=False)
    violencia = models.BooleanField(_("víctima de violencia"), default=False)

    # Data-processing consent (Ley 21.719).
    consentimiento_fecha = models.DateTimeField(_("consentimiento registrado el"), null=True, blank=True)
    consentimiento_version = models.CharField(_("versión del aviso de privacidad"), max_length=20, blank=True)
    consentimiento_registrado_por = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consentimiento registrado por"),
    )
    # Data-subject rights (Ley 21.719): a blocked record is frozen; an anonymised one keeps only statistics.
    bloqueada = models.BooleanField(
        _("bloqueada"),
        default=False,
        help_text=_("Tratamiento suspendido: no se edita ni recibe nuevas atenciones o derivaciones."),
    )
    anonimizada_en = models.DateTimeField(_("anonimizada el"), null=True, blank=True, editable=False)

    # Optional SERMIG details.
    sermig_numero_solicitud = models.CharField(_("N° de solicitud SERMIG"), max_length=50, blank=True)
    sermig_fecha_solicitud = models.DateField(_("fecha de solicitud SERMIG"), null=True, blank=True)
    sermig_numero_resolucion = models.CharField(_("N° de resolución SERMIG"), max_length=50, blank=True)
    sermig_fecha_resolucion = models.DateField(_("fecha de resolución SERMIG"), null=True, blank=True)
    cedula_vencimiento = models.DateField(
        _("vencimiento de cédula"),
        null=True,
        blank=True,
        help_text=_(
            "Una cédula vencida sigue vigente mientras la residencia está en trámite (Ley 21.325, art. 43)."
        ),
    )

    # Optional social-protection data the office tracks.
    rsh_registrado = models.BooleanField(_("inscrita en el Registro Social de Hogares"), default=False)
    rsh_tramo = models.CharField(
        _("tramo RSH (calificación socioeconómica)"), max_length=3, choices=TramoRSH.choices, blank=True
    )
    fonasa_tramo = models.CharField(_("tramo FONASA"), max_length=1, choices=TramoFonasa.choices, blank=True)
    empadronamiento_biometrico_fecha = models.DateField(
        _("fecha de empadronamiento biométrico"), null=True, blank=True
    )

    hogar = models.ForeignKey(
        Hogar,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="miembros",
        verbose_name=_("hogar"),
    )
    relacion_hogar = models.CharField(
        _("relación con el hogar"), max_length=15, choices=RelacionHogar.choices, blank=True
    )
    tutor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tutelados",
        verbose_name=_("adulto responsable"),
    )

    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    creado_por = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("creado por")
    )
    modificado = models.DateTimeField(_("modificado"), auto_now=True)
    modificado_por = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("modificado por"),
    )
    # Search text (atenciones.busqueda): unaccented names, document, phone digits; set in clean().
    busqueda = models.CharField(_("texto de búsqueda"), max_length=500, blank=True, editable=False)
    # Sound-alike keys of the name words (atenciones.identidad), " JN BTST "; set in clean().
    claves = models.CharField(_("claves fonéticas"), max_length=300, blank=True, editable=False)
    # A merged record stays as a tombstone pointing at the record that absorbed it (services.fusion).
    fusionada_en = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="absorbidas",
        verbose_name=_("fusionada en"),
    )

    objects = PersonaQuerySet.as_manager()

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("personas")
        ordering = ["apellidos", "nombres"]
        # Bulk export of personal data from the admin: the office head only (migration 0004_i6).
        permissions = [
            ("exportar_datos", _("Puede exportar datos de personas, casos, atenciones y derivaciones"))
        ]
        indexes = [
            models.Index(fields=["apellidos", "nombres"], name="persona_apellidos_idx"),
            # Phone search and duplicate detection.
            models.Index(fields=["telefono"], name="persona_telefono_idx"),
            models.Index(fields=["creado"], name="persona_creado_idx"),
            # Candidates of typo-tolerant search and duplicate detection on SQLite; PostgreSQL
            # adds a trigram GIN index on the same column (migration 0006_i11).
            models.Index(fields=["claves"], name="persona_claves_idx"),
            # Duplicate detection: a shared name key and the same birth date.
            models.Index(fields=["fecha_nacimiento"], name="persona_nacimiento_idx"),
        ]
        constraints = [
            # One person per document: the first duplicate check at registration.
            models.UniqueConstraint(
                fields=["tipo_documento", "documento_numero"],
                condition=~Q(documento_numero=""),
                name="persona_documento_unico",
                violation_error_message=_("Ya existe una persona con ese documento."),
            ),
            models.CheckConstraint(
                condition=~Q(nombres=""),
                name="persona_con_nombre",
                violation_error_message=_("Indique al menos un nombre."),
            ),
            # A number needs a document type, and "without document" has no number.
            models.CheckConstraint(
                condition=(Q(tipo_documento=TipoDocumento.NINGUNO) & Q(documento_numero=""))
                | (~Q(tipo_documento=TipoDocumento.NINGUNO) & ~Q(documento_numero="")),
                name="persona_documento_coherente",
                violation_error_message=_("Indique el número del documento, o elija «Sin documento»."),
            ),
            # A RUN is stored normalised (the check digit is verified in clean()).
            models.CheckConstraint(
                condition=~Q(tipo_documento=TipoDocumento.RUN)
                | Q(documento_numero__regex=RUN_NORMALIZADO_REGEX),
                name="persona_run_normalizado",
                violation_error_message=_("El RUN no tiene un formato válido (ejemplo: 12.345.678-5)."),
            ),
        ]

    def __str__(self):
        return self.nombre_completo

    @property
    def activa(self) -> bool:
        """See PersonaQuerySet.q_activas."""
        return self.anonimizada_en is None and not self.bloqueada

    @property
    def nombre_completo(self):
        return " ".join(p for p in (self.nombres, self.apellidos) if p)

    @property
    def nombre_para_mostrar(self):
        """The social name first, when the person has one."""
        if self.nombre_social:
            return f"{self.nombre_social} {self.apellidos}".strip()
        return self.nombre_completo

    @property
    def es_lapida(self):
        """A record merged into another one: its pages redirect to the survivor."""
        return self.fusionada_en_id is not None

    @property
    def documento_display(self):
        return formatear_documento(self.tipo_documento, self.documento_numero)

    def edad(self, hoy=None):
        if not self.fecha_nacimiento:
            return None
        hoy = hoy or timezone.localdate()
        nac = self.fecha_nacimiento
        return hoy.year - nac.year - ((hoy.month, hoy.day) < (nac.month, nac.day))

    @property
    def banderas(self):
        """Labels of the vulnerability flags that are set."""
        return [
            cast(models.Field, self._meta.get_field(nombre)).verbose_name
            for nombre in BANDERAS
            if getattr(self, nombre)
        ]

    def idiomas_display(self):
        etiquetas = dict(Idioma.choices)
        return [etiquetas.get(codigo, codigo) for codigo in self.idiomas]

    def clean(self):
        super().clean()
        errores: dict[str, Any] = {}
        self.nombres = (self.nombres or "").strip()
        self.apellidos = (self.apellidos or "").strip()
        self.telefono = normalizar_telefono(self.telefono)
        if not self.nombres:
            errores["nombres"] = _("Indique al menos un nombre.")
        if self.tipo_documento == TipoDocumento.NINGUNO:
            if self.documento_numero:
                errores["documento_numero"] = _("Elija el tipo de documento, o deje el número vacío.")
        elif not self.documento_numero:
            errores["documento_numero"] = _("Indique el número del documento, o elija «Sin documento».")
        else:
            # RUN check digit, passport characters (atenciones.documentos.validar_documento).
            try:
                validar_documento(self.tipo_documento, self.documento_numero)
            except ValidationError as exc:
                errores["documento_numero"] = exc.messages
        self.documento_numero = normalizar_documento(self.tipo_documento, self.documento_numero)
        hoy = timezone.localdate()
        if self.fecha_nacimiento:
            if self.fecha_nacimiento > hoy:
                errores["fecha_nacimiento"] = _("La fecha de nacimiento no puede estar en el futuro.")
            elif self.fecha_nacimiento < hoy.replace(year=hoy.year - 120):
                errores["fecha_nacimiento"] = _("La fecha de nacimiento no es plausible (más de 120 años).")
        if self.fecha_llegada_chile and self.fecha_llegada_chile > hoy:
            errores["fecha_llegada_chile"] = _("La fecha de llegada no puede estar en el futuro.")
        if self.tutor_id and self.tutor_id == self.pk:
            errores["tutor"] = _("Una persona no puede ser su propio adulto responsable.")
        # A blocked record (Ley 21.719) stays frozen in every form, the admin's included; unticking
        # "bloqueada" is the only change let through.
        if self.pk and self.bloqueada and Persona.objects.filter(pk=self.pk, bloqueada=True).exists():
            errores[NON_FIELD_ERRORS] = _(
                "El registro está bloqueado por una solicitud de derechos: no se puede editar mientras siga bloqueado."
            )
        self.busqueda = texto_busqueda(self)
        if self.pk:
            # Past documents stay searchable (a person is found by any document they held).
            otros = [
                n.lower()
                for n in self.documentos.exclude(numero=self.documento_numero).values_list(
                    "numero", flat=True
                )
            ]
            if otros:
                self.busqueda = f"{self.busqueda} {' '.join(otros)}"[:500]
        self.claves = claves_persona(self)
        if errores:
            raise ValidationError(errores)

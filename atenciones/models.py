"""The casework: persons, households, cases, attentions, referrals and their events."""

import datetime

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from oficina.choices import Area, Idioma, Tema
from oficina.models import Departamento, Organizacion

from .busqueda import texto_busqueda
from .choices import (
    Canal,
    EstadoCaso,
    EstadoDerivacion,
    Genero,
    MotivoCierre,
    MotivoRechazo,
    Prioridad,
    RelacionHogar,
    ResultadoSeguimiento,
    Sexo,
    SituacionMigratoria,
    TipoDocumento,
)
from .documentos import (
    RUN_NORMALIZADO_REGEX,
    formatear_documento,
    normalizar_documento,
    normalizar_telefono,
    validar_run,
)

User = settings.AUTH_USER_MODEL


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


class Persona(models.Model):
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
    def nombre_completo(self):
        return " ".join(p for p in (self.nombres, self.apellidos) if p)

    @property
    def nombre_para_mostrar(self):
        """The social name first, when the person has one."""
        if self.nombre_social:
            return f"{self.nombre_social} {self.apellidos}".strip()
        return self.nombre_completo

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
            self._meta.get_field(nombre).verbose_name
            for nombre in (
                "recien_llegada",
                "sin_documentos",
                "nna",
                "nna_no_acompanado",
                "embarazo",
                "situacion_calle",
                "discapacidad",
                "violencia",
            )
            if getattr(self, nombre)
        ]

    def idiomas_display(self):
        etiquetas = dict(Idioma.choices)
        return [etiquetas.get(codigo, codigo) for codigo in self.idiomas]

    def clean(self):
        super().clean()
        errores = {}
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
        elif self.tipo_documento == TipoDocumento.RUN:
            try:
                validar_run(self.documento_numero)
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
        if errores:
            raise ValidationError(errores)


class Caso(models.Model):
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

    class Meta:
        verbose_name = _("caso")
        verbose_name_plural = _("casos")
        ordering = ["-abierto_en", "-id"]
        indexes = [
            # "Mis casos abiertos" and the case list filtered by professional.
            models.Index(fields=["asignado_a", "estado"], name="caso_asignado_estado_idx"),
            models.Index(fields=["estado", "fecha_seguimiento"], name="caso_estado_seguimiento_idx"),
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


class Atencion(models.Model):
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
            models.Index(fields=["profesional", "fecha_seguimiento"], name="atencion_seguimiento_idx"),
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
        if self.caso_id and self.persona_id and self.caso.persona_id != self.persona_id:
            raise ValidationError({"caso": _("El caso pertenece a otra persona.")})


class AtencionTema(models.Model):
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


class Derivacion(models.Model):
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
    modificado = models.DateTimeField(_("modificado"), auto_now=True)

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
            models.Index(fields=["estado", "fecha_limite"], name="derivacion_vencidas_idx"),
            models.Index(fields=["persona", "-fecha_envio"], name="derivacion_persona_idx"),
            models.Index(fields=["fecha_envio"], name="derivacion_fecha_idx"),
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
    def abierta(self):
        return self.estado in (
            EstadoDerivacion.ENVIADA,
            EstadoDerivacion.RECIBIDA,
            EstadoDerivacion.EN_ATENCION,
        )

    @property
    def vencida(self):
        return self.abierta and self.fecha_limite < timezone.localdate()

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


class SoloAgregar(models.Model):
    """Append-only rows: written once, never changed or deleted through a model instance."""

    mensaje_no_se_modifica = _("Este registro no se modifica.")
    mensaje_no_se_borra = _("Este registro no se borra.")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(self.mensaje_no_se_modifica)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(self.mensaje_no_se_borra)


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


class CorreoSaliente(models.Model):
    """Outbox: every notification is recorded before it is sent, so a failed send is retried."""

    class Tipo(models.TextChoices):
        NUEVA = "nueva", _("Nueva derivación")
        RESPUESTA = "respuesta", _("Derivación resuelta o rechazada")
        RECORDATORIO = "recordatorio", _("Recordatorio diario")

    tipo = models.CharField(_("tipo"), max_length=15, choices=Tipo.choices)
    # Set for the daily reminders: one per recipient and day ("recordatorio:<user id>:<date>").
    clave = models.CharField(_("clave"), max_length=80, unique=True, null=True, blank=True)
    destinatarios = models.JSONField(_("destinatarios"), default=list)
    asunto = models.CharField(_("asunto"), max_length=250)
    cuerpo = models.TextField(_("cuerpo"))
    derivacion = models.ForeignKey(
        Derivacion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correos",
        verbose_name=_("derivación"),
    )
    creado = models.DateTimeField(_("creado"), default=timezone.now)
    enviado = models.DateTimeField(_("enviado"), null=True, blank=True)
    intentos = models.PositiveSmallIntegerField(_("intentos"), default=0)
    ultimo_error = models.TextField(_("último error"), blank=True)

    class Meta:
        verbose_name = _("correo saliente")
        verbose_name_plural = _("correos salientes")
        ordering = ["creado", "id"]
        indexes = [
            # reintentar_correos: the pending ones, oldest first.
            models.Index(fields=["creado"], condition=Q(enviado__isnull=True), name="correo_pendiente_idx"),
        ]

    def __str__(self):
        return f"{self.get_tipo_display()}: {self.asunto}"


# --- Data protection (Ley 21.719): access log, data-subject requests, breach register ---


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
    def abierta(self):
        return self.estado in (self.Estado.RECIBIDA, self.Estado.EN_CURSO)

    @property
    def vencida(self):
        return self.abierta and self.vence_el is not None and self.vence_el < timezone.localdate()

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

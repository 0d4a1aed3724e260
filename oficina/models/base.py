"""The office and its public face: departments, support network, programs, trainings, guides."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import Area, CampoPersona, Idioma, IdiomaPublico, Tema
from ..plazos import sumar_plazo


def validar_campos_persona(valor: object) -> None:
    """A list of CampoPersona values."""
    from django.core.exceptions import ValidationError

    if not isinstance(valor, list) or any(v not in CampoPersona.values for v in valor):
        raise ValidationError(
            _("Elija datos de la lista: %(opciones)s.") % {"opciones": ", ".join(CampoPersona.values)}
        )


class DestinoDerivacion(models.Model):
    """What departments and organisations share as referral destinations."""

    nombre = models.CharField(_("nombre"), max_length=200)
    sigla = models.CharField(_("sigla"), max_length=30, blank=True)
    email = models.EmailField(_("correo para derivaciones"), blank=True)
    telefono = models.CharField(_("teléfono"), max_length=50, blank=True)
    direccion = models.CharField(_("dirección"), max_length=250, blank=True)
    horario = models.CharField(_("horario de atención"), max_length=250, blank=True)
    plazo_respuesta_dias = models.PositiveSmallIntegerField(
        _("plazo de respuesta (días)"), default=5, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    plazo_en_dias_habiles = models.BooleanField(
        _("plazo en días hábiles"),
        default=True,
        help_text=_("Si está marcado, el plazo no cuenta sábados, domingos ni feriados de Chile."),
    )

    # Person fields its receivers see beyond the minimum (oficina.choices.CampoPersona): set by the
    # office head per destination, empty (minimal) by default.
    campos_persona = models.JSONField(
        _("datos de la persona que ve"),
        default=list,
        blank=True,
        validators=[validar_campos_persona],
        help_text=_(
            "Además del nombre, teléfono, correo, idiomas e intérprete. Solo lo que el destino necesita."
        ),
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.sigla or self.nombre

    def fecha_limite(self, desde: datetime.date) -> datetime.date:
        """Due date for a referral sent on `desde` (a date)."""
        return sumar_plazo(desde, self.plazo_respuesta_dias, habiles=self.plazo_en_dias_habiles)


class Departamento(DestinoDerivacion):
    area = models.CharField(_("área"), max_length=20, choices=Area.choices)
    activo = models.BooleanField(_("activo"), default=True)

    class Meta:
        verbose_name = _("departamento")
        verbose_name_plural = _("departamentos")
        ordering = ["nombre"]
        constraints = [
            # One department per name: the seed and the admin look departments up by name.
            models.UniqueConstraint(fields=["nombre"], name="departamento_nombre_unico"),
        ]


class Organizacion(DestinoDerivacion):
    class Tipo(models.TextChoices):
        ONG = "ong", _("ONG")
        FUNDACION = "fundacion", _("Fundación")
        AGENCIA_ONU = "agencia_onu", _("Agencia de Naciones Unidas")
        SERVICIO_PUBLICO = "servicio_publico", _("Servicio público")
        CONSULADO = "consulado", _("Consulado")
        COMUNITARIA = "comunitaria", _("Organización comunitaria")
        MIGRANTE = "migrante", _("Organización migrante")
        CLINICA_JURIDICA = "clinica_juridica", _("Clínica jurídica")

    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    descripcion = models.TextField(_("descripción"), blank=True)
    comuna = models.CharField(_("comuna"), max_length=100, blank=True)
    web = models.URLField(_("sitio web"), blank=True)
    idiomas = models.JSONField(_("idiomas"), default=list, blank=True)
    publica = models.BooleanField(_("visible en el sitio público"), default=True)
    acepta_derivaciones = models.BooleanField(_("acepta derivaciones"), default=True)
    # Opt-in: the office agreed with the organisation to answer referrals through a signed link
    # sent to its email (issue #13). Without it, the office records the answers itself.
    responde_por_enlace = models.BooleanField(
        _("responde derivaciones por enlace"),
        default=False,
        help_text=_(
            "Si está marcado y la organización tiene correo, cada derivación le envía un enlace firmado "
            "para aceptarla, rechazarla o registrar el resultado sin cuenta."
        ),
    )
    activa = models.BooleanField(_("activa"), default=True)
    # Optional translations for the public directory; empty → the Spanish text is shown.
    descripcion_ht = models.TextField(_("descripción en kreyòl"), blank=True)
    descripcion_en = models.TextField(_("descripción en inglés"), blank=True)
    horario_ht = models.CharField(_("horario en kreyòl"), max_length=250, blank=True)
    horario_en = models.CharField(_("horario en inglés"), max_length=250, blank=True)
    whatsapp = models.CharField(_("WhatsApp"), max_length=50, blank=True)
    verificada = models.DateField(
        _("datos verificados el"),
        null=True,
        blank=True,
        help_text=_("Cuándo se confirmaron por última vez dirección, teléfono y horario con la institución."),
    )

    # Texts with optional `_ht` / `_en` columns (see oficina.traducciones).
    campos_traducibles = ("descripcion", "horario")

    class Meta:
        verbose_name = _("organización")
        verbose_name_plural = _("organizaciones")
        ordering = ["nombre"]
        constraints = [
            models.UniqueConstraint(fields=["nombre"], name="organizacion_nombre_unico"),
        ]

    def idiomas_display(self) -> list[str]:
        etiquetas = dict(Idioma.choices)
        return [etiquetas.get(codigo, codigo) for codigo in self.idiomas]


class Servicio(models.Model):
    """A service an organisation offers (after the Human Services Data Specification)."""

    organizacion = models.ForeignKey(
        Organizacion, on_delete=models.CASCADE, related_name="servicios", verbose_name=_("organización")
    )
    nombre = models.CharField(_("nombre"), max_length=200)
    area = models.CharField(_("área"), max_length=20, choices=Area.choices)
    descripcion = models.TextField(_("descripción"), blank=True)
    elegibilidad = models.TextField(_("a quién atiende"), blank=True)
    documentos_requeridos = models.TextField(_("documentos requeridos"), blank=True)
    idiomas = models.JSONField(_("idiomas"), default=list, blank=True)
    horario = models.CharField(_("horario"), max_length=250, blank=True)
    costo = models.CharField(_("costo"), max_length=200, blank=True, help_text=_("Por ejemplo: gratuito."))
    # Optional translations for the public directory; empty → the Spanish text is shown.
    descripcion_ht = models.TextField(_("descripción en kreyòl"), blank=True)
    descripcion_en = models.TextField(_("descripción en inglés"), blank=True)
    elegibilidad_ht = models.TextField(_("a quién atiende, en kreyòl"), blank=True)
    elegibilidad_en = models.TextField(_("a quién atiende, en inglés"), blank=True)
    documentos_requeridos_ht = models.TextField(_("documentos requeridos, en kreyòl"), blank=True)
    documentos_requeridos_en = models.TextField(_("documentos requeridos, en inglés"), blank=True)
    horario_ht = models.CharField(_("horario en kreyòl"), max_length=250, blank=True)
    horario_en = models.CharField(_("horario en inglés"), max_length=250, blank=True)
    nombre_ht = models.CharField(_("nombre en kreyòl"), max_length=200, blank=True)
    nombre_en = models.CharField(_("nombre en inglés"), max_length=200, blank=True)
    costo_ht = models.CharField(_("costo en kreyòl"), max_length=200, blank=True)
    costo_en = models.CharField(_("costo en inglés"), max_length=200, blank=True)

    campos_traducibles = (
        "nombre",
        "descripcion",
        "elegibilidad",
        "documentos_requeridos",
        "horario",
        "costo",
    )

    class Meta:
        verbose_name = _("servicio")
        verbose_name_plural = _("servicios")
        ordering = ["organizacion__nombre", "nombre"]
        indexes = [
            # Directory and referral form: organisations offering a service in an area.
            models.Index(fields=["area", "organizacion"], name="servicio_area_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.nombre} ({self.organizacion})"


class Membresia(models.Model):
    """Ties a user (a department liaison) to a department."""

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membresias",
        verbose_name=_("usuario"),
    )
    departamento = models.ForeignKey(
        Departamento, on_delete=models.CASCADE, related_name="membresias", verbose_name=_("departamento")
    )
    activa = models.BooleanField(_("activa"), default=True)
    desde = models.DateField(_("desde"), auto_now_add=True)

    class Meta:
        verbose_name = _("membresía de departamento")
        verbose_name_plural = _("membresías de departamento")
        constraints = [
            models.UniqueConstraint(fields=["usuario", "departamento"], name="membresia_unica"),
        ]

    def __str__(self) -> str:
        return f"{self.usuario} → {self.departamento}"


class Programa(models.Model):
    nombre = models.CharField(_("nombre"), max_length=200)
    area = models.CharField(_("área"), max_length=20, choices=Area.choices)
    descripcion = models.TextField(_("descripción"), blank=True)
    organizacion = models.ForeignKey(
        Organizacion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programas",
        verbose_name=_("organización a cargo"),
        help_text=_("Vacío si es un programa de la propia oficina."),
    )
    activo = models.BooleanField(_("activo"), default=True)
    # Optional translations for the public calendar; empty → the Spanish text is shown.
    nombre_ht = models.CharField(_("nombre en kreyòl"), max_length=200, blank=True)
    nombre_en = models.CharField(_("nombre en inglés"), max_length=200, blank=True)
    descripcion_ht = models.TextField(_("descripción en kreyòl"), blank=True)
    descripcion_en = models.TextField(_("descripción en inglés"), blank=True)

    campos_traducibles = ("nombre", "descripcion")

    class Meta:
        verbose_name = _("programa")
        verbose_name_plural = _("programas")
        ordering = ["nombre"]

    def __str__(self) -> str:
        return self.nombre


class Actividad(models.Model):
    programa = models.ForeignKey(
        Programa, on_delete=models.PROTECT, related_name="actividades", verbose_name=_("programa")
    )
    titulo = models.CharField(_("título"), max_length=200)
    descripcion = models.TextField(_("descripción"), blank=True)
    inicio = models.DateTimeField(_("inicio"))
    fin = models.DateTimeField(_("término"), null=True, blank=True)
    lugar = models.CharField(_("lugar"), max_length=250, blank=True)
    publica = models.BooleanField(_("visible en el calendario público"), default=True)
    asistentes = models.PositiveIntegerField(_("asistentes"), null=True, blank=True)
    # Optional translations for the public calendar; empty → the Spanish text is shown.
    titulo_ht = models.CharField(_("título en kreyòl"), max_length=200, blank=True)
    titulo_en = models.CharField(_("título en inglés"), max_length=200, blank=True)
    descripcion_ht = models.TextField(_("descripción en kreyòl"), blank=True)
    descripcion_en = models.TextField(_("descripción en inglés"), blank=True)

    campos_traducibles = ("titulo", "descripcion")

    class Meta:
        verbose_name = _("actividad")
        verbose_name_plural = _("actividades")
        ordering = ["inicio"]
        indexes = [
            # Public calendar: upcoming public activities in date order.
            models.Index(fields=["publica", "inicio"], name="actividad_calendario_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(fin__isnull=True) | Q(fin__gte=models.F("inicio")),
                name="actividad_fin_despues_de_inicio",
                violation_error_message=_("El término no puede ser anterior al inicio."),
            ),
        ]

    def __str__(self) -> str:
        return self.titulo


class Capacitacion(models.Model):
    """A staff training session: evidence for the Sello Migrante."""

    titulo = models.CharField(_("título"), max_length=200)
    fecha = models.DateField(_("fecha"))
    tema = models.CharField(_("tema"), max_length=20, choices=Tema.choices, blank=True)
    relator = models.CharField(_("relator/a"), max_length=200, blank=True)
    horas = models.DecimalField(_("horas"), max_digits=4, decimal_places=1, default=2)
    descripcion = models.TextField(_("descripción"), blank=True)

    class Meta:
        verbose_name = _("capacitación")
        verbose_name_plural = _("capacitaciones")
        ordering = ["-fecha"]

    def __str__(self) -> str:
        return f"{self.titulo} ({self.fecha:%d-%m-%Y})"


class AsistenteCapacitacion(models.Model):
    capacitacion = models.ForeignKey(
        Capacitacion, on_delete=models.CASCADE, related_name="asistentes", verbose_name=_("capacitación")
    )
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="capacitaciones",
        verbose_name=_("usuario"),
    )
    nombre = models.CharField(_("nombre"), max_length=200)
    departamento = models.ForeignKey(
        Departamento, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("departamento")
    )
    evaluacion = models.PositiveSmallIntegerField(
        _("evaluación (1 a 7)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
    )

    class Meta:
        verbose_name = _("asistente a capacitación")
        verbose_name_plural = _("asistentes a capacitación")
        constraints = [
            models.CheckConstraint(
                condition=Q(evaluacion__isnull=True) | Q(evaluacion__gte=1, evaluacion__lte=7),
                name="asistente_evaluacion_1_a_7",
                violation_error_message=_("La evaluación va de 1 a 7."),
            ),
        ]

    def __str__(self) -> str:
        return self.nombre


class PaginaInformativa(models.Model):
    """A public guide in one language; translations share `clave`."""

    clave = models.SlugField(
        _("clave"), max_length=80, help_text=_("La misma en todos los idiomas de la guía.")
    )
    idioma = models.CharField(_("idioma"), max_length=5, choices=IdiomaPublico.choices)
    tema = models.CharField(_("tema"), max_length=20, choices=Tema.choices, blank=True)
    titulo = models.CharField(_("título"), max_length=200)
    resumen = models.CharField(_("resumen"), max_length=400, blank=True)
    cuerpo = models.TextField(_("contenido"), help_text=_("Texto en formato Markdown."))
    orden = models.PositiveSmallIntegerField(_("orden"), default=100)
    publicada = models.BooleanField(_("publicada"), default=True)
    actualizada = models.DateTimeField(_("actualizada"), auto_now=True)

    class Meta:
        verbose_name = _("página informativa")
        verbose_name_plural = _("páginas informativas")
        ordering = ["orden", "titulo"]
        constraints = [
            models.UniqueConstraint(fields=["clave", "idioma"], name="pagina_clave_idioma_unica"),
        ]

    def __str__(self) -> str:
        return f"{self.titulo} [{self.idioma}]"

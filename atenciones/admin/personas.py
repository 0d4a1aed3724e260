"""Admin for households and persons."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from ..busqueda import filtrar_personas
from ..models import Atencion, Caso, Derivacion, Hogar, Persona
from .exportacion import ExportarMixin
from .filtros import NacionalidadFilter
from .inlines import InlineSoloLectura
from .listas import AdminRapido

# --- households -------------------------------------------------------------------------------------


class MiembroInline(InlineSoloLectura):
    model = Persona
    fk_name = "hogar"
    fields = ["nombres", "apellidos", "relacion_hogar", "fecha_nacimiento"]
    limite = 30
    verbose_name_plural = _("miembros del hogar")


@admin.register(Hogar)
class HogarAdmin(AdminRapido):
    list_display = ["nombre", "direccion", "creado"]
    search_fields = ["nombre", "direccion"]
    date_hierarchy = "creado"
    readonly_fields = ["creado", "creado_por"]
    inlines = [MiembroInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.creado_por = request.user
        super().save_model(request, obj, form, change)


# --- persons ----------------------------------------------------------------------------------------


class AtencionDePersonaInline(InlineSoloLectura):
    model = Atencion
    fields = ["fecha_hora", "canal", "lista_temas", "profesional", "caso"]
    select_related = ["profesional", "caso__persona"]
    prefetch_related = ["temas"]
    verbose_name_plural = _("últimas atenciones (hasta 10)")

    @admin.display(description=_("temas"))
    def lista_temas(self, obj):
        return ", ".join(str(t) for t in obj.temas.all())


class CasoDePersonaInline(InlineSoloLectura):
    model = Caso
    fields = ["area", "estado", "prioridad", "asignado_a", "abierto_en", "cerrado_en"]
    select_related = ["asignado_a"]
    verbose_name_plural = _("últimos casos (hasta 10)")


class DerivacionDePersonaInline(InlineSoloLectura):
    model = Derivacion
    fields = ["codigo", "destino", "tema", "estado", "fecha_envio", "fecha_limite"]
    select_related = ["departamento", "organizacion"]
    verbose_name_plural = _("últimas derivaciones (hasta 10)")

    @admin.display(description=_("destino"))
    def destino(self, obj):
        return obj.destino


def _banderas(p):
    return ", ".join(str(b) for b in p.banderas)


@admin.register(Persona)
class PersonaAdmin(ExportarMixin, AdminRapido):
    list_display = [
        "nombre",
        "documento_display",
        "pais",
        "situacion_migratoria",
        "hogar",
        "creado",
    ]
    list_select_related = ["hogar"]
    list_filter = [
        NacionalidadFilter,
        "situacion_migratoria",
        "sexo",
        "requiere_interprete",
        "recien_llegada",
        "sin_documentos",
        "nna",
        "situacion_calle",
        "violencia",
        # Ley 21.719: persons without recorded consent ("vacío"), blocked records.
        ("consentimiento_fecha", admin.EmptyFieldListFilter),
        "bloqueada",
        ("creado", admin.DateFieldListFilter),
    ]
    search_fields = ["nombres", "apellidos", "nombre_social", "=documento_numero", "telefono"]
    date_hierarchy = "creado"
    autocomplete_fields = ["hogar", "tutor"]

    @admin.display(description=_("nacionalidad"), ordering="nacionalidad")
    def pais(self, obj):
        # Country.name directly: the generic display rebuilds 250 country choices on every row.
        return obj.nacionalidad.name if obj.nacionalidad else "—"

    def get_search_results(self, request, queryset, search_term):
        # The staff search (accent-insensitive, any word order, document with or without dots,
        # trigram index on PostgreSQL) instead of ORed icontains scans over five columns.
        if not search_term.strip():
            return queryset, False
        return filtrar_personas(queryset, search_term), False

    readonly_fields = [
        "historial",
        "consentimiento_fecha",
        "consentimiento_version",
        "consentimiento_registrado_por",
        "creado",
        "creado_por",
        "modificado",
        "modificado_por",
    ]
    inlines = [CasoDePersonaInline, DerivacionDePersonaInline, AtencionDePersonaInline]
    actions = ["exportar_seleccion"]
    fieldsets = [
        (None, {"fields": ["historial"]}),
        (
            _("Identificación"),
            {
                "fields": [
                    ("nombres", "apellidos"),
                    "nombre_social",
                    ("fecha_nacimiento", "fecha_nacimiento_aproximada"),
                    ("sexo", "genero"),
                    ("tipo_documento", "documento_numero"),
                ]
            },
        ),
        (
            _("Nacionalidad y situación migratoria"),
            {
                "fields": [
                    ("nacionalidad", "pais_nacimiento"),
                    "otras_nacionalidades",
                    ("situacion_migratoria", "fecha_llegada_chile"),
                    ("idiomas", "requiere_interprete"),
                ]
            },
        ),
        (_("Contacto"), {"fields": [("telefono", "email"), "direccion", ("comuna", "sector")]}),
        (
            _("Situaciones de vulnerabilidad"),
            {
                "fields": [
                    ("recien_llegada", "sin_documentos", "situacion_calle"),
                    ("nna", "nna_no_acompanado", "embarazo"),
                    ("discapacidad", "violencia"),
                ]
            },
        ),
        (_("Hogar"), {"fields": [("hogar", "relacion_hogar"), "tutor"]}),
        (
            _("Datos SERMIG"),
            {
                "classes": ["collapse"],
                "fields": [
                    ("sermig_numero_solicitud", "sermig_fecha_solicitud"),
                    ("sermig_numero_resolucion", "sermig_fecha_resolucion"),
                    "cedula_vencimiento",
                ],
            },
        ),
        (
            _("Registro"),
            {
                "classes": ["collapse"],
                "fields": [
                    ("consentimiento_fecha", "consentimiento_version", "consentimiento_registrado_por"),
                    ("creado", "creado_por"),
                    ("modificado", "modificado_por"),
                ],
            },
        ),
    ]

    columnas_exportar = [
        (_("id"), lambda p: p.pk),
        (_("nombres"), lambda p: p.nombres),
        (_("apellidos"), lambda p: p.apellidos),
        (_("nombre social"), lambda p: p.nombre_social),
        (_("fecha de nacimiento"), lambda p: p.fecha_nacimiento),
        (_("sexo"), lambda p: p.get_sexo_display()),
        (_("género"), lambda p: p.get_genero_display()),
        (_("nacionalidad"), lambda p: p.nacionalidad.name if p.nacionalidad else ""),
        (_("tipo de documento"), lambda p: p.get_tipo_documento_display()),
        (_("documento"), lambda p: p.documento_display),
        (_("teléfono"), lambda p: p.telefono),
        (_("correo electrónico"), lambda p: p.email),
        (_("dirección"), lambda p: p.direccion),
        (_("comuna"), lambda p: p.comuna),
        (_("sector o cerro"), lambda p: p.sector),
        (_("fecha de llegada a Chile"), lambda p: p.fecha_llegada_chile),
        (_("situación migratoria"), lambda p: p.get_situacion_migratoria_display()),
        (_("idiomas"), lambda p: ", ".join(str(i) for i in p.idiomas_display())),
        (_("requiere intérprete"), lambda p: p.requiere_interprete),
        (_("hogar"), lambda p: str(p.hogar) if p.hogar_id else ""),
        (_("creado"), lambda p: p.creado),
    ]
    # Sensitive data (Ley 21.719): only when the office head asks for it.
    columnas_notas = [
        (_("situaciones de vulnerabilidad"), _banderas),
        (_("N° de solicitud SERMIG"), lambda p: p.sermig_numero_solicitud),
        (_("N° de resolución SERMIG"), lambda p: p.sermig_numero_resolucion),
    ]
    exportar_select_related = ["hogar"]

    @admin.display(description=_("nombre"), ordering="apellidos")
    def nombre(self, obj):
        return obj.nombre_para_mostrar

    @admin.display(description=_("documento"))
    def documento_display(self, obj):
        return obj.documento_display

    @admin.display(description=_("historial completo"))
    def historial(self, obj):
        if not obj.pk:
            return "—"
        enlaces = [
            (reverse(f"admin:atenciones_{modelo}_changelist") + f"?persona__id__exact={obj.pk}", etiqueta)
            for modelo, etiqueta in (
                ("atencion", _("Todas sus atenciones")),
                ("caso", _("Todos sus casos")),
                ("derivacion", _("Todas sus derivaciones")),
            )
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', enlaces)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.creado_por = request.user
        obj.modificado_por = request.user
        super().save_model(request, obj, form, change)

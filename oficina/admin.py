from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.contrib import admin
from django.db.models import Count, Exists, Field, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from atenciones.models import DerivacionQuerySet

from . import traducciones
from .models import (
    Actividad,
    AsistenteCapacitacion,
    Capacitacion,
    Departamento,
    Membresia,
    Organizacion,
    PaginaInformativa,
    Programa,
    Servicio,
)

admin.site.site_header = f"{settings.OFICINA_NOMBRE} · {settings.COMUNA}"
admin.site.site_title = settings.OFICINA_NOMBRE
admin.site.index_title = _("Administración de la oficina")


class MembresiaInline(admin.TabularInline):
    model = Membresia
    extra = 0
    autocomplete_fields = ["usuario"]


if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]  # what ConDerivacionesPendientes is mixed into
else:
    _ModelAdmin = object


class ConDerivacionesPendientes(_ModelAdmin):
    """List columns: the destination's open referrals and how many are overdue (one query)."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        abiertas = DerivacionQuerySet.q_abiertas("derivaciones__")
        vencidas = DerivacionQuerySet.q_vencidas(prefijo="derivaciones__")
        return (
            super()
            .get_queryset(request)
            .annotate(
                # distinct: a filter on services joins more rows per organisation.
                n_abiertas=Count("derivaciones", filter=abiertas, distinct=True),
                n_vencidas=Count(
                    "derivaciones",
                    filter=vencidas,
                    distinct=True,
                ),
            )
        )

    @admin.display(description=_("derivaciones abiertas"), ordering="n_abiertas")
    def abiertas(self, obj: Any) -> int:
        return obj.n_abiertas

    @admin.display(description=_("vencidas"), ordering="n_vencidas")
    def vencidas(self, obj: Any) -> int:
        return obj.n_vencidas


class FaltaTraduccionFilter(admin.SimpleListFilter):
    """Rows with a Spanish public text that has no Creole (or English) translation yet."""

    title = _("traducción")
    parameter_name = "traduccion"

    def __init__(self, request: HttpRequest, params: dict[str, Any], model: Any, model_admin: Any) -> None:
        self.model_admin = model_admin  # it knows how this model's translations are found
        super().__init__(request, params, model, model_admin)

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("falta_ht", _("falta kreyòl")), ("falta_en", _("falta inglés")), ("completa", _("completa"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        valor = self.value() or ""
        if valor in {"falta_ht", "falta_en"}:
            return queryset.filter(self.model_admin.q_falta_traduccion(valor[-2:]))
        if self.value() == "completa":
            falta = Q(pk__in=[])
            for idioma in traducciones.IDIOMAS_TRADUCCION:
                falta |= self.model_admin.q_falta_traduccion(idioma)
            return queryset.exclude(falta)
        return queryset


class EstadoTraduccion(_ModelAdmin):
    """List column, filter and change-form line: which public texts lack their Creole or English."""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        return [*super().get_readonly_fields(request, obj), "estado_traduccion"]

    def q_falta_traduccion(self, idioma: str) -> Q:
        return traducciones.q_falta(self.model, idioma)

    def faltantes(self, obj: Any, idioma: str) -> list[str]:
        return [
            str(cast(Field, self.model._meta.get_field(c)).verbose_name)
            for c in traducciones.faltantes(obj, idioma)
        ]

    @admin.display(description=_("traducción"))
    def estado_traduccion(self, obj: Any) -> str:
        partes = []
        for idioma, nombre in (("ht", _("falta kreyòl")), ("en", _("falta inglés"))):
            if faltan := self.faltantes(obj, idioma):
                partes.append(f"{nombre}: {', '.join(faltan)}")
        return " · ".join(partes) or str(_("completa"))


@admin.register(Departamento)
class DepartamentoAdmin(ConDerivacionesPendientes, admin.ModelAdmin):
    list_display = [
        "nombre",
        "sigla",
        "area",
        "email",
        "plazo_respuesta_dias",
        "plazo_en_dias_habiles",
        "activo",
        "abiertas",
        "vencidas",
    ]
    list_filter = ["area", "activo"]
    search_fields = ["nombre", "sigla"]
    inlines = [MembresiaInline]


class ServicioInline(admin.StackedInline):
    model = Servicio
    extra = 0


@admin.register(Organizacion)
class OrganizacionAdmin(EstadoTraduccion, ConDerivacionesPendientes, admin.ModelAdmin):
    list_display = [
        "nombre",
        "sigla",
        "tipo",
        "publica",
        "acepta_derivaciones",
        "activa",
        "verificada",
        "abiertas",
        "vencidas",
        "estado_traduccion",
    ]
    list_filter = [
        "tipo",
        "publica",
        "acepta_derivaciones",
        "activa",
        "servicios__area",
        FaltaTraduccionFilter,
    ]
    search_fields = ["nombre", "sigla"]
    inlines = [ServicioInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        # The translation column reads every service's texts: one query for the page.
        return super().get_queryset(request).prefetch_related("servicios")

    def q_falta_traduccion(self, idioma: str) -> Q:
        """The organisation's own texts or any of its services' texts."""
        servicios = Servicio.objects.filter(organizacion=OuterRef("pk")).filter(
            traducciones.q_falta(Servicio, idioma)
        )
        return traducciones.q_falta(Organizacion, idioma) | Q(Exists(servicios))

    def faltantes(self, obj: Any, idioma: str) -> list[str]:
        propias = super().faltantes(obj, idioma)
        for servicio in obj.servicios.all():
            if campos := traducciones.faltantes(servicio, idioma):
                nombres = ", ".join(
                    str(cast(Field, Servicio._meta.get_field(c)).verbose_name) for c in campos
                )
                propias.append(f"{servicio.nombre} ({nombres})")
        return propias


@admin.register(Programa)
class ProgramaAdmin(EstadoTraduccion, admin.ModelAdmin):
    list_display = ["nombre", "area", "organizacion", "activo", "estado_traduccion"]
    list_filter = ["area", "activo", FaltaTraduccionFilter]
    list_select_related = ["organizacion"]
    search_fields = ["nombre"]
    autocomplete_fields = ["organizacion"]


@admin.register(Actividad)
class ActividadAdmin(EstadoTraduccion, admin.ModelAdmin):
    list_display = ["titulo", "programa", "inicio", "lugar", "publica", "asistentes", "estado_traduccion"]
    list_filter = ["publica", "programa__area", FaltaTraduccionFilter]
    list_select_related = ["programa"]
    search_fields = ["titulo", "lugar"]
    date_hierarchy = "inicio"
    autocomplete_fields = ["programa"]


class AsistenteInline(admin.TabularInline):
    model = AsistenteCapacitacion
    extra = 1
    autocomplete_fields = ["usuario", "departamento"]


@admin.register(Capacitacion)
class CapacitacionAdmin(admin.ModelAdmin):
    list_display = ["titulo", "fecha", "tema", "relator", "horas", "asistentes"]
    list_filter = ["tema"]
    search_fields = ["titulo", "relator"]
    date_hierarchy = "fecha"
    inlines = [AsistenteInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).annotate(n_asistentes=Count("asistentes"))

    @admin.display(description=_("asistentes"), ordering="n_asistentes")
    def asistentes(self, obj: Any) -> int:
        return obj.n_asistentes


@admin.register(PaginaInformativa)
class PaginaInformativaAdmin(admin.ModelAdmin):
    list_display = ["titulo", "clave", "idioma", "tema", "publicada", "actualizada"]
    list_filter = ["idioma", "publicada", "tema"]
    search_fields = ["titulo", "clave"]


@admin.register(Membresia)
class MembresiaAdmin(admin.ModelAdmin):
    list_display = ["usuario", "departamento", "activa", "desde"]
    list_filter = ["departamento", "activa"]
    list_select_related = ["usuario", "departamento"]
    autocomplete_fields = ["usuario", "departamento"]

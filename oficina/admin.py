from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

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


@admin.register(Departamento)
class DepartamentoAdmin(admin.ModelAdmin):
    list_display = [
        "nombre",
        "sigla",
        "area",
        "email",
        "plazo_respuesta_dias",
        "plazo_en_dias_habiles",
        "activo",
    ]
    list_filter = ["area", "activo"]
    search_fields = ["nombre", "sigla"]
    inlines = [MembresiaInline]


class ServicioInline(admin.StackedInline):
    model = Servicio
    extra = 0


@admin.register(Organizacion)
class OrganizacionAdmin(admin.ModelAdmin):
    list_display = ["nombre", "sigla", "tipo", "publica", "acepta_derivaciones", "activa"]
    list_filter = ["tipo", "publica", "acepta_derivaciones", "activa", "servicios__area"]
    search_fields = ["nombre", "sigla"]
    inlines = [ServicioInline]


@admin.register(Programa)
class ProgramaAdmin(admin.ModelAdmin):
    list_display = ["nombre", "area", "organizacion", "activo"]
    list_filter = ["area", "activo"]
    list_select_related = ["organizacion"]
    search_fields = ["nombre"]
    autocomplete_fields = ["organizacion"]


@admin.register(Actividad)
class ActividadAdmin(admin.ModelAdmin):
    list_display = ["titulo", "programa", "inicio", "lugar", "publica", "asistentes"]
    list_filter = ["publica", "programa__area"]
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
    list_display = ["titulo", "fecha", "tema", "relator", "horas"]
    list_filter = ["tema"]
    search_fields = ["titulo", "relator"]
    date_hierarchy = "fecha"
    inlines = [AsistenteInline]


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

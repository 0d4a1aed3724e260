"""Admin for persons, households, cases and attentions."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import Atencion, AtencionTema, Caso, Hogar, Persona


class MiembroInline(admin.TabularInline):
    model = Persona
    fk_name = "hogar"
    fields = ["nombres", "apellidos", "relacion_hogar", "fecha_nacimiento"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Hogar)
class HogarAdmin(admin.ModelAdmin):
    list_display = ["nombre", "direccion", "creado"]
    search_fields = ["nombre", "direccion"]
    inlines = [MiembroInline]


@admin.register(Persona)
class PersonaAdmin(admin.ModelAdmin):
    list_display = ["__str__", "documento_display", "nacionalidad", "situacion_migratoria", "creado"]
    list_filter = ["situacion_migratoria", "sexo", "requiere_interprete", "sin_documentos", "recien_llegada"]
    search_fields = ["nombres", "apellidos", "nombre_social", "documento_numero", "telefono"]
    date_hierarchy = "creado"
    autocomplete_fields = ["hogar", "tutor"]
    readonly_fields = ["creado", "creado_por", "modificado", "modificado_por"]
    show_full_result_count = False

    @admin.display(description=_("documento"))
    def documento_display(self, obj):
        return obj.documento_display


@admin.register(Caso)
class CasoAdmin(admin.ModelAdmin):
    list_display = ["id", "persona", "area", "estado", "prioridad", "asignado_a", "abierto_en", "cerrado_en"]
    list_filter = ["estado", "prioridad", "area"]
    list_select_related = ["persona", "asignado_a"]
    search_fields = ["persona__nombres", "persona__apellidos", "motivo"]
    date_hierarchy = "abierto_en"
    autocomplete_fields = ["persona", "asignado_a"]
    show_full_result_count = False


class AtencionTemaInline(admin.TabularInline):
    model = AtencionTema
    extra = 1


@admin.register(Atencion)
class AtencionAdmin(admin.ModelAdmin):
    list_display = ["fecha_hora", "persona", "canal", "profesional", "caso"]
    list_filter = ["canal", "temas__tema"]
    list_select_related = ["persona", "profesional"]
    search_fields = ["persona__nombres", "persona__apellidos"]
    date_hierarchy = "fecha_hora"
    autocomplete_fields = ["persona", "caso", "profesional"]
    inlines = [AtencionTemaInline]
    show_full_result_count = False

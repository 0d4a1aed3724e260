"""Admin for referrals and their append-only history."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import Derivacion, EventoDerivacion


class EventoInline(admin.TabularInline):
    model = EventoDerivacion
    fields = ["fecha", "estado_anterior", "estado_nuevo", "usuario", "nota"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Derivacion)
class DerivacionAdmin(admin.ModelAdmin):
    list_display = ["codigo", "persona", "destino", "tema", "estado", "fecha_envio", "fecha_limite"]
    list_filter = ["estado", "tema", "prioridad", "departamento", "organizacion"]
    list_select_related = ["persona", "departamento", "organizacion"]
    search_fields = ["codigo", "persona__nombres", "persona__apellidos"]
    date_hierarchy = "fecha_envio"
    autocomplete_fields = ["persona", "caso", "atencion", "departamento", "organizacion", "derivado_por"]
    # State fields are moved only by atenciones.services.cambiar_estado_derivacion.
    readonly_fields = ["codigo", "estado", "respuesta", "motivo_rechazo", "fecha_cierre", "fecha_limite"]
    inlines = [EventoInline]
    show_full_result_count = False

    @admin.display(description=_("destino"))
    def destino(self, obj):
        return obj.destino


@admin.register(EventoDerivacion)
class EventoDerivacionAdmin(admin.ModelAdmin):
    list_display = ["derivacion", "estado_anterior", "estado_nuevo", "usuario", "fecha"]
    list_filter = ["estado_nuevo"]
    list_select_related = ["derivacion", "usuario"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

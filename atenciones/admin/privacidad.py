"""Admin of data protection: access log, change history, data-subject requests, breach register.

All of it is for the office head only (and superusers). Audit rows are read-only for everyone.
"""

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from oficina.roles import es_encargada

from ..models import (
    Atencion,
    BrechaSeguridad,
    Caso,
    Derivacion,
    Persona,
    RegistroAcceso,
    SolicitudDerecho,
    SolicitudDerechoQuerySet,
)
from . import _seguro

# Every admin autocomplete widget: a non-id value is a form error, never a 500.
_seguro.instalar()


class SoloEncargadaMixin:
    """Visible to the office head only; nobody deletes."""

    def has_module_permission(self, request):
        return es_encargada(request.user)

    def has_view_permission(self, request, obj=None):
        return es_encargada(request.user)

    def has_add_permission(self, request, obj=None):
        return es_encargada(request.user)

    def has_change_permission(self, request, obj=None):
        return es_encargada(request.user)

    def has_delete_permission(self, request, obj=None):
        return False


class SoloLecturaMixin(SoloEncargadaMixin):
    """An audit trail: read by the office head, written only by the application."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class FiltroTexto(admin.SimpleListFilter):
    """A list filter typed in a text box (a person id), for lists too long to enumerate."""

    template = "admin/filtro_texto.html"

    def lookups(self, request, model_admin):
        return ()

    def has_output(self):
        return True

    def choices(self, changelist):
        otros = []
        for clave, valores in changelist.params.items():
            if clave == self.parameter_name:
                continue
            for valor in valores if isinstance(valores, list) else [valores]:
                otros.append((clave, valor))
        yield {
            "parametro": self.parameter_name,
            "valor": self.value() or "",
            "otros": otros,
            "inputmode": "numeric",
        }

    def entero(self):
        valor = (self.value() or "").strip()
        return int(valor) if valor.isascii() and valor.isdigit() and len(valor) < 19 else None


class PersonaIdFilter(FiltroTexto):
    title = _("persona (n° de ficha)")
    parameter_name = "persona"

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        pk = self.entero()
        return self.filtrar(queryset, pk) if pk is not None else queryset.none()

    def filtrar(self, queryset, pk: int):
        return queryset.filter(persona_id=pk)


@admin.register(RegistroAcceso)
class RegistroAccesoAdmin(SoloLecturaMixin, admin.ModelAdmin):
    list_display = ["fecha", "usuario", "accion", "persona_link", "objeto_tipo", "objeto_id", "detalle"]
    list_filter = [PersonaIdFilter, "accion", ("usuario", admin.RelatedOnlyFieldListFilter), "fecha"]
    list_select_related = ["usuario", "persona"]
    date_hierarchy = "fecha"
    search_fields = ["detalle", "usuario__username"]
    show_full_result_count = False
    fields = readonly_fields = (
        "fecha",
        "usuario",
        "accion",
        "persona",
        "objeto_tipo",
        "objeto_id",
        "detalle",
    )

    @admin.display(description=_("persona"), ordering="persona")
    def persona_link(self, obj):
        if obj.persona_id is None:
            return "—"
        return format_html(
            '<a href="?persona={}">{} (n° {})</a>', obj.persona_id, obj.persona, obj.persona_id
        )


class PersonaCambiosFilter(PersonaIdFilter):
    """Changes to a person and to their cases, attentions and referrals."""

    def filtrar(self, queryset, pk: int):
        tipos = ContentType.objects.get_for_models(Persona, Caso, Atencion, Derivacion)
        condicion = Q(content_type=tipos[Persona], object_pk=str(pk))
        for modelo in (Caso, Atencion, Derivacion):
            condicion |= Q(
                content_type=tipos[modelo], object_id__in=modelo.objects.filter(persona_id=pk).values("pk")
            )
        return queryset.filter(condicion)


admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class HistorialCambiosAdmin(SoloLecturaMixin, LogEntryAdmin):
    list_filter = [PersonaCambiosFilter, "action", ("actor", admin.RelatedOnlyFieldListFilter), "timestamp"]
    show_full_result_count = False


class VencidaFilter(admin.SimpleListFilter):
    title = _("plazo")
    parameter_name = "vencida"

    def lookups(self, request, model_admin):
        return [("si", _("Vencidas (abiertas, fuera de plazo)")), ("no", _("Dentro de plazo o cerradas"))]

    def queryset(self, request, queryset):
        vencidas = SolicitudDerechoQuerySet.q_vencidas()
        if self.value() == "si":
            return queryset.filter(vencidas)
        if self.value() == "no":
            return queryset.exclude(vencidas)
        return queryset


@admin.register(SolicitudDerecho)
class SolicitudDerechoAdmin(SoloEncargadaMixin, admin.ModelAdmin):
    list_display = [
        "recibida_el",
        "tipo",
        "solicitante",
        "persona",
        "estado",
        "vence_el",
        "fuera_de_plazo",
        "ejecutar",
    ]
    list_filter = [VencidaFilter, "tipo", "estado", "recibida_el"]
    list_select_related = ["persona"]
    search_fields = ["solicitante"]
    date_hierarchy = "recibida_el"
    autocomplete_fields = ["persona", "identidad_verificada_por"]
    readonly_fields = ["vence_el", "registrada_por", "creado", "ejecutar"]
    fields = [
        "tipo",
        "solicitante",
        "persona",
        "recibida_el",
        "vence_el",
        "identidad_verificada_por",
        "documento_verificacion",
        "estado",
        "resultado",
        "respondida_el",
        "registrada_por",
        "creado",
        "ejecutar",
    ]
    show_full_result_count = False

    @admin.display(description=_("fuera de plazo"), boolean=True)
    def fuera_de_plazo(self, obj):
        return obj.vencida

    @admin.display(description=_("ejecutar"))
    def ejecutar(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("equipo:derecho_solicitud", args=[obj.pk]),
            _("Ejecutar la solicitud"),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.registrada_por = request.user
        super().save_model(request, obj, form, change)


@admin.register(BrechaSeguridad)
class BrechaSeguridadAdmin(SoloEncargadaMixin, admin.ModelAdmin):
    list_display = [
        "detectada_el",
        "personas_afectadas",
        "notificada_agencia_el",
        "personas_notificadas_el",
        "registrada_por",
    ]
    list_filter = ["detectada_el"]
    list_select_related = ["registrada_por"]
    date_hierarchy = "detectada_el"
    readonly_fields = ["registrada_por", "creado"]
    fields = [
        "detectada_el",
        "naturaleza",
        "categorias_datos",
        "personas_afectadas",
        "medidas",
        "notificada_agencia_el",
        "personas_notificadas_el",
        "registrada_por",
        "creado",
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.registrada_por = request.user
        super().save_model(request, obj, form, change)

"""Admin of data protection: access log, change history, data-subject requests, breach register.

All of it is for the office head only (and superusers). Audit rows are read-only for everyone.
"""

from typing import TYPE_CHECKING, Any

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
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
from ..services.privacidad import cambiar_estado_solicitud
from . import _seguro
from .listas import CasillaRapida, ListaRapida, PaginadorRapido

# Every admin autocomplete widget: a non-id value is a form error, never a 500.
_seguro.instalar()

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]  # what the mixins below are mixed into
else:
    _ModelAdmin = object


class SoloEncargadaMixin(_ModelAdmin):
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


class SoloLecturaMixin(CasillaRapida, SoloEncargadaMixin):
    """An audit trail: read by the office head, written only by the application.

    The fastest-growing tables: counted and drilled down like the other big lists (no full COUNT,
    no facets, date links from the MIN/MAX range)."""

    paginator = PaginadorRapido
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER

    def get_changelist(self, request, **kwargs):
        return ListaRapida

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
    # Every user, not only those in the log: RelatedOnlyFieldListFilter runs SELECT DISTINCT over
    # the whole access log, the fastest-growing table (issue 16); staff users are a few dozen.
    list_filter = [PersonaIdFilter, "accion", "usuario", "fecha"]
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
    # Every user (as the access log): no SELECT DISTINCT over the whole change history.
    list_filter = [PersonaCambiosFilter, "action", "actor", "timestamp"]
    show_full_result_count = False
    # 50 rows as the other big lists (auditlog's 100 doubled the page's rendering: a resource link,
    # a change summary and a user link per row).
    list_per_page = 50


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

    def get_readonly_fields(self, request, obj=None):
        # A new request starts "recibida"; later its state moves through cambiar_estado_solicitud.
        return [*self.readonly_fields, "estado"] if obj is None else self.readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return form

        class FormSolicitud(form):  # type: ignore[misc,valid-type]  # the admin builds the base form at run time
            def clean(self):
                datos = super().clean()
                estado = datos.get("estado")
                if estado is None:
                    return datos
                cerrada = estado in (SolicitudDerecho.Estado.RESPONDIDA, SolicitudDerecho.Estado.RECHAZADA)
                if cerrada and not datos.get("respondida_el"):
                    datos["respondida_el"] = timezone.localdate()  # as the service would
                try:
                    SolicitudDerecho.validar_cambio_de_estado(self.initial["estado"], estado)
                except ValidationError as exc:
                    self.add_error(None, exc)
                return datos

        return FormSolicitud

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
            return
        # The other fields are saved as they are; the state moves through the service (logged).
        nuevo_estado = obj.estado
        obj.estado = form.initial["estado"]
        if nuevo_estado != obj.estado and obj.estado in (
            SolicitudDerecho.Estado.RECIBIDA,
            SolicitudDerecho.Estado.EN_CURSO,
        ):
            super().save_model(request, obj, form, change)
            actual = cambiar_estado_solicitud(
                solicitud=obj,
                usuario=request.user,
                estado=nuevo_estado,
                resultado=obj.resultado,
                respondida_el=obj.respondida_el,
            )
            obj.__dict__.update({k: v for k, v in actual.__dict__.items() if not k.startswith("_")})
            return
        obj.estado = nuevo_estado
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

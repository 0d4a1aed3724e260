"""Admin for referrals and their append-only history.

A referral's state moves only through atenciones.services.derivaciones.cambiar_estado_derivacion:
from the "Cambiar estado" page of a referral, or the bulk actions. Illegal moves are refused with
an error message and change nothing.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..choices import TRANSICIONES_DERIVACION, EstadoDerivacion
from ..forms._errores import errores_a_formulario
from ..forms.derivaciones import CambioEstadoForm
from ..models import Derivacion, DerivacionQuerySet, EventoDerivacion, SeguimientoDerivacion
from ..services.derivaciones import cambiar_estado_derivacion
from .exportacion import ExportarMixin
from .filtros import filtro_vencidas
from .inlines import InlineSoloLectura
from .listas import AdminRapido, fecha_corta


class EventoInline(InlineSoloLectura):
    model = EventoDerivacion
    fields = ["fecha", "estado_anterior", "estado_nuevo", "usuario", "nota"]
    select_related = ["usuario"]
    show_change_link = False
    limite = 100
    verbose_name_plural = _("historial de la derivación")


class SeguimientoInline(InlineSoloLectura):
    model = SeguimientoDerivacion
    fields = ["fecha", "resultado", "nota", "proxima_fecha", "usuario"]
    select_related = ["usuario"]
    show_change_link = False
    limite = 50
    verbose_name_plural = _("seguimientos de la oficina")


@admin.register(Derivacion)
class DerivacionAdmin(ExportarMixin, AdminRapido):
    list_display = [
        "codigo",
        "persona",
        "destino",
        "tema",
        "estado",
        "enviada",
        "plazo",
        "vencida",
    ]
    list_filter = [
        "estado",
        filtro_vencidas(_("vencida"), DerivacionQuerySet.q_vencidas),
        "prioridad",
        "tema",
        "departamento",
        "organizacion",
        ("fecha_envio", admin.DateFieldListFilter),
    ]
    list_select_related = ["persona", "departamento", "organizacion"]
    search_fields = ["=codigo", "persona__nombres", "persona__apellidos", "=persona__documento_numero"]
    date_hierarchy = "fecha_envio"
    # Sent from the staff workspace (derivar: code and first event); here only the reason and
    # priority may be corrected. State fields move only through cambiar_estado_derivacion.
    readonly_fields = [
        "codigo",
        "persona",
        "caso",
        "atencion",
        "departamento",
        "organizacion",
        "derivado_por",
        "fecha_envio",
        "fecha_limite",
        "consentimiento",
        "consentimiento_omitido_motivo",
        "estado",
        "respuesta",
        "motivo_rechazo",
        "fecha_cierre",
    ]
    inlines = [EventoInline, SeguimientoInline]
    actions = ["marcar_recibidas", "cancelar", "exportar_seleccion"]

    columnas_exportar = [
        (_("código"), lambda d: d.codigo),
        (_("persona (id)"), lambda d: d.persona_id),
        (_("persona"), lambda d: str(d.persona)),
        (_("destino"), lambda d: str(d.destino)),
        (_("tema"), lambda d: d.get_tema_display()),
        (_("prioridad"), lambda d: d.get_prioridad_display()),
        (_("estado"), lambda d: d.get_estado_display()),
        (_("enviada el"), lambda d: d.fecha_envio),
        (_("fecha límite"), lambda d: d.fecha_limite),
        (_("cerrada el"), lambda d: d.fecha_cierre),
        (_("motivo de rechazo"), lambda d: d.get_motivo_rechazo_display()),
    ]
    columnas_notas = [(_("motivo"), lambda d: d.motivo), (_("respuesta"), lambda d: d.respuesta)]
    exportar_select_related = ["persona", "departamento", "organizacion"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("destino"))
    def destino(self, obj):
        return obj.destino

    @admin.display(description=_("enviada el"), ordering="fecha_envio")
    def enviada(self, obj):
        return fecha_corta(obj.fecha_envio)

    @admin.display(description=_("plazo"), ordering="fecha_limite")
    def plazo(self, obj):
        return fecha_corta(obj.fecha_limite)

    @admin.display(description=_("vencida"), boolean=True)
    def vencida(self, obj):
        return obj.vencida

    # --- state changes ---

    def get_urls(self):
        return [
            path(
                "<path:object_id>/estado/",
                self.admin_site.admin_view(self.cambiar_estado_view),
                name="atenciones_derivacion_estado",
            ),
            *super().get_urls(),
        ]

    def cambiar_estado_view(self, request, object_id):
        derivacion = get_object_or_404(
            Derivacion.objects.select_related("persona", "departamento", "organizacion"), pk=object_id
        )
        if not self.has_change_permission(request, derivacion):
            raise PermissionDenied
        form = CambioEstadoForm(request.POST or None, derivacion=derivacion)
        volver = reverse("admin:atenciones_derivacion_change", args=[derivacion.pk])
        if request.method == "POST" and form.is_valid():
            try:
                cambiar_estado_derivacion(
                    derivacion=derivacion,
                    nuevo_estado=form.cleaned_data["nuevo_estado"],
                    usuario=request.user,
                    nota=form.cleaned_data["nota"],
                    respuesta=form.cleaned_data["respuesta"],
                    motivo_rechazo=form.cleaned_data["motivo_rechazo"],
                    estado_esperado=form.cleaned_data["estado_esperado"],
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    errores_a_formulario(form, exc)
                else:
                    self.message_user(request, " ".join(exc.messages), messages.ERROR)
                    return redirect(volver)
            else:
                self.message_user(
                    request,
                    gettext("La derivación %(codigo)s quedó «%(estado)s».")
                    % {"codigo": derivacion, "estado": derivacion.get_estado_display()},
                    messages.SUCCESS,
                )
                return redirect(volver)
        return TemplateResponse(
            request,
            "admin/atenciones/derivacion/cambiar_estado.html",
            {
                **self.admin_site.each_context(request),
                "title": gettext("Cambiar el estado de %(codigo)s") % {"codigo": derivacion},
                "opts": self.model._meta,
                "original": derivacion,
                "form": form,
                "volver": volver,
                "sin_salida": not TRANSICIONES_DERIVACION.get(derivacion.estado),
            },
        )

    def _mover(self, request, queryset, nuevo_estado, exito):
        hechas, errores = 0, []
        for derivacion in queryset.select_related("departamento", "organizacion"):
            try:
                cambiar_estado_derivacion(
                    derivacion=derivacion,
                    nuevo_estado=nuevo_estado,
                    usuario=request.user,
                    estado_esperado=derivacion.estado,
                )
            except ValidationError as exc:
                errores.append(f"{derivacion}: {' '.join(exc.messages)}")
            else:
                hechas += 1
        if hechas:
            self.message_user(request, exito % {"n": hechas}, messages.SUCCESS)
        for error in errores:
            self.message_user(request, error, messages.ERROR)

    @admin.action(description=_("Marcar como recibidas"), permissions=["change"])
    def marcar_recibidas(self, request, queryset):
        self._mover(request, queryset, EstadoDerivacion.RECIBIDA, gettext("Derivaciones recibidas: %(n)s."))

    @admin.action(description=_("Cancelar las derivaciones seleccionadas…"), permissions=["change"])
    def cancelar(self, request, queryset):
        if "confirmar" not in request.POST:
            seleccion = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
            return TemplateResponse(
                request,
                "admin/accion_intermedia.html",
                {
                    **self.admin_site.each_context(request),
                    "title": gettext("Cancelar derivaciones"),
                    "opts": self.model._meta,
                    "form": forms.Form(),
                    "seleccion": seleccion,
                    "select_across": request.POST.get("select_across", "0"),
                    "cantidad": len(seleccion),
                    "objetos": list(queryset.select_related("departamento", "organizacion")[:20]),
                    "accion": "cancelar",
                    "boton": gettext("Sí, cancelarlas"),
                    "explicacion": gettext(
                        "Una derivación cancelada no puede reabrirse. El destino deja de verla como pendiente."
                    ),
                },
            )
        self._mover(request, queryset, EstadoDerivacion.CANCELADA, gettext("Derivaciones canceladas: %(n)s."))
        return None


@admin.register(EventoDerivacion)
class EventoDerivacionAdmin(AdminRapido):
    list_display = ["derivacion", "estado_anterior", "estado_nuevo", "usuario", "fecha"]
    list_filter = ["estado_nuevo", ("fecha", admin.DateFieldListFilter)]
    list_select_related = ["derivacion", "usuario"]
    search_fields = ["=derivacion__codigo"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

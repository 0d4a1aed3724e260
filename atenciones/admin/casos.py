"""Admin for cases: state and assignment change only through atenciones.services.casos."""

from typing import cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..choices import MotivoCierre
from ..models import Caso, CasoQuerySet
from ..services.casos import abrir_caso, cerrar_caso, reabrir_caso, reasignar_caso
from .exportacion import ExportarMixin
from .filtros import filtro_profesional, filtro_vencidas, usuarios_del_equipo
from .listas import AdminRapido, nombre_usuario


class ReasignarForm(forms.Form):
    asignado_a: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Nuevo profesional a cargo"), queryset=None, empty_label=_("Elija…")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        campo = cast(forms.ModelChoiceField, self.fields["asignado_a"])
        campo.queryset = usuarios_del_equipo()
        campo.label_from_instance = nombre_usuario  # type: ignore[assignment]  # a plain function, as Django documents


class CerrarForm(forms.Form):
    motivo_cierre = forms.ChoiceField(
        label=_("Motivo de cierre"), choices=[("", _("Elija…")), *MotivoCierre.choices]
    )
    nota = forms.CharField(label=_("Nota de cierre"), required=False, max_length=1000, widget=forms.Textarea)


@admin.register(Caso)
class CasoAdmin(ExportarMixin, AdminRapido):
    list_display = [
        "id",
        "persona",
        "area",
        "estado",
        "prioridad",
        "asignado",
        "abierto_en",
        "dias_abierto",
        "fecha_seguimiento",
        "atrasado",
    ]
    list_filter = [
        "estado",
        "prioridad",
        "area",
        filtro_profesional("asignado_a", _("profesional asignado")),
        filtro_vencidas(_("seguimiento atrasado"), CasoQuerySet.q_seguimiento_vencido, "atrasado"),
        ("abierto_en", admin.DateFieldListFilter),
    ]
    list_select_related = ["persona", "asignado_a"]
    search_fields = ["=id", "persona__nombres", "persona__apellidos", "=persona__documento_numero", "motivo"]
    date_hierarchy = "abierto_en"
    # Newest first by primary key (an index); "-abierto_en" would sort the whole table.
    ordering = ["-id"]
    autocomplete_fields = ["persona"]
    actions = ["reasignar", "cerrar", "reabrir", "exportar_seleccion"]
    # Written only by the services (cerrar_caso, reabrir_caso, reasignar_caso).
    campos_de_estado = ["estado", "asignado_a", "abierto_en", "cerrado_en", "motivo_cierre", "nota_cierre"]

    columnas_exportar = [
        (_("caso"), lambda c: c.pk),
        (_("persona (id)"), lambda c: c.persona_id),
        (_("persona"), lambda c: str(c.persona)),
        (_("área"), lambda c: c.get_area_display()),
        (_("estado"), lambda c: c.get_estado_display()),
        (_("prioridad"), lambda c: c.get_prioridad_display()),
        (_("profesional asignado"), lambda c: nombre_usuario(c.asignado_a)),
        (_("abierto el"), lambda c: c.abierto_en),
        (_("próximo seguimiento"), lambda c: c.fecha_seguimiento),
        (_("cerrado el"), lambda c: c.cerrado_en),
        (_("motivo de cierre"), lambda c: c.get_motivo_cierre_display()),
    ]
    columnas_notas = [(_("motivo"), lambda c: c.motivo), (_("nota de cierre"), lambda c: c.nota_cierre)]
    exportar_select_related = ["persona", "asignado_a"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["estado", "cerrado_en", "motivo_cierre", "nota_cierre"]
        return [*self.campos_de_estado, "persona", "creado", "modificado"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["persona", "motivo", "area", "prioridad", "asignado_a", "fecha_seguimiento"]
        return super().get_fields(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "asignado_a":
            kwargs["queryset"] = usuarios_del_equipo()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        nuevo = abrir_caso(
            persona=obj.persona,
            motivo=obj.motivo,
            area=obj.area,
            asignado_a=obj.asignado_a,
            prioridad=obj.prioridad,
            fecha_seguimiento=obj.fecha_seguimiento,
            usuario=request.user,
        )
        obj.pk = nuevo.pk
        obj.__dict__.update({k: v for k, v in nuevo.__dict__.items() if not k.startswith("_")})

    @admin.display(description=_("profesional asignado"), ordering="asignado_a__first_name")
    def asignado(self, obj):
        return nombre_usuario(obj.asignado_a)

    @admin.display(description=_("días abierto"))
    def dias_abierto(self, obj):
        hasta = obj.cerrado_en or timezone.localdate()
        return (hasta - obj.abierto_en).days

    @admin.display(description=_("seguimiento atrasado"), boolean=True)
    def atrasado(self, obj):
        return obj.seguimiento_vencido

    # --- actions: each calls a service per case, and reports what it refused ---

    def _intermedia(self, request, queryset, form, accion, titulo, boton, explicacion=""):
        seleccion = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        return TemplateResponse(
            request,
            "admin/accion_intermedia.html",
            {
                **self.admin_site.each_context(request),
                "title": titulo,
                "opts": self.model._meta,
                "form": form,
                "seleccion": seleccion,
                "select_across": request.POST.get("select_across", "0"),
                "cantidad": len(seleccion),
                "objetos": list(queryset.select_related("persona")[:20]),
                "accion": accion,
                "boton": boton,
                "explicacion": explicacion,
            },
        )

    def _aplicar(self, request, queryset, funcion, exito):
        hechos, errores = 0, []
        for caso in queryset.select_related("persona", "asignado_a"):
            try:
                funcion(caso)
            except ValidationError as exc:
                errores.append(f"{caso}: {' '.join(exc.messages)}")
            else:
                hechos += 1
        if hechos:
            self.message_user(request, exito(hechos), messages.SUCCESS)
        for error in errores:
            self.message_user(request, error, messages.ERROR)

    @admin.action(description=_("Reasignar los casos seleccionados…"), permissions=["change"])
    def reasignar(self, request, queryset):
        form = ReasignarForm(request.POST if "confirmar" in request.POST else None)
        if not (form.is_bound and form.is_valid()):
            return self._intermedia(
                request, queryset, form, "reasignar", gettext("Reasignar casos"), gettext("Reasignar")
            )
        nuevo = form.cleaned_data["asignado_a"]
        self._aplicar(
            request,
            queryset,
            lambda caso: reasignar_caso(caso=caso, asignado_a=nuevo, usuario=request.user),
            lambda n: (
                gettext("Casos reasignados a %(nombre)s: %(n)s.") % {"nombre": nombre_usuario(nuevo), "n": n}
            ),
        )
        return None

    @admin.action(description=_("Cerrar los casos seleccionados…"), permissions=["change"])
    def cerrar(self, request, queryset):
        form = CerrarForm(request.POST if "confirmar" in request.POST else None)
        if not (form.is_bound and form.is_valid()):
            return self._intermedia(
                request,
                queryset,
                form,
                "cerrar",
                gettext("Cerrar casos"),
                gettext("Cerrar casos"),
                gettext("Los casos cerrados pueden reabrirse después."),
            )
        self._aplicar(
            request,
            queryset,
            lambda caso: cerrar_caso(
                caso=caso,
                motivo_cierre=form.cleaned_data["motivo_cierre"],
                nota=form.cleaned_data["nota"],
                usuario=request.user,
            ),
            lambda n: gettext("Casos cerrados: %(n)s.") % {"n": n},
        )
        return None

    @admin.action(description=_("Reabrir los casos seleccionados"), permissions=["change"])
    def reabrir(self, request, queryset):
        self._aplicar(
            request,
            queryset,
            lambda caso: reabrir_caso(caso=caso, usuario=request.user),
            lambda n: gettext("Casos reabiertos: %(n)s.") % {"n": n},
        )

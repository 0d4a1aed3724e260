"""The admin's export action (XLSX or CSV), with its permission and row cap."""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..exportar import CSV, XLSX, Hoja, exportar

PERMISO_EXPORTAR = "atenciones.exportar_datos"
TOPE_EXPORTAR = 50_000


class ExportarForm(forms.Form):
    formato = forms.ChoiceField(
        label=_("Formato"),
        choices=[(XLSX, _("Excel (XLSX)")), (CSV, _("Texto separado por comas (CSV)"))],
        initial=XLSX,
        widget=forms.RadioSelect,
    )
    incluir_notas = forms.BooleanField(
        label=_("Incluir notas y datos sensibles"),
        required=False,
        help_text=_("Por defecto se omiten: exporte solo lo que necesite (Ley 21.719)."),
    )


if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]  # what ExportarMixin is mixed into
else:
    _ModelAdmin = object


class ExportarMixin(_ModelAdmin):
    """Admin action: export the selected rows (XLSX or CSV) through atenciones.exportar.exportar.

    Subclasses set `columnas_exportar` and `columnas_notas`: lists of (header, function of the row);
    the notes columns are written only when the user asks for them.
    """

    columnas_exportar: list[tuple[str | Promise, Callable[[Any], Any]]] = []
    columnas_notas: list[tuple[str | Promise, Callable[[Any], Any]]] = []
    exportar_select_related: Sequence[str] = ()
    exportar_prefetch_related: Sequence[str] = ()

    def has_exportar_permission(self, request):
        return request.user.has_perm(PERMISO_EXPORTAR)

    @admin.action(description=_("Exportar las filas seleccionadas (XLSX o CSV)…"), permissions=["exportar"])
    def exportar_seleccion(self, request, queryset):
        form = ExportarForm(request.POST if "confirmar" in request.POST else None)
        if form.is_bound and form.is_valid():
            if queryset.order_by().values("pk")[: TOPE_EXPORTAR + 1].count() > TOPE_EXPORTAR:
                self.message_user(
                    request,
                    gettext(
                        "Se pueden exportar hasta %(n)s filas a la vez: filtre la lista y vuelva a intentar."
                    )
                    % {"n": f"{TOPE_EXPORTAR:,}".replace(",", ".")},
                    messages.ERROR,
                )
                return None
            return self.exportar_filas(
                request,
                queryset,
                formato=form.cleaned_data["formato"],
                notas=form.cleaned_data["incluir_notas"],
            )
        return TemplateResponse(
            request,
            "admin/exportar.html",
            {
                **self.admin_site.each_context(request),
                "title": gettext("Exportar %(modelo)s") % {"modelo": self.model._meta.verbose_name_plural},
                "opts": self.model._meta,
                "form": form,
                "seleccion": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
                "select_across": request.POST.get("select_across", "0"),
                "accion": "exportar_seleccion",
                "cantidad": len(request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)),
            },
        )

    def exportar_filas(self, request, queryset, *, formato, notas):
        columnas = list(self.columnas_exportar) + (list(self.columnas_notas) if notas else [])
        qs = queryset.select_related(*self.exportar_select_related)
        if self.exportar_prefetch_related:
            qs = qs.prefetch_related(*self.exportar_prefetch_related)
        filas = ([funcion(obj) for _titulo, funcion in columnas] for obj in qs.iterator(chunk_size=2000))
        nombre = str(self.model._meta.verbose_name_plural)
        return exportar(
            usuario=request.user,
            nombre=nombre,
            formato=formato,
            hojas=[Hoja(nombre, [str(titulo) for titulo, _f in columnas], filas)],
            motivo=f"admin:{self.model._meta.label_lower}:{'con_notas' if notas else 'sin_notas'}",
        )

"""Admin of spreadsheet imports: the batches and their rows, read-only for the office head.

A batch is uploaded, mapped, dry-run, imported and undone in the staff workspace
(`/equipo/importaciones/`), through the services that keep the rows, the summaries and the change
history in step; here it is only looked up. Nobody adds, edits or deletes one here: a batch goes
away only through its undo (atenciones.services.importacion.deshacer_lote).
"""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import FilaImportacion, LoteImportacion
from .listas import fecha_corta, nombre_usuario
from .privacidad import FiltroTexto, SoloLecturaMixin


@admin.register(LoteImportacion)
class LoteImportacionAdmin(SoloLecturaMixin, admin.ModelAdmin):
    list_display = [
        "nombre_archivo",
        "hoja",
        "estado",
        "simulacion",
        "filas_leidas",
        "personas_nuevas",
        "personas_encontradas",
        "atenciones_nuevas",
        "repetidas",
        "errores",
        "quien",
        "cuando",
        "archivo_guardado",
    ]
    list_filter = ["estado", "simulacion"]
    list_select_related = ["creado_por"]
    search_fields = ["nombre_archivo", "hoja"]
    ordering = ["-creado", "-pk"]
    date_hierarchy = "creado"
    fields = readonly_fields = (
        "nombre_archivo",
        "hoja",
        "hojas",
        "fila_encabezado",
        "encabezados",
        "mapeo",
        "mapeo_guardado",
        "estado",
        "simulacion",
        "filas_leidas",
        "total_filas",
        "personas_nuevas",
        "personas_encontradas",
        "atenciones_nuevas",
        "repetidas",
        "errores",
        "cortada_en",
        "error",
        "archivo_guardado",
        "creado_por",
        "creado",
        "terminado",
        "deshecho",
        "deshecho_por",
        "deshacer_hechos",
        "deshacer_total",
        "enlaces",
    )

    @admin.display(description=_("importado por"), ordering="creado_por__username")
    def quien(self, obj: LoteImportacion) -> str:
        return nombre_usuario(obj.creado_por)

    @admin.display(description=_("subido"), ordering="creado")
    def cuando(self, obj: LoteImportacion) -> str:
        return fecha_corta(obj.creado)

    @admin.display(description=_("archivo guardado"), boolean=True)
    def archivo_guardado(self, obj: LoteImportacion) -> bool:
        # The file's name only: it is never served from here (MEDIA_ROOT is not public).
        return bool(obj.archivo)

    @admin.display(description=_("ver"))
    def enlaces(self, obj: LoteImportacion) -> str:
        filas = reverse("admin:atenciones_filaimportacion_changelist") + f"?lote={obj.pk}"
        pagina = reverse("equipo:importacion", args=[obj.pk])
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            filas,
            _("sus filas"),
            pagina,
            _("el lote en el espacio de trabajo (informe, deshacer)"),
        )


class FiltroLote(FiltroTexto):
    title = _("lote (n°)")
    parameter_name = "lote"

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if not self.value():
            return queryset
        pk = self.entero()
        return queryset.filter(lote_id=pk) if pk is not None else queryset.none()


@admin.register(FilaImportacion)
class FilaImportacionAdmin(SoloLecturaMixin, admin.ModelAdmin):
    """A batch's rows (a big table: filtered by batch, no full count)."""

    list_display = [
        "numero",
        "lote_link",
        "resultado",
        "probabilidad",
        "persona_link",
        "persona_creada",
        "atencion_link",
        "columna",
        "mensaje",
    ]
    list_filter = [FiltroLote, "resultado", "persona_creada"]
    list_select_related = ["lote"]
    ordering = ["lote", "numero"]
    fields = readonly_fields = (
        "lote",
        "numero",
        "resultado",
        "probabilidad",
        "persona_link",
        "persona_creada",
        "atencion_link",
        "columna",
        "mensaje",
        "valores",
        "huella",
    )

    @admin.display(description=_("lote"), ordering="lote")
    def lote_link(self, obj: FilaImportacion) -> str:
        url = reverse("admin:atenciones_loteimportacion_change", args=[obj.lote_id])
        return format_html('<a href="{}">{}</a>', url, obj.lote)

    @admin.display(description=_("persona"))
    def persona_link(self, obj: FilaImportacion) -> str:
        # The id only (no join): the person's page says who it is.
        if obj.persona_id is None:
            return "—"
        url = reverse("admin:atenciones_persona_change", args=[obj.persona_id])
        return format_html('<a href="{}">N° {}</a>', url, obj.persona_id)

    @admin.display(description=_("atención"))
    def atencion_link(self, obj: FilaImportacion) -> str:
        if obj.atencion_id is None:
            return "—"
        url = reverse("admin:atenciones_atencion_change", args=[obj.atencion_id])
        return format_html('<a href="{}">N° {}</a>', url, obj.atencion_id)

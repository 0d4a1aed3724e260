"""Import of spreadsheets (office head): upload, mapping, dry-run report, import with progress, undo."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..acceso import SolicitudEquipo, equipo_requerido
from ..exportar import PELIGROSOS, TIPO_CONTENIDO, XLSX
from ..forms._errores import errores_a_formulario
from ..forms.importacion import MapeoForm, SubirForm
from ..models import FilaImportacion, LoteImportacion
from ..selectors.importacion import bloqueos_deshacer, filas_del_reporte, filas_del_reporte_xlsx
from ..services.importacion import ajustar_mapeo, crear_lote, deshacer_lote, importar_lote, simular_lote

PERMISO = "atenciones.importar_planillas"
POR_PAGINA = 50


def _exigir_permiso(request: SolicitudEquipo) -> None:
    if not request.user.has_perm(PERMISO):
        raise Http404


def _lote(request: SolicitudEquipo, pk: int) -> LoteImportacion:
    _exigir_permiso(request)
    return get_object_or_404(LoteImportacion.objects.select_related("mapeo_guardado", "creado_por"), pk=pk)


@equipo_requerido
def lista(request: SolicitudEquipo) -> HttpResponse:
    """The batches, newest first, and the upload form."""
    _exigir_permiso(request)
    form = SubirForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        archivo = form.cleaned_data["archivo"]
        try:
            lote = crear_lote(
                archivo=archivo,
                nombre=archivo.name,
                usuario=request.user,
                mapeo_guardado=form.cleaned_data["mapeo_guardado"],
            )
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            return redirect("equipo:importacion", pk=lote.pk)
    lotes = Paginator(LoteImportacion.objects.select_related("creado_por"), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "equipo/importacion/lista.html", {"form": form, "pagina": lotes})


@equipo_requerido
def detalle(request: SolicitudEquipo, pk: int) -> HttpResponse:
    """One batch: its mapping (editable until imported), progress, or report."""
    lote = _lote(request, pk)
    form = None
    if lote.mapeo_editable and lote.archivo:
        form = MapeoForm(request.POST or None, lote=lote)
        if request.method == "POST" and form.is_valid():
            try:
                hoja = form.cleaned_data["hoja"]
                cambia_hoja = hoja != lote.hoja
                ajustar_mapeo(
                    lote=lote,
                    usuario=request.user,
                    mapeo=form.mapeo() if not cambia_hoja else {},
                    hoja=hoja,
                    guardar_como=form.cleaned_data["guardar_como"].strip(),
                )
                if cambia_hoja:
                    messages.info(
                        request, _("Revise el mapeo propuesto para la hoja «%(hoja)s».") % {"hoja": hoja}
                    )
                else:
                    simular_lote(lote=lote, usuario=request.user)
                return redirect("equipo:importacion", pk=lote.pk)
            except ValidationError as exc:
                errores_a_formulario(form, exc)
    resultado = request.GET.get("resultado", "")
    if resultado not in FilaImportacion.Resultado.values:
        resultado = ""
    pagina = Paginator(filas_del_reporte(lote, resultado), POR_PAGINA).get_page(request.GET.get("page"))
    contexto = {
        "lote": lote,
        "form": form,
        "pagina": pagina,
        "resultado": resultado,
        "resultados": FilaImportacion.Resultado.choices,
        "bloqueos": bloqueos_deshacer(lote) if lote.deshacible else [],
    }
    return render(request, "equipo/importacion/detalle.html", contexto)


@equipo_requerido
def progreso(request: SolicitudEquipo, pk: int) -> JsonResponse:
    """The batch's progress for the page's progress bar."""
    lote = _lote(request, pk)
    filas, total = lote.avance
    return JsonResponse({"estado": lote.estado, "en_curso": lote.en_curso, "filas": filas, "total": total})


@require_POST
@equipo_requerido
def importar(request: SolicitudEquipo, pk: int) -> HttpResponse:
    lote = _lote(request, pk)
    try:
        importar_lote(lote=lote, usuario=request.user)
    except ValidationError as exc:
        for mensaje in exc.messages:
            messages.error(request, mensaje)
    return redirect("equipo:importacion", pk=lote.pk)


@require_POST
@equipo_requerido
def deshacer(request: SolicitudEquipo, pk: int) -> HttpResponse:
    lote = _lote(request, pk)
    try:
        deshacer_lote(lote=lote, usuario=request.user)
    except ValidationError as exc:
        for mensaje in exc.messages:
            messages.error(request, mensaje)
    # The page shows the undo's progress, then its outcome.
    return redirect("equipo:importacion", pk=lote.pk)


def _seguro(valor: object) -> object:
    """A text cell never read as a formula."""
    if isinstance(valor, str) and valor.startswith(PELIGROSOS):
        return "'" + valor
    return valor


@equipo_requerido
def reporte(request: SolicitudEquipo, pk: int) -> FileResponse:
    """The report as XLSX: each original row beside its outcome.

    Never whole in memory: the rows stream from the database (`iterator`) into openpyxl's
    write-only book (which spools them to disk), saved to an anonymous temporary file that the
    response streams and closes (deleting it).
    """
    from openpyxl import Workbook  # lazy: ~30 MB per web worker (with numpy) for a page few open (issue 16)

    lote = _lote(request, pk)
    libro = Workbook(write_only=True)
    hoja = libro.create_sheet(_("Resultado"))
    hoja.append(
        [_("Fila"), _("Resultado"), _("Probabilidad"), _("Persona"), _("Columna"), _("Mensaje")]
        + [_seguro(e) for e in lote.encabezados]
    )
    etiquetas = dict(FilaImportacion.Resultado.choices)
    for numero, resultado, probabilidad, persona_id, columna, mensaje, valores in filas_del_reporte_xlsx(
        lote
    ):
        hoja.append(
            [numero, str(etiquetas[resultado]), probabilidad, persona_id, _seguro(columna), _seguro(mensaje)]
            + [_seguro(v) for v in valores]
        )
    archivo = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - the response closes it
    try:
        libro.save(archivo)
        archivo.seek(0)
    except BaseException:
        archivo.close()
        raise
    nombre = slugify(f"importacion-{lote.pk}-{lote.nombre_archivo}")
    return FileResponse(
        archivo, as_attachment=True, filename=f"{nombre}.xlsx", content_type=TIPO_CONTENIDO[XLSX]
    )

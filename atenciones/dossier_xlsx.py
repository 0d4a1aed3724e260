"""The dossier as a workbook: a cover, a summary, one sheet per commitment (named after it)."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from oficina.models import Compromiso

from .dossier import Dossier
from .exportar import _valor_celda

# Sheet names: Excel allows 31 characters, so the commitments go by a short name.
NOMBRE_HOJA: dict[str, str] = {
    Compromiso.MARCO: "1 Marco institucional",
    Compromiso.CAPACITACION: "2 Capacitación",
    Compromiso.POLITICAS: "3 Políticas locales",
    Compromiso.REGULARIZACION: "4 Regularización",
    Compromiso.PARTICIPACION: "5 Participación",
}
ANCHO_MIN, ANCHO_MAX = 10, 60


def nota_enmascarado() -> str:
    return _(
        "Los conteos de 1 a 4 se muestran como «<5»; «*» es una cifra reservada para que ninguna "
        "cifra pequeña pueda deducirse de totales, tasas o celdas vecinas. Sin datos personales."
    )


def _celda(ws, fila: int, columna: int, valor, fuente=None):
    valor = _valor_celda(valor)
    celda = ws.cell(row=fila, column=columna, value=valor)
    if isinstance(valor, str):
        celda.data_type = "s"  # never a formula
    elif hasattr(valor, "hour"):
        celda.number_format = "dd-mm-yyyy hh:mm"
    elif hasattr(valor, "year"):
        celda.number_format = "dd-mm-yyyy"
    if fuente:
        celda.font = fuente
    return celda


def _anchos(ws, anchos: dict[int, int]) -> None:
    from openpyxl.utils import get_column_letter

    for columna, ancho in anchos.items():
        ws.column_dimensions[get_column_letter(columna)].width = max(ANCHO_MIN, min(ANCHO_MAX, ancho + 2))


def _escribir(ws, fila: int, valores: list, anchos: dict[int, int], fuente=None) -> int:
    for i, valor in enumerate(valores, start=1):
        _celda(ws, fila, i, valor, fuente)
        if i > 1 or fuente is None:  # section titles do not widen the first column
            anchos[i] = max(anchos.get(i, 0), len(str(valor)) if valor is not None else 0)
    return fila + 1


def dossier_xlsx(d: Dossier, *, oficina: str, comuna: str) -> bytes:
    # lazy: ~30 MB per web worker (with numpy) for a file the office head downloads now and then
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    negrita, titulo = Font(bold=True), Font(bold=True, size=14)
    libro = Workbook()
    portada = libro.active
    if portada is None:  # a new workbook always has one sheet
        portada = libro.create_sheet()
    portada.title = _("Portada")
    anchos: dict[int, int] = {}
    fila = _escribir(portada, 1, [_("Dossier Sello Migrante")], {}, titulo) + 1
    for etiqueta, valor in [
        (_("Oficina"), oficina),
        (_("Comuna"), comuna),
        (_("Período"), str(d.periodo)),
        (_("Desde"), d.periodo.desde),
        (_("Hasta"), d.periodo.hasta),
        (_("Plan de trabajo"), str(d.plan) if d.plan else _("Sin plan de trabajo para el período")),
        (_("Generado el"), timezone.localtime()),
        (_("Nota"), nota_enmascarado()),
    ]:
        fila = _escribir(portada, fila, [etiqueta, valor], anchos)
    fila += 1
    fila = _escribir(portada, fila, [_("Compromisos"), _("Hoja")], anchos, negrita)
    for parte in d.partes:
        fila = _escribir(portada, fila, [parte.titulo, NOMBRE_HOJA[parte.compromiso]], anchos)
    _anchos(portada, anchos)
    portada.column_dimensions["B"].width = ANCHO_MAX

    resumen = libro.create_sheet(_("Resumen"))
    anchos = {}
    _escribir(resumen, 1, [_("Indicador"), _("Valor")], anchos, negrita)
    resumen.freeze_panes = "A2"
    for i, (etiqueta, valor) in enumerate(d.resumen, start=2):
        _escribir(resumen, i, [etiqueta, d.mostrar(valor)], anchos)
    _anchos(resumen, anchos)

    for parte in d.partes:
        ws = libro.create_sheet(NOMBRE_HOJA[parte.compromiso])
        anchos = {}
        _escribir(ws, 1, [parte.titulo], {}, titulo)
        _escribir(ws, 2, [str(d.periodo), nota_enmascarado()], {})
        ws.freeze_panes = "A3"  # the commitment and the period stay in view
        fila = 4
        if parte.narrativa:
            _celda(ws, fila, 1, parte.narrativa).alignment = Alignment(wrap_text=True, vertical="top")
            fila += 2
        if parte.lineas:
            fila = _escribir(ws, fila, [_("Plan de trabajo")], anchos, negrita)
            cols = [
                _("Línea"),
                _("Eje"),
                _("Responsable"),
                _("Estado"),
                _("Indicador y meta"),
                _("Evidencias"),
            ]
            fila = _escribir(ws, fila, cols, anchos, negrita)
            for x in parte.lineas:
                fila = _escribir(
                    ws,
                    fila,
                    [
                        x["titulo"],
                        x["eje"],
                        x["responsable"],
                        x["estado"],
                        x["indicador_meta"],
                        len(x["evidencias"]),
                    ],
                    anchos,
                )
            fila += 1
        for tabla in parte.tablas:
            fila = _escribir(ws, fila, [tabla.titulo], anchos, negrita)
            fila = _escribir(ws, fila, tabla.columnas, anchos, negrita)
            for valores in d.filas(tabla):
                fila = _escribir(ws, fila, valores, anchos)
            fila += 1
        _anchos(ws, anchos)
    evid = libro.create_sheet(_("Evidencias"))
    anchos = {}
    _escribir(evid, 1, [_("Compromiso"), _("Línea"), _("Evidencia"), _("Tipo")], anchos, negrita)
    evid.freeze_panes = "A2"
    fila = 2
    for parte in d.partes:
        for x in parte.lineas:
            for e in x["evidencias"]:
                fila = _escribir(
                    evid, fila, [NOMBRE_HOJA[parte.compromiso], x["titulo"], e["titulo"], e["tipo"]], anchos
                )
    _anchos(evid, anchos)
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()

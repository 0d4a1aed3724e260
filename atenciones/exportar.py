"""Every export of the portal (admin actions and the Sello Migrante report) goes through `exportar`.

Cells are written safely against formula injection (CSV/DDE): in CSV a text starting with
`=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with a single quote; in XLSX every
text cell is stored as a plain string, never as a formula.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify

from .auditoria import registrar_acceso
from .models import RegistroAcceso

XLSX = "xlsx"
CSV = "csv"
FORMATOS = (XLSX, CSV)
TIPO_CONTENIDO = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv; charset=utf-8",
}
# Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
PELIGROSOS = ("=", "+", "-", "@", "\t", "\r")
# Excel's limit on a sheet title.
LARGO_TITULO_HOJA = 31


@dataclass
class Hoja:
    """One table: a sheet of the workbook (or the whole CSV file)."""

    titulo: str | Promise  # a lazy translation is rendered when written
    encabezados: list
    filas: object = field(default_factory=list)  # any iterable of sequences


def texto_seguro(valor: str) -> str:
    """A text a spreadsheet will not execute: prefixed with a quote when it looks like a formula."""
    if valor and valor.startswith(PELIGROSOS):
        return "'" + valor
    return valor


def _valor_celda(valor):
    """Plain values for a cell: numbers and dates stay typed, everything else becomes text."""
    if valor is None:
        return ""
    if isinstance(valor, bool):
        return valor
    if isinstance(valor, int | float | Decimal):
        return valor
    if isinstance(valor, datetime.datetime):
        return timezone.localtime(valor).replace(tzinfo=None) if timezone.is_aware(valor) else valor
    if isinstance(valor, datetime.date):
        return valor
    return str(valor)


def _celda_xlsx(hoja, valor, negrita=False):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    valor = _valor_celda(valor)
    celda = WriteOnlyCell(hoja, value=valor)
    if isinstance(valor, str):
        # Never a formula: a string cell, whatever its first character.
        celda.data_type = "s"
    elif isinstance(valor, datetime.datetime):
        celda.number_format = "dd-mm-yyyy hh:mm"
    elif isinstance(valor, datetime.date):
        celda.number_format = "dd-mm-yyyy"
    if negrita:
        celda.font = Font(bold=True)
    return celda


def _titulo_hoja(titulo, usados):
    base = "".join(c for c in str(titulo) if c not in "[]:*?/\\")[:LARGO_TITULO_HOJA] or "Hoja"
    candidato, n = base, 2
    while candidato.lower() in usados:
        sufijo = f" ({n})"
        candidato = base[: LARGO_TITULO_HOJA - len(sufijo)] + sufijo
        n += 1
    usados.add(candidato.lower())
    return candidato


def libro_xlsx(hojas) -> bytes:
    from openpyxl import Workbook  # lazy: ~30 MB per web worker (with numpy) for a page few open (issue 16)

    libro = Workbook(write_only=True)
    usados: set[str] = set()
    for hoja in hojas:
        ws = libro.create_sheet(_titulo_hoja(hoja.titulo, usados))
        if hoja.encabezados:
            ws.append([_celda_xlsx(ws, e, negrita=True) for e in hoja.encabezados])
        for fila in hoja.filas:
            ws.append([_celda_xlsx(ws, v) for v in fila])
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def _texto_csv(valor):
    valor = _valor_celda(valor)
    if isinstance(valor, str):
        return texto_seguro(valor)
    if isinstance(valor, datetime.datetime):
        return valor.strftime("%Y-%m-%d %H:%M")
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    return valor


def archivo_csv(hoja) -> bytes:
    salida = io.StringIO()
    escritor = csv.writer(salida)
    if hoja.encabezados:
        escritor.writerow([_texto_csv(e) for e in hoja.encabezados])
    for fila in hoja.filas:
        escritor.writerow([_texto_csv(v) for v in fila])
    # A BOM so spreadsheet programs read the accents right.
    return ("\ufeff" + salida.getvalue()).encode("utf-8")


def exportar(*, usuario, nombre: str, formato: str, hojas: list[Hoja], motivo: str = "") -> HttpResponse:
    """Build the file for `hojas` and return it as a download.

    The one entry point of every export: `usuario` (who exports) and `motivo` (what) are here so
    the audit log can be written in one place. CSV carries the first sheet only.
    """
    if formato not in FORMATOS:
        raise ValueError(f"formato desconocido: {formato}")
    contenido = libro_xlsx(hojas) if formato == XLSX else archivo_csv(hojas[0])
    registrar_acceso(
        usuario=usuario, accion=RegistroAcceso.Accion.EXPORTAR, detalle=f"{nombre} · {formato} · {motivo}"
    )
    archivo = f"{slugify(nombre) or 'exportacion'}-{timezone.localdate():%Y%m%d}.{formato}"
    respuesta = HttpResponse(contenido, content_type=TIPO_CONTENIDO[formato])
    respuesta["Content-Disposition"] = f'attachment; filename="{archivo}"'
    respuesta["Cache-Control"] = "no-store"
    return respuesta

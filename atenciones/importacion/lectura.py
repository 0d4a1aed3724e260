"""Reading spreadsheets as Chilean offices produce them, row by row, never executing anything.

XLSX through openpyxl in read-only mode with cached values (a formula is read as the value Excel
saved, never evaluated), with defusedxml guarding the XML; CSV in UTF-8 or Windows-1252 with `;`
or `,`. Files are streamed: no whole sheet is held in memory. Limits refuse zip bombs, password
protected or corrupt workbooks and endless empty rows with a clear message.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.translation import gettext as _

# Uncompressed size of all the parts of an XLSX, and the compression ratio of any one part.
MAX_DESCOMPRIMIDO = 400 * 1024 * 1024
MAX_RAZON_COMPRESION = 250
# Rows scanned for the header row (titles and blank lines may sit above it).
FILAS_BUSCAR_ENCABEZADO = 30
# A sheet ends after this many empty rows in a row (a file padded with 1,000,000 blank rows).
MAX_FILAS_VACIAS_SEGUIDAS = 2000
_OLE = b"\xd0\xcf\x11\xe0"  # an encrypted (password) XLSX or an old .xls is an OLE container
_MERGE = re.compile(rb'<mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _tamano_declarado(self: Any) -> None:
    """openpyxl's `ReadOnlyWorksheet._get_size`, reading only the head of the sheet.

    openpyxl looks for the sheet's <dimension> element on opening it and, when the file has none
    (files written by streaming writers), parses the whole sheet to find that out, once for every
    opening: a minute for 100,000 rows. <dimension> comes before <sheetData> (the schema's order),
    so the search stops where the data starts; the result is the same.
    """
    from xml.etree.ElementTree import iterparse  # noqa: S405 - openpyxl's own parser; defusedxml guards it

    from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
    from openpyxl.worksheet.dimensions import SheetDimension

    with self._get_source() as fuente:
        for evento, elemento in iterparse(fuente, events=("start", "end")):  # noqa: S314
            if elemento.tag == DATA_TAG:
                return
            if evento == "end" and elemento.tag == DIMENSION_TAG:
                dimension = SheetDimension.from_tree(elemento)
                limites = dimension.boundaries if dimension is not None else None
                if limites is not None:
                    self._min_column, self._min_row, self._max_column, self._max_row = limites
                return


@functools.cache
def _openpyxl():
    """openpyxl, imported on first use (~30 MB per web worker, issue 16) with `_tamano_declarado` in place."""
    import openpyxl
    from openpyxl.worksheet import _read_only

    setattr(_read_only.ReadOnlyWorksheet, "_get_size", _tamano_declarado)  # noqa: B010 - typed stubs lack it
    return openpyxl


class ArchivoInvalido(Exception):
    """The file cannot be read; the message says why, for the person who uploaded it."""


@dataclass
class Hoja:
    nombre: str
    _leer: Any = field(repr=False)
    # Set when reading stopped at a long run of empty rows: the row where it stopped.
    cortada_en: int | None = None

    def filas(self) -> Iterator[tuple[int, list[Any]]]:
        """(1-based row number, cell values) for every row, empty ones included, until the data ends."""
        vacias = 0
        for numero, valores in self._leer():
            if fila_vacia(valores):
                vacias += 1
                if vacias >= MAX_FILAS_VACIAS_SEGUIDAS:
                    self.cortada_en = numero
                    return
            else:
                vacias = 0
            yield numero, valores


def _texto(valor: Any) -> str:
    return "" if valor is None else str(valor).strip()


def fila_vacia(valores: list[Any]) -> bool:
    return not any(_texto(v) for v in valores)


def abrir(archivo: IO[bytes], nombre: str) -> list[Hoja]:
    """The sheets of an uploaded file (a CSV is one sheet), or ArchivoInvalido."""
    inicio = archivo.read(8)
    archivo.seek(0)
    nombre = nombre.lower()
    if inicio.startswith(_OLE):
        raise ArchivoInvalido(
            _(
                "El archivo está protegido con contraseña o es un Excel antiguo (.xls). "
                "Quite la contraseña o guárdelo como .xlsx y vuelva a subirlo."
            )
        )
    if inicio.startswith(b"PK"):
        return _abrir_xlsx(archivo)
    if nombre.endswith((".xlsx", ".xlsm")):
        raise ArchivoInvalido(_("El archivo dice ser Excel (.xlsx) pero no lo es, o está dañado."))
    if nombre.endswith((".csv", ".txt")):
        return [_abrir_csv(archivo, nombre)]
    raise ArchivoInvalido(_("Suba una planilla Excel (.xlsx) o un archivo CSV."))


# --- XLSX -------------------------------------------------------------------------------------


def _revisar_zip(archivo: IO[bytes]) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(archivo)
    except zipfile.BadZipFile:
        raise ArchivoInvalido(_("El archivo Excel está dañado y no se puede leer.")) from None
    total = 0
    for parte in zf.infolist():
        total += parte.file_size
        if parte.compress_size and parte.file_size / parte.compress_size > MAX_RAZON_COMPRESION:
            raise ArchivoInvalido(_("El archivo se descomprime a un tamaño anómalo y no se procesa."))
    if total > MAX_DESCOMPRIMIDO:
        raise ArchivoInvalido(_("El archivo descomprimido es demasiado grande para importarlo."))
    if "xl/workbook.xml" not in zf.namelist():
        raise ArchivoInvalido(_("El archivo no es una planilla Excel (.xlsx)."))
    return zf


def _combinadas(zf: zipfile.ZipFile, ruta: str) -> list[tuple[int, int, int, int]]:
    """Merged ranges of a sheet (min_col, min_row, max_col, max_row), read from the end of its XML.

    openpyxl's read-only mode does not report them; <mergeCells> follows <sheetData>, so the part
    is scanned in chunks without holding it whole.
    """
    from openpyxl.utils.cell import range_boundaries  # lazy, see `_openpyxl`

    rangos = []
    resto = b""
    with zf.open(ruta.lstrip("/")) as parte:
        while bloque := parte.read(1 << 20):
            datos = resto + bloque
            for ref in _MERGE.findall(datos):
                min_col, min_row, max_col, max_row = range_boundaries(ref.decode())
                rangos.append((int(min_col or 0), int(min_row or 0), int(max_col or 0), int(max_row or 0)))
            resto = datos[-200:]
            # A match cut at the chunk border is found again in `resto`; drop duplicates below.
    return sorted(set(rangos))


def _abrir_xlsx(archivo: IO[bytes]) -> list[Hoja]:
    zf = _revisar_zip(archivo)
    try:
        libro = _openpyxl().load_workbook(archivo, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise ArchivoInvalido(_("El archivo Excel está dañado y no se puede leer.")) from exc
    hojas = []
    for hoja in libro.worksheets:
        ruta = getattr(hoja, "_worksheet_path", "")
        combinadas = _combinadas(zf, ruta) if ruta else []
        hojas.append(Hoja(hoja.title, _lector_xlsx(hoja, combinadas)))
    return hojas


def _lector_xlsx(hoja: Any, combinadas: list[tuple[int, int, int, int]]):
    def leer() -> Iterator[tuple[int, list[Any]]]:
        # Merged cells: the rows below the top-left cell show its value (a person's data merged
        # over the rows of their attentions, a date merged over a day's rows).
        pendientes: dict[tuple[int, int], Any] = {}
        por_inicio: dict[int, list[tuple[int, int, int, int]]] = {}
        for rango in combinadas:
            por_inicio.setdefault(rango[1], []).append(rango)
        for numero, fila in enumerate(hoja.iter_rows(values_only=True), start=1):
            valores = list(fila)
            for min_col, min_row, _max_col, max_row in por_inicio.pop(numero, []):
                # Down the first column only: a title merged across columns is not copied sideways.
                valor = valores[min_col - 1] if len(valores) >= min_col else None
                for r in range(min_row + 1, max_row + 1):
                    pendientes[(r, min_col)] = valor
            if pendientes:
                for (r, c), valor in [(k, v) for k, v in pendientes.items() if k[0] == numero]:
                    while len(valores) < c:
                        valores.append(None)
                    if valores[c - 1] is None:
                        valores[c - 1] = valor
                    del pendientes[(r, c)]
            yield numero, valores

    return leer


# --- CSV --------------------------------------------------------------------------------------


def _codificacion(muestra: bytes) -> str:
    if muestra.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if muestra.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in muestra:
        raise ArchivoInvalido(
            _(
                "El archivo CSV tiene una codificación desconocida. Guárdelo como «CSV UTF-8» y vuelva a subirlo."
            )
        )
    try:
        # A multi-byte character may be cut at the end of the sample.
        codecs.getincrementaldecoder("utf-8")().decode(muestra, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"  # what Excel in Spanish writes for "CSV (delimitado por comas)"


def _abrir_csv(archivo: IO[bytes], nombre: str) -> Hoja:
    muestra = archivo.read(64 * 1024)
    archivo.seek(0)
    codificacion = _codificacion(muestra)
    texto_muestra = muestra.decode(codificacion, errors="ignore")
    try:
        separador = csv.Sniffer().sniff(texto_muestra, delimiters=";,\t|").delimiter
    except csv.Error:
        separador = ";" if texto_muestra.count(";") > texto_muestra.count(",") else ","

    def leer() -> Iterator[tuple[int, list[Any]]]:
        archivo.seek(0)
        texto = io.TextIOWrapper(archivo, encoding=codificacion, errors="strict", newline="")
        try:
            for numero, fila in enumerate(csv.reader(texto, delimiter=separador), start=1):
                yield numero, list(fila)
        except UnicodeDecodeError:
            raise ArchivoInvalido(
                _("El archivo CSV mezcla codificaciones. Guárdelo como «CSV UTF-8» y vuelva a subirlo.")
            ) from None
        except csv.Error as exc:
            raise ArchivoInvalido(_("El archivo CSV está mal formado: %(error)s") % {"error": exc}) from None
        finally:
            texto.detach()

    return Hoja(nombre.rsplit("/", 1)[-1], leer)

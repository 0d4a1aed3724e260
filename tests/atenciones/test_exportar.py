"""The one export function: safe cells in XLSX and CSV."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from atenciones.exportar import CSV, XLSX, Hoja, exportar, texto_seguro

# Every export writes its access-log row.
pytestmark = pytest.mark.django_db

PELIGROSOS = ["=1+1", "+56 9 1234 5678", "-2+3", "@SUM(A1:A2)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://x")']


@pytest.mark.parametrize("valor", PELIGROSOS)
def test_text_that_looks_like_a_formula_is_prefixed_with_a_quote(valor):
    assert texto_seguro(valor) == "'" + valor


@pytest.mark.parametrize("valor", ["", "Ana", "Pérez-Joseph", "1+1", "correo@x.cl"])
def test_ordinary_text_is_left_alone(valor):
    assert texto_seguro(valor) == valor


def _libro(respuesta):
    return openpyxl.load_workbook(io.BytesIO(respuesta.content))


def test_xlsx_never_writes_a_formula_and_keeps_numbers_and_dates_typed():
    respuesta = exportar(
        usuario=None,
        nombre="Prueba",
        formato=XLSX,
        hojas=[
            Hoja(
                "Datos", ["texto", "número", "fecha"], [[v, 3, datetime.date(2026, 3, 1)] for v in PELIGROSOS]
            )
        ],
    )
    hoja = _libro(respuesta)["Datos"]
    filas = list(hoja.iter_rows(min_row=2))
    # XML keeps a carriage return as a line feed; the text is otherwise intact.
    assert [f[0].value for f in filas] == [v.replace("\r", "\n") for v in PELIGROSOS]
    assert {f[0].data_type for f in filas} == {"s"}  # strings, never "f" (formula)
    assert filas[0][1].value == 3 and filas[0][1].data_type == "n"
    assert filas[0][2].value.date() == datetime.date(2026, 3, 1)


def test_csv_prefixes_dangerous_cells_and_reads_back_with_accents():
    respuesta = exportar(
        usuario=None,
        nombre="Personas de prueba",
        formato=CSV,
        hojas=[Hoja("x", ["nombre", "n"], [["=1+1", 1], ["Pérez", Decimal("2.5")], [None, True]])],
    )
    assert respuesta["Content-Type"].startswith("text/csv")
    assert 'filename="personas-de-prueba-' in respuesta["Content-Disposition"]
    texto = respuesta.content.decode("utf-8-sig")
    assert texto.splitlines() == ["nombre,n", "'=1+1,1", "Pérez,2.5", ",sí"]


def test_sheet_titles_are_made_valid_and_unique():
    respuesta = exportar(
        usuario=None,
        nombre="x",
        formato=XLSX,
        hojas=[Hoja("A/B: [c]?", ["a"], []), Hoja("A/B: [c]?", ["a"], []), Hoja("x" * 40, ["a"], [])],
    )
    assert _libro(respuesta).sheetnames == ["AB c", "AB c (2)", "x" * 31]


def test_downloads_are_not_cached():
    respuesta = exportar(usuario=None, nombre="x", formato=XLSX, hojas=[Hoja("a", ["a"], [])])
    assert respuesta["Cache-Control"] == "no-store"
    with pytest.raises(ValueError):
        exportar(usuario=None, nombre="x", formato="pdf", hojas=[Hoja("a", ["a"], [])])

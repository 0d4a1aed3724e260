"""The dry run's XLSX report: each original row beside its outcome, streamed from a temporary file."""

import io

import pytest
from django.http import FileResponse
from openpyxl import load_workbook

from atenciones.services.importacion import crear_lote, ejecutar_lote, simular_lote

from .muestra import XLSX

pytestmark = pytest.mark.django_db


def _simulado(encargada, contenido: bytes, nombre: str):
    lote = crear_lote(archivo=io.BytesIO(contenido), nombre=nombre, usuario=encargada)
    simular_lote(lote=lote, usuario=encargada, en_segundo_plano=False)
    ejecutar_lote(lote.pk)
    return lote


def test_the_report_streams_each_row_beside_its_outcome_from_a_temporary_file(
    encargada, client, django_assert_max_num_queries
):
    lote = _simulado(encargada, XLSX.read_bytes(), XLSX.name)
    client.force_login(encargada)
    # The rows come from one query however many there are (the rest: session, user, permissions, batch).
    with django_assert_max_num_queries(10):
        respuesta = client.get(f"/equipo/importaciones/{lote.pk}/reporte.xlsx")
    assert isinstance(respuesta, FileResponse) and respuesta.streaming
    assert respuesta["Content-Disposition"].startswith('attachment; filename="importacion-')
    libro = load_workbook(io.BytesIO(respuesta.getvalue()), read_only=True)
    filas = [list(f) for f in libro.active.iter_rows(values_only=True)]
    assert filas[0][:7] == ["Fila", "Resultado", "Probabilidad", "Persona", "Columna", "Mensaje", "N°"]
    assert [f[:2] for f in filas[1:]] == [
        [5, "Persona nueva"],
        [6, "Persona nueva"],  # Yusmary again (merged cells): the same new person
        [8, "Persona nueva"],  # blank rows 7 and 10 are skipped
        [9, "Persona nueva"],
        [11, "Persona nueva"],
    ]
    assert filas[2][5] == "Misma persona que la fila 5."
    assert filas[1][8] == "Yusmary"


def test_a_cell_that_looks_like_a_formula_is_written_as_text(encargada, client):
    csv = 'Nombre;Apellidos;Fecha\r\n=HYPERLINK("http://x");Rojas;31-02-2023\r\n'
    lote = _simulado(encargada, csv.encode(), "formula.csv")
    client.force_login(encargada)
    respuesta = client.get(f"/equipo/importaciones/{lote.pk}/reporte.xlsx")
    libro = load_workbook(io.BytesIO(respuesta.getvalue()))
    hoja = libro.active
    assert hoja.cell(row=2, column=2).value == "Error"
    assert hoja.cell(row=2, column=7).value == '\'=HYPERLINK("http://x")'
    assert hoja.cell(row=2, column=7).data_type == "s"

"""Reading the office's files: the sample workbook and CSV, and every kind of bad file."""

import datetime
import io
import zipfile

import pytest
from openpyxl import Workbook

from atenciones.importacion import lectura, mapeo
from atenciones.importacion.lectura import ArchivoInvalido

from .muestra import construir


@pytest.fixture(scope="module")
def muestra(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("muestra")
    xlsx, csv = carpeta / "m.xlsx", carpeta / "m.csv"
    construir(xlsx, csv)
    return xlsx, csv


def _leer(ruta):
    with open(ruta, "rb") as archivo:
        resultado = {}
        for hoja in lectura.abrir(archivo, ruta.name):
            resultado[hoja.nombre] = dict(hoja.filas())
        return resultado


def _abrir_bytes(datos: bytes, nombre: str):
    return lectura.abrir(io.BytesIO(datos), nombre)


def test_the_sample_workbook_has_its_three_sheets(muestra):
    assert list(_leer(muestra[0])) == ["Atenciones 2023", "Atenciones 2024", "Resumen"]


def test_the_header_row_is_found_below_the_titles(muestra):
    with open(muestra[0], "rb") as archivo:
        hoja = lectura.abrir(archivo, "m.xlsx")[0]
        numero, encabezados = mapeo.buscar_encabezado(hoja)
    assert numero == 4
    assert encabezados[:3] == ["N°", "Fecha", "Nombre"]


def test_merged_cells_repeat_the_persons_data_on_each_of_their_rows(muestra):
    filas = _leer(muestra[0])["Atenciones 2023"]
    assert filas[5][2:5] == ["Yusmary", "Peña González", "26.123.456-4"]
    assert filas[6][2:5] == ["Yusmary", "Peña González", "26.123.456-4"]
    # The title merged across the columns is not copied sideways.
    assert filas[1][1] is None


def test_formulas_are_read_as_the_value_excel_saved(muestra):
    filas = _leer(muestra[0])
    assert filas["Atenciones 2023"][5][6] == 32  # DATEDIF(birth, attention) saved by Excel
    assert filas["Resumen"][1] == ["Total atenciones", 5]


def test_empty_rows_are_read_as_empty(muestra):
    filas = _leer(muestra[0])["Atenciones 2023"]
    assert lectura.fila_vacia(filas[7])
    assert filas[5][1] == datetime.datetime(2023, 3, 6)


def test_a_windows_1252_csv_with_semicolons(muestra):
    hoja = _leer(muestra[1])["m.csv"]
    assert hoja[3][:3] == ["N°", "Fecha", "Nombre"]
    assert hoja[4][3] == "Peña González"


def test_a_utf8_csv_with_commas_and_a_bom():
    datos = "\ufeffNombre,Apellidos,Fecha\nJosé,Núñez,01-02-2024\n".encode()
    filas = dict(_abrir_bytes(datos, "a.csv")[0].filas())
    assert filas == {1: ["Nombre", "Apellidos", "Fecha"], 2: ["José", "Núñez", "01-02-2024"]}


def test_a_file_that_is_not_a_spreadsheet_is_refused():
    with pytest.raises(ArchivoInvalido, match="Suba una planilla"):
        _abrir_bytes(b"%PDF-1.7 ...", "informe.pdf")


def test_a_pdf_renamed_to_xlsx_is_refused():
    with pytest.raises(ArchivoInvalido, match="no lo es"):
        _abrir_bytes(b"%PDF-1.7 ...", "planilla.xlsx")


def test_a_password_protected_workbook_is_refused_with_what_to_do():
    # Excel saves an encrypted workbook as an OLE compound file.
    with pytest.raises(ArchivoInvalido, match="contraseña"):
        _abrir_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "protegida.xlsx")


def test_a_corrupt_workbook_is_refused():
    buffer = io.BytesIO()
    Workbook().save(buffer)
    with pytest.raises(ArchivoInvalido, match="dañado"):
        _abrir_bytes(buffer.getvalue()[:300], "cortada.xlsx")


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("hola.txt", "hola")
    with pytest.raises(ArchivoInvalido, match="no es una planilla"):
        _abrir_bytes(buffer.getvalue(), "x.xlsx")


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\x00" * (50 * 1024 * 1024))
    assert len(buffer.getvalue()) < 200 * 1024
    with pytest.raises(ArchivoInvalido, match="anómalo"):
        _abrir_bytes(buffer.getvalue(), "bomba.xlsx")


def test_a_csv_in_an_unexpected_encoding_is_refused():
    datos = "Nombre;Fecha\nJosé;01-02-2024\n".encode("utf-16-le")
    with pytest.raises(ArchivoInvalido, match="codificación"):
        _abrir_bytes(datos, "a.csv")


def test_a_million_empty_rows_end_the_sheet_quickly():
    datos = b"Nombre;Fecha\nAna;01-02-2024\n" + b";\n" * 1_000_000 + b"Perdida;02-02-2024\n"
    hoja = _abrir_bytes(datos, "a.csv")[0]
    filas = list(hoja.filas())
    assert filas[1] == (2, ["Ana", "01-02-2024"])
    assert all(lectura.fila_vacia(valores) for _numero, valores in filas[2:])
    # Where reading stopped, so the report can say that rows further down were not read.
    assert hoja.cortada_en == 2 + lectura.MAX_FILAS_VACIAS_SEGUIDAS


def test_a_sheet_without_headings_is_refused_with_a_clear_message():
    datos = b"a;b;c\n1;2;3\n"
    with pytest.raises(ArchivoInvalido, match="encabezados reconocible"):
        mapeo.buscar_encabezado(_abrir_bytes(datos, "a.csv")[0])


def test_uploaded_workbooks_are_parsed_with_the_hardened_xml_parser():
    from openpyxl import xml

    assert xml.DEFUSEDXML

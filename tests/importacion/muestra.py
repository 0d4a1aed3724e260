"""The realistic sample spreadsheet: every difficulty an office's history brings, in one workbook.

`python -m tests.importacion.muestra` rewrites tests/importacion/planilla_atenciones_muestra.xlsx
(and the CSV twin, Windows-1252 with `;`), the file the README shows for trying the import.
"""

import datetime
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

CARPETA = Path(__file__).parent
XLSX = CARPETA / "planilla_atenciones_muestra.xlsx"
CSV = CARPETA / "planilla_atenciones_muestra.csv"

ENCABEZADOS = [
    "N°",
    "Fecha",
    "Nombre",
    "Apellidos",
    "RUT/Pasaporte",
    "F. Nacimiento",
    "Edad",
    "Sexo",
    "Nacionalidad",
    "Teléfono",
    "Canal",
    "Motivo de consulta",
    "Observaciones",
]
# One row per attention; a person's data repeats (or is merged) on each of their attentions.
# Dates: real dates, Excel serial numbers, and text as dd-mm-yyyy and dd/mm/yy.
FILAS_2023 = [
    [
        1,
        datetime.date(2023, 3, 6),
        "Yusmary",
        "Peña González",
        "26.123.456-4",
        datetime.date(1990, 5, 14),
        None,
        "F",
        "venezolana",
        "+56 9 8765 4321",
        "Presencial",
        "Regularización / SERMIG",
        "Primera atención",
    ],
    [
        2,
        45002,
        "Yusmary",
        "Peña González",
        "26.123.456-4",
        datetime.date(1990, 5, 14),
        None,
        "F",
        "venezolana",
        "+56 9 8765 4321",
        "WhatsApp",
        "Salud, FONASA",
        "",
    ],
    [
        3,
        "20-03-2023",
        "Jean Baptiste",
        "Pierre",
        "",
        "12/08/85",
        None,
        "Masc.",
        "Haití",
        "",
        "Terreno",
        "Clases de español",
        "Sin documento",
    ],
    [
        4,
        "21/03/23",
        "Rosángela",
        "Díaz Rojas",
        "AB1234567",
        "1988-11-02",
        None,
        "Mujer",
        "VEN",
        "987654321",
        "telefono",
        "trabajo y vivienda",
        "",
    ],
    [
        5,
        datetime.date(2023, 4, 2),
        "Luis Alberto",
        "Quispe Mamani",
        "25.987.654-0",
        "03-02-1979",
        None,
        "M",
        "peruano",
        "",
        "oficina",
        "Matrícula escolar",
        "Hija de 8 años",
    ],
]
FILAS_2024 = [
    [
        1,
        datetime.date(2024, 1, 15),
        "Yusmary",
        "Peña González",
        "261234564",
        datetime.date(1990, 5, 14),
        None,
        "Fem.",
        "Venezuela",
        "+56987654321",
        "Presencial",
        "RSH",
        "Vuelve por el Registro Social",
    ],
    [
        2,
        "31-02-2024",
        "Marie",
        "Joseph",
        "",
        "",
        None,
        "F",
        "haitiana",
        "",
        "Presencial",
        "Salud",
        "Fecha imposible: se informa como error",
    ],
    [
        3,
        datetime.date(2024, 2, 20),
        "Carlos",
        "Mendoza",
        "12.345.678-9",
        "",
        None,
        "Hombre",
        "colombiano",
        "",
        "Correo",
        "Jurídica",
        "RUN con dígito verificador malo",
    ],
    [
        4,
        "05-03-2024",
        "Wilner",
        "Louis",
        "27111222k",
        "",
        None,
        "H",
        "HT",
        "",
        "wsp",
        "Trabajo / OMIL",
        "RUN con K, sin puntos ni guion",
    ],
]


def _edad(nacimiento: datetime.date, dia: datetime.date) -> int:
    return dia.year - nacimiento.year - ((dia.month, dia.day) < (nacimiento.month, nacimiento.day))


def _hoja(libro, titulo, filas, combinar_persona, en_cache):
    hoja = libro.create_sheet(titulo)
    hoja["A1"] = "Municipalidad de Valparaíso · Oficina Comunal de Migrantes"
    hoja["A1"].font = Font(bold=True)
    hoja.merge_cells("A1:M1")
    hoja["A2"] = f"Registro de atenciones {titulo[-4:]}"
    # Row 3 is empty; the headings are on row 4.
    hoja.append([])
    hoja.append(ENCABEZADOS)
    for posicion, fila in enumerate(filas):
        hoja.append(fila)
        numero = hoja.max_row
        nacimiento, dia = fila[5], fila[1]
        if isinstance(nacimiento, datetime.date) and isinstance(dia, datetime.date):
            # Age as a formula: read back as the value Excel saved, never evaluated.
            hoja.cell(numero, 7).value = f'=DATEDIF(F{numero},B{numero},"Y")'
            en_cache[(titulo, f"G{numero}")] = _edad(nacimiento, dia)
        if posicion % 2:
            hoja.append([])  # offices leave blank lines here and there
    if combinar_persona:
        # Yusmary's two 2023 attentions (rows 5 and 6): her data merged over both rows.
        for columna in "CDEFHIJ":
            hoja[f"{columna}6"] = None
            hoja.merge_cells(f"{columna}5:{columna}6")
    return hoja


def _valores_en_cache(ruta: Path, en_cache: dict, hojas: list[str]) -> None:
    """Store a cached value beside each formula, as Excel does when it saves (openpyxl writes none)."""
    temporal = Path(tempfile.mkstemp(suffix=".xlsx")[1])
    with zipfile.ZipFile(ruta) as origen, zipfile.ZipFile(temporal, "w", zipfile.ZIP_DEFLATED) as destino:
        for parte in origen.infolist():
            datos = origen.read(parte.filename)
            if m := re.match(r"xl/worksheets/sheet(\d+)\.xml$", parte.filename):
                titulo = hojas[int(m.group(1)) - 1]

                def con_valor(c: re.Match[str], t: str = titulo) -> str:
                    return (
                        f'<c r="{c.group(1)}"><f>{c.group(2)}</f>'
                        f"<v>{en_cache.get((t, c.group(1)), 0)}</v></c>"
                    )

                datos = re.sub(
                    r'<c r="([A-Z]+\d+)"><f>([^<]*)</f><v\s*/?>(?:</v>)?</c>',
                    con_valor,
                    datos.decode(),
                ).encode()
            destino.writestr(parte, datos)
    shutil.move(temporal, ruta)


def construir(xlsx: Path = XLSX, csv: Path = CSV) -> None:
    libro = Workbook()
    if libro.active is not None:  # the new workbook's default sheet
        libro.remove(libro.active)
    en_cache: dict = {}
    _hoja(libro, "Atenciones 2023", FILAS_2023, combinar_persona=True, en_cache=en_cache)
    _hoja(libro, "Atenciones 2024", FILAS_2024, combinar_persona=False, en_cache=en_cache)
    resumen = libro.create_sheet("Resumen")
    resumen["A1"] = "Total atenciones"
    resumen["B1"] = "=COUNTA('Atenciones 2023'!B5:B20)"
    en_cache[("Resumen", "B1")] = len(FILAS_2023)
    libro.save(xlsx)
    _valores_en_cache(xlsx, en_cache, libro.sheetnames)
    # The CSV twin, as Excel in Spanish exports it: Windows-1252, `;`, dates as text.
    lineas = ["Registro de atenciones 2023", "", ";".join(ENCABEZADOS)]
    for fila in FILAS_2023:
        celdas = []
        for valor in fila:
            if isinstance(valor, datetime.date):
                valor = valor.strftime("%d-%m-%Y")
            celdas.append("" if valor is None else str(valor))
        lineas.append(";".join(celdas))
    csv.write_bytes(("\r\n".join(lineas) + "\r\n").encode("cp1252"))


if __name__ == "__main__":
    construir()

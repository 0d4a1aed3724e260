"""What people type in the office's spreadsheets, turned into the registry's values (cases written out)."""

import datetime

import pytest

from atenciones.importacion import valores
from atenciones.importacion.valores import ValorInvalido


@pytest.mark.parametrize(
    ("celda", "esperado"),
    [
        (datetime.datetime(2023, 3, 6, 0, 0), datetime.date(2023, 3, 6)),
        (datetime.date(2023, 3, 6), datetime.date(2023, 3, 6)),
        (44927, datetime.date(2023, 1, 1)),  # Excel serial number
        (45002, datetime.date(2023, 3, 17)),
        (45002.0, datetime.date(2023, 3, 17)),
        ("45002", datetime.date(2023, 3, 17)),  # a serial exported as text
        ("20-03-2023", datetime.date(2023, 3, 20)),
        ("20/03/2023", datetime.date(2023, 3, 20)),
        ("5.3.2023", datetime.date(2023, 3, 5)),
        ("21/03/23", datetime.date(2023, 3, 21)),
        ("12/08/85", datetime.date(1985, 8, 12)),  # two-digit year after this year: last century
        ("1988-11-02", datetime.date(1988, 11, 2)),
        ("2024-01-15 00:00:00", datetime.date(2024, 1, 15)),
        ("", None),
        (None, None),
    ],
)
def test_dates_in_every_shape_offices_write_them(celda, esperado):
    assert valores.fecha(celda, hoy=datetime.date(2026, 11, 29)) == esperado


@pytest.mark.parametrize("celda", ["31-02-2024", "00/00/0000", "mañana", "2023-13-01", -5, 99999999])
def test_impossible_dates_are_reported(celda):
    with pytest.raises(ValorInvalido):
        valores.fecha(celda)


@pytest.mark.parametrize(
    ("celda", "esperado"),
    [
        ("F", "mujer"),
        ("Fem.", "mujer"),
        ("femenino", "mujer"),
        ("MUJER", "mujer"),
        ("M", "hombre"),
        ("Masc.", "hombre"),
        ("Hombre", "hombre"),
        ("varón", "hombre"),
        ("", "no_informa"),
        (None, "no_informa"),
    ],
)
def test_sex(celda, esperado):
    assert valores.sexo(celda) == esperado


def test_unknown_sex_is_reported():
    with pytest.raises(ValorInvalido, match="no reconocido"):
        valores.sexo("x?")


@pytest.mark.parametrize(
    ("celda", "esperado"),
    [
        ("venezolana", "VE"),
        ("Venezolano", "VE"),
        ("Venezuela", "VE"),
        ("VEN", "VE"),
        ("ve", "VE"),
        ("haitiana", "HT"),
        ("Haití", "HT"),
        ("HTI", "HT"),
        ("peruano", "PE"),
        ("Perú", "PE"),
        ("colombiana", "CO"),
        ("República Dominicana", "DO"),
        ("dominicano", "DO"),
        ("boliviana", "BO"),
        ("Bolivia", "BO"),
        ("china", "CN"),
        ("Haiti", "HT"),
        ("", ""),
    ],
)
def test_nationality_as_adjective_country_or_code(celda, esperado):
    assert valores.nacionalidad(celda) == esperado


def test_unknown_nationality_is_reported():
    with pytest.raises(ValorInvalido, match="no reconocida"):
        valores.nacionalidad("marciana")


@pytest.mark.parametrize(
    ("celda", "esperado"),
    [
        ("Presencial", "presencial"),
        ("oficina", "presencial"),
        ("", "presencial"),
        ("telefono", "telefono"),
        ("Teléfono", "telefono"),
        ("wsp", "whatsapp"),
        ("WhatsApp", "whatsapp"),
        ("Correo", "email"),
        ("Terreno", "terreno"),
        ("visita domiciliaria", "terreno"),
        ("Operativo", "operativo"),
    ],
)
def test_channels_by_synonym(celda, esperado):
    assert valores.canal(celda) == esperado


@pytest.mark.parametrize(
    ("celda", "esperado"),
    [
        ("Regularización / SERMIG", ["regularizacion"]),
        ("Salud, FONASA", ["salud"]),
        ("trabajo y vivienda", ["trabajo", "vivienda"]),
        ("Matrícula escolar", ["educacion"]),
        ("RSH", ["rsh"]),
        ("consulta por matrícula escolar", ["educacion"]),
        ("Clases de español", ["clases_espanol"]),
        ("violencia de género", ["violencia_genero"]),
        ("algo que nadie entiende", ["otro"]),
        ("", ["otro"]),
    ],
)
def test_topics_from_free_text(celda, esperado):
    assert valores.temas(celda) == esperado


@pytest.mark.parametrize(
    ("numero", "tipo", "esperado"),
    [
        ("26.123.456-4", None, ("run", "261234564")),
        ("261234564", None, ("run", "261234564")),
        ("27111222k", None, ("run", "27111222K")),
        ("27.111.222-K", "RUT", ("run", "27111222K")),
        ("AB1234567", None, ("otro", "AB1234567")),
        ("AB 123-4567", "Pasaporte", ("pasaporte", "AB1234567")),
        ("", None, ("ninguno", "")),
        ("sin documento", None, ("ninguno", "")),
        (26123456.0, "pasaporte", ("pasaporte", "26123456")),
    ],
)
def test_documents(numero, tipo, esperado):
    assert valores.documento(numero, tipo) == esperado


def test_a_run_with_a_wrong_check_digit_is_reported():
    with pytest.raises(ValorInvalido, match="dígito verificador"):
        valores.documento("12.345.678-9", "RUN")

"""Column mapping: proposed from the headings, checked before use."""

import pytest

from atenciones.importacion import mapeo


@pytest.mark.parametrize(
    ("encabezado", "campo"),
    [
        ("Nombre", "nombres"),
        ("NOMBRES", "nombres"),
        ("Apellidos", "apellidos"),
        ("Apellido Paterno", "apellido_paterno"),
        ("RUT/Pasaporte", "documento"),
        ("Rut", "documento"),
        ("N° documento", "documento"),
        ("F. Nacimiento", "fecha_nacimiento"),
        ("Fecha de Nacimiento", "fecha_nacimiento"),
        ("Fecha", "fecha_atencion"),
        ("Fecha atención", "fecha_atencion"),
        ("Sexo", "sexo"),
        ("Nacionalidad", "nacionalidad"),
        ("País de origen", "nacionalidad"),
        ("Teléfono", "telefono"),
        ("Fono", "telefono"),
        ("Canal", "canal"),
        ("Motivo de consulta", "temas"),
        ("Observaciones", "notas"),
        ("Obsevaciones", "notas"),  # a typo in the heading
        ("N°", None),
        ("", None),
        ("Columna sin nombre", None),
    ],
)
def test_a_heading_proposes_its_field(encabezado, campo):
    assert mapeo.campo_para(encabezado) == campo


def test_the_proposal_maps_each_field_once():
    assert mapeo.proponer_mapeo(["Nombre", "Fecha", "Fono", "Celular"]) == {
        0: "nombres",
        1: "fecha_atencion",
        2: "telefono",
    }


def test_a_field_mapped_twice_is_an_error():
    errores = mapeo.validar_mapeo({0: "nombres", 1: "fecha_atencion", 2: "telefono", 3: "telefono"})
    assert errores == ["El campo «Teléfono» está asignado a dos columnas (3 y 4)."]


def test_a_mapping_needs_the_name_and_the_date():
    assert mapeo.validar_mapeo({0: "telefono"}) == [
        "Asigne la columna con el nombre de la persona (Nombres o Nombre completo).",
        "Asigne la columna con la fecha de la atención.",
    ]

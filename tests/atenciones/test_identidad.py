"""Sound-alike keys and typo-tolerant name comparison (atenciones.identidad), with the cases written out."""

import pytest

from atenciones.identidad import (
    clave_fonetica,
    orden_busqueda,
    palabras_nombre,
    puntaje_busqueda,
    similitud_nombres,
    similitud_palabra,
)

# (one spelling, another spelling of the same sound): same key.
MISMO_SONIDO = [
    ("Yusmary", "Yusmari"),  # y / i
    ("Valentina", "Balentina"),  # v / b
    ("González", "Gonsales"),  # z / s, accents
    ("Cecilia", "Sesilia"),  # c before e, i / s
    ("Castillo", "Castiyo"),  # ll / y
    ("Hernández", "Ernandez"),  # silent h
    ("Stephanie", "Stefani"),  # ph / f
    ("Baptiste", "Batiste"),  # French silent p
    ("Jean", "Jan"),
    ("Rosángela", "Rosanjela"),  # g before e / j
    ("Peña", "Pena"),  # ñ
    ("Quispe", "Kispe"),  # qu / k
    ("Chery", "Shery"),  # ch / sh
    ("JEAN-BAPTISTE", "jean baptiste"),  # case and hyphen
]

# Different names: different keys.
OTRO_SONIDO = [
    ("Guillermo", "Jiyermo"),  # gu before i is a hard g
    ("Castro", "Castillo"),
    ("Pérez", "Paredes"),
    ("Daniela", "Dayana"),
]


@pytest.mark.parametrize(("a", "b"), MISMO_SONIDO)
def test_same_sound_spelled_differently_gets_the_same_key(a, b):
    assert clave_fonetica(a.replace("-", "")) == clave_fonetica(b.replace(" ", ""))


@pytest.mark.parametrize(("a", "b"), OTRO_SONIDO)
def test_different_names_get_different_keys(a, b):
    assert clave_fonetica(a) != clave_fonetica(b)


def test_keys_written_out():
    assert clave_fonetica("Baptiste") == "BTST"
    assert clave_fonetica("Yusmary") == "ISMR"
    assert clave_fonetica("Jean") == "JN"
    assert clave_fonetica("") == ""


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("rodriguez", "rodrigeuz"),  # two letters swapped
        ("milagros", "milagos"),  # one missing
        ("flores", "floress"),  # one extra
        ("marquez", "marquex"),  # one wrong
    ],
)
def test_one_typing_slip_is_still_close(a, b):
    assert similitud_palabra(a, b) >= 80


def test_word_order_accents_and_missing_second_surname_still_match():
    registrada = palabras_nombre("Yusmary", "Peña González")
    assert similitud_nombres(palabras_nombre("Yusmari", "Pena Gonzalez"), registrada) >= 90
    assert similitud_nombres(palabras_nombre("Peña González", "Yusmary"), registrada) >= 95
    assert similitud_nombres(palabras_nombre("Yusmary", "Peña"), registrada) >= 90


def test_siblings_sharing_surnames_are_not_similar_enough():
    assert (
        similitud_nombres(palabras_nombre("María", "Peña González"), palabras_nombre("José", "Peña González"))
        < 80
    )


def test_search_score_needs_every_word():
    persona = palabras_nombre("Jean Baptiste", "Pierre")
    assert puntaje_busqueda(["jean", "batiste"], persona) >= 90
    assert puntaje_busqueda(["jean", "zapata"], persona) == 0
    assert puntaje_busqueda(["rosa"], palabras_nombre("Rosángela")) == 100  # a prefix counts


@pytest.mark.parametrize(
    ("consulta", "nombres", "apellidos", "esperado"),
    [
        # (score, query words spelled exactly, name words left out, order swaps)
        ("yusmary pena", "Yusmary", "Peña", (100.0, 2, 0, 0)),
        ("yusmary pena", "Yusmary", "Peña González", (100.0, 2, 1, 0)),  # a word left out
        ("pena yusmary", "Yusmary", "Peña", (100.0, 2, 0, 1)),  # typed in another order
        ("rosa pena", "Rosángela", "Peña", (100.0, 1, 0, 0)),  # a prefix: not spelled exactly
        ("lucia rojas rojas", "Lucía", "Rojas Rojas", (100.0, 3, 0, 0)),
    ],
)
def test_search_order_parts_written_out(consulta, nombres, apellidos, esperado):
    assert orden_busqueda(consulta.split(), palabras_nombre(nombres, apellidos)) == pytest.approx(esperado)


def test_each_query_word_needs_its_own_name_word():
    # "rojas rojas" is answered by two Rojas, not twice by the same one.
    assert puntaje_busqueda(["lucia", "rojas", "rojas"], palabras_nombre("Lucía", "Rojas Flores")) < 80
    assert puntaje_busqueda(["perez", "perez"], palabras_nombre("Ana", "Pérez Peña")) == 0


def test_one_word_mistyped_beyond_recognition_is_tolerated_only_among_three():
    persona = palabras_nombre("Marcela", "Muñoz Muñoz")
    # "muos" (z→s and a letter missing) is far from "munoz"; the other two words carry it.
    assert puntaje_busqueda(["marcela", "muos", "munoz"], persona) == pytest.approx(88.9, abs=0.1)
    assert puntaje_busqueda(["muos", "munoz"], persona) == 0
    assert puntaje_busqueda(["zapata", "muos", "munoz"], persona) == 0

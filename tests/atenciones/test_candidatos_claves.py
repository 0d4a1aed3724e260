"""Candidates of the typo-tolerant search and duplicate detection by whole phonetic keys (issue 16):
the same persons on both databases; on PostgreSQL from the GIN array index (migration 0017_i16)."""

import datetime

import pytest
from django.db import connection

from atenciones.identidad import claves_vecinas, vecindad_clave
from atenciones.models import Persona
from atenciones.selectors.duplicados import (
    VecinasClaves,
    buscar_parecidos,
    candidatos_busqueda,
    con_alguna_clave,
    con_claves,
    consulta_candidatos,
)
from tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db

NACIMIENTO = datetime.date(1990, 5, 4)


@pytest.fixture
def registro():
    """Names and their keys (identidad.claves_texto) written out."""
    return {
        "yusmary": PersonaFactory(nombres="Yusmary", apellidos="Peña González", fecha_nacimiento=NACIMIENTO),
        # ISMR PN
        "yusmari": PersonaFactory(
            nombres="Yusmari", apellidos="Pena", fecha_nacimiento=datetime.date(1971, 1, 20)
        ),
        # PDR PN
        "pedro": PersonaFactory(nombres="Pedro", apellidos="Pena", fecha_nacimiento=NACIMIENTO),
        # GNSL PNT PN
        "gonzalo": PersonaFactory(nombres="Gonzalo", apellidos="Pinto Peña", fecha_nacimiento=NACIMIENTO),
        # JN PNT: PNT is not PN
        "juana": PersonaFactory(nombres="Juana", apellidos="Pinto", fecha_nacimiento=NACIMIENTO),
        # JN BTST PR
        "jean": PersonaFactory(nombres="Jean Baptiste", apellidos="Pierre"),
        # MLGRS FLRS UMN
        "milagros": PersonaFactory(nombres="Milagros", apellidos="Flores Huamán"),
        # FLRNS GNSLS
        "florencia": PersonaFactory(nombres="Florencia", apellidos="Gonzalez", fecha_nacimiento=NACIMIENTO),
        # JSF MXL
        "joseph": PersonaFactory(nombres="Joseph", apellidos="Michel"),
    }


def _nombres(registro, qs) -> set[str]:
    por_pk = {p.pk: nombre for nombre, p in registro.items()}
    return {por_pk[pk] for pk in qs.values_list("pk", flat=True)}


def test_stored_keys_are_space_padded_whole_keys(registro):
    assert registro["yusmary"].claves == " ISMR PN GNSLS "
    assert registro["gonzalo"].claves == " GNSL PNT PN "


@pytest.mark.parametrize(
    ("claves", "todas", "alguna"),
    [
        (["PN"], {"yusmary", "yusmari", "pedro", "gonzalo"}, {"yusmary", "yusmari", "pedro", "gonzalo"}),
        (["ISMR", "PN", "GNSLS"], {"yusmary"}, {"yusmary", "yusmari", "pedro", "gonzalo", "florencia"}),
        (["JN", "BTST"], {"jean"}, {"jean", "juana"}),
        (["GNSL"], {"gonzalo"}, {"gonzalo"}),  # not GNSLS
        (["PNT", "JN"], {"juana"}, {"juana", "gonzalo", "jean"}),
        (["ZZZ"], set(), set()),
    ],
)
def test_whole_keys_match_whole_keys_only(registro, claves, todas, alguna):
    assert _nombres(registro, Persona.objects.filter(con_claves(claves))) == todas
    assert _nombres(registro, Persona.objects.filter(con_alguna_clave(claves))) == alguna


@pytest.mark.parametrize(
    ("claves", "exactas", "cercanas"),
    [
        # "yusmari pena gonsales": every key, at both tries.
        (["ISMR", "PN", "GNSLS"], {"yusmary"}, {"yusmary"}),
        # "jean batiste"
        (["JN", "BTST"], {"jean"}, {"jean"}),
        # "milagos flores": FLRS whole and MLGS one deletion from MLGRS.
        (["MLGS", "FLRS"], set(), {"milagros"}),
        # "joeph michel": MXL whole and JF one deletion from JSF.
        (["JF", "MXL"], set(), {"joseph"}),
        # "joseph micel": one letter changed in a three-letter key (MSL, MXL share only ML, a
        # two-letter deletion held by a tenth of a registry) is not looked for.
        (["JSF", "MSL"], set(), set()),
        # "joeph micel": two words off is beyond the near try.
        (["JF", "MSL"], set(), set()),
        # "pena pinto": PNT whole and a key within one edit of PN (PN itself, or PNT whose
        # deletions hold PN), or PN whole and PNT (its own deletions are two letters: left out).
        (["PN", "PNT"], {"gonzalo"}, {"gonzalo", "juana"}),
        # one word, "flors": FLRS itself, or FLRNS (one deletion gives FLRS).
        (["FLRS"], {"milagros"}, {"milagros", "florencia"}),
    ],
)
def test_search_candidates_exact_and_near(registro, claves, exactas, cercanas):
    assert _nombres(registro, Persona.objects.filter(candidatos_busqueda(claves, "exacta"))) == exactas
    assert _nombres(registro, Persona.objects.filter(candidatos_busqueda(claves, "cercana"))) == cercanas


@pytest.mark.parametrize(
    ("claves", "parciales"),
    [
        # "yusmari pena gonsales": any two of the three keys (Yusmari Pena holds ISMR and PN).
        (["ISMR", "PN", "GNSLS"], {"yusmary", "yusmari"}),
        # "juana pinto pena": JN PNT of Juana Pinto, PNT PN of Gonzalo Pinto Peña.
        (["JN", "PNT", "PN"], {"juana", "gonzalo"}),
        # two keys: the partial try is the near one.
        (["MLGS", "FLRS"], {"milagros"}),
    ],
)
def test_search_candidates_partial_with_three_words(registro, claves, parciales):
    assert _nombres(registro, Persona.objects.filter(candidatos_busqueda(claves, "parcial"))) == parciales


def test_key_neighbourhoods_written_out():
    assert vecindad_clave("JSF") == ["JSF", "SF", "JF", "JS"]
    assert vecindad_clave("JN") == ["JN"]
    assert vecindad_clave("SKS") == ["SKS", "KS", "SK"]  # not "S" (SS collapsed): never one letter
    # "gonzaez": the L deleted brings the two S together (GNSS is no key: GNS).
    assert vecindad_clave("GNSLS") == ["GNSLS", "NSLS", "GSLS", "GNLS", "GNS", "GNSL"]
    assert claves_vecinas(" JSF MXL JS ") == ["JSF", "SF", "JF", "JS", "MXL", "XL", "ML", "MX"]


@pytest.mark.parametrize(
    ("nombre", "esperadas"),
    [
        ("joseph", ["JSF", "SF", "JF", "JS", "MXL", "XL", "ML", "MX"]),
        (
            "yusmary",
            ["ISMR", "SMR", "IMR", "ISR", "ISM", "PN", "GNSLS", "NSLS", "GSLS", "GNLS", "GNS", "GNSL"],
        ),
    ],
)
def test_the_database_computes_the_same_neighbourhoods(registro, nombre, esperadas):
    # PostgreSQL's persona_claves_vecinas (migration 0020_i11) and SQLite's registered function.
    valores = Persona.objects.filter(pk=registro[nombre].pk).annotate(v=VecinasClaves("claves"))
    vecinas = valores.values_list("v", flat=True).get()
    if connection.vendor != "postgresql":
        vecinas = vecinas.split()
    assert vecinas == esperadas
    assert claves_vecinas(registro[nombre].claves) == esperadas


@pytest.mark.parametrize(
    ("consulta", "esperadas"),
    [
        ("yusmari pena gonsales", ["yusmary"]),
        ("jean batiste", ["jean"]),
        ("milagos flores", ["milagros"]),
        ("pedro peña", ["pedro"]),
        ("joeph michel", ["joseph"]),
        ("yusmary pena gonzaez", ["yusmary"]),
    ],
)
def test_misspelled_search_lists_the_intended_persons(registro, consulta, esperadas):
    encontradas = buscar_parecidos(consulta.split())
    por_pk = {p.pk: nombre for nombre, p in registro.items()}
    assert [por_pk[p.pk] for p in encontradas][: len(esperadas)] == esperadas


def test_duplicate_candidates_with_a_birth_date(registro):
    # "Yusmari Pena Gonzales" born 1990-05-04: a shared key and a close birth date, or every key.
    qs = consulta_candidatos(["yusmari", "pena", "gonzales"], set(), "", fecha=NACIMIENTO)
    assert _nombres(registro, qs) == {"yusmary", "pedro", "gonzalo", "florencia"}
    mejores = list(qs)
    assert mejores[0].pk == registro["yusmary"].pk  # three keys in common first
    assert mejores[0].comunes == 3


def test_duplicate_candidates_without_a_birth_date_share_two_keys(registro):
    qs = consulta_candidatos(["yusmari", "pena", "gonzales"], set(), "", fecha=datetime.date(2001, 1, 1))
    assert _nombres(registro, qs) == {"yusmary"}
    qs = consulta_candidatos(["juana", "pinto"], set(), "", excluir=registro["juana"].pk, fecha=NACIMIENTO)
    assert _nombres(registro, qs) == {"gonzalo"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL indexes")
@pytest.mark.parametrize(
    ("condicion", "indice"),
    [
        (con_claves(["ISMR", "PN"]), "persona_claves_pares_idx"),
        (con_claves(["PN"]), "persona_claves_lista_idx"),
        (con_alguna_clave(["ISMR", "PN"]), "persona_claves_lista_idx"),
    ],
)
def test_postgresql_reads_the_keys_from_the_array_indexes(registro, condicion, indice):
    with connection.cursor() as cursor:
        # Eight rows: reading the table (or the name index, in order) would win otherwise.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = Persona.objects.filter(condicion).order_by().explain()
    assert indice in plan


def test_duplicate_candidates_by_current_and_past_document_number_only():
    from atenciones.models import DocumentoIdentidad

    PersonaFactory(nombres="Ana", apellidos="Uno", tipo_documento="pasaporte", documento_numero="HT555666")
    antigua = PersonaFactory(nombres="Berta", apellidos="Dos", tipo_documento="ninguno", documento_numero="")
    DocumentoIdentidad.objects.create(persona=antigua, tipo="pasaporte", numero="VE777888", vigente=False)
    # The number inside another one and inside a phone: in their search text, not their document.
    PersonaFactory(
        nombres="Carla", apellidos="Tres", tipo_documento="pasaporte", documento_numero="HT5556660"
    )
    PersonaFactory(nombres="Dora", apellidos="Cuatro", telefono="+56977788812")
    qs = consulta_candidatos(["zoila", "vaca"], {"HT555666", "VE777888", "777888"}, "", fecha=NACIMIENTO)
    assert {p.nombres: p.doc_comun for p in qs} == {"Ana": True, "Berta": True}

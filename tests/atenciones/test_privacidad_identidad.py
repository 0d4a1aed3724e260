"""A data subject's export (JSON and printed) lists their identity documents and merges."""

import datetime
import json

import pytest
from django.urls import reverse

from atenciones.models import SolicitudDerecho
from atenciones.selectors.privacidad import datos_del_titular
from atenciones.services.documentos import agregar_documento
from atenciones.services.fusion import fusionar_personas
from tests.factories import AtencionFactory, DerivacionFactory, PersonaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def titular(encargada):
    """A person with a past passport, a current DNI, and a second record merged into theirs."""
    persona = PersonaFactory(
        nombres="Yusmary", apellidos="Peña", fecha_nacimiento=datetime.date(1990, 1, 1), nacionalidad="VE"
    )
    agregar_documento(
        persona=persona, usuario=encargada, tipo="pasaporte", numero="VE111222", pais_emisor="VE"
    )
    agregar_documento(
        persona=persona, usuario=encargada, tipo="dni", numero="V12345678", pais_emisor="VE", vigente=True
    )
    copia = PersonaFactory(nombres="Yusmari", apellidos="Pena", fecha_nacimiento=datetime.date(1990, 1, 1))
    fusionar_personas(superviviente=persona, absorbida=copia, usuario=encargada, elegidos=[])
    return persona, copia


def _acceso(persona):
    return SolicitudDerecho.objects.create(
        tipo="acceso", solicitante=persona.nombre_completo, persona=persona
    )


def test_subject_data_lists_every_document_current_and_past(titular):
    persona, _copia = titular
    documentos = datos_del_titular(persona)["persona"]["documentos de identidad"]
    assert [(d["número"], d["documento actual"]) for d in documentos] == [
        ("V12345678", True),
        ("VE111222", False),
    ]
    assert documentos[1]["país emisor"] == {"valor": "VE", "texto": "Venezuela"}
    assert documentos[1]["tipo"]["valor"] == "pasaporte"


def test_subject_data_lists_the_merges_of_both_records(titular, encargada):
    persona, copia = titular
    for registro in (persona, copia):
        fusiones = datos_del_titular(registro)["persona"]["fusiones de fichas"]
        assert len(fusiones) == 1
        assert fusiones[0]["persona que queda"] == str(persona)
        assert fusiones[0]["persona fusionada"] == str(copia)
        # What the merged record held before, for the subject to see.
        assert fusiones[0]["valores antes (persona fusionada)"]["nombres"] == "Yusmari"


def test_a_person_without_documents_or_merges_has_empty_lists():
    datos = datos_del_titular(PersonaFactory())
    assert datos["persona"]["documentos de identidad"] == []
    assert datos["persona"]["fusiones de fichas"] == []


def test_json_export_carries_documents_and_merges(client, encargada, titular):
    persona, _copia = titular
    client.force_login(encargada)
    respuesta = client.get(reverse("equipo:derecho_datos_json", args=[_acceso(persona).pk]))
    assert respuesta.status_code == 200
    datos = json.loads(respuesta.content)
    assert {d["número"] for d in datos["persona"]["documentos de identidad"]} == {"V12345678", "VE111222"}
    assert len(datos["persona"]["fusiones de fichas"]) == 1


def test_printed_export_shows_documents_and_merges(client, encargada, titular, django_assert_max_num_queries):
    persona, copia = titular
    for _ in range(4):
        AtencionFactory(persona=persona)
        DerivacionFactory(persona=persona)
    client.force_login(encargada)
    # Same cap as the printed page without documents: two more lists, two more queries at most.
    with django_assert_max_num_queries(24):
        respuesta = client.get(reverse("equipo:derecho_datos", args=[_acceso(persona).pk]))
    texto = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Documentos de identidad" in texto and "Fusiones de fichas" in texto
    assert "V12345678" in texto and "VE111222" in texto
    assert str(copia) in texto
    # The merge's stored values and moved ids stay in the JSON export, not on paper.
    assert "valores antes" not in texto.lower() and "registros movidos" not in texto.lower()

"""Creole and English readers get their language: ≥ 90 % of the visible text of every /ht/ and
/en/ page of the demo is in the page's language (tests/oficina/idioma_visible.py says how)."""

import pytest
from django.core.management import call_command

from oficina.models import PaginaInformativa
from tests.oficina.idioma_visible import medir

pytestmark = pytest.mark.django_db

MINIMO = 0.90


@pytest.fixture
def demo():
    call_command("seed_demo", personas=0, atenciones=0, force=True, verbosity=0)


def _rutas() -> list[str]:
    claves = sorted(
        set(PaginaInformativa.objects.exclude(clave="privacidad").values_list("clave", flat=True))
    )
    return [
        "",
        "guias/",
        *[f"guias/{clave}/" for clave in claves],
        "red-de-apoyo/",
        "actividades/",
        "privacidad/",
        "buscar/?q=salud",
        "buscar/?q=cedula",
    ]


@pytest.mark.parametrize("idioma", ["ht", "en"])
def test_every_demo_page_is_at_least_90_percent_in_the_readers_language(client, demo, idioma):
    medidas = {}
    for ruta in _rutas():
        respuesta = client.get(f"/{idioma}/{ruta}")
        assert respuesta.status_code == 200, ruta
        medidas[ruta] = medir(respuesta.content.decode(), idioma)
    # The figures for the report (pytest -s shows them).
    for ruta, medida in medidas.items():
        print(f"/{idioma}/{ruta}: {medida.en_idioma}/{medida.total} letters = {medida.proporcion:.1%}")
    bajas = {
        ruta: (f"{m.proporcion:.1%}", m.otros[:5]) for ruta, m in medidas.items() if m.proporcion < MINIMO
    }
    assert bajas == {}


def test_the_identifier_knows_creole_english_and_spanish():
    def idioma_de(texto):
        medida_ht = medir(f"<p>{texto}</p>", "ht")
        medida_en = medir(f"<p>{texto}</p>", "en")
        medida_es = medir(f"<p>{texto}</p>", "es")
        return {"ht": medida_ht, "en": medida_en, "es": medida_es}

    casos = {
        "Òganizasyon ak sèvis piblik ki ede moun migran yo.": "ht",
        "Organisations and public services that help migrants.": "en",
        "Organizaciones y servicios públicos que ayudan a personas migrantes.": "es",
    }
    for texto, esperado in casos.items():
        assert idioma_de(texto)[esperado].proporcion == 1.0, texto


def test_proper_names_and_addresses_marked_translate_no_are_not_counted():
    html = '<p>Texto en kreyòl: moun yo ka vini nenpòt lè.</p><p translate="no">Biblioteca Severín, Avenida Pedro Montt</p>'
    medida = medir(html, "ht")
    assert medida.otros == ()

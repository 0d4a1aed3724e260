"""Person search: accents, case, word order, documents and phones; same results on both databases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from atenciones.busqueda import buscar_personas, normalizar_texto, terminos
from atenciones.choices import TipoDocumento
from atenciones.models import Persona
from tests.factories import AtencionFactory, PersonaFactory

pytestmark = pytest.mark.django_db

URL = reverse("equipo:personas")


def test_normalisation_drops_accents_case_and_punctuation():
    assert normalizar_texto("José  NÚÑEZ-Peña") == "jose nunez pena"
    assert terminos("12.345.678-5") == ["123456785"]
    assert terminos("+56 9 8765 4321") == ["56987654321"]
    assert terminos("Jean-Baptiste  Wilner") == ["jean", "baptiste", "wilner"]


def _ids(consulta):
    return [p.pk for p in buscar_personas(Persona.objects.all(), consulta)]


def test_names_match_regardless_of_accents_case_and_word_order():
    jose = PersonaFactory(nombres="José Gregorio", apellidos="Núñez Pérez")
    PersonaFactory(nombres="Josefina", apellidos="Rojas")
    assert _ids("jose nunez") == [jose.pk]
    assert _ids("NUÑEZ josé") == [jose.pk]
    assert _ids("perez gregorio") == [jose.pk]


def test_social_name_is_searchable():
    persona = PersonaFactory(nombres="Juan", apellidos="Pierre", nombre_social="Nadège")
    assert _ids("nadege") == [persona.pk]


def test_document_matches_with_or_without_dots_dash_and_spaces():
    persona = PersonaFactory(tipo_documento=TipoDocumento.RUN, documento_numero="123456785")
    PersonaFactory()
    for consulta in ("12.345.678-5", "12345678-5", "123456785", "12 345 678 5"):
        assert _ids(consulta) == [persona.pk], consulta


def test_passport_matches_in_any_case():
    persona = PersonaFactory(tipo_documento=TipoDocumento.PASAPORTE, documento_numero="VE000123456")
    assert _ids("ve000123456") == [persona.pk]


def test_phone_matches_with_or_without_country_code():
    persona = PersonaFactory(telefono="+56987654321")
    assert _ids("+56 9 8765 4321") == [persona.pk]
    assert _ids("9 8765 4321") == [persona.pk]


def test_exact_document_ranks_first():
    otra = PersonaFactory(nombres="Ana", apellidos="Díaz", telefono="+56911111111")
    exacta = PersonaFactory(tipo_documento=TipoDocumento.DNI_EXTRANJERO, documento_numero="11111111")
    assert _ids("11111111")[0] == exacta.pk
    assert set(_ids("11111111")) == {exacta.pk, otra.pk}


def test_empty_and_one_character_searches_explain_instead_of_failing(client, profesional):
    client.force_login(profesional)
    PersonaFactory(nombres="Ana")
    vacia = client.get(URL)
    assert vacia.status_code == 200
    assert "Escriba un nombre" in vacia.content.decode()
    corta = client.get(URL, {"q": "a"})
    assert corta.status_code == 200
    assert "al menos 2 letras" in corta.content.decode()
    assert client.get(URL, {"q": "..."}).status_code == 200


def test_results_show_what_tells_people_apart(client, profesional):
    persona = PersonaFactory(
        nombres="Wilner", apellidos="Joseph", nacionalidad="HT", fecha_nacimiento="1990-05-01"
    )
    AtencionFactory(persona=persona)
    client.force_login(profesional)
    html = client.get(URL, {"q": "wilner"}).content.decode()
    assert "1990" in html
    assert "Haití" in html
    assert persona.documento_display in html
    assert "1 persona encontrada" in html


def test_html_in_names_is_shown_escaped(client, profesional):
    PersonaFactory(nombres="<script>alert(1)</script>", apellidos="Prueba")
    client.force_login(profesional)
    html = client.get(URL, {"q": "prueba"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_page_out_of_range_shows_the_last_page(client, profesional):
    PersonaFactory.create_batch(25, apellidos="Márquez")
    client.force_login(profesional)
    for pagina in ("999", "abc", "-1"):
        respuesta = client.get(URL, {"q": "marquez", "page": pagina})
        assert respuesta.status_code == 200
    assert "Página 2 de 2" in client.get(URL, {"q": "marquez", "page": "999"}).content.decode()


def test_no_match_offers_registration(client, profesional):
    client.force_login(profesional)
    html = client.get(URL, {"q": "zzzz nadie"}).content.decode()
    assert "Nadie coincide" in html
    assert reverse("equipo:persona_nueva") in html


def test_search_query_count_does_not_grow_with_results(client, profesional, django_assert_max_num_queries):
    # More matches than one page (20), each with attentions: the last attention comes from one
    # grouped query for the page, not one per person (no N+1).
    for persona in PersonaFactory.create_batch(30, apellidos="González"):
        AtencionFactory(persona=persona)
        AtencionFactory(persona=persona)
    client.force_login(profesional)
    # 8 per request (session read and save with its savepoints, user, groups, nav permissions)
    # + count, page, last attentions of the page + the access-log row of the search.
    with django_assert_max_num_queries(12):
        respuesta = client.get(URL, {"q": "gonzalez"})
    assert respuesta.status_code == 200
    assert "30 personas encontradas" in respuesta.content.decode()


def test_liaison_and_outsider_cannot_search(client, enlace_salud, extrano):
    for usuario in (enlace_salud, extrano):
        client.force_login(usuario)
        assert client.get(URL, {"q": "ana"}).status_code == 404


def test_anonymous_is_sent_to_login_and_back(client):
    respuesta = client.get(URL, {"q": "ana"})
    assert respuesta.status_code == 302
    assert respuesta.url.startswith(reverse("login"))
    assert "next=/equipo/personas/%3Fq%3Dana" in respuesta.url


def test_too_many_matches_list_the_newest_first_and_ask_to_narrow(client, profesional, settings):
    # Ranking (or counting) every match is dear: above the limit the page says "more than N"
    # and the newest registered come first, on both databases.
    settings.BUSQUEDA_LIMITE_CONTEO = 2
    creadas = [
        PersonaFactory(nombres="Ana", apellidos=apellido) for apellido in ("Benítez", "Zapata", "Muñoz")
    ]
    client.force_login(profesional)
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(URL, {"q": "ana"})
    # The pages cover the first `limit` matches, the newest registered first.
    assert [p.pk for p in respuesta.context["pagina"]] == [creadas[2].pk, creadas[1].pk]
    html = respuesta.content.decode()
    assert "Más de 2 personas encontradas." in html
    assert "3 personas encontradas" not in html
    assert "Agregue un apellido" in html
    # The count stops at the limit + 1 instead of counting every match.
    conteo = [q["sql"] for q in consultas.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(conteo) == 1 and "LIMIT 3" in conteo[0]
    estrecha = client.get(URL, {"q": "ana zapata"}).content.decode()
    assert "1 persona encontrada." in estrecha
    assert "Agregue un apellido" not in estrecha and "Más de" not in estrecha


def test_exactly_the_limit_is_counted_not_called_more(client, profesional, settings):
    settings.BUSQUEDA_LIMITE_CONTEO = 2
    PersonaFactory(nombres="Ana", apellidos="Benítez")
    PersonaFactory(nombres="Ana", apellidos="Zapata")
    client.force_login(profesional)
    html = client.get(URL, {"q": "ana"}).content.decode()
    assert "2 personas encontradas." in html
    assert "Más de" not in html


def _nombres(consulta):
    return [f"{p.nombres} {p.apellidos}" for p in buscar_personas(Persona.objects.all(), consulta)]


def test_the_name_as_typed_ranks_before_the_same_words_in_another_order():
    PersonaFactory(nombres="Luz Darys", apellidos="Zapata Ospina")  # "dary" is only a piece
    for _ in range(3):
        PersonaFactory(nombres="Luz Dary", apellidos="Ospina Zapata")
    PersonaFactory(nombres="Luz Dary", apellidos="Zapata Ospina Restrepo")
    PersonaFactory(nombres="Luz Dary", apellidos="Zapata Ospina")
    assert _nombres("LUZ DARY ZAPATA OSPINA") == [
        "Luz Dary Zapata Ospina",  # as typed, nothing left out
        "Luz Dary Zapata Ospina Restrepo",  # as typed, a word more
        "Luz Dary Ospina Zapata",  # every word, another order (namesakes: by id)
        "Luz Dary Ospina Zapata",
        "Luz Dary Ospina Zapata",
        "Luz Darys Zapata Ospina",  # one word only a piece of a name word
    ]


def test_shorter_names_and_whole_words_rank_first():
    PersonaFactory(nombres="Yusmaryth", apellidos="Peña")
    PersonaFactory(nombres="Ana Yusmary", apellidos="Peña")
    PersonaFactory(nombres="Yusmary", apellidos="Peña González")
    PersonaFactory(nombres="Yusmary", apellidos="Peña")
    assert _nombres("yusmary peña") == [
        "Yusmary Peña",
        "Yusmary Peña González",
        "Ana Yusmary Peña",
        "Yusmaryth Peña",
    ]


def test_a_surname_typed_twice_ranks_the_name_that_holds_it_twice_first():
    # "rodriguez rodriguez bruno": every Bruno Rodríguez matches; the double surname comes first.
    PersonaFactory(nombres="Bruno", apellidos="Rodríguez Díaz")
    PersonaFactory(nombres="Bruno", apellidos="Rodríguez")
    PersonaFactory(nombres="Bruno", apellidos="Rodríguez Rodríguez")
    assert _nombres("rodriguez rodriguez bruno") == [
        "Bruno Rodríguez Rodríguez",
        "Bruno Rodríguez",
        "Bruno Rodríguez Díaz",
    ]


def test_a_page_of_other_word_orders_does_not_push_the_typed_name_off_page_one(client, profesional):
    PersonaFactory.create_batch(22, nombres="Luz Dary", apellidos="Ospina Zapata")
    buscada = PersonaFactory(nombres="Luz Dary", apellidos="Zapata Ospina")
    client.force_login(profesional)
    respuesta = client.get(URL, {"q": "luz dary zapata ospina"})
    assert respuesta.context["pagina"].paginator.count == 23
    assert respuesta.context["pagina"][0].pk == buscada.pk

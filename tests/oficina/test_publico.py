"""The public site: pages in three languages, fallback, bad input, cache, privacy, weight."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from oficina.contenido import CLAVE_PRIVACIDAD
from oficina.models import PaginaInformativa
from tests.factories import (
    ActividadFactory,
    AtencionFactory,
    DerivacionFactory,
    OrganizacionFactory,
    PaginaInformativaFactory,
    ProgramaFactory,
    ServicioFactory,
)

pytestmark = pytest.mark.django_db

IDIOMAS = ["es", "ht", "en"]
RUTAS = [
    "",
    "guias/",
    "guias/regularizacion/",
    "red-de-apoyo/",
    "actividades/",
    "privacidad/",
    "buscar/?q=salud",
]


@pytest.fixture
def contenido(db):
    call_command("cargar_contenido", verbosity=0)
    org = OrganizacionFactory(
        nombre="Servicio Jesuita a Migrantes",
        idiomas=["es", "ht"],
        direccion="Blanco 1131",
        telefono="+56 32 111 1111",
        horario="Lunes a viernes, 9:00 a 14:00",
    )
    ServicioFactory(
        organizacion=org,
        nombre="Orientación para la salud",
        area="salud",
        elegibilidad="Personas migrantes",
        documentos_requeridos="Pasaporte",
    )
    ActividadFactory(titulo="Taller de salud mental", programa=ProgramaFactory(area="salud"))


@pytest.mark.parametrize("idioma", IDIOMAS)
@pytest.mark.parametrize("ruta", RUTAS)
def test_every_public_page_answers_in_its_language(client, contenido, idioma, ruta):
    respuesta = client.get(f"/{idioma}/{ruta}")
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert f'<html lang="{idioma}">' in html
    assert html.count("<h1") == 1
    # The switcher links to this same page in the other languages.
    ruta_sin_q = ruta.split("?")[0]
    for otro in IDIOMAS:
        assert f'href="/{otro}/{ruta_sin_q}' in html


def test_switcher_keeps_the_query_string(client, contenido):
    html = client.get("/es/buscar/?q=salud").content.decode()
    assert 'href="/ht/buscar/?q=salud"' in html


def test_root_redirects_to_the_browser_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ht,fr;q=0.8")["Location"] == "/ht/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de")["Location"] == "/es/"


def test_home_shows_how_to_reach_the_office(client, settings, contenido):
    settings.OFICINA_DIRECCION = "Calle Falsa 123"
    settings.OFICINA_WHATSAPP = "+56 9 8765 4321"
    settings.OFICINA_MAPA_URL = "https://www.openstreetmap.org/?mlat=-33.04"
    html = client.get("/en/").content.decode()
    assert "Calle Falsa 123" in html
    assert 'href="https://wa.me/56987654321"' in html
    assert 'href="https://www.openstreetmap.org/?mlat=-33.04"' in html
    assert "<iframe" not in html


def test_guide_shows_last_update_in_the_readers_language(client, contenido):
    html = client.get("/en/guias/salud-fonasa/").content.decode()
    assert "Last updated:" in html
    assert "FONASA" in html


def test_guide_missing_in_creole_falls_back_to_spanish_with_a_note(client):
    PaginaInformativaFactory(clave="solo-espanol", idioma="es", titulo="Guía solo en español")
    html = client.get("/ht/guias/solo-espanol/").content.decode()
    assert "Guía solo en español" in html
    assert "Gid sa a poko tradui nan lang ou" in html
    assert '<article lang="es"' in html
    lista = client.get("/ht/guias/").content.decode()
    assert "Guía solo en español" in lista
    assert "(an panyòl)" in lista


def test_translated_guide_shows_no_fallback_note(client, contenido):
    html = client.get("/ht/guias/regularizacion/").content.decode()
    assert "poko tradui" not in html


def test_unpublished_guide_is_not_shown(client):
    PaginaInformativaFactory(clave="borrador", publicada=False)
    assert client.get("/es/guias/borrador/").status_code == 404
    assert "borrador" not in client.get("/es/guias/").content.decode()


def test_privacy_notice_is_not_a_guide(client, contenido):
    assert f"/es/guias/{CLAVE_PRIVACIDAD}/" not in client.get("/es/guias/").content.decode()
    assert client.get(f"/es/guias/{CLAVE_PRIVACIDAD}/").status_code == 404


def test_privacy_page_states_version_retention_rights_and_deadline(client, settings, contenido):
    settings.AVISO_PRIVACIDAD_VERSION = "2027-03"
    settings.RETENCION_ANOS = 7
    html = client.get("/es/privacidad/").content.decode()
    assert "Versión del aviso: 2027-03" in html
    assert "Si pasan 7 años sin actividad" in html
    assert "30 días corridos" in html
    assert "Ley 21.719" in html
    assert "Portabilidad" in html
    en = client.get("/en/privacidad/").content.decode()
    assert "Notice version: 2027-03" in en
    assert "within 30 calendar days" in en


def test_unknown_guide_is_a_404_in_the_readers_language(client):
    respuesta = client.get("/ht/guias/no-existe/")
    assert respuesta.status_code == 404
    html = respuesta.content.decode()
    assert '<html lang="ht">' in html
    assert "Nou pa jwenn paj la" in html


def test_unknown_language_prefix_is_a_404_in_the_browsers_language(client):
    respuesta = client.get("/fr/guias/", HTTP_ACCEPT_LANGUAGE="en")
    assert respuesta.status_code == 404
    html = respuesta.content.decode()
    assert '<html lang="en">' in html
    assert "Page not found" in html
    assert 'href="/ht/"' in html  # the switcher still offers the homes


@pytest.mark.parametrize(
    "q",
    [
        "<script>alert(1)</script>",
        "x" * 5000,
        "salud\x00\x01\x1b[31m",
        "\x00",
        "'; DROP TABLE oficina_organizacion; --",
        "%_%",
    ],
)
def test_hostile_search_gives_an_escaped_page_never_a_500(client, contenido, q):
    respuesta = client.get("/es/buscar/", {"q": q})
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "<script>alert" not in html
    assert "\x00" not in html
    assert "x" * 101 not in html


def test_search_finds_guides_and_organisations(client, contenido):
    html = client.get("/es/buscar/", {"q": "Jesuita"}).content.decode()
    assert "Servicio Jesuita a Migrantes" in html
    html = client.get("/en/buscar/", {"q": "FONASA"}).content.decode()
    assert 'href="/en/guias/salud-fonasa/"' in html


def test_search_with_no_match_says_so(client, contenido):
    html = client.get("/ht/buscar/", {"q": "zzzzqqq"}).content.decode()
    assert "Nou pa jwenn anyen" in html


def test_directory_shows_only_public_active_organisations_with_their_services(client, contenido):
    OrganizacionFactory(nombre="Oculta", publica=False)
    OrganizacionFactory(nombre="Cerrada", activa=False)
    html = client.get("/en/red-de-apoyo/").content.decode()
    assert "Servicio Jesuita a Migrantes" in html
    assert "Orientación para la salud" in html
    assert "Pasaporte" in html
    assert "Blanco 1131" in html
    assert "Oculta" not in html
    assert "Cerrada" not in html
    assert "Texts that are not translated yet are shown in Spanish" in html


def test_directory_filters_by_area_and_language(client, contenido):
    otra = OrganizacionFactory(nombre="Clínica Jurídica UV", idiomas=["es"])
    ServicioFactory(organizacion=otra, area="juridica")
    html = client.get("/es/red-de-apoyo/", {"area": "juridica"}).content.decode()
    assert "Clínica Jurídica UV" in html
    assert "Servicio Jesuita" not in html
    html = client.get("/es/red-de-apoyo/", {"idioma": "ht"}).content.decode()
    assert "Servicio Jesuita" in html
    assert "Clínica Jurídica UV" not in html


def test_directory_ignores_bad_filters_and_page_numbers(client, contenido):
    respuesta = client.get("/es/red-de-apoyo/", {"area": "<b>", "idioma": "x" * 300, "pagina": "-9"})
    assert respuesta.status_code == 200
    assert "Servicio Jesuita" in respuesta.content.decode()


def test_calendar_hides_past_and_private_activities(client, contenido):
    import datetime

    from django.utils import timezone

    ActividadFactory(titulo="Feria pasada", inicio=timezone.now() - datetime.timedelta(days=3))
    ActividadFactory(titulo="Reunión interna", publica=False)
    html = client.get("/es/actividades/").content.decode()
    assert "Taller de salud mental" in html
    assert "Feria pasada" not in html
    assert "Reunión interna" not in html
    filtrado = client.get("/es/actividades/", {"area": "cultura"}).content.decode()
    assert "Taller de salud mental" not in filtrado


def test_guide_markdown_is_sanitised(client):
    PaginaInformativaFactory(
        clave="hostil",
        cuerpo='# Título\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror="alert(1)">',
    )
    html = client.get("/es/guias/hostil/").content.decode()
    assert "<script>alert" not in html
    assert "javascript:" not in html
    assert "onerror" not in html
    assert html.count("<h1") == 1


def test_public_pages_set_no_cookie_and_do_not_vary_on_cookies(client, contenido):
    for idioma in IDIOMAS:
        for ruta in RUTAS:
            respuesta = client.get(f"/{idioma}/{ruta}")
            assert not respuesta.cookies, ruta
            assert "Cookie" not in respuesta.get("Vary", ""), ruta


def test_public_page_is_served_from_the_cache(client, contenido, django_assert_num_queries):
    client.get("/es/guias/")
    with django_assert_num_queries(0):
        assert client.get("/es/guias/").status_code == 200


def test_cache_is_per_language(client, contenido):
    client.get("/es/")
    assert '<html lang="en">' in client.get("/en/").content.decode()


def test_editing_a_guide_shows_at_once(client, contenido):
    client.get("/es/guias/")
    pagina = PaginaInformativa.objects.get(clave="regularizacion", idioma="es")
    pagina.titulo = "Título recién editado"
    pagina.save()
    assert "Título recién editado" in client.get("/es/guias/").content.decode()


def test_adding_or_deleting_an_organisation_or_activity_shows_at_once(client, contenido):
    assert "Nueva Fundación" not in client.get("/es/red-de-apoyo/").content.decode()
    org = OrganizacionFactory(nombre="Nueva Fundación")
    assert "Nueva Fundación" in client.get("/es/red-de-apoyo/").content.decode()
    servicio = ServicioFactory(organizacion=org, nombre="Ropero comunitario")
    assert "Ropero comunitario" in client.get("/es/red-de-apoyo/").content.decode()
    servicio.delete()
    assert "Ropero comunitario" not in client.get("/es/red-de-apoyo/").content.decode()
    client.get("/es/actividades/")
    actividad = ActividadFactory(titulo="Cine al aire libre")
    assert "Cine al aire libre" in client.get("/es/actividades/").content.decode()
    programa = actividad.programa
    programa.activo = False
    programa.save()
    assert "Cine al aire libre" not in client.get("/es/actividades/").content.decode()


def test_edit_through_the_admin_shows_at_once(client, encargada, contenido):
    client.get("/es/guias/regularizacion/")
    pagina = PaginaInformativa.objects.get(clave="regularizacion", idioma="es")
    client.force_login(encargada)
    respuesta = client.post(
        f"/admin/oficina/paginainformativa/{pagina.pk}/change/",
        {
            "clave": pagina.clave,
            "idioma": "es",
            "tema": pagina.tema,
            "titulo": "Regularización (editada en el admin)",
            "resumen": pagina.resumen,
            "cuerpo": pagina.cuerpo,
            "orden": pagina.orden,
            "publicada": "on",
        },
    )
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    client.logout()
    assert "Regularización (editada en el admin)" in client.get("/es/guias/regularizacion/").content.decode()


def test_public_side_never_queries_casework_tables(client, contenido):
    AtencionFactory()
    DerivacionFactory()
    cache.clear()
    rutas = [*RUTAS, "guias/no-existe/", "buscar/?q=%3Cscript%3E", "red-de-apoyo/?area=salud&idioma=ht"]
    with CaptureQueriesContext(connection) as consultas:
        for idioma in IDIOMAS:
            for ruta in rutas:
                assert client.get(f"/{idioma}/{ruta}").status_code in (200, 404)
        client.get("/fr/", HTTP_ACCEPT_LANGUAGE="ht")
        client.get("/", HTTP_ACCEPT_LANGUAGE="ht")
    assert consultas.captured_queries, "the pages must have queried something"
    tocadas = [q["sql"] for q in consultas.captured_queries if "atenciones_" in q["sql"]]
    assert tocadas == []


def test_every_page_stays_under_the_weight_budget(client, contenido):
    # Far more data than a page shows: pagination and short lists keep each page light.
    for n in range(60):
        org = OrganizacionFactory(nombre=f"Organización {n:02d}", descripcion="Descripción. " * 40)
        for _ in range(3):
            ServicioFactory(organizacion=org, descripcion="Servicio. " * 30, elegibilidad="Todos. " * 20)
        ActividadFactory(titulo=f"Actividad {n}", descripcion="Detalle. " * 40)
    cache.clear()
    for idioma in IDIOMAS:
        for ruta in [*RUTAS, "buscar/?q=Organizaci"]:
            tamano = len(client.get(f"/{idioma}/{ruta}").content)
            assert tamano < 100 * 1024, f"/{idioma}/{ruta}: {tamano} bytes"


def test_public_pages_request_no_third_party_host(client, contenido):
    import re

    for idioma in IDIOMAS:
        for ruta in RUTAS:
            html = client.get(f"/{idioma}/{ruta}").content.decode()
            # Anything the browser fetches by itself: stylesheets, scripts, images, frames, fonts.
            cargas = re.findall(
                r'<(?:link|script|img|iframe|source|video|audio)[^>]+(?:href|src)="([^"]+)"', html
            )
            assert all(url.startswith("/") for url in cargas), cargas
            assert "<script" not in html


def test_cargar_contenido_loads_guides_and_privacy_once_and_keeps_edits(db):
    call_command("cargar_contenido", verbosity=0)
    total = PaginaInformativa.objects.count()
    assert PaginaInformativa.objects.filter(clave=CLAVE_PRIVACIDAD).count() == 3
    assert set(PaginaInformativa.objects.values_list("idioma", flat=True)) == set(IDIOMAS)
    PaginaInformativa.objects.filter(clave="regularizacion", idioma="ht").update(titulo="Edite")
    call_command("cargar_contenido", verbosity=0)
    assert PaginaInformativa.objects.count() == total
    assert PaginaInformativa.objects.get(clave="regularizacion", idioma="ht").titulo == "Edite"


@pytest.mark.parametrize("ruta", ["", "red-de-apoyo/", "actividades/", "guias/", "buscar/?q=Organizaci"])
def test_public_page_queries_do_not_grow_with_the_data(
    client, contenido, ruta, django_assert_max_num_queries
):
    # More organisations, services and activities than a page shows: the count must stay flat
    # (prefetch for services, select_related for programs).
    for n in range(30):
        org = OrganizacionFactory(nombre=f"Organización {n:02d}")
        ServicioFactory.create_batch(2, organizacion=org)
        ActividadFactory()
    cache.clear()
    with django_assert_max_num_queries(6):
        assert client.get(f"/es/{ruta}").status_code == 200


def test_head_request_is_answered(client, contenido):
    assert client.head("/es/guias/").status_code == 200


def test_search_shows_a_few_directory_cards_then_points_to_the_directory(client, contenido):
    for n in range(12):
        OrganizacionFactory(nombre=f"Casa Migrante {n:02d}")
    html = client.get("/en/buscar/", {"q": "Casa Migrante"}).content.decode()
    assert html.count('class="tarjeta org"') == 10
    assert "There are more results" in html


def test_directory_and_calendar_texts_show_their_translation_or_spanish(client, contenido):
    org = OrganizacionFactory(
        nombre="Fundación Amiga", descripcion="Ayuda con ropa.", descripcion_ht="Èd ak rad."
    )
    ServicioFactory(
        organizacion=org, elegibilidad="Familias con niños.", elegibilidad_en="Families with children."
    )
    ActividadFactory(titulo="Taller de cocina", titulo_ht="Atelye kizin")
    ht = client.get("/ht/red-de-apoyo/").content.decode()
    assert '<p lang="ht">Èd ak rad.</p>' in ht
    assert '<dd lang="es">Familias con niños.</dd>' in ht
    en = client.get("/en/red-de-apoyo/").content.decode()
    assert '<p lang="es">Ayuda con ropa.</p>' in en
    assert '<dd lang="en">Families with children.</dd>' in en
    assert '<h3 lang="ht">Atelye kizin</h3>' in client.get("/ht/actividades/").content.decode()
    assert '<h3 lang="es">Taller de cocina</h3>' in client.get("/en/actividades/").content.decode()
    assert "Èd ak rad." not in client.get("/es/red-de-apoyo/").content.decode()


def test_search_in_creole_finds_a_creole_description(client, contenido):
    OrganizacionFactory(nombre="Fundación Amiga", descripcion_ht="Nou bay manje ak rad.")
    assert "Fundación Amiga" in client.get("/ht/buscar/", {"q": "manje"}).content.decode()

"""Issue #15: the directory in the reader's language, real contact data, search that forgives,
the emergency guide from the home page, gzip only where no secret travels."""

import gzip

import pytest
from django.core.management import call_command

from oficina.models import Actividad, Organizacion, Programa
from tests.factories import (
    ActividadFactory,
    OrganizacionFactory,
    PaginaInformativaFactory,
    ProgramaFactory,
    ServicioFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def contenido(db):
    call_command("cargar_contenido", verbosity=0)


# Public search


@pytest.mark.parametrize("q", ["cédula", "cedula", "CEDULA", "sedula", "cedla", "cdeula"])
def test_search_ignores_accents_and_forgives_one_typo(client, contenido, q):
    referencia = client.get("/es/buscar/", {"q": "cédula"}).context["guias"]
    encontradas = client.get("/es/buscar/", {"q": q}).context["guias"]
    assert [g.pagina.clave for g in referencia]  # the initial guides mention the cédula
    assert [g.pagina.clave for g in encontradas] == [g.pagina.clave for g in referencia]


def test_search_typo_tolerance_is_not_a_free_for_all(client):
    PaginaInformativaFactory(clave="salud", idioma="es", titulo="Salud", cuerpo="Inscripción en el CESFAM.")
    # Two edits away, or too short to forgive: no match.
    assert client.get("/es/buscar/", {"q": "cesfum"}).context["guias"] != []
    assert client.get("/es/buscar/", {"q": "cexfum"}).context["guias"] == []
    assert client.get("/es/buscar/", {"q": "esa"}).context["guias"] == []


def test_search_finds_the_directory_without_accents_and_in_translations(client):
    org = OrganizacionFactory(nombre="Clínica Jurídica", descripcion="Patrocinio gratuito.")
    ServicioFactory(organizacion=org, nombre="Pensión de alimentos", nombre_ht="Pansyon alimantè")
    OrganizacionFactory(nombre="Oculta", descripcion="clinica", publica=False)
    assert [
        o.nombre for o in client.get("/es/buscar/", {"q": "clinica juridica"}).context["organizaciones"]
    ] == ["Clínica Jurídica"]
    assert [o.nombre for o in client.get("/ht/buscar/", {"q": "pansyon"}).context["organizaciones"]] == [
        "Clínica Jurídica"
    ]
    assert client.get("/es/buscar/", {"q": "pansyon"}).context["organizaciones"] == []


def test_an_edit_reaches_search_at_once(client):
    pagina = PaginaInformativaFactory(clave="x", idioma="es", titulo="Trámite", cuerpo="Nada.")
    assert client.get("/es/buscar/", {"q": "apostilla"}).context["guias"] == []
    pagina.cuerpo = "La apostilla del certificado."
    pagina.save()
    assert [g.pagina.clave for g in client.get("/es/buscar/", {"q": "apostila"}).context["guias"]] == ["x"]


# Directory and calendar in the reader's language


def test_directory_shows_translated_service_name_and_cost_and_marks_spanish_fallback(client):
    org = OrganizacionFactory(
        nombre="FONASA", descripcion="Seguro público.", descripcion_en="Public insurer."
    )
    ServicioFactory(
        organizacion=org, nombre="Afiliación", nombre_en="Enrolment", costo="Gratuito", costo_en="Free"
    )
    html = client.get("/en/red-de-apoyo/").content.decode()
    assert '<strong lang="en">Enrolment</strong>' in html
    assert '<dd lang="en">Free</dd>' in html
    assert '<p lang="en">Public insurer.</p>' in html
    creole = client.get("/ht/red-de-apoyo/").content.decode()
    assert '<strong lang="es">Afiliación</strong>' in creole
    assert '<p lang="es">Seguro público.</p>' in creole


def test_calendar_shows_the_program_name_in_the_readers_language(client):
    programa = ProgramaFactory(nombre="Salud intercultural", nombre_ht="Sante entèkiltirèl", area="salud")
    ActividadFactory(programa=programa, titulo="Feria", titulo_ht="Fwa")
    html = client.get("/ht/actividades/").content.decode()
    assert '<dd lang="ht">Sante entèkiltirèl</dd>' in html
    assert '<h3 lang="ht">Fwa</h3>' in html


def test_directory_phone_and_whatsapp_are_tappable_and_the_check_date_is_shown(client):
    import datetime

    OrganizacionFactory(
        nombre="SERMIG",
        telefono="600 626 4477",
        whatsapp="+56 9 1234 5678",
        verificada=datetime.date(2026, 11, 29),
    )
    html = client.get("/en/red-de-apoyo/").content.decode()
    assert '<a href="tel:6006264477">600 626 4477</a>' in html
    assert '<a href="https://wa.me/56912345678" rel="noopener">+56 9 1234 5678</a>' in html
    assert "Details checked with the institution on 29/11/2026." in html
    assert "Nou te verifye enfòmasyon sa yo avèk enstitisyon an le 29/11/2026." in (
        client.get("/ht/red-de-apoyo/").content.decode()
    )


def test_office_hours_follow_the_readers_language_and_fall_back_marked_spanish(client, settings):
    settings.OFICINA_HORARIO = "Lunes a jueves, 9:00 a 13:00"
    settings.OFICINA_HORARIO_HT = "Lendi rive jedi, 9:00 rive 13:00"
    settings.OFICINA_HORARIO_EN = ""
    assert '<dd lang="ht">Lendi rive jedi, 9:00 rive 13:00</dd>' in client.get("/ht/").content.decode()
    assert '<dd lang="es">Lunes a jueves, 9:00 a 13:00</dd>' in client.get("/en/").content.decode()
    assert '<dd lang="es">Lunes a jueves, 9:00 a 13:00</dd>' in client.get("/es/").content.decode()


def test_default_office_hours_come_translated():
    from django.conf import settings

    assert settings.OFICINA_HORARIO == "Lunes a viernes, 8:30 a 14:00"
    assert settings.OFICINA_HORARIO_HT == "Lendi rive vandredi, 8:30 rive 14:00"
    assert settings.OFICINA_HORARIO_EN == "Monday to Friday, 8:30 am to 2:00 pm"


# Emergency guide


@pytest.mark.parametrize(
    ("idioma", "texto"),
    [
        ("es", "Emergencias: números gratuitos y qué hacer"),
        ("ht", "Ijans: nimewo gratis ak sa pou w fè"),
        ("en", "Emergencies: free numbers and what to do"),
    ],
)
def test_home_links_the_emergency_guide_in_every_language(client, contenido, idioma, texto):
    html = client.get(f"/{idioma}/").content.decode()
    assert f'<p class="emergencia"><a href="/{idioma}/guias/emergencias/">{texto}</a></p>' in html
    assert client.get(f"/{idioma}/guias/emergencias/").status_code == 200


def test_home_has_no_emergency_link_when_the_guide_is_gone(client):
    assert 'class="emergencia"' not in client.get("/es/").content.decode()


# Seed data


def test_seeded_network_has_translations_check_date_and_a_way_to_reach_each_institution():
    call_command("seed_demo", personas=0, atenciones=0, force=True, verbosity=0)
    organizaciones = list(Organizacion.objects.prefetch_related("servicios"))
    assert {o.sigla for o in organizaciones} >= {"SERMIG", "PDI", "Registro Civil", "FONASA", "OIM", "ACNUR"}
    for org in organizaciones:
        assert org.descripcion_ht and org.descripcion_en, org
        assert org.verificada, org
        assert org.telefono or org.web, org  # the page tells readers to phone or check the web site
        for servicio in org.servicios.all():
            assert servicio.nombre_ht and servicio.nombre_en and servicio.costo_ht, servicio
    assert Organizacion.objects.get(sigla="SERMIG").direccion == "Melgarejo 669, zócalo 1"
    assert not Programa.objects.filter(nombre_ht="").exists()
    assert not Actividad.objects.filter(titulo_ht="").exists()
    assert not Actividad.objects.filter(descripcion_en="").exists()


def test_seeding_again_fills_translations_of_an_earlier_seed_but_keeps_edits():
    call_command("seed_demo", personas=0, atenciones=0, force=True, verbosity=0)
    sermig = Organizacion.objects.get(sigla="SERMIG")
    Organizacion.objects.filter(pk=sermig.pk).update(descripcion_ht="", descripcion="Texto editado.")
    fonasa = Organizacion.objects.get(sigla="FONASA")
    Organizacion.objects.filter(pk=fonasa.pk).update(
        descripcion="Fondo Nacional de Salud es parte de la red de apoyo de la oficina.", descripcion_en=""
    )
    call_command("seed_demo", personas=0, atenciones=0, force=True, verbosity=0)
    sermig.refresh_from_db()
    fonasa.refresh_from_db()
    assert sermig.descripcion == "Texto editado."
    assert sermig.descripcion_ht  # filled again
    assert fonasa.descripcion.startswith("El seguro público de salud")  # the old placeholder replaced


# gzip


def test_public_pages_and_open_data_are_gzipped(client, contenido):
    OrganizacionFactory.create_batch(3, descripcion="Una organización de la red de apoyo.")
    for ruta in ["/es/", "/ht/red-de-apoyo/", "/en/guias/", "/datos/hsds/organizations/"]:
        respuesta = client.get(ruta, HTTP_ACCEPT_ENCODING="gzip")
        assert respuesta["Content-Encoding"] == "gzip", ruta
        assert gzip.decompress(respuesta.content), ruta
        assert "Accept-Encoding" in respuesta["Vary"], ruta


def test_pages_with_a_csrf_token_or_personal_data_are_never_gzipped(client, profesional):
    # Sign-in form (CSRF token), staff workspace (personal data) and admin are left uncompressed.
    assert "Content-Encoding" not in client.get("/cuentas/login/", HTTP_ACCEPT_ENCODING="gzip")
    client.force_login(profesional)
    respuesta = client.get("/equipo/", HTTP_ACCEPT_ENCODING="gzip")
    assert respuesta.status_code == 200
    assert "Content-Encoding" not in respuesta
    assert "Content-Encoding" not in client.get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip")


def test_the_spanish_fallback_note_appears_only_when_something_falls_back(client):
    nota = "Tèks ki poko tradui yo parèt an panyòl"
    org = OrganizacionFactory(nombre="INCAMI", descripcion="Acogida.", descripcion_ht="Akèy.")
    assert nota not in client.get("/ht/red-de-apoyo/").content.decode()
    ServicioFactory(organizacion=org, nombre="Clases de español")
    assert nota in client.get("/ht/red-de-apoyo/").content.decode()
    programa = ProgramaFactory(nombre="Cultura", nombre_ht="Kilti")
    ActividadFactory(programa=programa, titulo="Festival", titulo_ht="Festival", descripcion="")
    assert nota not in client.get("/ht/actividades/").content.decode()
    ActividadFactory(programa=programa, titulo="Muestra")
    assert nota in client.get("/ht/actividades/").content.decode()

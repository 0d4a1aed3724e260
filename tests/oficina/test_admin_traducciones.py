"""The office head sees which public texts still lack Creole or English, and filters on it."""

import pytest

from tests.factories import ActividadFactory, OrganizacionFactory, ProgramaFactory, ServicioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def red():
    completa = OrganizacionFactory(
        nombre="Completa", descripcion="Texto.", descripcion_ht="Tèks.", descripcion_en="Text."
    )
    ServicioFactory(organizacion=completa, nombre="Servicio A", nombre_ht="Sèvis A", nombre_en="Service A")
    sin_kreyol = OrganizacionFactory(nombre="Sin kreyòl", descripcion="Texto.", descripcion_en="Text.")
    servicio_sin_ingles = OrganizacionFactory(
        nombre="Servicio sin inglés", descripcion="Texto.", descripcion_ht="Tèks.", descripcion_en="Text."
    )
    ServicioFactory(organizacion=servicio_sin_ingles, nombre="Clases", nombre_ht="Kou")
    # An empty Spanish text needs no translation.
    OrganizacionFactory(nombre="Sin textos", descripcion="")
    return completa, sin_kreyol, servicio_sin_ingles


def _nombres(respuesta) -> list[str]:
    return [o.nombre for o in respuesta.context["cl"].result_list]


@pytest.mark.parametrize(
    ("filtro", "esperadas"),
    [
        ("falta_ht", ["Sin kreyòl"]),
        ("falta_en", ["Servicio sin inglés"]),
        ("completa", ["Completa", "Sin textos"]),
    ],
)
def test_organisations_filter_by_missing_translation_including_their_services(
    client, encargada, red, filtro, esperadas
):
    client.force_login(encargada)
    respuesta = client.get("/admin/oficina/organizacion/", {"traduccion": filtro})
    assert respuesta.status_code == 200
    assert sorted(_nombres(respuesta)) == esperadas


def test_organisation_list_says_which_fields_are_missing(
    client, encargada, red, django_assert_max_num_queries
):
    client.force_login(encargada)
    # Fixed number of queries whatever the number of organisations (services are prefetched once).
    with django_assert_max_num_queries(12):
        html = client.get("/admin/oficina/organizacion/").content.decode()
    assert "falta kreyòl: descripción" in html
    assert "falta inglés: Clases (nombre)" in html
    assert "falta kreyòl" in html and "falta inglés" in html  # the filter's choices
    OrganizacionFactory.create_batch(5, descripcion="Otro texto.")
    with django_assert_max_num_queries(12):
        client.get("/admin/oficina/organizacion/")


def test_activities_and_programs_filter_by_missing_translation(client, encargada):
    programa = ProgramaFactory(nombre="Salud", nombre_ht="Sante", nombre_en="Health")
    ActividadFactory(programa=programa, titulo="Feria", titulo_ht="Fwa", titulo_en="Fair")
    ActividadFactory(programa=programa, titulo="Charla", titulo_en="Talk")
    ProgramaFactory(nombre="Cultura", nombre_en="Culture")
    client.force_login(encargada)
    actividades = client.get("/admin/oficina/actividad/", {"traduccion": "falta_ht"})
    assert [a.titulo for a in actividades.context["cl"].result_list] == ["Charla"]
    assert "falta kreyòl: título" in actividades.content.decode()
    programas = client.get("/admin/oficina/programa/", {"traduccion": "falta_ht"})
    assert [p.nombre for p in programas.context["cl"].result_list] == ["Cultura"]
    assert (
        client.get("/admin/oficina/programa/", {"traduccion": "falta_en"}).context["cl"].result_list.count()
        == 0
    )


def test_change_form_shows_the_translation_status(client, encargada, red):
    _completa, sin_kreyol, _ = red
    client.force_login(encargada)
    html = client.get(f"/admin/oficina/organizacion/{sin_kreyol.pk}/change/").content.decode()
    assert "falta kreyòl: descripción" in html

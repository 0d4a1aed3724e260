from unittest import mock

import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_health_check_answers_200_with_the_database_up(client):
    respuesta = client.get("/salud/")
    assert respuesta.status_code == 200
    assert respuesta.json() == {"estado": "ok", "base_de_datos": True}


@pytest.mark.django_db
def test_health_check_answers_503_when_the_database_is_down(client):
    with mock.patch("sello_migrante.views.connection.cursor", side_effect=OperationalError("caída")):
        respuesta = client.get("/salud/")
    assert respuesta.status_code == 503
    assert respuesta.json()["base_de_datos"] is False


def test_root_redirects_to_the_visitor_language(client):
    assert client.get("/").headers["Location"] == "/es/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").headers["Location"] == "/en/"


@pytest.mark.django_db
def test_staff_pages_stay_in_spanish_whatever_the_browser_prefers(client, profesional):
    from tests.factories import AtencionFactory

    AtencionFactory(profesional=profesional, temas=["clases_espanol"], canal="telefono")
    client.force_login(profesional)
    respuesta = client.get("/equipo/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    contenido = respuesta.content.decode()
    assert 'lang="es"' in contenido
    assert "Clases de español" in contenido and "Spanish classes" not in contenido
    # The public site keeps the language of its URL.
    assert 'lang="en"' in client.get("/en/", HTTP_ACCEPT_LANGUAGE="es").content.decode()

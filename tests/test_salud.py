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

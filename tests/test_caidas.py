"""Database outages: a clear 503 (never a 500), `/salud/` with or without a session, recovery by
itself, and PostgreSQL's statement time limit for web requests only."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.db.backends.utils import CursorWrapper
from django.test import Client

from sello_migrante import caidas


def _base_caida():
    """Every SQL statement fails as when PostgreSQL is restarting."""
    return mock.patch.object(
        CursorWrapper, "execute", side_effect=OperationalError("server closed the connection")
    )


@pytest.fixture
def cliente():
    # Public pages are cached: a page cached by an earlier test would not touch the database.
    cache.clear()
    yield Client(raise_request_exception=False)
    cache.clear()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ruta", "idioma", "frase"),
    [
        ("/es/red-de-apoyo/", "es", "No se guardó nada"),
        ("/en/red-de-apoyo/", "en", "Nothing you sent was saved"),
        ("/ht/red-de-apoyo/", "ht", "Anyen ou te voye pa t anrejistre"),
    ],
)
def test_public_page_answers_503_in_the_visitor_language_when_the_database_is_down(
    cliente, ruta, idioma, frase
):
    with _base_caida():
        respuesta = cliente.get(ruta)
    assert respuesta.status_code == 503
    contenido = respuesta.content.decode()
    assert frase in contenido
    assert f'lang="{idioma}"' in contenido
    assert respuesta["Retry-After"] == "60"


@pytest.mark.django_db
def test_staff_page_and_form_post_answer_503_saying_nothing_was_saved(cliente, profesional):
    cliente.force_login(profesional)
    with _base_caida():
        lectura = cliente.get("/equipo/personas/?q=ana")
        escritura = cliente.post("/equipo/personas/nueva/", {"nombres": "Ana"})
    for respuesta in (lectura, escritura):
        assert respuesta.status_code == 503
        assert "No se guardó nada" in respuesta.content.decode()


@pytest.mark.django_db
def test_health_check_answers_503_with_a_session_cookie_too(cliente, profesional):
    cliente.force_login(profesional)  # the session middleware reads the session after the view
    with _base_caida():
        respuesta = cliente.get("/salud/")
    assert respuesta.status_code == 503
    assert respuesta.json() == {"estado": "error", "base_de_datos": False}


@pytest.mark.django_db
def test_site_recovers_by_itself_after_the_outage(cliente, profesional):
    cliente.force_login(profesional)
    with _base_caida():
        assert cliente.get("/equipo/").status_code == 503
    assert cliente.get("/equipo/").status_code == 200
    assert cliente.get("/salud/").status_code == 200


@pytest.mark.django_db
def test_other_errors_stay_a_plain_500(cliente):
    with mock.patch("sello_migrante.views.get_language_from_request", side_effect=RuntimeError("bug")):
        respuesta = cliente.get("/")
    assert respuesta.status_code == 500


def test_a_chained_database_error_counts_as_an_outage():
    try:
        try:
            raise OperationalError("caída")
        except OperationalError as exc:
            raise RuntimeError("envoltorio") from exc
    except RuntimeError as exc:
        assert caidas.es_caida(exc)
    assert not caidas.es_caida(ValueError("otra cosa"))


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's")
def test_web_connections_get_a_statement_timeout_and_others_do_not(settings):
    settings.TIEMPO_MAXIMO_CONSULTA_WEB = 15
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"  # worker and commands: no limit
    caidas.limitar_consultas_web()
    try:
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "15s"
            settings.TIEMPO_MAXIMO_CONSULTA_WEB = 0.2
            connection.close()
        with pytest.raises(OperationalError), connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(2)")
    finally:
        from django.db.backends.signals import connection_created

        connection_created.disconnect(dispatch_uid="sello_tiempo_maximo_web")
        connection.close()

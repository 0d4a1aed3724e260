"""The public pages' cache as production runs it: Django's database cache (issue 16, serving).

A cached page is served by `CachePublicoMiddleware` before sessions and the rest of the stack,
with one read of the shared cache and no `SELECT 1` health check before it.
"""

import gzip
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import override_settings

from oficina import cache_publico

from ..factories import OrganizacionFactory


@pytest.fixture
def cache_de_base(db):
    # Restored before the database closes (the `settings` fixture would restore it after).
    base = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache_prueba_publico"}
    with override_settings(CACHES={"default": base}):
        call_command("createcachetable", verbosity=0)
        yield caches["default"]
        caches["default"].clear()


def test_a_cached_public_page_costs_one_query(client, cache_de_base, django_assert_num_queries):
    OrganizacionFactory(nombre="Fundación Cerro Alegre")
    assert "Fundación Cerro Alegre" in client.get("/es/red-de-apoyo/").content.decode()
    # The content version and the page, in one query.
    with django_assert_num_queries(1):
        respuesta = client.get("/es/red-de-apoyo/")
    assert "Fundación Cerro Alegre" in respuesta.content.decode()


def test_an_edit_shows_at_once_with_the_database_cache(client, cache_de_base):
    org = OrganizacionFactory(nombre="Fundación Cerro Alegre")
    client.get("/es/red-de-apoyo/")
    org.nombre = "Fundación Cerro Barón"
    org.save()
    html = client.get("/es/red-de-apoyo/").content.decode()
    assert "Fundación Cerro Barón" in html and "Fundación Cerro Alegre" not in html


def test_gzip_and_plain_clients_each_get_their_own_cached_copy(client, cache_de_base):
    for _ in range(2):
        comprimida = client.get("/en/guias/", HTTP_ACCEPT_ENCODING="gzip")
        plana = client.get("/en/guias/")
        assert comprimida["Content-Encoding"] == "gzip"
        assert '<html lang="en">' in gzip.decompress(comprimida.content).decode()
        assert not plana.has_header("Content-Encoding")
        assert '<html lang="en">' in plana.content.decode()


def test_a_cached_page_carries_the_security_headers(client, cache_de_base):
    client.get("/es/privacidad/")
    respuesta = client.get("/es/privacidad/")
    assert "default-src 'self'" in respuesta["Content-Security-Policy"]
    assert respuesta["X-Frame-Options"] == "DENY"
    assert respuesta["X-Content-Type-Options"] == "nosniff"
    assert not respuesta.cookies


def test_search_with_a_query_string_is_never_cached(client, cache_de_base):
    OrganizacionFactory(nombre="Casa Migrante Norte")
    client.get("/es/buscar/", {"q": "Casa Migrante"})
    OrganizacionFactory(nombre="Casa Migrante Sur")
    assert "Casa Migrante Sur" in client.get("/es/buscar/", {"q": "Casa Migrante"}).content.decode()


def test_the_lookup_replaces_the_health_check_of_a_reused_connection(cache_de_base):
    connection.ensure_connection()
    with (
        mock.patch.object(connection, "health_check_enabled", True),
        mock.patch.object(connection, "health_check_done", False),
        mock.patch.object(connection, "is_usable") as comprobar,
    ):
        assert cache_publico._leer(cache_publico.CLAVE_VERSION) == {}
        assert connection.health_check_done is True
    comprobar.assert_not_called()


def test_a_dead_connection_is_replaced_and_the_lookup_retried(cache_de_base):
    connection.ensure_connection()
    leer = DatabaseCache.get_many
    intentos = []

    def caida_la_primera_vez(self, claves, version=None):
        intentos.append(claves)
        if len(intentos) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return leer(self, claves, version)

    with (
        mock.patch.object(connection, "health_check_enabled", True),
        mock.patch.object(connection, "health_check_done", False),
        mock.patch.object(connection, "is_usable", return_value=False),
        mock.patch.object(connection, "close") as cerrar,
        mock.patch.object(DatabaseCache, "get_many", caida_la_primera_vez),
    ):
        assert cache_publico._leer(cache_publico.CLAVE_VERSION) == {}
    cerrar.assert_called_once()
    assert len(intentos) == 2

"""Settings refuse to start with a clear line when production values are missing or malformed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent


def _manage(*args, **env):
    entorno = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"}}
    entorno.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_secret_key_refuses_to_start_with_one_line():
    resultado = _manage("check", DEBUG="off", ALLOWED_HOSTS="example.org")
    assert resultado.returncode != 0
    assert resultado.stderr.strip().splitlines() == [
        "Configuración inválida: falta la variable de entorno SECRET_KEY."
    ]
    assert "Traceback" not in resultado.stderr


def test_production_with_short_secret_key_is_refused():
    resultado = _manage("check", DEBUG="off", SECRET_KEY="corta", ALLOWED_HOSTS="example.org")
    assert resultado.returncode != 0
    assert "SECRET_KEY" in resultado.stderr
    assert "Traceback" not in resultado.stderr


@pytest.mark.parametrize(
    ("variable", "valor"),
    [("DATABASE_URL", "nada://x"), ("CONN_MAX_AGE", "mucho"), ("ADMIN_URL", "/admin")],
)
def test_malformed_value_names_the_variable(variable, valor):
    resultado = _manage("check", **{variable: valor})
    assert resultado.returncode != 0
    assert variable in resultado.stderr
    assert "Traceback" not in resultado.stderr


def test_production_without_allowed_hosts_is_refused():
    resultado = _manage("check", DEBUG="off", SECRET_KEY="x" * 60)
    assert resultado.returncode != 0
    assert "ALLOWED_HOSTS" in resultado.stderr


def test_embedded_default_needs_no_environment():
    resultado = _manage("check")
    assert resultado.returncode == 0, resultado.stderr


_PRODUCCION = {"DEBUG": "off", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "example.org"}


@pytest.mark.parametrize("cache_url", ["locmemcache://", "dummycache://"])
def test_production_refuses_a_per_process_cache_with_one_line(cache_url):
    resultado = _manage("check", CACHE_URL=cache_url, **_PRODUCCION)
    assert resultado.returncode != 0
    assert len(resultado.stderr.strip().splitlines()) == 1
    assert "CACHE_URL" in resultado.stderr and "por proceso" in resultado.stderr
    assert "Traceback" not in resultado.stderr


def test_production_default_cache_is_shared_by_every_worker():
    codigo = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    resultado = _manage("shell", "-c", codigo, **_PRODUCCION)
    assert resultado.returncode == 0, resultado.stderr
    assert resultado.stdout.strip().splitlines()[-1] == "django.core.cache.backends.db.DatabaseCache"
    redis = _manage("shell", "-c", codigo, CACHE_URL="redis://127.0.0.1:6379/1", **_PRODUCCION)
    assert redis.stdout.strip().splitlines()[-1] == "django.core.cache.backends.redis.RedisCache"


@pytest.mark.django_db(transaction=True)
def test_migrate_creates_the_database_cache_table(settings):
    from django.db import connection

    from sello_migrante.cache_compartida import crear_tabla_cache

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache_prueba_i17"}
    }
    try:
        crear_tabla_cache()
        crear_tabla_cache()  # again: nothing to do
        assert "cache_prueba_i17" in connection.introspection.table_names()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS cache_prueba_i17")

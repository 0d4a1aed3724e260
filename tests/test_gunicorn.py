"""Caches consistent across workers: gunicorn with 3 workers and production settings (DEBUG off,
the default shared cache); after an edit to a guide and to an organisation, every following
public page load shows the change."""

import importlib.util
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("gunicorn") is None, reason="gunicorn no está instalado"
)


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _entorno(carpeta: Path) -> dict:
    entorno = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CACHE_URL", "SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    entorno.update(
        DEBUG="off",
        SECRET_KEY="prueba-gunicorn-" + "k" * 60,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{carpeta / 'db.sqlite3'}",
        STATIC_ROOT=str(carpeta / "static"),
        SECURE_SSL_REDIRECT="off",
        SESSION_COOKIE_SECURE="off",
        CSRF_COOKIE_SECURE="off",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
    )
    return entorno


def _manage(entorno, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=RAIZ,
        env=entorno,
        check=True,
        capture_output=True,
        timeout=180,
    )


def _shell(entorno, codigo):
    _manage(entorno, "shell", "-c", codigo)


def _get(url: str) -> str:
    # A new connection each time: the kernel hands it to any of the workers.
    with urllib.request.urlopen(url, timeout=10) as respuesta:  # noqa: S310 - local test server
        return respuesta.read().decode()


@pytest.fixture(scope="module")
def servidor(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("gunicorn")
    entorno = _entorno(carpeta)
    _manage(entorno, "migrate", "--noinput")
    _manage(entorno, "collectstatic", "--noinput")
    _shell(
        entorno,
        "from oficina.models import Organizacion, PaginaInformativa\n"
        "Organizacion.objects.create(nombre='Fundación Cerro Alegre', tipo=Organizacion.Tipo.values[0],"
        " descripcion='Atiende los martes.')\n"
        "PaginaInformativa.objects.create(clave='prueba-cache', idioma='es', titulo='Guía de prueba',"
        " cuerpo='Primera versión de la guía.')",
    )
    puerto = _puerto_libre()
    proceso = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "sello_migrante.wsgi",
            "--workers",
            "3",
            "--bind",
            f"127.0.0.1:{puerto}",
        ],
        cwd=RAIZ,
        env=entorno,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{puerto}"
    try:
        for _ in range(100):
            try:
                _get(url + "/salud/")
                break
            except OSError:
                time.sleep(0.2)
        yield url, entorno
    finally:
        proceso.terminate()
        proceso.wait(timeout=20)


def test_every_worker_shows_an_edit_to_an_organisation_and_a_guide(servidor):
    url, entorno = servidor
    red, guia = url + "/es/red-de-apoyo/", url + "/es/guias/prueba-cache/"
    # Each worker caches its copy of both pages.
    for _ in range(15):
        assert "Atiende los martes." in _get(red)
        assert "Primera versión de la guía." in _get(guia)

    # Edits from another process (the admin of another server, a command): only the shared cache
    # tells the workers.
    _shell(
        entorno,
        "from oficina.models import Organizacion, PaginaInformativa\n"
        "o = Organizacion.objects.get(nombre='Fundación Cerro Alegre'); o.descripcion = 'Atiende los jueves.'; o.save()\n"
        "p = PaginaInformativa.objects.get(clave='prueba-cache'); p.cuerpo = 'Segunda versión.'; p.save()",
    )
    red_despues = [_get(red) for _ in range(12)]
    guia_despues = [_get(guia) for _ in range(12)]
    assert sum("Atiende los jueves." in pagina for pagina in red_despues) == 12
    assert sum("Segunda versión." in pagina for pagina in guia_despues) == 12


def test_soak_command_confirms_every_write_exists_exactly_once(servidor):
    url, entorno = servidor
    resultado = subprocess.run(
        [sys.executable, "manage.py", "soak", "--url", url, "--usuarios", "3", "--minutos", "0.1"],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    cifras = dict(
        re.match(r"\s+(.+?)\s{2,}(\S+)$", linea).groups()
        for linea in resultado.stdout.splitlines()
        if re.match(r"\s+(.+?)\s{2,}(\S+)$", linea)
    )
    assert int(cifras["confirmadas"]) > 0
    assert cifras["confirmadas"] == cifras["encontradas una vez"]
    assert (cifras["perdidas"], cifras["duplicadas"], cifras["no intentadas (ajenas)"], cifras["5xx"]) == (
        "0",
        "0",
        "0",
        "0",
    )

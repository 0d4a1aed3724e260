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


def test_benchmark_serving_prints_each_public_page_against_the_static_file_and_the_workers_memory(
    servidor,
):
    # A short run (1 client, 1 worker, 0.1 s per URL) on the SQLite database of this module: only
    # that the command starts its own gunicorn, loads every URL and reads the workers' memory.
    _url, entorno = servidor
    resultado = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "benchmark",
            "--serving",
            "--clientes",
            "1",
            "--workers",
            "1",
            "--rondas",
            "1",
            "--segundos",
            "0.1",
        ],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if "gunicorn terminó al arrancar" in resultado.stderr or "gunicorn no respondió" in resultado.stderr:
        pytest.skip(f"gunicorn no pudo arrancar aquí: {resultado.stderr[-500:]}")
    salida = resultado.stdout
    # Exit 1 only for a missed target (a single client on SQLite may miss it): then it says which.
    assert resultado.returncode in (0, 1), salida + resultado.stderr
    assert ("NO CUMPLE:" in salida) == (resultado.returncode == 1), salida
    filas = {
        m.group(1).strip(): (float(m.group(2)), float(m.group(3)), int(m.group(4)))
        for m in re.finditer(r"^(.+?)\s+([\d.]+)\s+[\d.]+\s+([\d.]+)\s+[\d.]+\s+(\d+)\s+/\S*$", salida, re.M)
    }
    for idioma in ("es", "ht", "en"):
        for pagina in ("inicio", "guías", "red de apoyo", "actividades", "privacidad"):
            assert f"{idioma} {pagina}" in filas, salida
    assert {"archivo estático", "datos organizations", "datos services", "datos locations"} <= set(filas)
    assert all(rps > 0 and errores == 0 for rps, _razon, errores in filas.values()), salida
    assert filas["archivo estático"][1] == 1.0
    memoria = re.findall(r"worker \d+\s+RSS\s+([\d.]+)\s+máximo\s+([\d.]+)", salida)
    assert len(memoria) == 1, salida
    assert 10 < float(memoria[0][0]) <= float(memoria[0][1])

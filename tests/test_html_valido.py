"""Valid HTML: the Nu Html Checker (vnu.jar) reports no error on the pages the browser tests visit.

Public pages in every language, every staff page of every role (and its forms sent empty), the admin
pages the office head uses. The HTML is collected with Django's test client and checked in one Java
call. vnu.jar comes from npm (`npm install`, package.json); without Java or the jar the test is
skipped with the reason, except in CI (SELLO_REQUIERE_CHROMIUM=1), where that is a failure.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from tests.navegador.paginas import (
    ROLES,
    paginas_admin,
    paginas_anonimas,
    paginas_equipo,
    paginas_externas,
    paginas_publicas,
    preparar_demo,
)

RAIZ = Path(__file__).resolve().parents[1]
JAR = Path(os.environ.get("VNU_JAR", RAIZ / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"))


@pytest.fixture
def validador():
    """The command that runs the checker, or a skip (a failure in CI) saying what is missing."""
    java = shutil.which("java")
    falta = None
    if java is None:
        falta = "No se encontró Java (apt-get install default-jre-headless)"
    elif not JAR.exists():
        falta = f"No se encontró {JAR.relative_to(RAIZ) if JAR.is_relative_to(RAIZ) else JAR} (ejecute `npm install`)"
    if falta:
        if os.environ.get("SELLO_REQUIERE_CHROMIUM") == "1":
            pytest.fail(f"{falta} y SELLO_REQUIERE_CHROMIUM=1.")
        pytest.skip(f"{falta}: validación de HTML omitida.")
    return [java, "-Xss4m", "-jar", str(JAR), "--format", "json", "--errors-only", "--exit-zero-always"]


def _guardar(carpeta: Path, paginas: dict[str, str], nombre: str, respuesta) -> None:
    assert respuesta.status_code == 200, f"{nombre}: {respuesta.status_code}"
    archivo = carpeta / f"{len(paginas):03d}.html"
    archivo.write_bytes(respuesta.content)
    paginas[archivo.name] = nombre


@pytest.mark.django_db
def test_every_public_and_staff_page_is_valid_html(client, validador, tmp_path, settings):
    settings.DEBUG = True  # as the browser tests: seed_demo, and static files by name
    preparar_demo()
    paginas: dict[str, str] = {}
    for url in paginas_publicas():
        _guardar(tmp_path, paginas, url, client.get(url))
    for pagina in paginas_externas():
        _guardar(tmp_path, paginas, pagina.url, client.get(pagina.url))
    for pagina in paginas_anonimas():
        _guardar(tmp_path, paginas, pagina.url, client.get(pagina.url))
        _guardar(tmp_path, paginas, f"{pagina.url} (enviado vacío)", client.post(pagina.url, {"_": ""}))
    usuarios = get_user_model().objects
    for rol in ROLES:
        client.force_login(usuarios.get(username=rol))
        for pagina in paginas_equipo(rol):
            _guardar(tmp_path, paginas, f"{rol} {pagina.url}", client.get(pagina.url))
            if pagina.enviar:
                enviado = client.post(
                    pagina.url, {"_": ""}
                )  # a non-empty POST: `request.POST or None` binds it
                _guardar(tmp_path, paginas, f"{rol} {pagina.url} (enviado vacío)", enviado)
                assert b"data-resumen-errores" in enviado.content, pagina.url
    client.force_login(usuarios.get(username="encargada"))
    for url in paginas_admin():
        _guardar(tmp_path, paginas, f"admin {url}", client.get(url))

    salida = subprocess.run(  # noqa: S603 (fixed command, files written by this test)
        [*validador, *sorted(str(p) for p in tmp_path.glob("*.html"))],
        capture_output=True,
        text=True,
        check=False,
    )
    errores: dict[str, list[str]] = {}
    for mensaje in json.loads(salida.stderr)["messages"]:
        if mensaje["type"] == "error":
            pagina = paginas[re.sub(r"^.*/", "", mensaje["url"])]
            errores.setdefault(pagina, []).append(f"{mensaje.get('lastLine')}: {mensaje['message']}")
    assert len(paginas) > 80
    print(json.dumps(errores, indent=1, ensure_ascii=False))  # the full list, shown when the test fails
    assert errores == {}

"""Browser tests: a real Chromium (Debian's package) driven by Playwright's Python API.

They skip with a clear reason when no Chromium is found, except in CI (SELLO_REQUIERE_CHROMIUM=1),
where a missing browser is a failure. Screenshots go to test-artifacts/screenshots/.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the tests are
# still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CAPTURAS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
# axe-core is a test-only asset (tests/navegador/vendor/, not static/): Playwright serves it to the page
# from the site's own origin, so the Content-Security-Policy ('self' scripts only) applies unchanged.
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
RUTA_AXE = "/__pruebas__/axe.min.js"
# Staff pages are held to WCAG 2.1 A/AA and axe's best practices.
ETIQUETAS_AXE = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def _chromium():
    for candidato in (os.environ.get("CHROMIUM_PATH"), "chromium", "chromium-browser", "google-chrome"):
        if candidato and (ruta := shutil.which(candidato)):
            return ruta
    return None


@pytest.fixture(scope="session")
def navegador_chromium():
    ruta = _chromium()
    requerido = os.environ.get("SELLO_REQUIERE_CHROMIUM") == "1"
    if ruta is None:
        if requerido:
            pytest.fail("No se encontró Chromium y SELLO_REQUIERE_CHROMIUM=1 (instale el paquete chromium).")
        pytest.skip("No se encontró Chromium (apt-get install chromium): pruebas de navegador omitidas.")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if requerido:
            pytest.fail("Falta el paquete playwright.")
        pytest.skip("Falta el paquete playwright: pruebas de navegador omitidas.")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=ruta,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def pagina(navegador_chromium, live_server, settings):
    """A fresh browser page; `pagina.url_base` is the live server's address."""
    settings.DEBUG = True  # seed_demo and friendly errors; static files served by the live server
    contexto = navegador_chromium.new_context(locale="es-CL", viewport={"width": 1280, "height": 900})
    page = contexto.new_page()
    page.set_default_timeout(15_000)
    page.url_base = live_server.url
    page.route(
        f"{live_server.url}{RUTA_AXE}",
        lambda route: route.fulfill(path=str(AXE), content_type="text/javascript; charset=utf-8"),
    )
    errores = []
    page.on("pageerror", lambda exc: errores.append(str(exc)))
    page.errores_js = errores
    # Every browser test also checks the Content-Security-Policy: nothing on any page it visits is blocked.
    violaciones_csp = []
    page.on(
        "console",
        lambda mensaje: (
            violaciones_csp.append(mensaje.text) if "Content Security Policy" in mensaje.text else None
        ),
    )
    page.violaciones_csp = violaciones_csp
    yield page
    contexto.close()
    assert violaciones_csp == [], "la Content-Security-Policy bloqueó algo en la página"


@pytest.fixture
def captura():
    """captura(page, "nombre") saves a full-page PNG into test-artifacts/screenshots/."""
    CAPTURAS.mkdir(parents=True, exist_ok=True)

    def _captura(page, nombre):
        ruta = CAPTURAS / f"{nombre}.png"
        page.screenshot(path=str(ruta), full_page=True)
        return ruta

    return _captura


def iniciar_sesion(page, usuario, clave):
    page.goto(f"{page.url_base}/cuentas/login/")
    page.get_by_label("Nombre de usuario").fill(usuario)
    page.get_by_label("Contraseña").fill(clave)
    page.get_by_role("button", name="Entrar").click()


def violaciones_axe(page, etiquetas=None, *, precargar_css=True):
    """Run axe-core on the current page: [(rule, impact, first targets)] for each violation.

    `precargar_css=False` for pages whose stylesheets use @import (Django's admin): axe re-reads them
    by injecting <style> elements, which the CSP rightly blocks.
    """
    page.add_script_tag(url=f"{page.url_base}{RUTA_AXE}")
    opciones = {"resultTypes": ["violations"], "preload": precargar_css}
    if etiquetas:
        opciones["runOnly"] = {"type": "tag", "values": etiquetas}
    resultado = page.evaluate("async (opciones) => await axe.run(document, opciones)", opciones)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in resultado["violations"]]

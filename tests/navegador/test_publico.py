"""The public site in a real Chromium: every page, every language, phone and desktop, axe-core."""

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.factories import (
    ActividadFactory,
    OrganizacionFactory,
    PaginaInformativaFactory,
    ProgramaFactory,
    ServicioFactory,
)

from .conftest import violaciones_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IDIOMAS = ["es", "ht", "en"]
PAGINAS = {
    "inicio": "",
    "guias": "guias/",
    "guia": "guias/salud-fonasa/",
    "red": "red-de-apoyo/",
    "actividades": "actividades/",
    "privacidad": "privacidad/",
    "buscar": "buscar/?q=salud",
}
ANCHOS = {"movil": {"width": 390, "height": 844}, "escritorio": {"width": 1280, "height": 900}}


@pytest.fixture
def sitio(db):
    cache.clear()
    call_command("cargar_contenido", verbosity=0)
    fonasa = OrganizacionFactory(
        nombre="Fondo Nacional de Salud",
        sigla="FONASA",
        tipo="servicio_publico",
        idiomas=["es"],
        direccion="Av. Brasil 1540",
        comuna="Valparaíso",
        horario="Lunes a viernes, 8:30 a 14:00",
        telefono="600 360 3000",
        web="https://www.fonasa.cl",
        descripcion="Seguro público de salud.",
    )
    ServicioFactory(
        organizacion=fonasa,
        nombre="Inscripción en FONASA",
        area="salud",
        idiomas=["es"],
        elegibilidad="Personas con o sin documentos.",
        documentos_requeridos="Cualquier documento de identidad.",
        costo="Gratuito",
    )
    sjm = OrganizacionFactory(
        nombre="Servicio Jesuita a Migrantes", sigla="SJM", idiomas=["es", "ht"], descripcion="Orientación."
    )
    ServicioFactory(organizacion=sjm, nombre="Clases de español", area="educacion", idiomas=["es", "ht"])
    ActividadFactory(titulo="Taller de salud mental", programa=ProgramaFactory(area="salud"), lugar="CESFAM")
    ActividadFactory(titulo="Festival de las culturas", programa=ProgramaFactory(area="cultura"))
    PaginaInformativaFactory(clave="solo-en-espanol", idioma="es", titulo="Guía nueva, solo en español")


def _violaciones_axe(pagina):
    # Served from the site's own origin by the `pagina` fixture: the CSP refuses inline scripts.
    return violaciones_axe(pagina)


@pytest.mark.parametrize("ancho", ANCHOS)
def test_every_public_page_in_every_language_passes_axe(pagina, captura, sitio, ancho):
    pagina.set_viewport_size(ANCHOS[ancho])
    terceros = []
    pagina.on(
        "request",
        lambda req: terceros.append(req.url) if not req.url.startswith(pagina.url_base) else None,
    )
    for idioma in IDIOMAS:
        for nombre, ruta in PAGINAS.items():
            pagina.goto(f"{pagina.url_base}/{idioma}/{ruta}")
            assert pagina.get_attribute("html", "lang") == idioma
            assert pagina.locator("h1").count() == 1
            assert _violaciones_axe(pagina) == [], f"/{idioma}/{ruta}"
            captura(pagina, f"publico-{nombre}-{idioma}-{ancho}")
    assert terceros == []
    assert pagina.errores_js == []


def test_switcher_keeps_the_reader_on_the_same_page(pagina, sitio):
    pagina.goto(f"{pagina.url_base}/es/red-de-apoyo/")
    pagina.get_by_role("navigation", name="Idioma").get_by_role("link", name="Kreyòl ayisyen").click()
    pagina.wait_for_url(f"{pagina.url_base}/ht/red-de-apoyo/")
    assert pagina.get_attribute("html", "lang") == "ht"
    assert pagina.get_by_role("heading", level=1).inner_text() == "Rezo sipò"
    pagina.get_by_role("navigation", name="Lang").get_by_role("link", name="English").click()
    pagina.wait_for_url(f"{pagina.url_base}/en/red-de-apoyo/")
    assert pagina.get_by_role("heading", level=1).inner_text() == "Support network"


def test_guide_only_in_spanish_shows_the_fallback_note(pagina, captura, sitio):
    for idioma, nota in [
        ("ht", "Gid sa a poko tradui nan lang ou"),
        ("en", "not translated into your language"),
    ]:
        pagina.goto(f"{pagina.url_base}/{idioma}/guias/solo-en-espanol/")
        assert nota in pagina.get_by_role("note").inner_text()
        assert pagina.get_attribute("article", "lang") == "es"
        assert _violaciones_axe(pagina) == []
    captura(pagina, "publico-guia-respaldo-en")


def test_directory_filter_and_search_work_without_javascript(
    navegador_chromium, live_server, sitio, settings
):
    settings.DEBUG = True
    contexto = navegador_chromium.new_context(java_script_enabled=False, viewport=ANCHOS["movil"])
    pagina = contexto.new_page()
    try:
        pagina.goto(f"{live_server.url}/en/red-de-apoyo/")
        pagina.get_by_label("Topic").select_option("salud")
        pagina.get_by_role("button", name="Filter").click()
        pagina.wait_for_url("**/en/red-de-apoyo/?area=salud*")
        assert "Fondo Nacional de Salud" in pagina.inner_text("main")
        pagina.goto(f"{live_server.url}/ht/")
        pagina.get_by_label("Chèche nan gid yo ak nan rezo sipò a").fill("FONASA")
        pagina.get_by_role("button", name="Chèche").first.click()
        pagina.wait_for_url("**/ht/buscar/?q=FONASA")
        assert "Rezilta pou «FONASA»" in pagina.inner_text("main")
    finally:
        contexto.close()


def test_skip_link_takes_keyboard_users_to_the_content(pagina, sitio):
    pagina.goto(f"{pagina.url_base}/en/")
    pagina.keyboard.press("Tab")
    enlace = pagina.get_by_role("link", name="Skip to content")
    assert enlace.is_visible()
    enlace.press("Enter")
    assert pagina.evaluate("document.activeElement.id") == "contenido"

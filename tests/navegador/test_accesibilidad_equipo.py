"""Staff pages in a real Chromium: axe-core (WCAG 2.1 A/AA and best practices) for every role, at
1366×768 and on a 390 px phone, the admin pages the office head uses, and the keyboard focus ring."""

import pytest

from .conftest import ETIQUETAS_AXE, iniciar_sesion, violaciones_axe
from .paginas import ROLES, clave_demo, paginas_admin, paginas_equipo, preparar_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANCHOS = {"escritorio": {"width": 1366, "height": 768}, "movil": {"width": 390, "height": 844}}


def _revisar(pagina, url, ancho, fallas, enviar=None, precargar_css=True):
    assert pagina.goto(f"{pagina.url_base}{url}").status == 200, url
    for nombre, tamano in ANCHOS.items():
        pagina.set_viewport_size(tamano)
        if violaciones := violaciones_axe(pagina, ETIQUETAS_AXE, precargar_css=precargar_css):
            fallas[f"{url} ({nombre})"] = violaciones
    if enviar:
        pagina.locator(enviar).first.click()
        pagina.wait_for_load_state()
        assert pagina.locator("[data-resumen-errores]").count() == 1, f"{url}: sin resumen de errores"
        if violaciones := violaciones_axe(pagina, ETIQUETAS_AXE):
            fallas[f"{url} (enviado vacío)"] = violaciones
    pagina.set_viewport_size(ANCHOS[ancho])


@pytest.mark.parametrize("rol", ROLES)
def test_every_staff_page_of_every_role_passes_axe(pagina, captura, rol):
    preparar_demo()
    iniciar_sesion(pagina, rol, clave_demo())
    pagina.wait_for_url(f"{pagina.url_base}/equipo/")
    fallas = {}
    for p in paginas_equipo(rol):
        _revisar(pagina, p.url, "escritorio", fallas, enviar=p.enviar)
    assert fallas == {}
    assert pagina.errores_js == []


def test_admin_pages_the_office_head_uses_pass_axe(pagina):
    preparar_demo()
    iniciar_sesion(pagina, "encargada", clave_demo())
    pagina.wait_for_url(f"{pagina.url_base}/equipo/")
    fallas = {}
    for url in paginas_admin():
        _revisar(pagina, url, "escritorio", fallas, precargar_css=False)  # the admin's CSS uses @import
    assert fallas == {}
    assert pagina.errores_js == []

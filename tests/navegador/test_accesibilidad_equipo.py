"""Staff pages in a real Chromium: axe-core (WCAG 2.1 A/AA and best practices) for every role, at
1366×768 and on a 390 px phone, the admin pages the office head uses, and the keyboard focus ring."""

import re

import pytest

from .conftest import ETIQUETAS_AXE, iniciar_sesion, violaciones_axe
from .paginas import (
    ROLES,
    clave_demo,
    paginas_admin,
    paginas_anonimas,
    paginas_equipo,
    paginas_externas,
    preparar_demo,
)

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


def test_sign_in_pages_pass_axe(pagina):
    fallas = {}
    for p in paginas_anonimas():
        _revisar(pagina, p.url, "escritorio", fallas, enviar=p.enviar)
    assert fallas == {}


def test_the_external_organisations_page_passes_axe(pagina):
    preparar_demo()
    fallas = {}
    for p in paginas_externas():
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


# The focused element's ring: its outline width and its contrast against the background behind it.
ANILLO_DE_FOCO = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let fondo = [255, 255, 255];
  for (let p = el.parentElement; p; p = p.parentElement) {
    const c = rgb(getComputedStyle(p).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) { fondo = c.slice(0, 3); break; }
  }
  const estilo = getComputedStyle(el);
  const [a, b] = [lum(rgb(estilo.outlineColor)), lum(fondo)].sort((x, y) => y - x);
  return {
    elemento: el.outerHTML.slice(0, 80),
    ancho: estilo.outlineStyle === "none" ? 0 : parseFloat(estilo.outlineWidth),
    contraste: Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100,
  };
}"""


def _recorrer_con_tab(pagina, maximo=80):
    """Tab through the page: the ring of every control reached (until the focus wraps around)."""
    anillos, vistos = [], set()
    for _ in range(maximo):
        pagina.keyboard.press("Tab")
        anillo = pagina.evaluate(ANILLO_DE_FOCO)
        if anillo is None or anillo["elemento"] in vistos:
            break
        vistos.add(anillo["elemento"])
        anillos.append(anillo)
    return anillos


@pytest.mark.parametrize("ancho", ANCHOS)
def test_keyboard_focus_is_visible_on_every_control(pagina, captura, ancho):
    preparar_demo()
    iniciar_sesion(pagina, "profesional", clave_demo())
    pagina.wait_for_url(f"{pagina.url_base}/equipo/")
    pagina.set_viewport_size(ANCHOS[ancho])
    persona = paginas_equipo("profesional")[4].url  # a person's page: nav, actions, timeline
    anillos = []
    for url in [persona, f"{persona}atencion/"]:
        pagina.goto(f"{pagina.url_base}{url}")
        if ancho == "movil":
            pagina.get_by_role("button", name="Abrir menú").click()
            pagina.locator("#nav-equipo.show").wait_for()
        anillos += _recorrer_con_tab(pagina)
    assert len(anillos) > 20
    debiles = [a for a in anillos if a["ancho"] < 2 or a["contraste"] < 3]
    assert debiles == []
    pagina.goto(f"{pagina.url_base}/equipo/casos/")
    for _ in range(4):
        pagina.keyboard.press("Tab")
    captura(pagina, f"equipo-foco-navegacion-{ancho}")


def test_error_summary_takes_the_focus_and_the_counter_follows_the_typing(pagina, captura):
    preparar_demo()
    iniciar_sesion(pagina, "profesional", clave_demo())
    pagina.wait_for_url(f"{pagina.url_base}/equipo/")
    url = paginas_equipo("profesional")[6].url  # log an attention
    pagina.goto(f"{pagina.url_base}{url}")
    notas = pagina.locator("textarea[name=notas]")
    notas.fill("x" * 1990)
    assert pagina.locator("#id_notas_limite").inner_text() == "1990 de 2000 caracteres."
    notas.fill("x" * 2010)
    assert "sobran 10" in pagina.locator("#id_notas_limite").inner_text()
    pagina.locator("main form button[type=submit]").first.click()
    pagina.wait_for_load_state()
    resumen = pagina.locator("[data-resumen-errores]")
    assert pagina.evaluate("document.activeElement.hasAttribute('data-resumen-errores')")
    captura(pagina, "equipo-resumen-de-errores")
    assert pagina.locator("textarea[name=notas]").input_value() == "x" * 2010  # kept, not cut
    resumen.get_by_role("link", name=re.compile("^Notas")).click()
    assert pagina.evaluate("document.activeElement.name") == "notas"

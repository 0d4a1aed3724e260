"""The office head's morning, in a real browser: admin, overdue referrals, reassign, export, indicators."""

import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone

from atenciones.models import Caso
from oficina import roles
from tests.factories import AtencionFactory, CasoFactory, DerivacionFactory, PersonaFactory, UserFactory

from .conftest import iniciar_sesion

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLAVE = "clave-larga-de-prueba"


def _libro(descarga):
    """The downloaded file opened with openpyxl (Playwright stores it without an extension)."""
    assert descarga.suggested_filename.endswith(".xlsx")
    with open(descarga.path(), "rb") as archivo:
        return openpyxl.load_workbook(io.BytesIO(archivo.read()))


@pytest.fixture
def oficina():
    encargada = UserFactory(
        username="encargada", first_name="Carolina", last_name="Fuentes", password=CLAVE, is_staff=True
    )
    encargada.groups.add(Group.objects.get(name=roles.ENCARGADA))
    profesional = UserFactory(username="profesional2", first_name="Fernanda", last_name="Soto")
    profesional.groups.add(Group.objects.get(name=roles.PROFESIONAL))
    hace_un_mes = timezone.now() - datetime.timedelta(days=30)
    for i in range(6):
        persona = PersonaFactory(nombres=f"Persona{i}", apellidos="Prueba")
        AtencionFactory(persona=persona, fecha_hora=hace_un_mes, temas=["salud", "regularizacion"])
    vencida = DerivacionFactory(fecha_limite=timezone.localdate() - datetime.timedelta(days=2))
    DerivacionFactory()
    caso = CasoFactory(persona=persona)
    return {"profesional": profesional, "vencida": vencida, "caso": caso}


def test_office_head_reviews_reassigns_exports_and_reports(pagina, captura, oficina):
    cache.clear()  # indicators are cached per period
    iniciar_sesion(pagina, "encargada", CLAVE)
    pagina.wait_for_url(f"{pagina.url_base}/equipo/")
    pagina.get_by_role("link", name="Administración").click()
    expect(pagina.locator("#site-name")).to_contain_text("Oficina Comunal de Migrantes · Valparaíso")
    captura(pagina, "encargada-admin-inicio")

    # Overdue referrals.
    pagina.get_by_role("link", name="Derivaciones", exact=True).first.click()
    captura(pagina, "encargada-derivaciones")
    pagina.locator("#changelist-filter a[href*='vencida=si']").click()
    pagina.wait_for_url("**vencida=si**")
    captura(pagina, "encargada-derivaciones-vencidas")
    filas = pagina.locator("#result_list tbody tr")
    expect(filas).to_have_count(1)
    expect(filas.first).to_contain_text(oficina["vencida"].codigo)

    # Reassign a case to Fernanda.
    pagina.goto(f"{pagina.url_base}/admin/atenciones/caso/")
    pagina.locator("input.action-select").first.check()
    pagina.select_option("select[name=action]", "reasignar")
    pagina.get_by_role("button", name="Ir").click()
    pagina.get_by_label("Nuevo profesional a cargo").select_option(str(oficina["profesional"].pk))
    captura(pagina, "encargada-reasignar")
    pagina.get_by_role("button", name="Reasignar").click()
    expect(pagina.locator(".messagelist")).to_contain_text("Casos reasignados a Fernanda Soto: 1.")
    assert Caso.objects.get(pk=oficina["caso"].pk).asignado_a == oficina["profesional"]

    # A person's page: cases, referrals and latest attentions, read-only.
    pagina.goto(f"{pagina.url_base}/admin/atenciones/persona/{oficina['caso'].persona_id}/change/")
    expect(pagina.get_by_role("heading", name="Últimos casos (hasta 10)")).to_be_visible()
    captura(pagina, "encargada-persona")

    # Export persons to XLSX and open the file.
    pagina.goto(f"{pagina.url_base}/admin/atenciones/persona/")
    pagina.locator("#action-toggle").check()
    pagina.select_option("select[name=action]", "exportar_seleccion")
    pagina.get_by_role("button", name="Ir").click()
    captura(pagina, "encargada-exportar")
    with pagina.expect_download() as descarga:
        pagina.get_by_role("button", name="Confirmar").click()
    libro = _libro(descarga.value)
    nombres = {fila[1] for fila in libro.active.iter_rows(min_row=2, values_only=True)}
    assert {f"Persona{i}" for i in range(6)} <= nombres

    # Indicators for the last year, and the Sello Migrante report.
    pagina.goto(f"{pagina.url_base}/equipo/")
    pagina.get_by_role("link", name="Indicadores").click()
    hoy = timezone.localdate()
    # One kind of period at a time: the "dates" tab shows only the two date fields.
    pagina.get_by_role("link", name="Fechas a elección").click()
    expect(pagina.locator("input[name=anio]")).to_have_count(0)
    pagina.locator("input[name=desde]").fill((hoy - datetime.timedelta(days=364)).isoformat())
    pagina.locator("input[name=hasta]").fill(hoy.isoformat())
    pagina.get_by_role("button", name="Ver indicadores").click()
    expect(pagina.locator(".resumen dd.display-6").first).to_have_text("6")
    expect(pagina.locator(".resumen dd.anterior").first).to_contain_text("Anterior:")
    expect(pagina.locator("svg[role=img]")).to_have_count(12)
    captura(pagina, "encargada-indicadores")
    with pagina.expect_download() as descarga:
        pagina.get_by_role("link", name="Descargar reporte Sello Migrante (XLSX)").click()
    libro = _libro(descarga.value)
    assert libro.sheetnames[0] == "Portada"
    assert pagina.errores_js == []

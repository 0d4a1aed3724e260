"""The professional's main flow in a real Chromium: search, register (past the duplicate warning),
log an attention with a referral, and see both on the person's timeline."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db.models import Count

from atenciones.busqueda import normalizar_texto
from atenciones.models import Atencion, Derivacion, Hogar, Persona
from oficina import roles

from .conftest import iniciar_sesion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def grupos_de_roles(db):
    """The role groups (a data migration creates them; a transactional test's flush removes them)."""
    for nombre, codigos in roles.PERMISOS.items():
        grupo, _ = Group.objects.get_or_create(name=nombre)
        permisos = []
        for codigo in codigos:
            app_label, codename = codigo.split(".")
            permisos.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        grupo.permissions.set(permisos)


def _persona_con_tildes():
    for persona in Persona.objects.exclude(fecha_nacimiento=None).order_by("pk"):
        nombre = f"{persona.nombres.split()[0]} {persona.apellidos.split()[0]}"
        if normalizar_texto(nombre) != nombre.lower():
            return persona, nombre
    pytest.fail("La demo no tiene personas con tildes.")


def test_professional_finds_registers_attends_and_refers(pagina, captura):
    call_command("seed_demo", personas=40, atenciones=80, verbosity=0)
    demo, nombre = _persona_con_tildes()
    sin_tildes = normalizar_texto(nombre)
    assert sin_tildes != nombre.lower()

    iniciar_sesion(pagina, "profesional", settings.DEMO_PASSWORD)
    pagina.wait_for_url(f"{pagina.url_base}/equipo/")
    captura(pagina, "flujo-01-mi-dia")

    # Search typing without accents.
    pagina.get_by_role("link", name="Personas").click()
    pagina.get_by_label("Buscar persona").fill(sin_tildes)
    pagina.get_by_role("button", name="Buscar", exact=True).click()
    enlace = pagina.locator(f'a[href="/equipo/personas/{demo.pk}/"]')
    assert enlace.count() == 1
    captura(pagina, "flujo-02-busqueda-sin-tildes")

    # Register a near-copy of that person: the duplicate warning comes first.
    pagina.get_by_role("link", name="Registrar persona").click()
    pagina.get_by_label("Nombres").fill(demo.nombres)
    pagina.get_by_label("Apellidos").fill(demo.apellidos)
    pagina.get_by_label("Fecha de nacimiento").fill(demo.fecha_nacimiento.isoformat())
    pagina.get_by_label("Tipo de documento").select_option("ninguno")
    pagina.get_by_label("Teléfono").fill("+56 9 4444 1212")
    pagina.get_by_label("La persona leyó o escuchó el aviso de privacidad").check()
    pagina.get_by_role("button", name="Registrar persona").click()
    aviso = pagina.locator("#duplicados")
    assert "Mismo nombre y fecha de nacimiento" in aviso.inner_text()
    assert (
        aviso.get_by_role("link", name="Abrir esta persona").get_attribute("href")
        == f"/equipo/personas/{demo.pk}/"
    )
    assert Persona.objects.count() == 40
    captura(pagina, "flujo-03-aviso-duplicado")
    pagina.get_by_role("button", name="Registrar de todos modos").click()
    pagina.wait_for_url(re.compile(r".*/equipo/personas/\d+/$"))
    nueva = Persona.objects.order_by("-pk").first()
    assert Persona.objects.count() == 41
    assert nueva.pk != demo.pk
    assert nueva.consentimiento_registrado_por.username == "profesional"

    # Log an attention with a referral to Salud.
    pagina.get_by_role("link", name="Registrar atención").click()
    pagina.get_by_label("Salud y FONASA").check()
    pagina.get_by_label("Notas").fill("Necesita inscribirse en el CESFAM de su cerro.")
    pagina.get_by_label("Derivar con esta atención").check()
    pagina.get_by_label("Destino", exact=True).select_option(label="Salud Municipal (red CESFAM)")
    pagina.get_by_label("Tema de la derivación").select_option("salud")
    pagina.get_by_label("Motivo de la derivación").fill("Inscripción en CESFAM y evaluación de salud.")
    pagina.get_by_label("La persona consiente compartir sus datos con el destino.").check()
    captura(pagina, "flujo-04-formulario-atencion")
    pagina.get_by_role("button", name="Guardar atención").click()
    pagina.wait_for_url(f"{pagina.url_base}/equipo/personas/{nueva.pk}/")

    derivacion = Derivacion.objects.get(persona=nueva)
    assert Atencion.objects.filter(persona=nueva).count() == 1
    assert derivacion.atencion.persona_id == nueva.pk
    linea = pagina.locator(".linea-tiempo").inner_text()
    assert "Necesita inscribirse en el CESFAM de su cerro." in linea
    assert derivacion.codigo in linea
    assert "Enviada" in linea
    assert derivacion.codigo in pagina.locator(".alert-success").inner_text()
    captura(pagina, "flujo-05-linea-de-tiempo")
    assert pagina.errores_js == []


def test_professional_follows_cases_and_a_household(pagina, captura):
    call_command("seed_demo", personas=40, atenciones=80, verbosity=0)
    iniciar_sesion(pagina, "profesional", settings.DEMO_PASSWORD)
    pagina.wait_for_url(f"{pagina.url_base}/equipo/")

    # Cases: filter mine, open one, close it with a reason, reopen it.
    pagina.get_by_role("link", name="Casos").click()
    pagina.get_by_label("Profesional").select_option(label="Matías Araya")
    pagina.get_by_role("button", name="Filtrar").click()
    captura(pagina, "casos-01-lista-filtrada")
    pagina.locator("table tbody tr td:nth-child(2) a").first.click()
    pagina.get_by_role("link", name="Cerrar caso").click()
    pagina.get_by_label("Motivo de cierre").select_option("resuelto")
    pagina.get_by_role("button", name="Cerrar caso").click()
    assert "Caso cerrado." in pagina.locator(".alert-success").inner_text()
    captura(pagina, "casos-02-cerrado")
    pagina.get_by_role("button", name="Reabrir caso").click()
    assert "Caso reabierto" in pagina.locator(".alert-success").inner_text()

    # A household with a child linked to their guardian.
    hogar = Hogar.objects.annotate(n=Count("miembros")).order_by("-n", "pk").first()
    miembros = list(hogar.miembros.order_by("pk"))
    pagina.goto(f"{pagina.url_base}/equipo/hogares/{hogar.pk}/")
    tabla = pagina.locator("table").inner_text()
    assert all(m.nombre_para_mostrar in tabla for m in miembros)
    nino = next((m for m in miembros if m.nna), None)
    if nino is not None:
        pagina.locator(f"#tutor-{nino.pk}").select_option(str(miembros[0].pk))
        pagina.locator(f"#tutor-{nino.pk}").locator("xpath=..").get_by_role("button", name="Guardar").click()
        assert "Adulto responsable guardado." in pagina.locator(".alert-success").inner_text()
    captura(pagina, "hogar-01-miembros")
    assert pagina.errores_js == []

"""One person, one record, in a real Chromium: the near-copy warning, a merge from the review page,
and a double click on "Guardar atención" that stores one attention."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, Permission

from atenciones.models import Atencion, DocumentoIdentidad, ParDuplicado, Persona
from atenciones.services.duplicados import recalcular_pares
from oficina import roles
from tests.factories import AtencionFactory, CasoFactory, PersonaFactory, UserFactory

from .conftest import iniciar_sesion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CLAVE = "clave-de-prueba"


@pytest.fixture(autouse=True)
def grupos_de_roles(db):
    """The role groups with their permissions, later ones included (a transactional flush empties them)."""
    roles.sincronizar_grupos()
    for nombre, codigos in roles.PERMISOS_POSTERIORES.items():
        grupo = Group.objects.get(name=nombre)
        for codigo in codigos:
            app_label, codename = codigo.split(".")
            grupo.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def test_a_misspelled_near_copy_shows_the_warning(pagina, captura):
    existente = PersonaFactory(
        nombres="Yusmary",
        apellidos="Peña González",
        fecha_nacimiento=datetime.date(1990, 5, 4),
        sexo="mujer",
        tipo_documento="ninguno",
        documento_numero="",
    )
    UserFactory(username="profe", grupo=roles.PROFESIONAL)
    iniciar_sesion(pagina, "profe", CLAVE)
    pagina.wait_for_url(f"{pagina.url_base}/equipo/")
    pagina.goto(f"{pagina.url_base}/equipo/personas/nueva/")
    pagina.get_by_label("Nombres").fill("Yusmari")
    pagina.get_by_label("Apellidos").fill("Pena Gonzales")
    pagina.get_by_label("Fecha de nacimiento").fill("1990-05-04")
    pagina.get_by_label("Tipo de documento").select_option("ninguno")
    pagina.get_by_label("La persona leyó o escuchó el aviso de privacidad").check()
    pagina.get_by_role("button", name="Registrar persona").click()
    aviso = pagina.locator("#duplicados")
    assert "Nombre parecido y misma fecha de nacimiento" in aviso.inner_text()
    assert (
        aviso.get_by_role("link", name="Abrir esta persona").get_attribute("href")
        == f"/equipo/personas/{existente.pk}/"
    )
    assert Persona.objects.count() == 1
    captura(pagina, "duplicados-01-aviso")
    assert pagina.errores_js == []


def test_office_head_merges_two_records_from_the_review_page(pagina, captura):
    a = PersonaFactory(
        nombres="Rosángela", apellidos="Díaz Pérez", fecha_nacimiento=datetime.date(1988, 2, 1)
    )
    b = PersonaFactory(
        nombres="Rosanjela",
        apellidos="Diaz",
        fecha_nacimiento=datetime.date(1988, 2, 1),
        tipo_documento="pasaporte",
        documento_numero="VE4455667",
    )
    DocumentoIdentidad.objects.create(persona=b, tipo="pasaporte", numero="VE4455667", pais_emisor="VE")
    AtencionFactory(persona=b, notas="Consulta por la visa temporaria.")
    caso = CasoFactory(persona=b)
    recalcular_pares(b.pk)
    assert ParDuplicado.objects.count() == 1
    UserFactory(username="jefa", grupo=roles.ENCARGADA)
    iniciar_sesion(pagina, "jefa", CLAVE)
    pagina.wait_for_url(f"{pagina.url_base}/equipo/")
    pagina.get_by_role("link", name="Duplicados").click()
    assert "Muy probable (90 %)" in pagina.locator("table").inner_text()
    captura(pagina, "duplicados-02-cola")
    pagina.get_by_role("link", name="Revisar y fusionar").click()
    # Keep record a, but take b's current document.
    pagina.locator('input[name="campo_documento"][value="b"]').check()
    captura(pagina, "duplicados-03-fusionar")
    pagina.get_by_role("button", name="Fusionar fichas").click()
    pagina.wait_for_url(f"{pagina.url_base}/equipo/personas/{a.pk}/")
    linea = pagina.locator(".linea-tiempo").inner_text()
    assert "Consulta por la visa temporaria." in linea
    assert f"Caso {caso.pk}" in linea
    assert "VE4455667" in linea
    assert "se fusionó en esta ficha" in linea
    captura(pagina, "duplicados-04-superviviente")
    # The old address of the merged record leads to the survivor.
    pagina.goto(f"{pagina.url_base}/equipo/personas/{b.pk}/")
    pagina.wait_for_url(f"{pagina.url_base}/equipo/personas/{a.pk}/")
    assert Persona.objects.get(pk=a.pk).documento_numero == "VE4455667"
    assert pagina.errores_js == []


def test_double_click_on_save_attention_stores_one_attention(pagina, captura):
    persona = PersonaFactory()
    UserFactory(username="profe", grupo=roles.PROFESIONAL)
    iniciar_sesion(pagina, "profe", CLAVE)
    pagina.wait_for_url(f"{pagina.url_base}/equipo/")
    pagina.goto(f"{pagina.url_base}/equipo/personas/{persona.pk}/atencion/")
    pagina.get_by_label("Salud y FONASA").check()
    pagina.get_by_label("Notas").fill("Doble clic.")
    pagina.get_by_role("button", name="Guardar atención").dblclick()
    pagina.wait_for_url(re.compile(rf".*/equipo/personas/{persona.pk}/$"))
    pagina.wait_for_load_state("networkidle")
    assert Atencion.objects.filter(persona=persona).count() == 1
    captura(pagina, "duplicados-05-doble-clic")

    # Without the script (JavaScript off), the server still stores one: two submits of one form.
    contexto = pagina.context.browser.new_context(java_script_enabled=False, locale="es-CL")
    sin_js = contexto.new_page()
    sin_js.url_base = pagina.url_base
    iniciar_sesion(sin_js, "profe", CLAVE)
    sin_js.goto(f"{pagina.url_base}/equipo/personas/{persona.pk}/atencion/")
    sin_js.get_by_label("Salud y FONASA").check()
    sin_js.get_by_label("Notas").fill("Sin JavaScript.")
    token = sin_js.locator('input[name="envio"]').get_attribute("value")
    formulario = sin_js.locator("form.form-atencion")
    datos = {
        "csrfmiddlewaretoken": formulario.locator('input[name="csrfmiddlewaretoken"]').get_attribute("value"),
        "envio": token,
        "fecha_hora": formulario.locator('input[name="fecha_hora"]').get_attribute("value"),
        "canal": "presencial",
        "temas": "salud",
        "notas": "Sin JavaScript.",
        "caso_prioridad": "media",
        "der_prioridad": "media",
    }
    url = f"{pagina.url_base}/equipo/personas/{persona.pk}/atencion/"
    for _ in range(2):
        respuesta = sin_js.request.post(url, form=datos, headers={"Referer": url}, max_redirects=0)
        assert respuesta.status == 302
    contexto.close()
    assert Atencion.objects.filter(persona=persona, notas="Sin JavaScript.").count() == 1

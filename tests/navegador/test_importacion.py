"""Importing the office's history in a real Chromium: upload the sample, correct one mapping, dry run,
import, re-import (nothing new), undo."""

import pytest
from django.contrib.auth.models import Group, Permission

from atenciones.models import Atencion, LoteImportacion, Persona
from oficina import roles
from tests.factories import UserFactory
from tests.importacion.muestra import XLSX

from .conftest import iniciar_sesion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CLAVE = "clave-de-prueba"


@pytest.fixture(autouse=True)
def grupos_de_roles(db):
    roles.sincronizar_grupos()
    for nombre, codigos in roles.PERMISOS_POSTERIORES.items():
        grupo = Group.objects.get(name=nombre)
        for codigo in codigos:
            app_label, codename = codigo.split(".")
            grupo.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def _subir_y_simular(pagina, corregir: bool) -> None:
    pagina.goto(f"{pagina.url_base}/equipo/importaciones/")
    pagina.get_by_label("Planilla (.xlsx o .csv)").set_input_files(str(XLSX))
    pagina.get_by_role("button", name="Subir").click()
    pagina.wait_for_url("**/equipo/importaciones/*/")
    if corregir:
        # «Observaciones» goes to the result instead of the notes: one mapping corrected by hand.
        pagina.get_by_label("Observaciones").select_option("resultado")
        pagina.get_by_label("Guardar este mapeo como").fill("Planilla atenciones 2023")
    pagina.get_by_role("button", name="Simular (no guarda nada)").click()
    pagina.get_by_role("heading", name="Resultado de la simulación").wait_for()


def test_the_office_head_imports_the_sample_reimports_it_and_undoes_it(pagina):
    UserFactory(username="jefa", grupo=roles.ENCARGADA)
    iniciar_sesion(pagina, "jefa", CLAVE)
    pagina.wait_for_url(f"{pagina.url_base}/equipo/")
    _subir_y_simular(pagina, corregir=True)
    assert pagina.locator("[data-conteo=nuevas]").inner_text() == "4"
    assert pagina.locator("[data-conteo=atenciones]").inner_text() == "5"
    assert Persona.objects.count() == 0

    pagina.get_by_role("button", name="Importar").click()
    pagina.get_by_role("heading", name="Resultado de la importación").wait_for()
    assert Atencion.objects.count() == 5 and Persona.objects.count() == 4
    assert Atencion.objects.filter(resultado="Primera atención").exists()  # the corrected column

    _subir_y_simular(pagina, corregir=False)
    assert pagina.locator("[data-conteo=repetidas]").inner_text() == "5"
    pagina.get_by_role("button", name="Importar").click()
    pagina.get_by_role("heading", name="Resultado de la importación").wait_for()
    assert Atencion.objects.count() == 5 and Persona.objects.count() == 4

    primera = LoteImportacion.objects.order_by("pk").first()
    pagina.goto(f"{pagina.url_base}/equipo/importaciones/{primera.pk}/")
    pagina.get_by_role("button", name="Deshacer esta importación").click()
    pagina.get_by_text("Importación deshecha").wait_for()
    assert Atencion.objects.count() == 0 and Persona.objects.count() == 0
    assert pagina.errores_js == []

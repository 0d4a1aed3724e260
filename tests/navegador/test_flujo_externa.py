"""Done-when (issue #13): an organisation opens the link from the outbox email, records "did not show
up", and the office's referral page and indicators show it, in a real Chromium."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from atenciones.choices import EstadoDerivacion, ResultadoDerivacion
from atenciones.models import CorreoSaliente, Derivacion, Persona
from atenciones.services import derivar
from oficina.choices import Tema
from oficina.models import Organizacion

from .conftest import iniciar_sesion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Screenshots looked at for the note (also kept with the other artifacts).
PANTALLAS = Path("/work/coord/screens/w13")


def _pantalla(pagina, captura, nombre):
    ruta = captura(pagina, nombre)
    if PANTALLAS.parent.exists():
        PANTALLAS.mkdir(parents=True, exist_ok=True)
        pagina.screenshot(path=str(PANTALLAS / f"{nombre}.png"), full_page=True)
    return ruta


def test_organisation_records_a_no_show_from_the_emailed_link(pagina, captura):
    call_command("seed_demo", personas=30, atenciones=40, verbosity=0)
    clave = settings.DEMO_PASSWORD
    base = pagina.url_base
    cache.clear()
    ong = Organizacion.objects.get(sigla="SJM")
    assert ong.responde_por_enlace and ong.email
    persona = Persona.objects.order_by("pk").first()
    from django.contrib.auth import get_user_model

    profesional = get_user_model().objects.get(username="profesional")
    derivacion = derivar(
        persona=persona,
        derivado_por=profesional,
        tema=Tema.REGULARIZACION,
        motivo="Asesoría para solicitar residencia temporal.",
        consentimiento=True,
        organizacion=ong,
    )

    # 1. The notice in the outbox carries the link and no personal data.
    correo = CorreoSaliente.objects.get(derivacion=derivacion, tipo=CorreoSaliente.Tipo.EXTERNA)
    assert correo.destinatarios == [ong.email]
    assert persona.nombres not in correo.cuerpo
    enlace = re.search(r"https?://\S+(/externa/\S+/)", correo.cuerpo).group(1)

    # 2. The organisation opens it, without signing in: the referral and the shared data.
    pagina.goto(f"{base}{enlace}")
    cuerpo = pagina.inner_text("main")
    assert derivacion.codigo in cuerpo
    assert persona.nombre_para_mostrar in cuerpo
    assert "Ver la ficha de la persona" not in cuerpo
    _pantalla(pagina, captura, "externa_1_pagina_organizacion")

    # 3. It records "did not show up".
    pagina.get_by_label("No se presentó").check()
    pagina.get_by_label("Comentario para la oficina").fill("La llamamos dos veces; no vino a la hora.")
    pagina.get_by_role("button", name="Registrar resultado").click()
    assert "respuesta registrada" in pagina.inner_text("main")
    _pantalla(pagina, captura, "externa_2_respuesta_registrada")
    derivacion.refresh_from_db()
    assert derivacion.estado == EstadoDerivacion.RESUELTA
    assert derivacion.resultado == ResultadoDerivacion.NO_SE_PRESENTO
    # The same link now opens nothing.
    pagina.goto(f"{base}{enlace}")
    assert "ya fue respondida o cerrada" in pagina.inner_text("main")
    assert persona.nombre_para_mostrar not in pagina.inner_text("main")

    # 4. The office sees it on the referral page and in the indicators.
    iniciar_sesion(pagina, "encargada", clave)
    pagina.wait_for_url(f"{base}/equipo/")
    pagina.goto(f"{base}/equipo/derivaciones/{derivacion.pk}/")
    cuerpo = pagina.inner_text("main")
    assert "No se presentó" in cuerpo
    assert "respondido por Servicio Jesuita a Migrantes (enlace externo)" in cuerpo
    assert "Respondida por la organización" in cuerpo
    _pantalla(pagina, captura, "externa_3_oficina_derivacion")

    hoy = timezone.localdate()
    cache.clear()
    pagina.goto(f"{base}/equipo/indicadores/?tipo=mes&anio={hoy.year}&mes={hoy.month}")
    tabla = pagina.locator("table", has=pagina.locator("caption", has_text="Derivaciones por destino")).first
    fila = tabla.locator("tbody tr", has_text="SJM").first
    # Each cell: the figure, then the previous period's line ("ant. 0 · +1").
    celdas = [t.splitlines()[0] for t in fila.locator("td").all_inner_texts()]
    # Sent, resolved, closed without resolving, no-show, ...
    enviadas = Derivacion.objects.filter(organizacion=ong, fecha_envio__date__gte=hoy.replace(day=1)).count()
    assert celdas[0] == str(enviadas)
    assert int(celdas[3]) >= 1  # the no-show
    resultados = pagina.locator("section", has_text="Resultados de las derivaciones").first
    assert "No se presentó" in resultados.inner_text()
    _pantalla(pagina, captura, "externa_4_indicadores")
    if PANTALLAS.exists():
        tabla.screenshot(path=str(PANTALLAS / "externa_5_indicadores_tabla.png"))
        resultados.screenshot(path=str(PANTALLAS / "externa_6_indicadores_resultados.png"))
    assert pagina.errores_js == []


def test_liaison_inbox_accepts_in_one_action(pagina, captura):
    call_command("seed_demo", personas=30, atenciones=40, verbosity=0)
    from django.contrib.auth import get_user_model

    from oficina.models import Departamento

    salud = Departamento.objects.get(sigla="Salud")
    profesional = get_user_model().objects.get(username="profesional")
    nueva = derivar(
        persona=Persona.objects.order_by("pk").last(),
        derivado_por=profesional,
        tema=Tema.SALUD,
        motivo="Inscripción en el CESFAM.",
        consentimiento=True,
        departamento=salud,
    )
    base = pagina.url_base
    iniciar_sesion(pagina, "enlace.salud", settings.DEMO_PASSWORD)
    pagina.wait_for_url(f"{base}/equipo/")
    # The liaison's day lists the inbox; the inbox accepts in one action.
    assert "Derivaciones por atender en su bandeja" in pagina.inner_text("main")
    pagina.goto(f"{base}/equipo/bandeja/?estado=enviada")
    _pantalla(pagina, captura, "bandeja_enlace")
    pagina.get_by_role("button", name=f"Aceptar {nueva.codigo}").click()
    assert "ahora está «En atención»" in pagina.inner_text("main")
    nueva.refresh_from_db()
    assert nueva.estado == EstadoDerivacion.EN_ATENCION
    assert pagina.url.startswith(f"{base}/equipo/bandeja/")
    assert pagina.errores_js == []


def test_professional_plans_a_case_and_finds_the_step_in_my_day(pagina, captura):
    import datetime

    from atenciones.models import Caso

    call_command("seed_demo", personas=30, atenciones=40, verbosity=0)
    base = pagina.url_base
    caso = Caso.objects.filter(asignado_a__username="profesional").exclude(estado="cerrado").first()
    iniciar_sesion(pagina, "profesional", settings.DEMO_PASSWORD)
    pagina.wait_for_url(f"{base}/equipo/")
    pagina.goto(f"{base}/equipo/casos/{caso.pk}/")
    pagina.get_by_label("Próximo paso").fill("Llamar para confirmar la hora en el CESFAM")
    pagina.get_by_label("Vence el").fill(timezone.localdate().isoformat())
    pagina.get_by_role("button", name="Agregar", exact=True).click()
    assert "Próximo paso agregado al plan del caso." in pagina.inner_text("main")
    pagina.get_by_label("Próximo paso").fill("Revisar si llegó la resolución de SERMIG")
    pagina.get_by_label("Vence el").fill((timezone.localdate() + datetime.timedelta(days=7)).isoformat())
    pagina.get_by_role("button", name="Agregar", exact=True).click()
    # A date in the past: a clear message, the typed step kept, nothing saved.
    pagina.get_by_label("Próximo paso").fill("Paso con fecha pasada")
    pagina.get_by_label("Vence el").fill((timezone.localdate() - datetime.timedelta(days=1)).isoformat())
    pagina.get_by_role("button", name="Agregar", exact=True).click()
    assert "no puede estar en el pasado" in pagina.inner_text("main")
    assert pagina.get_by_label("Próximo paso").input_value() == "Paso con fecha pasada"
    _pantalla(pagina, captura, "caso_plan")

    pagina.goto(f"{base}/equipo/")
    assert "Llamar para confirmar la hora en el CESFAM" in pagina.inner_text("main")
    assert "Revisar si llegó la resolución de SERMIG" not in pagina.inner_text("main")  # due next week
    _pantalla(pagina, captura, "mi_dia_tareas")
    pagina.get_by_role("button", name="Marcar como hecha: Llamar para confirmar la hora en el CESFAM").click()
    assert "Tarea marcada como hecha." in pagina.inner_text("main")
    assert "Llamar para confirmar la hora en el CESFAM" not in pagina.inner_text("main")
    assert pagina.errores_js == []

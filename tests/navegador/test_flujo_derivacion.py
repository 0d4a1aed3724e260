"""Done-when: a referral travels from the office to Salud and back, in a real Chromium."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from atenciones.models import Derivacion, Persona

from .conftest import iniciar_sesion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _salir(pagina):
    if pagina.get_by_role("button", name="Cerrar sesión").count() == 0:
        pagina.goto(f"{pagina.url_base}/equipo/")
    pagina.get_by_role("button", name="Cerrar sesión").click()
    pagina.wait_for_url(re.compile(r".*/cuentas/(login|logout)/.*"))


def test_professional_refers_to_health_and_liaison_resolves(pagina, captura):
    call_command("seed_demo", personas=40, atenciones=80, verbosity=0)
    clave = settings.DEMO_PASSWORD
    persona = Persona.objects.order_by("pk").first()
    base = pagina.url_base
    mail.outbox.clear()

    # 1. The professional refers the person to Salud: the topic proposes Salud first.
    iniciar_sesion(pagina, "profesional", clave)
    pagina.wait_for_url(f"{base}/equipo/")
    pagina.goto(f"{base}/equipo/personas/{persona.pk}/derivar/")
    pagina.get_by_label("Tema").select_option("salud")  # static/js/derivar.js re-proposes destinations
    pagina.wait_for_selector("optgroup[label='Propuestos para el tema']", state="attached")
    propuestos = pagina.locator("optgroup[label='Propuestos para el tema'] option").all_inner_texts()
    assert propuestos[0].startswith("Salud Municipal (red CESFAM)")
    assert "responde en 5 días hábiles" in propuestos[0]
    pagina.locator("select[name=destino]").select_option(label=propuestos[0])
    pagina.get_by_label("Motivo de la derivación").fill(
        "Necesita inscribirse en el CESFAM y control de niño sano."
    )
    pagina.get_by_label("La persona consiente compartir sus datos con el destino.").check()
    captura(pagina, "derivacion_1_formulario")
    pagina.get_by_role("button", name="Enviar derivación").click()
    pagina.wait_for_url(re.compile(r".*/equipo/derivaciones/\d+/$"))
    derivacion = Derivacion.objects.latest("pk")
    assert derivacion.departamento.sigla == "Salud"
    assert derivacion.codigo in pagina.inner_text("h1")
    assert "Enviada" in pagina.inner_text("h1")
    captura(pagina, "derivacion_2_enviada")

    # The department got an email with code and link, without personal data.
    aviso = [m for m in mail.outbox if m.to == [derivacion.departamento.email]]
    assert len(aviso) == 1
    assert derivacion.codigo in aviso[0].body
    assert f"/equipo/derivaciones/{derivacion.pk}/" in aviso[0].body
    assert persona.nombres not in aviso[0].body

    # The printed slip fits one page.
    pagina.get_by_role("link", name="Imprimir hoja de derivación").click()
    pagina.wait_for_url(f"{base}/equipo/derivaciones/{derivacion.pk}/imprimir/")
    assert derivacion.codigo in pagina.inner_text("body")
    captura(pagina, "derivacion_3_hoja")
    pagina.emulate_media(media="print")
    altura = pagina.evaluate("document.documentElement.scrollHeight")
    assert altura < 1100  # one A4 page at 96 dpi is ~1123 px
    pagina.emulate_media(media="screen")
    _salir(pagina)

    # 2. Salud's liaison finds it in the inbox, receives it and resolves it.
    iniciar_sesion(pagina, "enlace.salud", clave)
    pagina.wait_for_url(f"{base}/equipo/")
    pagina.get_by_role("link", name="Bandeja").click()
    pagina.get_by_role("link", name=re.compile(r"^Nuevas")).click()
    captura(pagina, "derivacion_4_bandeja")
    while not pagina.get_by_role("link", name=derivacion.codigo).count():
        pagina.get_by_role("link", name="Siguiente").click()
    pagina.get_by_role("link", name=derivacion.codigo).click()
    cuerpo = pagina.inner_text("main")
    assert persona.nombre_para_mostrar in cuerpo
    assert "Ver la ficha de la persona" not in cuerpo
    pagina.get_by_role("button", name="Marcar como recibida").click()
    assert "ahora está «Recibida»" in pagina.inner_text("main")
    pagina.get_by_role("button", name="Iniciar atención").click()
    assert "ahora está «En atención»" in pagina.inner_text("main")
    pagina.get_by_role("button", name="Resolver").click()  # without a response: field error
    assert "Escriba la respuesta para resolver la derivación." in pagina.inner_text("main")
    pagina.get_by_label("Respuesta").fill("Inscrita en CESFAM Placeres; hora el lunes a las 9:00.")
    pagina.get_by_role("button", name="Resolver").click()
    assert "ahora está «Resuelta»" in pagina.inner_text("main")
    captura(pagina, "derivacion_5_resuelta_por_enlace")
    _salir(pagina)

    respuesta_mail = [m for m in mail.outbox if m.to == [derivacion.derivado_por.email]]
    assert len(respuesta_mail) == 1
    assert "resuelta" in respuesta_mail[0].subject

    # 3. The professional sees the resolution and the history.
    iniciar_sesion(pagina, "profesional", clave)
    pagina.wait_for_url(f"{base}/equipo/")
    pagina.goto(f"{base}/equipo/derivaciones/{derivacion.pk}/")
    cuerpo = pagina.inner_text("main")
    assert "Inscrita en CESFAM Placeres; hora el lunes a las 9:00." in cuerpo
    assert "de «En atención» a «Resuelta»" in cuerpo
    captura(pagina, "derivacion_6_profesional_ve_resolucion")
    respuesta = pagina.goto(f"{base}/equipo/personas/{persona.pk}/")
    if respuesta.status == 200:  # the person page (another issue) shows the timeline
        assert "Inscrita en CESFAM Placeres" in pagina.inner_text("main")
        captura(pagina, "derivacion_7_ficha_persona")
    _salir(pagina)

    # 4. Educación's liaison cannot open it.
    iniciar_sesion(pagina, "enlace.educacion", clave)
    pagina.wait_for_url(f"{base}/equipo/")
    respuesta = pagina.goto(f"{base}/equipo/derivaciones/{derivacion.pk}/")
    assert respuesta.status == 404
    assert pagina.errores_js == []

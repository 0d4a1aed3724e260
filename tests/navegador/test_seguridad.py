"""In a real browser, the Content-Security-Policy blocks nothing the pages need, admin included."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from atenciones.models import SolicitudDerecho
from tests.factories import AtencionFactory, DerivacionFactory, PersonaFactory, UserFactory

from .conftest import iniciar_sesion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _vigilar_csp(pagina):
    """Collect the browser's CSP violation reports (console errors 'Refused to …')."""
    violaciones = []
    pagina.on(
        "console",
        lambda mensaje: (
            violaciones.append(mensaje.text)
            if "Content Security Policy" in mensaje.text or "Refused to" in mensaje.text
            else None
        ),
    )
    return violaciones


def test_lockout_page_after_repeated_failures(pagina, captura):
    UserFactory(username="rosa", password="clave-larga-de-prueba")
    violaciones = _vigilar_csp(pagina)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        iniciar_sesion(pagina, "rosa", "equivocada")
    assert pagina.get_by_role("heading", level=1).inner_text() == "Acceso bloqueado temporalmente"
    captura(pagina, "seguridad-bloqueo")
    iniciar_sesion(pagina, "rosa", "clave-larga-de-prueba")
    assert pagina.get_by_role("heading", level=1).inner_text() == "Acceso bloqueado temporalmente"
    assert violaciones == []


def test_office_head_pages_and_admin_run_under_the_csp(pagina, captura):
    # A superuser: transactional tests flush the groups the migrations create.
    encargada = UserFactory(
        username="jefa", password="clave-larga-de-prueba", is_staff=True, is_superuser=True
    )
    persona = PersonaFactory(nombres="Marie", apellidos="Joseph")
    AtencionFactory(persona=persona, profesional=encargada, notas="Orientación <b>FONASA</b>")
    DerivacionFactory(persona=persona, derivado_por=encargada)
    solicitud = SolicitudDerecho.objects.create(
        tipo="acceso",
        solicitante="Marie Joseph",
        persona=persona,
        recibida_el=timezone.localdate() - datetime.timedelta(days=35),
        identidad_verificada_por=encargada,
        documento_verificacion="Pasaporte",
    )
    bloqueada = PersonaFactory(nombres="Rosa", apellidos="Pierre", bloqueada=True, consentimiento_fecha=None)
    violaciones = _vigilar_csp(pagina)
    iniciar_sesion(pagina, "jefa", "clave-larga-de-prueba")
    pagina.wait_for_url(f"{pagina.url_base}/equipo/")
    base = pagina.url_base
    visitas = [
        ("/admin/", "seguridad-admin-indice"),
        ("/admin/atenciones/solicitudderecho/", "seguridad-admin-solicitudes"),
        ("/admin/atenciones/solicitudderecho/add/", "seguridad-admin-solicitud-nueva"),
        ("/admin/atenciones/brechaseguridad/add/", None),
        ("/admin/atenciones/registroacceso/", None),
        ("/admin/auditlog/logentry/", "seguridad-admin-historial"),
        (f"/equipo/derechos/{solicitud.pk}/", "seguridad-solicitud"),
        (f"/equipo/derechos/{solicitud.pk}/datos/", "seguridad-datos-titular"),
        (f"/equipo/personas/{persona.pk}/", "seguridad-persona"),
        (f"/equipo/personas/{bloqueada.pk}/", "seguridad-persona-bloqueada"),
        ("/equipo/personas/?q=marie", None),
        ("/es/", None),
    ]
    for ruta, nombre in visitas:
        pagina.goto(base + ruta)
        pagina.wait_for_load_state("networkidle")
        if nombre:
            captura(pagina, nombre)
    # The admin's autocomplete (select2) opens and searches under the policy.
    pagina.goto(base + "/admin/atenciones/solicitudderecho/add/")
    pagina.locator(".field-persona .select2-selection").click()
    pagina.locator(".select2-search__field").fill("Marie")
    pagina.get_by_role("option", name="Marie Joseph").wait_for()
    assert violaciones == []
    assert pagina.errores_js == []

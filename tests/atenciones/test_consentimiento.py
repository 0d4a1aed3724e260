"""Consent gate: no referral without consent; only the office head overrides, with a recorded reason."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from atenciones.models import Derivacion
from atenciones.services import derivar
from oficina.choices import Tema
from tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def _derivar(usuario, departamento, **extra):
    return derivar(
        persona=PersonaFactory(),
        derivado_por=usuario,
        tema=Tema.SALUD,
        motivo="Control de salud.",
        departamento=departamento,
        **extra,
    )


def test_professional_cannot_refer_without_consent(profesional, salud):
    with pytest.raises(ValidationError) as exc:
        _derivar(profesional, salud, consentimiento=False, consentimiento_omitido_motivo="Urgencia.")
    assert "consentimiento" in exc.value.message_dict
    assert not Derivacion.objects.exists()


def test_office_head_overrides_with_a_reason_recorded_on_the_event(encargada, salud):
    derivacion = _derivar(
        encargada,
        salud,
        consentimiento=False,
        consentimiento_omitido_motivo="Riesgo vital, persona inconsciente.",
    )
    assert derivacion.consentimiento is False
    evento = derivacion.eventos.get()
    assert evento.usuario == encargada
    assert "Riesgo vital, persona inconsciente." in evento.nota


def test_office_head_override_needs_a_reason(encargada, salud):
    with pytest.raises(ValidationError) as exc:
        _derivar(encargada, salud, consentimiento=False, consentimiento_omitido_motivo="   ")
    assert "consentimiento_omitido_motivo" in exc.value.message_dict
    assert not Derivacion.objects.exists()


def test_with_consent_anyone_on_staff_refers(profesional, salud):
    derivacion = _derivar(profesional, salud, consentimiento=True)
    assert derivacion.eventos.get().nota == ""


def test_form_refuses_without_consent_and_keeps_input(client, profesional, salud):
    persona = PersonaFactory()
    client.force_login(profesional)
    respuesta = client.post(
        reverse("equipo:derivar", args=[persona.pk]),
        {
            "tema": Tema.SALUD,
            "destino": f"departamento:{salud.pk}",
            "motivo": "Motivo tecleado.",
            "prioridad": "media",
        },
    )
    html = respuesta.content.decode()
    assert "Se requiere el consentimiento de la persona" in html
    assert "Motivo tecleado." in html
    assert "Motivo para derivar sin consentimiento" not in html  # the override is not offered
    assert not Derivacion.objects.exists()


def test_form_lets_the_office_head_override(client, encargada, salud):
    persona = PersonaFactory()
    client.force_login(encargada)
    datos = {"tema": Tema.SALUD, "destino": f"departamento:{salud.pk}", "motivo": "M.", "prioridad": "media"}
    respuesta = client.post(reverse("equipo:derivar", args=[persona.pk]), datos)
    assert "Para derivar sin consentimiento, escriba el motivo" in respuesta.content.decode()
    respuesta = client.post(
        reverse("equipo:derivar", args=[persona.pk]),
        {**datos, "consentimiento_omitido_motivo": "Orden judicial."},
    )
    derivacion = Derivacion.objects.get()
    assert respuesta.status_code == 302
    assert "Orden judicial." in derivacion.eventos.get().nota
    html = client.get(respuesta.url).content.decode()
    assert "Enviada sin consentimiento. Motivo: Orden judicial." in html

"""Email after commit, through the outbox: content without personal data, failures recorded and retried."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

from atenciones.choices import EstadoDerivacion, MotivoRechazo
from atenciones.models import CorreoSaliente, Derivacion
from atenciones.services import cambiar_estado_derivacion, derivar
from oficina.choices import Tema
from tests.factories import OrganizacionFactory, PersonaFactory

pytestmark = pytest.mark.django_db
E = EstadoDerivacion


class BackendQueFalla(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("servidor caído")


@pytest.fixture
def persona():
    return PersonaFactory(nombres="Wislande", apellidos="Joseph", telefono="+56911112222")


def _derivar(persona, profesional, salud, capturar):
    with capturar(execute=True):
        return derivar(
            persona=persona,
            derivado_por=profesional,
            tema=Tema.SALUD,
            motivo="Embarazo de 20 semanas sin control.",
            consentimiento=True,
            departamento=salud,
        )


def test_new_referral_emails_the_department_without_personal_data(
    persona, profesional, salud, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://migrantes.example.cl"
    derivacion = _derivar(persona, profesional, salud, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert correo.to == [salud.email]
    assert derivacion.codigo in correo.subject
    assert derivacion.codigo in correo.body
    assert "Salud y FONASA" in correo.body
    assert derivacion.fecha_limite.strftime("%d-%m-%Y") in correo.body
    assert f"https://migrantes.example.cl/equipo/derivaciones/{derivacion.pk}/" in correo.body
    for dato in ("Wislande", "Joseph", "+56911112222", "Embarazo", persona.documento_numero):
        assert dato not in correo.body
        assert dato not in correo.subject
    assert CorreoSaliente.objects.get().enviado is not None


def test_no_email_is_sent_before_the_transaction_commits(
    persona, profesional, salud, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        derivar(
            persona=persona,
            derivado_por=profesional,
            tema=Tema.SALUD,
            motivo="M.",
            consentimiento=True,
            departamento=salud,
        )
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_external_referral_sends_no_email(persona, profesional, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        derivar(
            persona=persona,
            derivado_por=profesional,
            tema=Tema.SALUD,
            motivo="M.",
            consentimiento=True,
            organizacion=OrganizacionFactory(email="ong@example.org"),
        )
    assert mail.outbox == []


@pytest.mark.parametrize("final", [E.RESUELTA, E.RECHAZADA])
def test_referring_professional_is_told_when_resolved_or_rejected(
    persona, profesional, enlace_salud, salud, django_capture_on_commit_callbacks, final
):
    derivacion = _derivar(persona, profesional, salud, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    pasos = [E.RECIBIDA, E.EN_ATENCION, E.RESUELTA] if final == E.RESUELTA else [E.RECHAZADA]
    with django_capture_on_commit_callbacks(execute=True):
        for paso in pasos:
            cambiar_estado_derivacion(
                derivacion=derivacion,
                nuevo_estado=paso,
                usuario=enlace_salud,
                respuesta="Hora tomada para el lunes." if paso == E.RESUELTA else "",
                motivo_rechazo=MotivoRechazo.SIN_CUPO if paso == E.RECHAZADA else "",
            )
    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert correo.to == [profesional.email]
    assert derivacion.codigo in correo.subject
    assert ("resuelta" if final == E.RESUELTA else "rechazada") in correo.subject
    assert "Wislande" not in correo.body
    if final == E.RECHAZADA:
        assert "Sin cupo o capacidad" in correo.body


def test_failed_send_keeps_the_referral_and_is_retried(
    persona, profesional, salud, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "tests.atenciones.test_notificaciones.BackendQueFalla"
    derivacion = _derivar(persona, profesional, salud, django_capture_on_commit_callbacks)
    assert Derivacion.objects.filter(pk=derivacion.pk).exists()
    correo = CorreoSaliente.objects.get()
    assert correo.enviado is None
    assert correo.intentos == 1
    assert "servidor caído" in correo.ultimo_error

    call_command("reintentar_correos", stdout=None)  # still down
    correo.refresh_from_db()
    assert correo.intentos == 2 and correo.enviado is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("reintentar_correos")
    correo.refresh_from_db()
    assert correo.enviado is not None
    assert correo.ultimo_error == ""
    assert len(mail.outbox) == 1
    assert derivacion.codigo in mail.outbox[0].subject
    # A second run sends nothing again.
    call_command("reintentar_correos")
    assert len(mail.outbox) == 1


def test_failed_send_does_not_break_the_page(
    client, profesional, salud, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.atenciones.test_notificaciones.BackendQueFalla"
    persona = PersonaFactory()
    client.force_login(profesional)
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(
            f"/equipo/personas/{persona.pk}/derivar/",
            {
                "tema": Tema.SALUD,
                "destino": f"departamento:{salud.pk}",
                "motivo": "M.",
                "prioridad": "media",
                "consentimiento": "on",
            },
        )
    assert respuesta.status_code == 302
    assert Derivacion.objects.count() == 1
    assert CorreoSaliente.objects.get().ultimo_error

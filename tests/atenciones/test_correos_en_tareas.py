"""Email is a job on the task runner: never sent in the web request or inside a transaction, with
a timeout, retried with backoff; reminders and retries are scheduled by the runner itself."""

import datetime
import pydoc
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.mail import get_connection
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import OrmQ, Schedule
from django_q.signing import SignedPackage

from atenciones import notificaciones
from atenciones.models import CorreoSaliente, Derivacion
from atenciones.tareas_programadas import RECORDATORIOS, REINTENTOS, programar_tareas
from oficina.choices import Tema
from tests.factories import DerivacionFactory, PersonaFactory

ENVIOS: list[bool] = []


class BackendQueAnota(EmailBackend):
    """Records whether each send happened inside a database transaction."""

    def send_messages(self, messages):
        ENVIOS.append(transaction.get_connection().in_atomic_block)
        return super().send_messages(messages)


class BackendQueFalla(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("servidor caído")


def _ejecutar_cola():
    """What `manage.py qcluster` does with each queued task: run it, outside any request."""
    for fila in OrmQ.objects.order_by("id"):
        tarea = SignedPackage.loads(fila.payload)
        pydoc.locate(tarea["func"])(*tarea["args"], **tarea["kwargs"])
        fila.delete()


@pytest.mark.django_db(transaction=True)
def test_referral_page_answers_without_talking_to_smtp_and_the_worker_sends_outside_a_transaction(
    client, profesional, salud, settings, monkeypatch
):
    monkeypatch.setattr(Conf, "SYNC", False)
    settings.EMAIL_BACKEND = "tests.atenciones.test_correos_en_tareas.BackendQueAnota"
    ENVIOS.clear()
    persona = PersonaFactory()
    client.force_login(profesional)
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
    assert mail.outbox == [] and ENVIOS == []  # nothing sent in the request
    assert OrmQ.objects.count() == 1  # a job for the worker
    _ejecutar_cola()
    assert ENVIOS == [False]  # sent outside any transaction
    assert len(mail.outbox) == 1
    assert CorreoSaliente.objects.get().enviado is not None
    assert Derivacion.objects.count() == 1


def test_smtp_connections_use_the_email_timeout(settings):
    assert settings.EMAIL_TIMEOUT == 20
    conexion = get_connection("django.core.mail.backends.smtp.EmailBackend")
    assert conexion.timeout == 20


@pytest.mark.django_db
def test_failed_sends_are_retried_with_growing_waits(settings):
    settings.EMAIL_BACKEND = "tests.atenciones.test_correos_en_tareas.BackendQueFalla"
    inicio = timezone.now()
    with time_machine.travel(inicio, tick=False) as viaje:
        with transaction.atomic():
            correo = notificaciones.encolar(
                tipo=CorreoSaliente.Tipo.NUEVA,
                destinatarios=["salud@example.cl"],
                plantilla="nueva_derivacion",
                contexto={"derivacion": DerivacionFactory(), "url": "x"},
            )
        notificaciones.enviar(correo.pk)
        correo.refresh_from_db()
        assert correo.intentos == 1 and correo.proximo_intento == inicio + datetime.timedelta(minutes=1)

        assert notificaciones.reintentar_programados() == (0, 0)  # not due yet
        viaje.shift(datetime.timedelta(seconds=61))
        assert notificaciones.reintentar_programados() == (0, 1)
        correo.refresh_from_db()
        assert correo.intentos == 2
        assert correo.proximo_intento == timezone.now() + datetime.timedelta(minutes=2)

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        viaje.shift(datetime.timedelta(seconds=60))
        assert notificaciones.reintentar_programados() == (0, 0)  # 2 minutes this time
        viaje.shift(datetime.timedelta(seconds=61))
        assert notificaciones.reintentar_programados() == (1, 0)
    correo.refresh_from_db()
    assert correo.enviado is not None and correo.proximo_intento is None
    assert len(mail.outbox) == 1


def test_backoff_doubles_up_to_six_hours():
    assert [notificaciones.espera_tras(n).total_seconds() / 60 for n in (1, 2, 3, 4, 9)] == [1, 2, 4, 8, 256]
    assert notificaciones.espera_tras(30) == datetime.timedelta(hours=6)


@pytest.mark.django_db
def test_a_message_another_process_is_sending_is_not_sent_twice():
    correo = CorreoSaliente.objects.create(
        tipo=CorreoSaliente.Tipo.NUEVA, destinatarios=["a@example.cl"], asunto="A", cuerpo="B"
    )
    CorreoSaliente.objects.filter(pk=correo.pk).update(enviando_desde=timezone.now(), intentos=1)
    assert notificaciones.reintentar_pendientes() == (1, 0)  # counted as done: the other sends it
    assert mail.outbox == []
    # A claim whose process died long ago is taken over.
    CorreoSaliente.objects.filter(pk=correo.pk).update(
        enviando_desde=timezone.now() - datetime.timedelta(hours=1)
    )
    notificaciones.reintentar_pendientes()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_migrate_schedules_reminders_and_retries_once():
    programar_tareas()
    programar_tareas()
    recordatorios = Schedule.objects.get(name=RECORDATORIOS)
    assert recordatorios.func == "atenciones.notificaciones.recordatorios_programados"
    assert recordatorios.schedule_type == Schedule.DAILY
    assert timezone.localtime(recordatorios.next_run).time() == datetime.time(8, 0)
    reintentos = Schedule.objects.get(name=REINTENTOS)
    assert reintentos.func == "atenciones.notificaciones.reintentar_programados"
    assert (reintentos.schedule_type, reintentos.minutes) == (Schedule.MINUTES, 5)
    # The third one, the deletion of expired import files, is tested with the imports.
    assert Schedule.objects.count() == 3
    # The office head's change to the time survives the next migrate.
    Schedule.objects.filter(name=RECORDATORIOS).update(next_run=timezone.now())
    programar_tareas()
    assert Schedule.objects.get(name=RECORDATORIOS).next_run != recordatorios.next_run


@pytest.mark.django_db
def test_scheduled_reminders_skip_weekends(monkeypatch):
    llamadas = []
    monkeypatch.setattr(notificaciones, "enviar_recordatorios", lambda: llamadas.append(1) or 1)
    with time_machine.travel(datetime.datetime(2026, 11, 28, 12, tzinfo=datetime.UTC)):  # Saturday
        assert notificaciones.recordatorios_programados() == 0
    with time_machine.travel(datetime.datetime(2026, 11, 30, 12, tzinfo=datetime.UTC)):  # Monday
        assert notificaciones.recordatorios_programados() == 1
    assert llamadas == [1]

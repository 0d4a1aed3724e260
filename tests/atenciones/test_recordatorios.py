"""Daily reminders: overdue referrals to liaisons, follow-ups due to professionals, at most once a day."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from atenciones.models import CorreoSaliente
from atenciones.selectors.derivaciones import derivaciones_vencidas_de
from atenciones.services import registrar_seguimiento
from tests.factories import DerivacionFactory, OrganizacionFactory

pytestmark = pytest.mark.django_db
SANTIAGO = ZoneInfo("America/Santiago")


@pytest.fixture
def escenario(enlace_salud, enlace_educacion, profesional, salud, educacion):
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0, tzinfo=SANTIAGO), tick=False):
        vencida = DerivacionFactory(departamento=salud, fecha_limite=datetime.date(2026, 11, 20))
        DerivacionFactory(departamento=salud, fecha_limite=datetime.date(2026, 11, 30))  # on time
        DerivacionFactory(departamento=educacion, fecha_limite=datetime.date(2026, 11, 30))
        externa = DerivacionFactory(
            departamento=None, organizacion=OrganizacionFactory(), derivado_por=profesional
        )
        registrar_seguimiento(
            derivacion=externa,
            usuario=profesional,
            resultado="sin_respuesta",
            proxima_fecha=datetime.date(2026, 11, 24),
        )
    return {"vencida": vencida, "externa": externa}


@pytest.fixture
def recordar(django_capture_on_commit_callbacks):
    """Run the cron command; mail goes out when its transactions commit."""

    def _recordar():
        with django_capture_on_commit_callbacks(execute=True):
            call_command("enviar_recordatorios")

    return _recordar


def _correos_a(usuario):
    return [m for m in mail.outbox if m.to == [usuario.email]]


def test_reminders_go_to_liaisons_and_professionals_once_a_day(
    escenario, recordar, enlace_salud, enlace_educacion, profesional
):
    with time_machine.travel(datetime.datetime(2026, 11, 24, 7, 0, tzinfo=SANTIAGO), tick=False):
        recordar()
        assert len(_correos_a(enlace_salud)) == 1
        assert escenario["vencida"].codigo in _correos_a(enlace_salud)[0].body
        assert _correos_a(enlace_educacion) == []  # nothing overdue there
        assert len(_correos_a(profesional)) == 1
        assert escenario["externa"].codigo in _correos_a(profesional)[0].body

        # Cron runs again the same day: nothing new.
        recordar()
        recordar()
        assert len(_correos_a(enlace_salud)) == 1
        assert len(_correos_a(profesional)) == 1

    with time_machine.travel(datetime.datetime(2026, 11, 25, 7, 0, tzinfo=SANTIAGO), tick=False):
        recordar()
        assert len(_correos_a(enlace_salud)) == 2
        assert len(_correos_a(profesional)) == 2
    assert CorreoSaliente.objects.filter(tipo=CorreoSaliente.Tipo.RECORDATORIO).count() == 4


def test_follow_up_not_yet_due_sends_nothing(escenario, recordar, profesional):
    with time_machine.travel(datetime.datetime(2026, 11, 23, 18, 0, tzinfo=SANTIAGO), tick=False):
        recordar()
    assert _correos_a(profesional) == []


def test_reminder_body_has_no_personal_data(escenario, recordar, enlace_salud):
    with time_machine.travel(datetime.datetime(2026, 11, 24, 7, 0, tzinfo=SANTIAGO), tick=False):
        recordar()
    cuerpo = _correos_a(enlace_salud)[0].body
    persona = escenario["vencida"].persona
    assert persona.nombres not in cuerpo
    assert persona.telefono not in cuerpo


def test_overdue_selector_for_my_day(escenario, enlace_salud, enlace_educacion, encargada, profesional):
    with time_machine.travel(datetime.datetime(2026, 11, 24, 7, 0, tzinfo=SANTIAGO), tick=False):
        assert list(derivaciones_vencidas_de(enlace_salud)) == [escenario["vencida"]]
        assert list(derivaciones_vencidas_de(enlace_educacion)) == []
        assert list(derivaciones_vencidas_de(encargada)) == [escenario["vencida"]]
        # The professional who sent it (the factory's own user) sees it; another does not.
        assert list(derivaciones_vencidas_de(escenario["vencida"].derivado_por)) == [escenario["vencida"]]
        assert list(derivaciones_vencidas_de(profesional)) == []


def test_due_date_itself_is_not_overdue(enlace_salud, salud):
    derivacion = DerivacionFactory(departamento=salud, fecha_limite=datetime.date(2026, 11, 24))
    with time_machine.travel(datetime.datetime(2026, 11, 24, 23, 0, tzinfo=SANTIAGO), tick=False):
        assert not derivacion.vencida
        assert list(derivaciones_vencidas_de(enlace_salud)) == []
    with time_machine.travel(datetime.datetime(2026, 11, 25, 0, 30, tzinfo=SANTIAGO), tick=False):
        assert derivacion.vencida

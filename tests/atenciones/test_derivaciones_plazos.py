"""A referral's due date: the destination's response days, business days by default."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from atenciones.services import derivar
from oficina.choices import Tema
from tests.factories import OrganizacionFactory, PersonaFactory

pytestmark = pytest.mark.django_db
SANTIAGO = ZoneInfo("America/Santiago")


def _derivar_el(fecha_hora, usuario, **destino):
    with time_machine.travel(fecha_hora, tick=False):
        return derivar(
            persona=PersonaFactory(),
            derivado_por=usuario,
            tema=Tema.SALUD,
            motivo="M.",
            consentimiento=True,
            **destino,
        )


def test_business_day_deadline_skips_the_weekend(profesional, salud):
    # Friday 20 November 2026 + 5 business days = Friday 27 November.
    derivacion = _derivar_el(
        datetime.datetime(2026, 11, 20, 16, 0, tzinfo=SANTIAGO), profesional, departamento=salud
    )
    assert derivacion.fecha_limite == datetime.date(2026, 11, 27)


def test_business_day_deadline_skips_chilean_holidays(profesional, salud):
    # Thursday 17 September 2026; 18 and 19 are Fiestas Patrias, 20 is a Sunday.
    derivacion = _derivar_el(
        datetime.datetime(2026, 9, 17, 10, 0, tzinfo=SANTIAGO), profesional, departamento=salud
    )
    assert derivacion.fecha_limite == datetime.date(2026, 9, 25)


def test_calendar_day_deadline_counts_every_day(profesional):
    org = OrganizacionFactory(plazo_respuesta_dias=3, plazo_en_dias_habiles=False)
    derivacion = _derivar_el(
        datetime.datetime(2026, 11, 20, 10, 0, tzinfo=SANTIAGO), profesional, organizacion=org
    )
    assert derivacion.fecha_limite == datetime.date(2026, 11, 23)


def test_deadline_uses_the_local_date_late_at_night(profesional, salud):
    # 23:30 in Valparaíso on Friday is already Saturday in UTC: the local Friday counts.
    derivacion = _derivar_el(
        datetime.datetime(2026, 11, 20, 23, 30, tzinfo=SANTIAGO), profesional, departamento=salud
    )
    assert derivacion.fecha_limite == datetime.date(2026, 11, 27)

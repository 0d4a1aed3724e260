import datetime

from oficina.plazos import es_dia_habil, sumar_plazo
from tests.factories import DepartamentoFactory


def test_business_days_skip_weekends():
    viernes = datetime.date(2026, 11, 20)
    assert sumar_plazo(viernes, 1) == datetime.date(2026, 11, 23)  # Monday
    assert sumar_plazo(viernes, 5) == datetime.date(2026, 11, 27)


def test_business_days_skip_chilean_holidays():
    # 18 and 19 September are national holidays (Fiestas Patrias).
    assert not es_dia_habil(datetime.date(2026, 9, 18))
    assert sumar_plazo(datetime.date(2026, 9, 17), 1) == datetime.date(2026, 9, 21)
    # 25 December 2026 is a Friday.
    assert sumar_plazo(datetime.date(2026, 12, 24), 1) == datetime.date(2026, 12, 28)


def test_calendar_days_count_every_day():
    viernes = datetime.date(2026, 11, 20)
    assert sumar_plazo(viernes, 3, habiles=False) == datetime.date(2026, 11, 23)


def test_destination_due_date_follows_its_setting(db):
    depto = DepartamentoFactory(plazo_respuesta_dias=2, plazo_en_dias_habiles=False)
    assert depto.fecha_limite(datetime.date(2026, 11, 20)) == datetime.date(2026, 11, 22)

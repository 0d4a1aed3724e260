"""Duplicate detection at a registry's scale (issue 11): a birth date "one slip away" is one
keystroke, and it is no evidence for a name many persons bear; a misspelled copy with the same
birth date is compared before hundreds of namesakes."""

import datetime

import pytest
from django.utils import timezone

from atenciones.selectors.duplicados import (
    TOCAYOS_DESLIZ,
    Ficha,
    consulta_candidatos,
    fechas_un_desliz,
    parecidos,
)
from tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db

NACIMIENTO = datetime.date(1990, 6, 15)


@pytest.mark.parametrize(
    ("otra", "desliz"),
    [
        (datetime.date(1990, 6, 16), True),  # the day off by one
        (datetime.date(1990, 6, 14), True),
        (datetime.date(1990, 6, 17), True),  # one digit of the day
        (datetime.date(1990, 6, 25), True),
        (datetime.date(1990, 8, 15), True),  # one digit of the month
        (datetime.date(1993, 6, 15), True),  # one digit of the year
        (datetime.date(1980, 6, 15), True),
        (datetime.date(1989, 6, 15), True),  # the year off by one (three digits)
        (datetime.date(1909, 6, 15), True),  # "1990" typed "1909": two digits swapped
        (datetime.date(1990, 6, 15), False),  # the same date is no slip
        (datetime.date(1990, 6, 20), False),  # both digits of the day
        (datetime.date(1990, 7, 16), False),  # day and month
        (datetime.date(1975, 6, 15), False),  # two digits of the year
        (datetime.date(1992, 8, 15), False),
        (datetime.date(1990, 12, 15), False),  # "06" → "12": both digits of the month
    ],
)
def test_birth_dates_one_slip_apart_written_out(otra, desliz):
    assert (otra in fechas_un_desliz(NACIMIENTO)) is desliz
    assert (NACIMIENTO in fechas_un_desliz(otra)) is desliz  # the same both ways


def test_day_and_month_swapped_is_a_slip_and_no_date_is_invented():
    assert datetime.date(1985, 11, 3) in fechas_un_desliz(datetime.date(1985, 3, 11))
    # 29 February exists only in leap years; the end of a month rolls over by a day.
    assert datetime.date(2001, 2, 28) not in fechas_un_desliz(datetime.date(2000, 2, 29))
    assert datetime.date(2000, 3, 1) in fechas_un_desliz(datetime.date(2000, 2, 29))
    futuro = timezone.localdate().replace(month=1, day=1)
    assert all(f <= timezone.localdate() for f in fechas_un_desliz(futuro))
    assert all(f.year >= 1900 for f in fechas_un_desliz(datetime.date(1900, 1, 1)))


def _ficha(nombres: str, apellidos: str, fecha: datetime.date) -> Ficha:
    palabras = f"{nombres} {apellidos}".lower().split()
    return Ficha(pk=None, palabras=palabras, fecha_nacimiento=fecha, sexo="mujer", pila=palabras[0])


def _resultado(ficha: Ficha, persona) -> tuple[int, str] | None:
    for r in parecidos(ficha):
        if r["persona"].pk == persona.pk:
            return r["probabilidad"], r["motivo"]
    return None


def test_a_rare_name_with_a_birth_date_one_slip_away_is_a_probable_duplicate():
    registrada = PersonaFactory(
        nombres="Wislande", apellidos="Thélusma", fecha_nacimiento=NACIMIENTO, sexo="mujer"
    )
    copia = _ficha("Wislande", "Telusma", datetime.date(1990, 6, 16))
    assert _resultado(copia, registrada) == (72, "Nombre parecido y fecha de nacimiento parecida.")
    # Two digits of the day apart is another person's birthday, not a slip.
    otra = _ficha("Wislande", "Telusma", datetime.date(1990, 6, 20))
    assert _resultado(otra, registrada)[0] < 70


def test_a_name_many_persons_bear_needs_more_than_a_birth_date_one_slip_away():
    # TOCAYOS_DESLIZ other persons named so, born years apart: one born a slip away by chance is
    # only a "possible" duplicate; the same birth date still counts.
    for k in range(TOCAYOS_DESLIZ):
        PersonaFactory(
            nombres="María", apellidos="González Pérez", fecha_nacimiento=datetime.date(1950 + 2 * k, 1, 20)
        )
    registrada = PersonaFactory(
        nombres="María", apellidos="González Pérez", fecha_nacimiento=NACIMIENTO, sexo="mujer"
    )
    copia = _ficha("Maria", "Gonzales Perez", datetime.date(1990, 6, 16))
    assert _resultado(copia, registrada) == (60, "Nombre frecuente y fecha de nacimiento parecida.")
    misma_fecha = _ficha("Maria", "Gonzales Perez", NACIMIENTO)
    assert _resultado(misma_fecha, registrada)[0] == 90


def test_one_namesake_fewer_and_the_slip_counts_again():
    for k in range(TOCAYOS_DESLIZ - 1):
        PersonaFactory(
            nombres="María", apellidos="González Pérez", fecha_nacimiento=datetime.date(1950 + 2 * k, 1, 20)
        )
    registrada = PersonaFactory(
        nombres="María", apellidos="González Pérez", fecha_nacimiento=NACIMIENTO, sexo="mujer"
    )
    copia = _ficha("Maria", "Gonzales Perez", datetime.date(1990, 6, 16))
    assert _resultado(copia, registrada)[0] == 72


def test_a_copy_with_the_birth_date_comes_before_namesakes_sharing_more_keys():
    # Six "Rosa Pérez Díaz" (keys RS PRS DS, every key of the query) born years apart, and the
    # person searched for, registered with a slip as "Rosa Pérez Tíaz" (RS PRS TS: one key fewer)
    # and born that day: she is compared first however many namesakes there are.
    for k in range(6):
        PersonaFactory(
            nombres="Rosa", apellidos="Pérez Díaz", fecha_nacimiento=datetime.date(1950 + 3 * k, 2, 2)
        )
    buscada = PersonaFactory(nombres="Rosa", apellidos="Pérez Tíaz", fecha_nacimiento=NACIMIENTO)
    candidatas = list(consulta_candidatos(["rosa", "perez", "diaz"], set(), "", fecha=NACIMIENTO, limite=3))
    assert [(c.pk, c.senal, c.comunes) for c in candidatas][0] == (buscada.pk, 2, 2)
    assert [(c.senal, c.comunes) for c in candidatas[1:]] == [(0, 3), (0, 3)]

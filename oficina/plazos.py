"""Deadline arithmetic for referrals.

Business days skip Saturdays, Sundays and Chile's public holidays (the `holidays` package,
which follows the Chilean calendar including moved and regional-wide holidays).
"""

import datetime
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import holidays


@lru_cache(maxsize=16)
def _feriados(anio: int) -> "holidays.HolidayBase":
    import holidays  # lazy: ~10 MB per web worker, only for referral deadlines

    return holidays.country_holidays("CL", years=anio)


def es_dia_habil(fecha: datetime.date) -> bool:
    return fecha.weekday() < 5 and fecha not in _feriados(fecha.year)


def sumar_plazo(desde: datetime.date, dias: int, *, habiles: bool = True) -> datetime.date:
    """The date `dias` days after `desde` (business days when `habiles`)."""
    if not habiles:
        return desde + datetime.timedelta(days=dias)
    fecha = desde
    restantes = dias
    while restantes > 0:
        fecha += datetime.timedelta(days=1)
        if es_dia_habil(fecha):
            restantes -= 1
    return fecha

"""The period of the indicators, the shared aggregates and the publication mask."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Aggregate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# Counts under this are shown as "<5" in anything published (the Sello Migrante report).
UMBRAL_PEQUENO = 5
# Age groups: (key, label, lower age inclusive); ages are taken at the period's last day.
GRUPOS_EDAD = [
    ("0-17", _("0 a 17 años"), 0),
    ("18-29", _("18 a 29 años"), 18),
    ("30-44", _("30 a 44 años"), 30),
    ("45-59", _("45 a 59 años"), 45),
    ("60+", _("60 años o más"), 60),
]
SIN_DATO = _("Sin dato")


@dataclass(frozen=True)
class Periodo:
    desde: datetime.date
    hasta: datetime.date  # inclusive

    @property
    def inicio(self) -> datetime.datetime:
        return _medianoche(self.desde)

    @property
    def fin(self) -> datetime.datetime:
        """First instant after the period."""
        return _medianoche(self.hasta + datetime.timedelta(days=1))

    @property
    def dias(self) -> int:
        return (self.hasta - self.desde).days + 1

    def meses(self):
        """First day of each month the period touches."""
        mes = self.desde.replace(day=1)
        while mes <= self.hasta:
            yield mes
            mes = (mes + datetime.timedelta(days=32)).replace(day=1)

    def __str__(self):
        return _("del %(desde)s al %(hasta)s") % {
            "desde": date_format(self.desde, "SHORT_DATE_FORMAT"),
            "hasta": date_format(self.hasta, "SHORT_DATE_FORMAT"),
        }


def _medianoche(dia: datetime.date) -> datetime.datetime:
    # The office's time zone; a midnight skipped by daylight saving resolves to the next instant.
    return datetime.datetime.combine(dia, datetime.time(0), tzinfo=timezone.get_default_timezone())


def _hace_anios(dia: datetime.date, anios: int) -> datetime.date:
    try:
        return dia.replace(year=dia.year - anios)
    except ValueError:  # 29 February
        return dia.replace(year=dia.year - anios, day=28)


def es_postgresql() -> bool:
    return connection.vendor == "postgresql"


class Mediana(Aggregate):
    """PostgreSQL's exact median (percentile_cont), usable with GROUP BY and FILTER."""

    function = "PERCENTILE_CONT"
    name = "Mediana"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False


def _fila(clave, etiqueta, **valores):
    return {"clave": clave, "etiqueta": str(etiqueta), **valores}


def enmascarar(valor):
    """A count for publication: 1 to 4 become "<5" (0 stays: it identifies no one)."""
    if isinstance(valor, int) and not isinstance(valor, bool) and 0 < valor < UMBRAL_PEQUENO:
        return f"<{UMBRAL_PEQUENO}"
    return valor


# The kinds of period the indicators page offers (one at a time).
MES, TRIMESTRE, ANIO, PERSONALIZADO = "mes", "trimestre", "anio", "personalizado"


def _meses_antes(dia: datetime.date, meses: int) -> datetime.date:
    """The first day of the month `meses` months before `dia`'s month."""
    indice = dia.year * 12 + dia.month - 1 - meses
    return datetime.date(indice // 12, indice % 12 + 1, 1)


def periodo_anterior(p: Periodo, tipo: str) -> Periodo:
    """The period of the same kind and length just before `p`: the previous month, quarter or
    year; for a range of dates, the range of as many days ending the day before it starts."""
    un_dia = datetime.timedelta(days=1)
    if tipo in (MES, TRIMESTRE, ANIO):
        meses = {MES: 1, TRIMESTRE: 3, ANIO: 12}[tipo]
        return Periodo(_meses_antes(p.desde, meses), p.desde - un_dia)
    return Periodo(p.desde - datetime.timedelta(days=p.dias), p.desde - un_dia)

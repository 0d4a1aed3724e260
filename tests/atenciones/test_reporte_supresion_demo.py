"""The recovery attack of test_reporte_supresion on the demo's indicators report, for a whole work
plan, a year and a month (a module of its own: the demo data stays for the whole module)."""

import datetime

import pytest

from atenciones.indicadores import Periodo

from .test_reporte_supresion import (
    _atacar,
    _derivados_solo_junto_a_conteos_visibles,
    _descargar,
    _sin_numero_pequeno,
    _verdad,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("cual", ["plan", "anio", "mes"])
def test_no_masked_count_of_the_demo_report_can_be_worked_out(demo, encargada, cual):
    if cual == "plan":
        consulta, tipo = {"tipo": "personalizado", "desde": demo.desde, "hasta": demo.hasta}, "personalizado"
        periodo = demo
    elif cual == "anio":
        anio = demo.hasta.year
        consulta, tipo = {"tipo": "anio", "anio": anio}, "anio"
        periodo = Periodo(datetime.date(anio, 1, 1), datetime.date(anio, 12, 31))
    else:
        mes = demo.hasta.replace(day=1)
        consulta, tipo = {"tipo": "mes", "anio": mes.year, "mes": mes.month}, "mes"
        siguiente = (mes + datetime.timedelta(days=32)).replace(day=1)
        periodo = Periodo(mes, siguiente - datetime.timedelta(days=1))
    hojas = _descargar(consulta, encargada)
    verdad = _verdad(periodo, tipo)
    pequenas = sum(
        1
        for f in verdad["Derivaciones por destino"] + verdad["Por nacionalidad"] + verdad["Por grupo de edad"]
        for v in f[1:]
        if isinstance(v, int) and 0 < v < 5
    )
    assert pequenas, "la demostración debería tener cifras pequeñas que proteger"
    _sin_numero_pequeno(hojas)
    _derivados_solo_junto_a_conteos_visibles(hojas)
    assert _atacar(hojas, verdad) == {}

"""The dossier's referrals by outcome (issue 14 point 5, with issue 13's outcomes): figures written
out by hand from factory rows, and a small outcome that the totals must not give away.

Apart from test_dossier.py, whose module-wide demo data would add to these rows."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from atenciones.choices import EstadoDerivacion, ResultadoDerivacion
from atenciones.dossier import C, construir
from atenciones.indicadores import Periodo
from atenciones.supresion import MENOR, RESERVADO, atacar
from tests.factories import DerivacionFactory

pytestmark = pytest.mark.django_db


SCL = ZoneInfo("America/Santiago")
MARZO = Periodo(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def _cerradas(destino, resultado, n, **extra):
    for _i in range(n):
        DerivacionFactory(
            departamento=destino,
            fecha_envio=datetime.datetime(2026, 3, 10, 10, 0, tzinfo=SCL),
            fecha_cierre=datetime.datetime(2026, 3, 14, 10, 0, tzinfo=SCL),
            estado=EstadoDerivacion.RESUELTA,
            resultado=resultado,
            respuesta="Registrado.",
            **extra,
        )


def _tabla_dossier(d, titulo):
    return next(t for parte in d.partes for t in parte.tablas if t.titulo == titulo)


def test_referrals_by_outcome_figures_written_out_by_hand(salud, educacion):
    R = ResultadoDerivacion
    _cerradas(salud, R.ATENDIDA_RESUELTA, 6)
    _cerradas(salud, R.NO_SE_PRESENTO, 5)
    _cerradas(educacion, R.ATENDIDA_RESUELTA, 5)
    _cerradas(educacion, R.NO_ELEGIBLE, 5)
    for _i in range(7):  # still open: sent, not closed
        DerivacionFactory(departamento=educacion, fecha_envio=datetime.datetime(2026, 3, 20, 9, tzinfo=SCL))
    DerivacionFactory(  # sent in February: another period
        departamento=salud,
        fecha_envio=datetime.datetime(2026, 2, 28, 23, 0, tzinfo=SCL),
        estado=EstadoDerivacion.RESUELTA,
        resultado=R.NO_SE_PRESENTO,
        respuesta="Registrado.",
        fecha_cierre=datetime.datetime(2026, 3, 2, 10, 0, tzinfo=SCL),
    )
    d = construir(MARZO)
    assert d.filas(_tabla_dossier(d, "Derivaciones cerradas por resultado")) == [
        ["Atendida y resuelta", 11, "Sí"],
        ["Atendida, pendiente de la persona", 0, "No"],
        ["No se presentó", 5, "No"],
        ["No cumple requisitos (no elegible)", 5, "No"],
        ["Derivada a otro destino", 0, "No"],
        ["Otro", 0, "No"],
        ["Total", 21, ""],
    ]
    # Destinations by referrals sent (SLEP 17, Salud 11), outcomes in the same order as above.
    assert d.filas(_tabla_dossier(d, "Derivaciones cerradas por destino y resultado")) == [
        ["SLEP", 5, 0, 0, 5, 0, 0],
        ["Salud", 6, 0, 5, 0, 0, 0],
        ["Total", 11, 0, 5, 5, 0, 0],
    ]
    # Sent = resolved + closed without resolving + rejected + cancelled + open, per destination.
    por_destino = d.filas(_tabla_dossier(d, "Derivaciones por destino"))
    assert [f[:8] for f in por_destino] == [
        ["SLEP", "Departamento", 17, 5, 5, 0, 0, 7],
        ["Salud", "Departamento", 11, 6, 5, 0, 0, 0],
        ["Total", "", 28, 11, 10, 0, 0, 7],
    ]
    assert por_destino[0][8:] == [29.4, 4.0]  # 5 of 17 resolved; 4 days to resolve
    assert por_destino[1][8:] == [54.5, 4.0]  # 6 of 11


def test_a_single_small_outcome_cannot_be_worked_out_from_the_totals(salud, educacion):
    R = ResultadoDerivacion
    _cerradas(salud, R.ATENDIDA_RESUELTA, 6)
    _cerradas(salud, R.NO_SE_PRESENTO, 5)
    _cerradas(salud, R.OTRO, 1, resultado_detalle="Se mudó de comuna.")
    _cerradas(educacion, R.ATENDIDA_RESUELTA, 5)
    _cerradas(educacion, R.NO_ELEGIBLE, 5)
    d = construir(MARZO)
    vista = {clave: d.mostrar(C(clave)) for clave in d.cuadro.valores}
    # Naively masked, "Otro" (1) is 22 closed − 11 − 5 − 5, and Salud's "Otro" is 12 − 6 − 5.
    assert vista[("deriv_res", "total", R.OTRO.value)] in (MENOR, RESERVADO)
    assert vista[("deriv_res", "d" + str(salud.pk), R.OTRO.value)] in (MENOR, RESERVADO)
    rangos = atacar(vista, d.cuadro.sumas)
    pequenas = [k for k, v in d.cuadro.valores.items() if 0 < v < 5]
    assert pequenas and all(rangos[k][0] < rangos[k][1] for k in pequenas)
    # What the reader sees: the small cell and the cells reserved beside it.
    filas = d.filas(_tabla_dossier(d, "Derivaciones cerradas por resultado"))
    assert filas[5][0] == "Otro" and filas[5][1] in (MENOR, RESERVADO)
    assert RESERVADO in [f[1] for f in filas]
    assert 1 not in [f[1] for f in filas]

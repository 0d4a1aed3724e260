"""Indicators page, issue 14 point 8: one kind of period at a time, and each figure beside the
previous period's (previous month, quarter, year, or the same-length range just before).

Every expected figure is counted by hand from the rows created here; times are local (Santiago).
"""

import datetime
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from atenciones.forms.indicadores import PeriodoForm
from atenciones.indicadores import Periodo
from atenciones.indicadores.periodo import periodo_anterior
from tests.factories import AtencionFactory, PersonaFactory

pytestmark = pytest.mark.django_db

SCL = ZoneInfo("America/Santiago")
HOY = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=SCL)
D = datetime.date


def scl(*args):
    return datetime.datetime(*args, tzinfo=SCL)


@pytest.fixture(autouse=True)
def hoy():
    cache.clear()
    with time_machine.travel(HOY, tick=False):
        yield


@pytest.mark.parametrize(
    ("tipo", "desde", "hasta", "anterior"),
    [
        ("mes", D(2026, 1, 1), D(2026, 1, 31), (D(2025, 12, 1), D(2025, 12, 31))),  # across the year
        ("mes", D(2024, 3, 1), D(2024, 3, 31), (D(2024, 2, 1), D(2024, 2, 29))),  # leap February
        ("mes", D(2026, 3, 1), D(2026, 3, 31), (D(2026, 2, 1), D(2026, 2, 28))),
        ("trimestre", D(2026, 1, 1), D(2026, 3, 31), (D(2025, 10, 1), D(2025, 12, 31))),
        ("trimestre", D(2026, 7, 1), D(2026, 9, 30), (D(2026, 4, 1), D(2026, 6, 30))),
        ("anio", D(2026, 1, 1), D(2026, 12, 31), (D(2025, 1, 1), D(2025, 12, 31))),
        ("anio", D(2025, 1, 1), D(2025, 12, 31), (D(2024, 1, 1), D(2024, 12, 31))),  # 366 days before
        # A range: as many days, ending the day before it starts.
        ("personalizado", D(2026, 1, 10), D(2026, 1, 19), (D(2025, 12, 31), D(2026, 1, 9))),
        ("personalizado", D(2024, 2, 20), D(2024, 3, 5), (D(2024, 2, 5), D(2024, 2, 19))),  # 15 days
        ("personalizado", D(2026, 1, 1), D(2026, 1, 1), (D(2025, 12, 31), D(2025, 12, 31))),
    ],
)
def test_the_previous_period_is_of_the_same_kind_and_length(tipo, desde, hasta, anterior):
    assert periodo_anterior(Periodo(desde, hasta), tipo) == Periodo(*anterior)


@pytest.mark.parametrize(
    ("consulta", "periodo", "anterior"),
    [
        (
            {"tipo": "mes", "anio": "2026", "mes": "1"},
            (D(2026, 1, 1), D(2026, 1, 31)),
            (D(2025, 12, 1), D(2025, 12, 31)),
        ),
        (
            {"tipo": "trimestre", "anio": "2026", "trimestre": "1"},
            (D(2026, 1, 1), D(2026, 3, 31)),
            (D(2025, 10, 1), D(2025, 12, 31)),
        ),
        (
            {"tipo": "anio", "anio": "2026"},
            (D(2026, 1, 1), D(2026, 12, 31)),
            (D(2025, 1, 1), D(2025, 12, 31)),
        ),
        (
            {"tipo": "personalizado", "desde": "10-01-2026", "hasta": "2026-01-19"},
            (D(2026, 1, 10), D(2026, 1, 19)),
            (D(2025, 12, 31), D(2026, 1, 9)),
        ),
        # Fields of another kind sent empty (a form of another page) are not "filled in".
        (
            {"tipo": "anio", "anio": "2026", "mes": "", "desde": ""},
            (D(2026, 1, 1), D(2026, 12, 31)),
            (D(2025, 1, 1), D(2025, 12, 31)),
        ),
    ],
)
def test_each_kind_uses_its_own_fields(consulta, periodo, anterior):
    form = PeriodoForm(consulta)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["periodo"] == Periodo(*periodo)
    assert form.cleaned_data["anterior"] == Periodo(*anterior)


@pytest.mark.parametrize(
    ("consulta", "mensaje"),
    [
        (
            {"tipo": "mes", "anio": "2026", "mes": "1", "desde": "2026-01-01", "hasta": "2026-03-31"},
            "Con el período «Mes» no se usa «Desde», «Hasta»",
        ),
        ({"tipo": "anio", "anio": "2026", "mes": "3"}, "Con el período «Año» no se usa «Mes»"),
        (
            {"tipo": "personalizado", "desde": "2026-01-01", "hasta": "2026-01-31", "anio": "2025"},
            "Con el período «Fechas a elección» no se usa «Año»",
        ),
        ({"tipo": "trimestre", "anio": "2026", "trimestre": "2", "mes": "4"}, "no se usa «Mes»"),
        ({"tipo": "mes", "mes": "3"}, "Indique el año."),
        ({"tipo": "trimestre", "anio": "2026"}, "Elija el trimestre."),
    ],
)
def test_a_field_of_another_kind_is_refused_not_ignored(client, encargada, consulta, mensaje):
    client.force_login(encargada)
    respuesta = client.get(reverse("equipo:indicadores"), consulta)
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert mensaje in html
    assert "datos" not in respuesta.context
    assert client.get(reverse("equipo:indicadores_reporte"), consulta).status_code == 400


def test_the_page_shows_only_the_chosen_kinds_fields_and_keeps_what_was_typed(client, encargada):
    client.force_login(encargada)
    html = client.get(
        reverse("equipo:indicadores"), {"tipo": "personalizado", "desde": "2026-05-01", "hasta": "2026-01-01"}
    ).content.decode()
    assert "La fecha de término es anterior a la de inicio." in html
    assert 'value="2026-05-01"' in html and 'value="2026-01-01"' in html
    assert 'name="mes"' not in html and 'name="anio"' not in html and 'name="trimestre"' not in html
    assert '<input type="hidden" name="tipo" value="personalizado">' in html
    html = client.get(
        reverse("equipo:indicadores"), {"tipo": "mes", "anio": "2026", "mes": "2"}
    ).content.decode()
    assert 'name="anio"' in html and 'name="mes"' in html
    assert 'name="desde"' not in html and 'name="trimestre"' not in html
    # One tab per kind, each a ready period around the one shown; the chosen one is marked.
    assert 'href="/equipo/indicadores/?tipo=trimestre&amp;anio=2026&amp;trimestre=1"' in html
    assert 'href="/equipo/indicadores/?tipo=personalizado&amp;desde=2026-02-01&amp;hasta=2026-02-28"' in html
    assert 'aria-current="page">Mes</a>' in html


@pytest.fixture
def filas():
    """Attentions on both sides of the month and year boundaries.

    pia:  31-12-2025 23:30 (already 1 January in UTC) and 01-01-2026 00:15
    raul: 31-01-2026 23:59;  sara: 01-02-2026 00:00
    teo:  31-12-2024 23:59 and 01-01-2025 00:00
    """
    pia, raul, sara, teo = (PersonaFactory() for _i in range(4))
    AtencionFactory(persona=pia, fecha_hora=scl(2025, 12, 31, 23, 30))
    AtencionFactory(persona=pia, fecha_hora=scl(2026, 1, 1, 0, 15))
    AtencionFactory(persona=raul, fecha_hora=scl(2026, 1, 31, 23, 59))
    AtencionFactory(persona=sara, fecha_hora=scl(2026, 2, 1, 0, 0))
    AtencionFactory(persona=teo, fecha_hora=scl(2024, 12, 31, 23, 59))
    AtencionFactory(persona=teo, fecha_hora=scl(2025, 1, 1, 0, 0))


def _resumen(client, consulta):
    respuesta = client.get(reverse("equipo:indicadores"), consulta)
    assert respuesta.status_code == 200
    p = respuesta.context["comp"]["personas"]
    campos = ("personas", "nuevas", "recurrentes", "atenciones")
    return {c: (p[c], p["ant"][c], p["dif"][c]) for c in campos}, respuesta


@pytest.mark.parametrize(
    ("consulta", "esperado"),
    [
        # January 2026: Pia (returning: first seen 31 Dec) and Raúl (new); 2 attentions.
        # December 2025: Pia (new), 1 attention.
        (
            {"tipo": "mes", "anio": 2026, "mes": 1},
            {"personas": (2, 1, 1), "nuevas": (1, 1, 0), "recurrentes": (1, 0, 1), "atenciones": (2, 1, 1)},
        ),
        # February 2026: Sara (new) at the first instant; January as above.
        (
            {"tipo": "mes", "anio": 2026, "mes": 2},
            {
                "personas": (1, 2, -1),
                "nuevas": (1, 1, 0),
                "recurrentes": (0, 1, -1),
                "atenciones": (1, 2, -1),
            },
        ),
        # First quarter 2026: Pia, Raúl, Sara (3 attentions); fourth quarter 2025: Pia's 31 Dec.
        (
            {"tipo": "trimestre", "anio": 2026, "trimestre": 1},
            {"personas": (3, 1, 2), "nuevas": (2, 1, 1), "recurrentes": (1, 0, 1), "atenciones": (3, 1, 2)},
        ),
        # 2026: the same three; 2025: Pia (new) and Teo (returning: first seen 31 Dec 2024).
        (
            {"tipo": "anio", "anio": 2026},
            {"personas": (3, 2, 1), "nuevas": (2, 1, 1), "recurrentes": (1, 1, 0), "atenciones": (3, 2, 1)},
        ),
        # 1 to 10 January 2026 (10 days) against 22 to 31 December 2025: one attention each.
        (
            {"tipo": "personalizado", "desde": "2026-01-01", "hasta": "2026-01-10"},
            {"personas": (1, 1, 0), "nuevas": (0, 1, -1), "recurrentes": (1, 0, 1), "atenciones": (1, 1, 0)},
        ),
        # 31 December 2025 alone against 30 December 2025: Pia's evening attention, then nothing.
        (
            {"tipo": "personalizado", "desde": "2025-12-31", "hasta": "2025-12-31"},
            {"personas": (1, 0, 1), "nuevas": (1, 0, 1), "recurrentes": (0, 0, 0), "atenciones": (1, 0, 1)},
        ),
    ],
)
def test_each_figure_stands_beside_the_previous_periods(client, encargada, filas, consulta, esperado):
    client.force_login(encargada)
    resumen, respuesta = _resumen(client, consulta)
    assert resumen == esperado
    html = respuesta.content.decode()
    d = esperado["atenciones"]
    signo = f"+{d[2]}" if d[2] > 0 else (f"−{-d[2]}" if d[2] < 0 else "0")
    assert f"Anterior: {d[1]} · diferencia {signo}" in html


def test_months_are_set_beside_the_previous_periods_months_in_order(client, encargada, filas):
    client.force_login(encargada)
    respuesta = client.get(reverse("equipo:indicadores"), {"tipo": "trimestre", "anio": 2026, "trimestre": 1})
    filas_mes = respuesta.context["tablas"]["mes"]["filas"]
    assert [
        (f["etiqueta"], f["etiqueta_ant"], [(c["valor"], c["ant"], c["dif"]) for c in f["cifras"]])
        for f in filas_mes
    ] == [
        ("enero de 2026", "octubre de 2025", [(2, 0, 2)]),
        ("febrero de 2026", "noviembre de 2025", [(1, 0, 1)]),
        ("marzo de 2026", "diciembre de 2025", [(0, 1, -1)]),
    ]
    html = respuesta.content.decode()
    assert "frente a diciembre de 2025" in html
    assert "Cada cifra junto a la del período anterior (del 01/10/2025 al 31/12/2025)" in html


def test_the_report_masks_the_previous_period_too_and_hides_differences_beside_small_counts(
    client, encargada, filas
):
    # Five more persons in January 2026 and five more in December 2025, each once.
    for _i in range(5):
        AtencionFactory(fecha_hora=scl(2026, 1, 15, 10, 0))
        AtencionFactory(fecha_hora=scl(2025, 12, 15, 10, 0))
    client.force_login(encargada)
    respuesta = client.get(reverse("equipo:indicadores_reporte"), {"tipo": "mes", "anio": 2026, "mes": 1})
    assert respuesta.status_code == 200
    libro = openpyxl.load_workbook(io.BytesIO(respuesta.content))
    portada = {f[0]: f[1] for f in libro["Portada"].iter_rows(min_row=2, values_only=True)}
    assert portada["Desde (período anterior)"].date() == D(2025, 12, 1)
    assert portada["Hasta (período anterior)"].date() == D(2025, 12, 31)
    filas_hoja = list(libro["Personas atendidas"].iter_rows(values_only=True))
    assert filas_hoja[0] == ("Indicador", "Valor", "Período anterior", "Diferencia")
    # January: 7 persons (Pia returning, Raúl and 5 new), 7 attentions.
    # December: 6 persons (Pia and 5 others, all new), 6 attentions.
    # 1 returning person is masked, and so is the difference beside it; 7 − 6 new would give it
    # away, so the 6 new are reserved ("*") and so is their difference.
    assert filas_hoja[1:] == [
        ("Personas atendidas", 7, 6, 1),
        ("Personas nuevas", "*", 6, "*"),
        ("Personas que vuelven", "<5", 0, "*"),
        ("Atenciones", 7, 6, 1),
    ]
    meses = list(libro["Atenciones por mes"].iter_rows(values_only=True))
    assert meses[1] == ("enero de 2026", 7, "diciembre de 2025", 6, 1)
    # February against January: Sara alone ("<5") beside 7; the difference is reserved ("*").
    respuesta = client.get(reverse("equipo:indicadores_reporte"), {"tipo": "mes", "anio": 2026, "mes": 2})
    libro = openpyxl.load_workbook(io.BytesIO(respuesta.content))
    filas_hoja = list(libro["Personas atendidas"].iter_rows(values_only=True))
    assert filas_hoja[4] == ("Atenciones", "<5", 7, "*")
    for hoja in libro:
        for fila in hoja.iter_rows(min_row=2, values_only=True):
            if hoja.title in ("Portada", "Capacitaciones", "Actividades", "Guías por idioma"):
                continue
            for valor in fila[1:]:
                assert not (isinstance(valor, int) and 0 < valor < 5), (hoja.title, fila)


def test_the_page_with_the_previous_period_runs_a_fixed_number_of_queries(
    client, encargada, filas, django_assert_max_num_queries
):
    client.force_login(encargada)
    consulta = {"tipo": "personalizado", "desde": "2026-01-01", "hasta": "2026-01-10"}
    for _i in range(10):
        AtencionFactory(fecha_hora=scl(2026, 1, 5, 10, 0))
        AtencionFactory(fecha_hora=scl(2025, 12, 25, 10, 0))
    with django_assert_max_num_queries(38):
        assert client.get(reverse("equipo:indicadores"), consulta).status_code == 200

"""The indicators report (XLSX of the indicators page): no masked count can be worked out.

The reader's attack here is built from the workbook as downloaded, sheet by sheet, with the sums and
inequalities a careful reader would write down (the period's total attentions equal its months,
its channels, its nationalities…; sent = resolved + closed unresolved + rejected + cancelled + open;
a difference is current minus previous; the overdue are among the open…). It does not reuse the
`Cuadro` the report builds, so a relation the report forgot to declare shows up here.
"""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from atenciones.choices import EstadoDerivacion
from atenciones.indicadores import Periodo, calcular
from atenciones.indicadores.comparar import comparar
from atenciones.indicadores.periodo import periodo_anterior
from atenciones.reporte import armar_reporte
from atenciones.supresion import MENOR, RESERVADO, atacar
from tests.factories import AtencionFactory, DepartamentoFactory, DerivacionFactory

pytestmark = pytest.mark.django_db

DESGLOSES = {
    # sheet: {column: (total row of "Personas atendidas", period column there)}
    "Atenciones por canal": {1: ("Atenciones", 1), 2: ("Atenciones", 2)},
    "Atenciones por mes": {1: ("Atenciones", 1), 3: ("Atenciones", 2)},
    **{
        hoja: {
            1: ("Atenciones", 1),
            2: ("Atenciones", 2),
            4: ("Personas atendidas", 1),
            5: ("Personas atendidas", 2),
        }
        for hoja in ("Por nacionalidad", "Por sexo", "Por grupo de edad")
    },
}
# "Derivaciones por destino": the columns of each count (current, previous).
ENVIADAS, RESUELTAS, CERRADAS, NO_SE_PRESENTO, RECHAZADAS, CANCELADAS, ABIERTAS = (
    (2, 3),
    (5, 6),
    (8, 9),
    (11, 12),
    (14, 15),
    (17, 18),
    (20, 21),
)
VENCIDAS_HOY = 23
TASA, MEDIANA = (24, 25, 26), (27, 28, 29)


def _descargar(consulta: dict, usuario) -> dict[str, list[tuple]]:
    cliente = Client()
    cliente.force_login(usuario)
    respuesta = cliente.get(reverse("equipo:indicadores_reporte"), consulta)
    assert respuesta.status_code == 200
    libro = load_workbook(io.BytesIO(respuesta.content))
    return {ws.title: list(ws.iter_rows(values_only=True))[1:] for ws in libro}


def _verdad(periodo: Periodo, tipo: str) -> dict[str, list]:
    """The same sheets with nothing hidden (the true figures, in the workbook's layout)."""
    actual = calcular(periodo)
    libro, hojas = armar_reporte(
        actual, comparar(actual, calcular(periodo_anterior(periodo, tipo))), oficina="", comuna=""
    )
    return {str(h.titulo): list(h.filas) for h in libro.publicar(hojas, ocultos={})}  # type: ignore[call-overload]


class Lector:
    """What a reader can write down: each published cell (a number, "<5", "*") and the relations."""

    def __init__(self, hojas: dict[str, list[tuple]]) -> None:
        self.hojas = hojas
        self.vista: dict = {}
        self.sumas: list = []
        self.desconocidas = 0
        for nombre, filas in hojas.items():
            for i, fila in enumerate(filas):
                for j, valor in enumerate(fila):
                    if isinstance(valor, int) or valor in (MENOR, RESERVADO):
                        self.vista[(nombre, i, j)] = valor

    def fila(self, hoja: str, etiqueta: str) -> int:
        return next(i for i, f in enumerate(self.hojas[hoja]) if f[0] == etiqueta)

    def suma(self, total, partes) -> None:
        partes = [p for p in partes if p in self.vista]
        if total in self.vista:
            self.sumas.append((total, tuple(partes)))

    def al_menos(self, mayor, menor) -> None:
        """mayor = menor + an unknown non-negative amount."""
        if mayor in self.vista and menor in self.vista:
            self.desconocidas += 1
            resto = ("desconocida", self.desconocidas)
            self.vista[resto] = RESERVADO
            self.sumas.append((mayor, (menor, resto)))


def _relaciones(lector: Lector, verdad: dict[str, list[list]]) -> None:
    h = lector.hojas
    p = "Personas atendidas"
    for col in (1, 2):
        lector.suma(
            (p, lector.fila(p, "Personas atendidas"), col),
            [(p, lector.fila(p, "Personas nuevas"), col), (p, lector.fila(p, "Personas que vuelven"), col)],
        )
    for hoja, columnas in DESGLOSES.items():
        for col, (etiqueta, col_total) in columnas.items():
            total = (p, lector.fila(p, etiqueta), col_total)
            partes = [(hoja, i, col) for i, f in enumerate(h[hoja]) if isinstance(verdad[hoja][i][col], int)]
            # A breakdown may leave some out (persons whose sex was erased): the reader is given
            # that remainder exactly, the strongest assumption.
            resto = verdad[p][total[1]][col_total] - sum(verdad[hoja][i][col] for _h, i, _c in partes)
            assert resto >= 0, (hoja, col)
            if resto:
                lector.vista[(hoja, -1, col)] = resto  # row -1: the remainder, not in the sheet
                partes.append((hoja, -1, col))
            lector.suma(total, partes)
    d = "Derivaciones por destino"
    for i in range(len(h[d])):
        for k in (0, 1):
            c = lambda par, i=i, k=k: (d, i, par[k])  # noqa: E731
            lector.suma(c(ENVIADAS), [c(RESUELTAS), c(CERRADAS), c(RECHAZADAS), c(CANCELADAS), c(ABIERTAS)])
            lector.al_menos(c(CERRADAS), c(NO_SE_PRESENTO))
        lector.al_menos((d, i, ABIERTAS[0]), (d, i, VENCIDAS_HOY))
    destinos = {f[0]: i for i, f in enumerate(h[d])}
    v = "Derivaciones vencidas hoy"
    vencidas = {f[0]: i for i, f in enumerate(h[v])}
    for etiqueta, i in vencidas.items():
        if etiqueta in destinos:
            lector.al_menos((v, i, 1), (d, destinos[etiqueta], VENCIDAS_HOY))
    e = "Externas sin respuesta"
    for i, fila in enumerate(h[e]):
        lector.al_menos((e, i, 1), (e, i, 2))
        if fila[0] in vencidas:
            lector.al_menos((e, i, 2), (v, vencidas[fila[0]], 1))
            lector.al_menos((v, vencidas[fila[0]], 1), (e, i, 2))
        if fila[0] in destinos:
            lector.al_menos((e, i, 1), (d, destinos[fila[0]], ABIERTAS[0]))
    cap = "Capacitaciones"
    sesiones = [i for i, f in enumerate(h[cap]) if isinstance(f[1], datetime.datetime)]
    fila_total = next(i for i, f in enumerate(h[cap]) if str(f[0]).startswith("Total ("))
    lector.suma((cap, fila_total, 4), [(cap, i, 4) for i in sesiones])
    # Differences: current = previous + difference, wherever a difference is shown.
    for nombre, filas in h.items():
        for i, fila in enumerate(filas):
            for j, valor in enumerate(fila):
                es_numero = isinstance(valor, int) and not isinstance(valor, bool)
                if es_numero and nombre != "Atenciones por mes" and j >= 3 and _es_diferencia(nombre, j):
                    _diferencia(lector, (nombre, i, j - 2), (nombre, i, j - 1), valor)
        if nombre == "Atenciones por mes":
            for i, fila in enumerate(filas):
                if isinstance(fila[4], int):
                    _diferencia(lector, (nombre, i, 1), (nombre, i, 3), fila[4])


def _es_diferencia(hoja: str, col: int) -> bool:
    """The "Diferencia" columns of the sheets with (count, previous, difference) triples."""
    if hoja in ("Personas atendidas",):
        return col == 3
    if hoja in (
        "Atenciones por tema",
        "Atenciones por canal",
        "Por nacionalidad",
        "Por sexo",
        "Por grupo de edad",
    ):
        return col % 3 == 0
    if hoja == "Derivaciones por destino":
        return col in (4, 7, 10, 13, 16, 19, 22)
    if hoja == "Actividades":
        return col == 6
    return False


def _diferencia(lector: Lector, actual, anterior, dif: int) -> None:
    clave = ("dif", *actual)
    lector.vista[clave] = abs(dif)
    if dif >= 0:
        lector.sumas.append((actual, (anterior, clave)))
    else:
        lector.sumas.append((anterior, (actual, clave)))


def _por_tasas(lector: Lector) -> None:
    """A rate beside its sent and cancelled counts pins the resolved count when one value fits."""
    d = "Derivaciones por destino"
    for i, fila in enumerate(lector.hojas[d]):
        for k in (0, 1):
            tasa, enviadas, canceladas = fila[TASA[k]], fila[ENVIADAS[k]], fila[CANCELADAS[k]]
            if isinstance(tasa, int | float) and isinstance(enviadas, int) and isinstance(canceladas, int):
                base = enviadas - canceladas
                encajan = [r for r in range(base + 1) if round(100 * r / base, 1) == round(float(tasa), 1)]
                if len(encajan) == 1:
                    lector.vista[(d, i, RESUELTAS[k])] = encajan[0]


def _atacar(hojas, verdad) -> dict:
    """The masked small counts the reader works out: {(sheet, row label, column): true value}."""
    lector = Lector(hojas)
    _relaciones(lector, verdad)
    publicados = {k: v for k, v in lector.vista.items() if len(k) == 3 and k[0] in hojas and k[1] >= 0}
    _por_tasas(lector)
    rangos = atacar(lector.vista, lector.sumas)
    recuperadas = {}
    for (nombre, i, j), publicado in publicados.items():
        real = verdad[nombre][i][j]
        if publicado not in (MENOR, RESERVADO) or not isinstance(real, int) or isinstance(real, bool):
            continue
        if 0 < real < 5 and rangos[(nombre, i, j)][0] == rangos[(nombre, i, j)][1]:
            recuperadas[(nombre, hojas[nombre][i][0], j)] = real
    return recuperadas


def _sin_numero_pequeno(hojas) -> None:
    for nombre, filas in hojas.items():
        if nombre in ("Portada", "Guías por idioma"):
            continue
        for fila in filas:
            for j, valor in enumerate(fila[1:], start=1):
                if nombre in ("Capacitaciones",) and j < 4:
                    continue
                if nombre == "Actividades" and j not in (4, 5):
                    continue
                if _es_diferencia(nombre, j) or (nombre, j) == ("Atenciones por mes", 4):
                    continue
                if nombre == "Derivaciones por destino" and j > VENCIDAS_HOY:
                    continue  # rates and medians
                assert not (isinstance(valor, int) and 0 < valor < 5), (nombre, fila)


def _derivados_solo_junto_a_conteos_visibles(hojas) -> None:
    """A rate or median (or its difference) is shown only beside the counts it comes from."""
    for fila in hojas["Derivaciones por destino"]:
        for k, col in enumerate(TASA):
            if isinstance(fila[col], int | float) and fila[col] != "":
                periodos = (0,) if k == 0 else (1,) if k == 1 else (0, 1)
                for per in periodos:
                    for par in (RESUELTAS, ENVIADAS, CANCELADAS):
                        assert isinstance(fila[par[per]], int), fila
        for k, col in enumerate(MEDIANA):
            if isinstance(fila[col], int | float):
                periodos = (0,) if k == 0 else (1,) if k == 1 else (0, 1)
                for per in periodos:
                    assert isinstance(fila[RESUELTAS[per]], int), fila


def _mascara_antigua(verdad: dict[str, list]) -> dict[str, list[tuple]]:
    """The masking before complementary suppression: 1–4 as "<5", a difference blank beside one,
    rates and medians over a base of 5 or more shown."""
    antigua = {}
    for nombre, filas in verdad.items():
        antigua[nombre] = []
        for fila in filas:
            nueva = list(fila)
            for j, v in enumerate(fila):
                if j > 0 and isinstance(v, int) and not isinstance(v, bool) and 0 < v < 5:
                    es_dif = _es_diferencia(nombre, j) or (nombre, j) == ("Atenciones por mes", 4)
                    es_tasa = nombre == "Derivaciones por destino" and j > VENCIDAS_HOY
                    if not es_dif and not es_tasa and not (nombre == "Capacitaciones" and j < 4):
                        nueva[j] = MENOR
            for j in range(len(fila)):
                dif = _es_diferencia(nombre, j) or (nombre, j) == ("Atenciones por mes", 4)
                if dif and MENOR in (nueva[j - 1], nueva[j - 2 if nombre != "Atenciones por mes" else 3]):
                    nueva[j] = None
            antigua[nombre].append(tuple(nueva))
    return antigua


@pytest.fixture
def marzo(encargada):
    """March 2026: Salud with 5 sent, 4 resolved (in 3 days) and one open (the issue's example);
    7 persons attended, 6 of them new (one returning, since February)."""
    salud = DepartamentoFactory()
    enviada = datetime.datetime(2026, 3, 10, 15, 0, tzinfo=datetime.UTC)
    for _i in range(4):
        DerivacionFactory(
            departamento=salud,
            fecha_envio=enviada,
            estado=EstadoDerivacion.RESUELTA,
            fecha_cierre=enviada + datetime.timedelta(days=3),
            respuesta="Atendida.",
        )
    DerivacionFactory(departamento=salud, fecha_envio=enviada)
    vuelve = AtencionFactory(fecha_hora=datetime.datetime(2026, 2, 10, 15, 0, tzinfo=datetime.UTC)).persona
    AtencionFactory(persona=vuelve, fecha_hora=enviada)
    for _i in range(6):
        AtencionFactory(fecha_hora=enviada)
    return Periodo(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def test_the_reader_works_out_small_counts_of_the_old_masking(marzo, encargada):
    """The attack has teeth: on the same figures masked the old way it works out the 4 resolved
    (from the 80 % rate) and the one returning person (7 attended − 6 new)."""
    recuperadas = _atacar(_mascara_antigua(_verdad(marzo, "mes")), _verdad(marzo, "mes"))
    destino = _verdad(marzo, "mes")["Derivaciones por destino"][0][0]
    assert recuperadas[("Derivaciones por destino", destino, RESUELTAS[0])] == 4
    assert recuperadas[("Personas atendidas", "Personas que vuelven", 1)] == 1


def test_the_same_figures_as_published_now_give_nothing_away(marzo, encargada):
    hojas = _descargar({"tipo": "mes", "anio": 2026, "mes": 3}, encargada)
    assert _atacar(hojas, _verdad(marzo, "mes")) == {}
    [fila] = hojas["Derivaciones por destino"]
    assert fila[ENVIADAS[0]] == 5
    assert fila[RESUELTAS[0]] == MENOR and fila[ABIERTAS[0]] == MENOR
    assert fila[TASA[0]] == RESERVADO  # 80 % would give the 4 away
    personas = {f[0]: f[1:] for f in hojas["Personas atendidas"]}
    # 7 attended, 6 new: the new ones are reserved so that the one returning person stays "<5".
    assert personas["Personas atendidas"][0] == 7
    assert personas["Personas que vuelven"][0] == MENOR
    assert personas["Personas nuevas"][0] == RESERVADO

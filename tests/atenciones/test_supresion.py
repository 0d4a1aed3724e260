"""Small-count masking holds: no masked count can be worked out from totals, rates or neighbours."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atenciones.supresion import MENOR, RESERVADO, Cuadro, atacar, ocultar, publicar, suprimir


def _recuperadas(cuadro: Cuadro, vista: dict) -> dict:
    """Small counts the attack pins to one value: what a reader could recover."""
    rangos = atacar({k: v for k, v in vista.items() if k in cuadro.valores}, cuadro.sumas)
    return {k: rangos[k][0] for k, v in vista.items() if v == MENOR and rangos[k][0] == rangos[k][1]}


def _cuadro(valores: dict, *sumas) -> Cuadro:
    c = Cuadro()
    for k, v in valores.items():
        c.conteo(k, v)
    for total, partes in sumas:
        c.suma(total, partes)
    return c


def test_the_issues_example_is_no_longer_recoverable():
    # 5 sent, 4 resolved, 1 rejected: masking only the small ones, the rate of 80 % gave away 4.
    c = _cuadro(
        {"enviadas": 5, "resueltas": 4, "rechazadas": 1, "abiertas": 0},
        ("enviadas", ("resueltas", "rechazadas", "abiertas")),
    )
    c.derivado("tasa", "resueltas", "enviadas")
    vista = publicar(c)
    assert vista["resueltas"] == MENOR and vista["rechazadas"] == MENOR
    assert vista["tasa"] == RESERVADO  # a rate is never shown beside a masked count
    assert _recuperadas(c, vista) == {}


def test_naive_masking_of_a_single_small_cell_is_recovered_by_the_attack():
    c = _cuadro({"t": 20, "a": 3, "b": 10, "c": 7}, ("t", ("a", "b", "c")))
    ingenua = {"t": 20, "a": MENOR, "b": 10, "c": 7}
    assert _recuperadas(c, ingenua) == {"a": 3}
    vista = publicar(c)
    assert vista == {"t": 20, "a": MENOR, "b": 10, "c": RESERVADO}
    assert _recuperadas(c, vista) == {}


def test_two_small_cells_that_add_up_to_their_minimum_are_unpinned_by_a_reserved_neighbour():
    # a + b = 2 with both at least 1 would pin both to 1; "*" says nothing (not even "5 or more"),
    # so reserving c leaves a + b anywhere from 2 to 7.
    c = _cuadro({"t": 7, "a": 1, "b": 1, "c": 5}, ("t", ("a", "b", "c")))
    vista = publicar(c)
    assert vista == {"t": 7, "a": MENOR, "b": MENOR, "c": RESERVADO}
    assert atacar(vista, c.sumas)["a"] == (1, 4)
    assert _recuperadas(c, vista) == {}


def test_a_small_total_filled_by_its_small_parts_is_widened_to_reserved():
    # Referrals to one destination: 4 sent = 1 resolved + 2 closed unresolved (1 no-show + 1 not
    # eligible) + 1 rejected. Masked as "<5", each part is at least 1, the closed ones at least 2,
    # so the total (at most 4) pins every cell: no visible cell of those sums can help, so the
    # total itself is shown as "*"; the column total then pins it again, so more cells are reserved.
    c = _cuadro(
        {"t": 4, "r": 1, "c": 2, "c1": 1, "c2": 1, "j": 1, "z": 0, "otro": 20, "columna": 24},
        ("t", ("r", "c", "j", "z")),
        ("c", ("c1", "c2")),
        ("columna", ("t", "otro")),
    )
    ingenua = {k: MENOR if 0 < v < 5 else v for k, v in c.valores.items()}
    assert _recuperadas(c, ingenua) == {"t": 4, "r": 1, "c": 2, "c1": 1, "c2": 1, "j": 1}
    vista = publicar(c)
    assert vista == {
        "t": RESERVADO,
        "r": MENOR,
        "c": MENOR,
        "c1": RESERVADO,
        "c2": MENOR,
        "j": MENOR,
        "z": 0,
        "otro": RESERVADO,
        "columna": 24,
    }
    assert _recuperadas(c, vista) == {}
    rangos = atacar(vista, c.sumas)
    assert all(rangos[k][0] < rangos[k][1] for k in ("t", "r", "c", "c1", "c2", "j"))


def test_a_sum_that_does_not_hold_is_refused():
    # A false sum would make the attack chase an impossible value (and run for ever).
    c = _cuadro({"t": 5, "a": 1, "b": 3}, ("t", ("a", "b")))
    with pytest.raises(ValueError, match="no es la de sus partes"):
        publicar(c)


def test_a_total_shared_by_two_breakdowns_is_protected_in_both():
    c = _cuadro(
        {"total": 30, "ve": 26, "ht": 4, "mujer": 15, "hombre": 15},
        ("total", ("ve", "ht")),
        ("total", ("mujer", "hombre")),
    )
    vista = publicar(c)
    assert vista["ht"] == MENOR
    assert _recuperadas(c, vista) == {}


def test_zeros_and_large_counts_are_shown_as_they_are():
    c = _cuadro({"t": 30, "a": 0, "b": 30}, ("t", ("a", "b")))
    assert publicar(c) == {"t": 30, "a": 0, "b": 30}
    assert suprimir(c) == set()


def test_a_table_with_row_and_column_totals_holds():
    filas, columnas = ["r1", "r2", "r3"], ["x", "y"]
    v = {("r1", "x"): 2, ("r1", "y"): 9, ("r2", "x"): 8, ("r2", "y"): 12, ("r3", "x"): 6, ("r3", "y"): 3}
    c = _cuadro(v)
    for f in filas:
        c.conteo((f, "t"), sum(v[(f, x)] for x in columnas))
        c.suma((f, "t"), [(f, x) for x in columnas])
    for x in columnas:
        c.conteo(("t", x), sum(v[(f, x)] for f in filas))
        c.suma(("t", x), [(f, x) for f in filas])
    c.conteo(("t", "t"), sum(v.values()))
    c.suma(("t", "t"), [("t", x) for x in columnas])
    vista = publicar(c)
    assert vista[("r1", "x")] == MENOR and vista[("r3", "y")] == MENOR
    assert _recuperadas(c, vista) == {}


@st.composite
def tablas(draw):
    """A random two-way table with row, column and grand totals (small counts likely)."""
    n_filas = draw(st.integers(1, 5))
    n_cols = draw(st.integers(1, 4))
    celdas = {(f, x): draw(st.integers(0, 12)) for f in range(n_filas) for x in range(n_cols)}
    c = Cuadro()
    for k, valor in celdas.items():
        c.conteo(k, valor)
    for f in range(n_filas):
        c.conteo((f, "t"), sum(celdas[(f, x)] for x in range(n_cols)))
        c.suma((f, "t"), [(f, x) for x in range(n_cols)])
    for x in range(n_cols):
        c.conteo(("t", x), sum(celdas[(f, x)] for f in range(n_filas)))
        c.suma(("t", x), [(f, x) for f in range(n_filas)])
    c.conteo(("t", "t"), sum(celdas.values()))
    c.suma(("t", "t"), [("t", x) for x in range(n_cols)])
    c.suma(("t", "t"), [(f, "t") for f in range(n_filas)])
    return c


@settings(max_examples=150, deadline=None)
@given(tablas())
def test_no_random_table_has_a_recoverable_masked_count(c):
    vista = publicar(c)
    for k, valor in c.valores.items():
        if 0 < valor < 5:
            assert vista[k] in (MENOR, RESERVADO)  # every small count is masked
        elif vista[k] not in (MENOR, RESERVADO):
            assert vista[k] == valor
    assert _recuperadas(c, vista) == {}
    # The attack is sound: the true values lie inside what it leaves.
    rangos = atacar(vista, c.sumas)
    assert all(rangos[k][0] <= v <= rangos[k][1] for k, v in c.valores.items())


def test_a_breakdown_that_leaves_some_out_is_masked_as_if_the_reader_knew_the_remainder():
    # 10 persons: 6 women, 1 man, 3 whose sex was erased (never published). A reader who knows
    # about the 3 would get 10 − 6 − 3 = 1 man, so a visible cell of the sum is reserved.
    c = _cuadro({"total": 10, "mujer": 6, "hombre": 1})
    c.suma_con_resto("total", ["mujer", "hombre"])
    assert ocultar(c) == {"hombre": MENOR, "mujer": RESERVADO}
    vista = publicar(c)
    assert (vista["total"], vista["mujer"], vista["hombre"]) == (10, RESERVADO, MENOR)
    # The remainder itself is given to the attack as known, and it still recovers nothing.
    assert _recuperadas(c, vista | {k: c.valores[k] for k in c.no_publicados}) == {}


def test_parts_adding_up_to_the_total_need_no_remainder():
    c = _cuadro({"total": 7, "a": 5, "b": 2})
    c.suma_con_resto("total", ["a", "b"])
    assert c.no_publicados == set() and c.sumas == [("total", ("a", "b"))]


def test_at_least_is_a_relation_the_attack_uses_and_one_the_figures_break_is_left_out():
    c = _cuadro({"abiertas": 4, "vencidas": 4, "otra": 2})
    c.al_menos("abiertas", "vencidas")
    c.al_menos("otra", "vencidas")  # 2 ≥ 4 is false here: nothing to learn from it
    [(mayor, (menor, exceso))] = c.sumas
    assert (mayor, menor, c.valores[exceso]) == ("abiertas", "vencidas", 0)
    # Were the 4 overdue shown, the open ones ("<5") would be pinned: at least 4, at most 4.
    rangos = atacar({"abiertas": MENOR, "vencidas": 4, "otra": 2, exceso: RESERVADO}, c.sumas)
    assert rangos["abiertas"] == (4, 4)
    # As published both are "<5" and the difference unknown: nothing is pinned.
    vista = ocultar(c)
    assert vista == {"abiertas": MENOR, "vencidas": MENOR, "otra": MENOR, exceso: RESERVADO}
    assert atacar(vista, c.sumas)["abiertas"] == (1, 4)

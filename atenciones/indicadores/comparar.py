"""Each figure of a period beside the previous period's (the indicators page and its report).

`comparar(actual, anterior)` returns the rows of both periods side by side: every row of the
current period carries `ant` (the previous period's figures) and `dif` (current minus previous)
for its numeric fields; rows found only in the previous period are added with the current figures
at zero. Rows are matched by key, except months, which are matched in order (the first month of
the period with the first of the previous one).
"""

from decimal import Decimal
from typing import Any

# The numeric fields compared in each list of rows of `indicadores.calcular`.
CAMPOS: dict[str, tuple[str, ...]] = {
    "por_tema": ("atenciones",),
    "por_canal": ("atenciones",),
    "por_nacionalidad": ("atenciones", "personas"),
    "por_sexo": ("atenciones", "personas"),
    "por_edad": ("atenciones", "personas"),
    "derivaciones": (
        "total",
        "resueltas",
        "cerradas_sin_resolver",
        "no_se_presento",
        "rechazadas",
        "canceladas",
        "abiertas",
        "vencidas",
        "tasa",
        "mediana_dias",
        "base_tasa",
    ),
    "por_resultado": ("derivaciones",),
    "actividades": ("actividades", "asistentes", "sin_registro"),
    "guias": ("publicadas", "actualizadas"),
}
# Figures of today, not of a period: they have no previous-period value (shown as "—"). The lists
# "vencidas" and "externas" are of today as a whole; these are fields of compared lists.
DE_HOY = {"guias": ("publicadas",), "derivaciones": ("vencidas",)}


def diferencia(actual: Any, anterior: Any) -> Any:
    """Current minus previous; None when either is missing (a rate without a base, say)."""
    if actual is None or anterior is None:
        return None
    valor = actual - anterior
    if isinstance(valor, float | Decimal):
        return round(valor, 1)
    return valor


def _vacio(fila: dict, campos: tuple[str, ...]) -> dict:
    """A row of the previous period only: its current figures are zero (a rate or median: none)."""
    cero = {c: (None if c in ("tasa", "mediana_dias") else 0) for c in campos}
    return {**fila, **cero}


def junto(filas: list[dict], previas: list[dict], campos: tuple[str, ...]) -> list[dict]:
    """Rows of the period with `ant` and `dif` for each field, matched by `clave`."""
    por_clave = {f["clave"]: f for f in previas}
    salida = []
    for fila in filas:
        previa = por_clave.pop(fila["clave"], None)
        salida.append(_con(fila, previa if previa is not None else _vacio(fila, campos), campos))
    for previa in por_clave.values():
        salida.append(_con(_vacio(previa, campos), previa, campos))
    return salida


def _con(fila: dict, previa: dict, campos: tuple[str, ...]) -> dict:
    ant = {c: previa.get(c) for c in campos}
    return {**fila, "ant": ant, "dif": {c: diferencia(fila.get(c), ant[c]) for c in campos}}


def meses_junto(filas: list[dict], previas: list[dict]) -> list[dict]:
    """Months in order: the n-th month of the period beside the n-th of the previous period."""
    salida = []
    for i in range(max(len(filas), len(previas))):
        fila = filas[i] if i < len(filas) else {"clave": "", "etiqueta": "", "atenciones": None}
        previa = previas[i] if i < len(previas) else {"etiqueta": "", "atenciones": None}
        salida.append(
            {
                **fila,
                "etiqueta_ant": previa["etiqueta"],
                "ant": {"atenciones": previa["atenciones"]},
                "dif": {"atenciones": diferencia(fila["atenciones"], previa["atenciones"])},
            }
        )
    return salida


def _totales(actual: dict, anterior: dict, clave: str) -> dict:
    campos = tuple(actual[clave])
    return _con(actual[clave], anterior[clave], campos)


def comparar(actual: dict, anterior: dict) -> dict:
    """The figures of `actual` beside those of `anterior` (both from `indicadores.calcular`)."""
    datos = {
        "periodo": actual["periodo"],
        "anterior": anterior["periodo"],
        "personas": _totales(actual, anterior, "personas"),
        "derivaciones_total": _totales(actual, anterior, "derivaciones_total"),
        "capacitaciones_total": _totales(actual, anterior, "capacitaciones_total"),
        "por_mes": meses_junto(actual["por_mes"], anterior["por_mes"]),
    }
    for clave, campos in CAMPOS.items():
        datos[clave] = junto(actual[clave], anterior[clave], campos)
        for fila in datos[clave]:
            for campo in DE_HOY.get(clave, ()):
                fila["ant"][campo] = fila["dif"][campo] = None
    for campo in ("vencidas",):
        datos["derivaciones_total"]["ant"][campo] = datos["derivaciones_total"]["dif"][campo] = None
    return datos

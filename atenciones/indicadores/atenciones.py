"""Indicators of persons and attentions."""

import datetime
from collections import defaultdict
from typing import Any

from django.db import connections, router
from django.db.models import Case, CharField, Count, Q, QuerySet, Sum, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django_countries import countries

from oficina.choices import Tema

from ..choices import Canal, Sexo
from ..models import (
    PRIMERA,
    Atencion,
    AtencionTema,
    ResumenAtencionDia,
    ResumenDimensionDia,
    ResumenDimensionMes,
    ResumenPersonaDia,
    ResumenTemaDia,
)
from .periodo import GRUPOS_EDAD, SIN_DATO, Periodo, _fila, _hace_anios

# The attention-side indicators come from two reads instead of one query each:
#   perfil(): persons, new and returning, and attentions and persons by nationality, sex and age
#             group (from the person summaries; `crudo`: from the attentions, one scan);
#   mes_y_canal(): attentions by (month, channel) (from the day summaries).


def _vacio() -> dict[str, int]:
    return {"atenciones": 0, "personas": 0}


class Perfil(dict):
    """{"total": {atenciones, personas, nuevas}, "nacionalidad"|"sexo"|"edad": {value: {atenciones,
    personas}}}: each breakdown counted on its own."""

    def __init__(self) -> None:
        super().__init__(
            total={"atenciones": 0, "personas": 0, "nuevas": 0},
            nacionalidad=defaultdict(_vacio),
            sexo=defaultdict(_vacio),
            edad=defaultdict(_vacio),
        )

    def sumar(self, dimension: str, valor: Any, atenciones: int, personas: int) -> None:
        fila = self[dimension][valor]
        fila["atenciones"] += atenciones
        fila["personas"] += personas

    def sumar_fila(self, nac, sexo, grupo, atenciones: int, personas: int, nuevas: int) -> None:
        """Persons counted in every breakdown at once (nationality, sex and age group known)."""
        total = self["total"]
        total["atenciones"] += atenciones
        total["personas"] += personas
        total["nuevas"] += nuevas
        self.sumar("nacionalidad", nac or "", atenciones, personas)
        self.sumar("sexo", sexo or "", atenciones, personas)
        self.sumar("edad", grupo, atenciones, personas)


def perfil(p: Periodo, crudo: bool = False) -> Perfil:
    """Persons attended in the period (new ones had their first attention ever in it), and the
    attentions and persons by nationality, sex and age group (at the period's last day).

    From the person summaries (atenciones/models/resumenes.py): whole months from ResumenDimensionMes,
    the partial months at the edges from ResumenDimensionDia; `crudo` computes everything from the
    attentions (the reference the summary tables are tested against).
    """
    if crudo:
        resultado = Perfil()
        for nac, sexo, grupo, nueva, atenciones, personas in _perfil_crudo(p):
            resultado.sumar_fila(nac, sexo, grupo, atenciones, personas, personas if nueva else 0)
        return resultado
    return _perfil_resumido(p)


def _mes_siguiente(dia: datetime.date) -> datetime.date:
    return (dia.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def _grupo_por_fecha(hasta: datetime.date) -> Case:
    # From the oldest group down: born on or before the day they turned the group's lower age.
    cuando = [When(fecha_nacimiento__isnull=True, then=Value("sin_dato"))]
    for clave, _etiqueta, edad in reversed(GRUPOS_EDAD[1:]):
        cuando.append(When(fecha_nacimiento__lte=_hace_anios(hasta, edad), then=Value(clave)))
    return Case(*cuando, default=Value(GRUPOS_EDAD[0][0]), output_field=CharField())


def _grupo_por_anio(hasta: datetime.date, anio: str) -> str:
    """The age group at `hasta` of someone born in `anio` who had their birthday by then."""
    if not anio:
        return "sin_dato"
    edad = hasta.year - int(anio)
    return [clave for clave, _etiqueta, minima in GRUPOS_EDAD if minima <= edad or minima == 0][-1]


def _perfil_resumido(p: Periodo) -> Perfil:
    """A person's first day in the period is the one whose previous day is before it: those are the
    rows of the dimension summaries whose previous month is before the period's first month, plus
    the rows of ResumenPersonaDia whose previous day is in that month but before the period."""
    resultado = Perfil()
    d1, d2 = p.desde, p.hasta
    mes1 = d1.replace(day=1)
    # Whole months [primero, fin) from the monthly summary, the partial ones from the daily one.
    primero = d1 if d1.day == 1 else _mes_siguiente(d1)
    fin = _mes_siguiente(d2) if _mes_siguiente(d2) == d2 + datetime.timedelta(days=1) else d2.replace(day=1)
    partes: list[QuerySet[Any, Any]]  # rows of either summary: the same columns
    if primero < fin:
        partes = [ResumenDimensionMes.objects.filter(mes__gte=primero, mes__lt=fin)]
        if d1 < primero:
            partes.append(ResumenDimensionDia.objects.filter(dia__gte=d1, dia__lt=primero))
        if fin <= d2:
            partes.append(ResumenDimensionDia.objects.filter(dia__gte=fin, dia__lte=d2))
    else:
        partes = [ResumenDimensionDia.objects.filter(dia__gte=d1, dia__lte=d2)]
    dimensiones = {"n": "nacionalidad", "s": "sexo", "a": "edad"}
    consultas = [
        parte.values("dimension", "valor")
        .annotate(
            personas_=Sum(Case(When(mes_previo__lt=mes1, then="personas"), default=0)),
            nuevas_=Sum(Case(When(mes_previo=PRIMERA, then="personas"), default=0)),
            atenciones_=Sum("atenciones"),
        )
        .order_by()
        for parte in partes
    ]
    for fila in consultas[0].union(*consultas[1:], all=True) if len(consultas) > 1 else consultas[0]:
        dimension, valor = dimensiones[fila["dimension"]], fila["valor"]
        if dimension == "edad":
            valor = _grupo_por_anio(d2, valor)
        resultado.sumar(dimension, valor, fila["atenciones_"], fila["personas_"])
        if dimension == "nacionalidad":
            total = resultado["total"]
            total["atenciones"] += fila["atenciones_"]
            total["personas"] += fila["personas_"]
            total["nuevas"] += fila["nuevas_"]
    dias = ResumenPersonaDia.objects.order_by()
    if d1 > mes1:
        for previa in (
            dias.filter(previo__gte=mes1, previo__lt=d1, dia__gte=d1, dia__lte=d2)
            .values("nacionalidad", "sexo", grupo=_grupo_por_fecha(d2))
            .annotate(personas_=Count("*"))
        ):
            resultado.sumar_fila(
                previa["nacionalidad"], previa["sexo"], previa["grupo"], 0, previa["personas_"], 0
            )
    _corregir_edades(resultado, dias.filter(dia__gte=d1, dia__lte=d2), mes1, d2)
    return resultado


def _corregir_edades(resultado: Perfil, dias, mes1: datetime.date, hasta: datetime.date) -> None:
    """The summary puts everyone born in year Y in the group of age hasta.year - Y; those born in
    the year they turn a group's lower age whose birthday comes after `hasta` belong one group down."""
    umbrales = []
    for indice, (clave, _etiqueta, edad) in enumerate(GRUPOS_EDAD[1:], start=1):
        desde = _hace_anios(hasta, edad)  # born after this day: not yet `edad`
        fin_anio = datetime.date(hasta.year - edad, 12, 31)
        if desde < fin_anio:
            umbrales.append((clave, GRUPOS_EDAD[indice - 1][0], desde, fin_anio))
    if not umbrales:
        return
    cuando = [
        When(fecha_nacimiento__gt=desde, fecha_nacimiento__lte=fin_anio, then=Value(clave))
        for clave, _abajo, desde, fin_anio in umbrales
    ]
    en_rango = Q()
    for _clave, _abajo, desde, fin_anio in umbrales:
        en_rango |= Q(fecha_nacimiento__gt=desde, fecha_nacimiento__lte=fin_anio)
    contados = Q(previo__isnull=True) | Q(previo__lt=mes1)  # what the summary counted as persons
    filas = (
        dias.filter(en_rango)
        .values(umbral=Case(*cuando, output_field=CharField()))
        .annotate(
            personas_=Sum(Case(When(contados, then=1), default=0)),
            atenciones_=Sum("atenciones"),
        )
    )
    abajo = {clave: grupo_abajo for clave, grupo_abajo, _desde, _fin in umbrales}
    for fila in filas:
        resultado.sumar("edad", fila["umbral"], -fila["atenciones_"], -fila["personas_"])
        resultado.sumar("edad", abajo[fila["umbral"]], fila["atenciones_"], fila["personas_"])


def _perfil_crudo(p: Periodo) -> list[tuple]:
    """Rows (nationality, sex, age group, new 0/1, attentions, persons) from the attentions."""
    conexion = connections[router.db_for_read(Atencion)]
    ops = conexion.ops
    q = ops.quote_name
    atencion = q(Atencion._meta.db_table)
    sql_por_persona, params_por_persona = _por_persona_crudo(p.inicio, p.fin).query.sql_with_params()
    antes = (
        f"SELECT 1 FROM {atencion} a2 WHERE a2.{q('persona_id')} = t.{q('persona_id')}"  # noqa: S608
        f" AND a2.{q('fecha_hora')} < %s"
    )
    params_antes = [ops.adapt_datetimefield_value(p.inicio)]
    grupos, params = [], []
    # From the oldest group down: born on or before the day they turned the group's lower age.
    for clave, _etiqueta, edad in reversed(GRUPOS_EDAD[1:]):
        grupos.append(f"WHEN p.{q('fecha_nacimiento')} <= %s THEN '{clave}'")
        params.append(ops.adapt_datefield_value(_hace_anios(p.hasta, edad)))
    persona = q(Atencion._meta.get_field("persona").related_model._meta.db_table)
    sql = f"""
        SELECT p.{q("nacionalidad")}, p.{q("sexo")},
            CASE WHEN p.{q("fecha_nacimiento")} IS NULL THEN 'sin_dato' {" ".join(grupos)}
                ELSE '{GRUPOS_EDAD[0][0]}' END,
            CASE WHEN EXISTS ({antes}) THEN 0 ELSE 1 END,
            SUM(t.{q("n")}), COUNT(*)
        FROM ({sql_por_persona}) t INNER JOIN {persona} p ON p.{q("id")} = t.{q("persona_id")}
        GROUP BY 1, 2, 3, 4
    """  # noqa: S608 (identifiers are quoted model names; values are parameters)
    with conexion.cursor() as cursor:
        cursor.execute(sql, [*params, *params_antes, *params_por_persona])
        return [
            (nac, sexo, grupo, int(nueva), int(atenciones), int(personas))
            for nac, sexo, grupo, nueva, atenciones, personas in cursor.fetchall()
        ]


def _por_persona_crudo(inicio: datetime.datetime, fin: datetime.datetime):
    return (
        Atencion.objects.filter(fecha_hora__gte=inicio, fecha_hora__lt=fin)
        .values("persona_id")
        .annotate(n=Count("id"))
        .order_by()
    )


def mes_y_canal(p: Periodo, crudo: bool = False) -> list[dict[str, Any]]:
    filas: QuerySet[Any, Any]  # rows from either table: dicts of the same keys
    if crudo:
        filas = (
            Atencion.objects.filter(fecha_hora__gte=p.inicio, fecha_hora__lt=p.fin)
            .annotate(mes=TruncMonth("fecha_hora", tzinfo=timezone.get_default_timezone()))
            .values("mes", "canal")
            .annotate(atenciones=Count("id"))
            .order_by()
        )
    else:
        filas = (
            ResumenAtencionDia.objects.filter(dia__gte=p.desde, dia__lte=p.hasta)
            .annotate(mes=TruncMonth("dia"))
            .values("mes", "canal")
            .annotate(atenciones=Sum("atenciones"))
            .order_by()
        )
    return [dict(fila) for fila in filas]


def personas_atendidas(p: Periodo, filas: Perfil | None = None) -> dict:
    """Persons attended in the period; new ones had their first attention ever in the period."""
    total = (perfil(p) if filas is None else filas)["total"]
    datos = {"atenciones": total["atenciones"], "personas": total["personas"], "nuevas": total["nuevas"]}
    datos["recurrentes"] = datos["personas"] - datos["nuevas"]
    return datos


def atenciones_por_nacionalidad(p: Periodo, filas: Perfil | None = None) -> list[dict]:
    conteo = (perfil(p) if filas is None else filas)["nacionalidad"]
    return _ordenar(
        [
            _fila(codigo or "", countries.name(codigo) if codigo else SIN_DATO, **valores)
            for codigo, valores in conteo.items()
            if valores["atenciones"] or valores["personas"]
        ]
    )


def atenciones_por_sexo(p: Periodo, filas: Perfil | None = None) -> list[dict]:
    conteo = (perfil(p) if filas is None else filas)["sexo"]
    return [_fila(s.value, s.label, **conteo.get(s.value, _vacio())) for s in Sexo]


def atenciones_por_edad(p: Periodo, filas: Perfil | None = None) -> list[dict]:
    conteo = (perfil(p) if filas is None else filas)["edad"]
    claves = [(clave, etiqueta) for clave, etiqueta, _edad in GRUPOS_EDAD] + [("sin_dato", SIN_DATO)]
    return [_fila(clave, etiqueta, **conteo.get(clave, _vacio())) for clave, etiqueta in claves]


def atenciones_por_mes(p: Periodo, filas=None) -> list[dict]:
    por_mes: dict[datetime.date, int] = {}
    for fila in mes_y_canal(p) if filas is None else filas:
        mes = fila["mes"]
        mes = timezone.localtime(mes).date() if isinstance(mes, datetime.datetime) else mes
        mes = mes.replace(day=1)
        por_mes[mes] = por_mes.get(mes, 0) + fila["atenciones"]
    return [
        _fila(mes.isoformat()[:7], date_format(mes, "YEAR_MONTH_FORMAT"), atenciones=por_mes.get(mes, 0))
        for mes in p.meses()
    ]


def atenciones_por_canal(p: Periodo, filas=None) -> list[dict]:
    conteo: dict[str, int] = {}
    for fila in mes_y_canal(p) if filas is None else filas:
        conteo[fila["canal"]] = conteo.get(fila["canal"], 0) + fila["atenciones"]
    return _ordenar([_fila(c.value, c.label, atenciones=conteo.get(c.value, 0)) for c in Canal])


def atenciones_por_tema(p: Periodo, crudo: bool = False) -> list[dict]:
    """An attention with two topics counts once in each."""
    filas: QuerySet[Any, Any]  # rows from either table: dicts of the same keys
    if crudo:
        filas = (
            AtencionTema.objects.filter(atencion__fecha_hora__gte=p.inicio, atencion__fecha_hora__lt=p.fin)
            .values("tema")
            .annotate(atenciones=Count("atencion_id"))
            .order_by()
        )
    else:
        filas = (
            ResumenTemaDia.objects.filter(dia__gte=p.desde, dia__lte=p.hasta)
            .values("tema")
            .annotate(atenciones=Sum("atenciones"))
            .order_by()
        )
    conteo = {f["tema"]: f["atenciones"] for f in filas}
    return _ordenar([_fila(t.value, t.label, atenciones=conteo.get(t.value, 0)) for t in Tema])


def _ordenar(filas, campo="atenciones"):
    return sorted(filas, key=lambda f: (-f[campo], f["etiqueta"]))

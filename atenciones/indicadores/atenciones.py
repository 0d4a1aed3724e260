"""Indicators of persons and attentions."""

import datetime
from typing import Any

from django.db import connections, router
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django_countries import countries

from oficina.choices import Tema

from ..choices import Canal, Sexo
from ..models import Atencion, AtencionTema, ResumenAtencionDia, ResumenTemaDia
from .periodo import GRUPOS_EDAD, SIN_DATO, Periodo, _fila, _hace_anios

# The attention-side indicators come from two scans of the period's attentions instead of one
# query each: at a million rows every scan costs, and COUNT(DISTINCT) per group costs more.
#   perfil(): attentions grouped by person first, then by the person's nationality, sex, age
#             group and whether the period holds their first attention ever (persons, new,
#             returning, and the three breakdowns, distinct persons without COUNT(DISTINCT));
#   mes_y_canal(): attentions by (month, channel).


def perfil(p: Periodo, crudo: bool = False) -> list[tuple]:
    """Rows (nationality, sex, age group, new 0/1, attentions, persons) for the period.

    Always from the attentions: distinct persons cannot be added up from daily counts, and a
    per-person-and-month summary was measured slower than this query (issue 16: about as many rows
    as attentions when people come a few times a year). `crudo` is accepted for symmetry.
    """
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


def personas_atendidas(p: Periodo, filas=None) -> dict:
    """Persons attended in the period; new ones had their first attention ever in the period."""
    filas = perfil(p) if filas is None else filas
    datos = {
        "atenciones": sum(f[4] for f in filas),
        "personas": sum(f[5] for f in filas),
        "nuevas": sum(f[5] for f in filas if f[3]),
    }
    datos["recurrentes"] = datos["personas"] - datos["nuevas"]
    return datos


def _sumar(filas, indice):
    conteo: dict[Any, dict[str, int]] = {}
    for fila in filas:
        actual = conteo.setdefault(fila[indice], {"atenciones": 0, "personas": 0})
        actual["atenciones"] += fila[4]
        actual["personas"] += fila[5]
    return conteo


def atenciones_por_nacionalidad(p: Periodo, filas=None) -> list[dict]:
    conteo = _sumar(perfil(p) if filas is None else filas, 0)
    return _ordenar(
        [
            _fila(codigo or "", countries.name(codigo) if codigo else SIN_DATO, **valores)
            for codigo, valores in conteo.items()
        ]
    )


def atenciones_por_sexo(p: Periodo, filas=None) -> list[dict]:
    conteo = _sumar(perfil(p) if filas is None else filas, 1)
    vacio = {"atenciones": 0, "personas": 0}
    return [_fila(s.value, s.label, **conteo.get(s.value, vacio)) for s in Sexo]


def atenciones_por_edad(p: Periodo, filas=None) -> list[dict]:
    conteo = _sumar(perfil(p) if filas is None else filas, 2)
    vacio = {"atenciones": 0, "personas": 0}
    claves = [(clave, etiqueta) for clave, etiqueta, _edad in GRUPOS_EDAD] + [("sin_dato", SIN_DATO)]
    return [_fila(clave, etiqueta, **conteo.get(clave, vacio)) for clave, etiqueta in claves]


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

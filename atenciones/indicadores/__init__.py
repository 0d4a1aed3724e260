"""Sello Migrante indicators for a period: one aggregate query per indicator, in the database.

A period is a range of local dates (America/Santiago, settings.TIME_ZONE), inclusive; it is
queried as the half-open range of instants [start of `desde`, start of the day after `hasta`).
Nothing here returns personal data: only counts, rates and medians by category.
"""

from django.db import connection, transaction
from django.utils import timezone

from .atenciones import (
    atenciones_por_canal,
    atenciones_por_edad,
    atenciones_por_mes,
    atenciones_por_nacionalidad,
    atenciones_por_sexo,
    atenciones_por_tema,
    mes_y_canal,
    perfil,
    personas_atendidas,
)
from .derivaciones import derivaciones_externas_pendientes, derivaciones_por_destino, derivaciones_vencidas
from .oficina import actividades, capacitaciones, guias_por_idioma, personal_capacitado
from .periodo import GRUPOS_EDAD, SIN_DATO, UMBRAL_PEQUENO, Mediana, Periodo, enmascarar, es_postgresql

__all__ = [
    "GRUPOS_EDAD",
    "SIN_DATO",
    "UMBRAL_PEQUENO",
    "Mediana",
    "Periodo",
    "actividades",
    "atenciones_por_canal",
    "atenciones_por_edad",
    "atenciones_por_mes",
    "atenciones_por_nacionalidad",
    "atenciones_por_sexo",
    "atenciones_por_tema",
    "calcular",
    "capacitaciones",
    "derivaciones_externas_pendientes",
    "derivaciones_por_destino",
    "derivaciones_vencidas",
    "enmascarar",
    "es_postgresql",
    "guias_por_idioma",
    "mes_y_canal",
    "perfil",
    "personal_capacitado",
    "personas_atendidas",
]


def calcular(p: Periodo) -> dict:
    """Every indicator of the page and the report (a fixed number of queries)."""
    with transaction.atomic():
        if es_postgresql():
            # A few large aggregates over a year of attentions: JIT compilation costs more than it
            # saves, per-person hash tables need more than the default 4 MB, and parallel workers
            # would each rebuild the same hash table (measured on the benchmark database).
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true),"
                    " set_config('max_parallel_workers_per_gather', '0', true)"
                )
        return _calcular(p)


def _calcular(p: Periodo) -> dict:
    derivaciones = derivaciones_por_destino(p)
    capac = capacitaciones(p)
    filas_perfil = perfil(p)
    filas_mes = mes_y_canal(p)
    return {
        "periodo": p,
        "calculado": timezone.localtime(),
        "personas": personas_atendidas(p, filas_perfil),
        "por_mes": atenciones_por_mes(p, filas_mes),
        "por_tema": atenciones_por_tema(p),
        "por_canal": atenciones_por_canal(p, filas_mes),
        "por_nacionalidad": atenciones_por_nacionalidad(p, filas_perfil),
        "por_sexo": atenciones_por_sexo(p, filas_perfil),
        "por_edad": atenciones_por_edad(p, filas_perfil),
        "derivaciones": derivaciones,
        "derivaciones_total": {
            "total": sum(f["total"] for f in derivaciones),
            "resueltas": sum(f["resueltas"] for f in derivaciones),
            "vencidas": sum(f["vencidas"] for f in derivaciones),
        },
        "vencidas": derivaciones_vencidas(p),
        "externas": derivaciones_externas_pendientes(p),
        "actividades": actividades(p),
        "capacitaciones": capac,
        "capacitaciones_total": {
            "sesiones": len(capac),
            "horas": sum((f["horas"] for f in capac), 0),
            "asistencias": sum(f["asistentes"] for f in capac),
            "personas": personal_capacitado(p),
        },
        "guias": guias_por_idioma(p),
    }

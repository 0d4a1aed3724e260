"""Keeping the indicators' summary tables equal to the raw rows (issue 16).

- Every saved or deleted attention or attention topic updates them in the same transaction
  (model signals, so the services, the admin and cascades are all covered); a bulk insert must
  call `temas_agregados`, `atenciones_agregadas` (the import) or `reconstruir` itself (seed_demo). Moving attentions to another person
  (a merge) changes no count here: the person-level indicators are computed from the attentions.
- `reconstruir()` rebuilds them exactly from the raw rows (`manage.py reconstruir_resumenes`).
Day and month are local to settings.TIME_ZONE, as in the indicators.
"""

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, F
from django.db.models.functions import TruncDate
from django.db.models.signals import post_save, pre_delete, pre_save
from django.utils import timezone

from .models import Atencion, AtencionTema, ResumenAtencionDia, ResumenTemaDia


def dia_local(instante: datetime.datetime) -> datetime.date:
    return timezone.localtime(instante).date()


def _sumar(modelo, clave: dict, delta: int) -> None:
    """Add `delta` to the row of `clave` (created at `delta` when missing): one upsert."""
    tabla = connection.ops.quote_name(modelo._meta.db_table)
    columnas = [connection.ops.quote_name(c) for c in clave]
    n = connection.ops.quote_name("atenciones")
    # Identifiers are model names; values are parameters.
    valores = ", ".join(["%s"] * (len(clave) + 1))
    sql = f"INSERT INTO {tabla} ({', '.join(columnas)}, {n}) VALUES ({valores}) "  # noqa: S608
    sql += f"ON CONFLICT ({', '.join(columnas)}) DO UPDATE SET {n} = {tabla}.{n} + EXCLUDED.{n}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*clave.values(), delta])


# Rows per multi-row upsert: 3 parameters each, under SQLite's (32,766) and PostgreSQL's (65,535)
# limits; an import block (1,000 rows) fits in one statement per table.
FILAS_POR_UPSERT = 5000


def _sumar_varios(modelo, columnas: tuple[str, str], deltas: Counter) -> None:
    """`_sumar` for many keys at once: one multi-row upsert per FILAS_POR_UPSERT keys."""
    pares = [(clave, n) for clave, n in deltas.items() if n]
    q = connection.ops.quote_name
    tabla, n = q(modelo._meta.db_table), q("atenciones")
    cols = ", ".join(q(c) for c in columnas)
    for inicio in range(0, len(pares), FILAS_POR_UPSERT):
        parte = pares[inicio : inicio + FILAS_POR_UPSERT]
        valores = ", ".join(["(%s, %s, %s)"] * len(parte))
        # Identifiers are model names; values are parameters. Keys are unique within the statement.
        sql = f"INSERT INTO {tabla} ({cols}, {n}) VALUES {valores} "  # noqa: S608
        sql += f"ON CONFLICT ({cols}) DO UPDATE SET {n} = {tabla}.{n} + EXCLUDED.{n}"
        with connection.cursor() as cursor:
            cursor.execute(sql, [x for (a, b), delta in parte for x in (a, b, delta)])


def _insertar(modelo, columnas: list[str], qs) -> None:
    """INSERT … SELECT of an aggregate queryset, in the database (no rows through Python)."""
    sql, params = qs.query.sql_with_params()
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {q(modelo._meta.db_table)} ({', '.join(q(c) for c in columnas)}) {sql}",  # noqa: S608
            params,
        )


@transaction.atomic
def reconstruir() -> dict:
    """Rebuild every summary table exactly from the raw rows; returns the rows written per table."""
    tz = timezone.get_default_timezone()
    for modelo in (ResumenAtencionDia, ResumenTemaDia):
        modelo.objects.all().delete()
    _insertar(
        ResumenAtencionDia,
        ["dia", "canal", "atenciones"],
        Atencion.objects.order_by()
        .values(dia_=TruncDate("fecha_hora", tzinfo=tz), canal_=F("canal"))
        .annotate(n=Count("id")),
    )
    _insertar(
        ResumenTemaDia,
        ["dia", "tema", "atenciones"],
        AtencionTema.objects.order_by()
        .values(dia_=TruncDate("atencion__fecha_hora", tzinfo=tz), tema_=F("tema"))
        .annotate(n=Count("id")),
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics for the planner
            cursor.execute(
                f"ANALYZE {connection.ops.quote_name(ResumenAtencionDia._meta.db_table)}, "
                f"{connection.ops.quote_name(ResumenTemaDia._meta.db_table)}"
            )
    return {m.__name__: m.objects.count() for m in (ResumenAtencionDia, ResumenTemaDia)}


# --- Signals: every save and delete of an attention or a topic, in the writer's transaction. ---

# pre_save leaves the attention's stored (fecha_hora, canal) on the instance for post_save;
# not a model field, so it is set and read by name.
_ANTES = "_resumen_antes"


def _antes_de_guardar_atencion(sender, instance: Atencion, raw=False, **kwargs) -> None:
    setattr(instance, _ANTES, None)
    if instance.pk and not raw:
        setattr(
            instance,
            _ANTES,
            Atencion.objects.filter(pk=instance.pk).values_list("fecha_hora", "canal").first(),
        )


def _atencion_guardada(sender, instance: Atencion, created: bool, raw=False, **kwargs) -> None:
    if raw:
        return
    antes = getattr(instance, _ANTES, None)
    ahora = (instance.fecha_hora, instance.canal)
    if antes == ahora:
        return
    dia = dia_local(instance.fecha_hora)
    if antes is not None:
        dia_antes = dia_local(antes[0])
        _sumar(ResumenAtencionDia, {"dia": dia_antes, "canal": antes[1]}, -1)
        if dia_antes != dia:
            for tema in AtencionTema.objects.filter(atencion_id=instance.pk).values_list("tema", flat=True):
                _sumar(ResumenTemaDia, {"dia": dia_antes, "tema": tema}, -1)
                _sumar(ResumenTemaDia, {"dia": dia, "tema": tema}, 1)
    _sumar(ResumenAtencionDia, {"dia": dia, "canal": instance.canal}, 1)


def _antes_de_borrar_atencion(sender, instance: Atencion, **kwargs) -> None:
    _sumar(ResumenAtencionDia, {"dia": dia_local(instance.fecha_hora), "canal": instance.canal}, -1)


def _tema_guardado(sender, instance: AtencionTema, created: bool, raw=False, **kwargs) -> None:
    if created and not raw:
        temas_agregados(instance.atencion, [instance.tema])


def _antes_de_borrar_tema(sender, instance: AtencionTema, **kwargs) -> None:
    # Before the delete: in a cascade the attention is still there to give the day.
    fecha = Atencion.objects.filter(pk=instance.atencion_id).values_list("fecha_hora", flat=True).first()
    if fecha is not None:
        _sumar(ResumenTemaDia, {"dia": dia_local(fecha), "tema": instance.tema}, -1)


def temas_agregados(atencion: Atencion, temas: Iterable[str]) -> None:
    """Count topics written with bulk_create (no signal) on the attention's day."""
    dia = dia_local(atencion.fecha_hora)
    for tema in temas:
        _sumar(ResumenTemaDia, {"dia": dia, "tema": tema}, 1)


def atenciones_agregadas(atenciones: Iterable[tuple[Atencion, Iterable[str]]]) -> None:
    """Count attentions and their topics written with bulk_create (no signal), given as
    (attention, its topics): a few multi-row upserts, however many attentions."""
    por_canal: Counter = Counter()
    por_tema: Counter = Counter()
    for atencion, temas in atenciones:
        dia = dia_local(atencion.fecha_hora)
        por_canal[dia, atencion.canal] += 1
        for tema in temas:
            por_tema[dia, tema] += 1
    _sumar_varios(ResumenAtencionDia, ("dia", "canal"), por_canal)
    _sumar_varios(ResumenTemaDia, ("dia", "tema"), por_tema)


def conectar() -> None:
    pre_save.connect(_antes_de_guardar_atencion, sender=Atencion, dispatch_uid="resumen_atencion_pre")
    post_save.connect(_atencion_guardada, sender=Atencion, dispatch_uid="resumen_atencion_post")
    pre_delete.connect(_antes_de_borrar_atencion, sender=Atencion, dispatch_uid="resumen_atencion_borrar")
    post_save.connect(_tema_guardado, sender=AtencionTema, dispatch_uid="resumen_tema_post")
    pre_delete.connect(_antes_de_borrar_tema, sender=AtencionTema, dispatch_uid="resumen_tema_borrar")

"""Keeping the indicators' summary tables equal to the raw rows (issue 16).

Tables (atenciones/models/resumenes.py): attentions per local day and channel, per day and topic;
per person and day (ResumenPersonaDia: the person's previous attention day and their nationality,
sex and birth date, copied) and those rows counted per month or day and dimension
(ResumenDimensionMes, ResumenDimensionDia).

How they stay exact:
- Every saved or deleted attention or attention topic updates them in the same transaction (model
  signals, so the services, the admin and cascades are all covered). A saved attention that changes
  person or local day, a new one and a deleted one rewrite the person rows of the persons concerned
  (`recalcular_personas`: a handful of statements per person, whatever their history).
- A saved person whose nationality, sex or birth date changed rewrites their rows (model signal).
- Moving attentions with `QuerySet.update()` sends no signal: the merge of persons
  (services/fusion.py) calls `recalcular_personas` for both records itself.
- **Bulk inserts** (`bulk_create`, no signals): after inserting attentions and their topics in bulk,
  call `agregadas_en_bloque(ids_de_atenciones)` in the same transaction; it counts them in every
  table (days, topics, persons). Topics added in bulk to an attention already counted:
  `temas_agregados(atencion, temas)`. The import, which holds its attentions and topics in
  memory, calls `atenciones_agregadas([(atencion, temas), …])` instead (the same counts with a few
  multi-row upserts). Persons changed in bulk (`bulk_update` of nationality, sex or
  birth date): `recalcular_personas(ids)`.
- **Bulk deletes** (`QuerySet._raw_delete`, no signals; the undo of an import): before deleting
  attentions (and their topics), call `quitadas_en_bloque(ids_de_atenciones)` in the same
  transaction; it takes them out of the day and topic tables (a grouped count each) and returns
  their persons, whose rows `recalcular_personas` rewrites once the attentions are gone.
- Erasure (services/privacidad.py) keeps nationality, sex and birth date: nothing to do.
- `reconstruir()` rebuilds everything exactly from the raw rows (`manage.py reconstruir_resumenes`;
  seed_demo calls it after its bulk load).
- Concurrency: on PostgreSQL a writer takes a transaction-level advisory lock before its first
  summary row (`_bloquear`), so summary writers run one at a time until commit: no deadlock, and a
  person's rows are rewritten from attentions the other writers committed.
Day and month are local to settings.TIME_ZONE, as in the indicators.
"""

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import CharField, Count, F, Value
from django.db.models.functions import Cast, Coalesce, ExtractYear, TruncDate, TruncMonth
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from .models import (
    PRIMERA,
    Atencion,
    AtencionTema,
    Persona,
    ResumenAtencionDia,
    ResumenDimensionDia,
    ResumenDimensionMes,
    ResumenPersonaDia,
    ResumenTemaDia,
)
from .models.resumenes import Dimension

TABLAS = (ResumenAtencionDia, ResumenTemaDia, ResumenPersonaDia, ResumenDimensionMes, ResumenDimensionDia)
# The person's fields the indicators group by, copied into ResumenPersonaDia.
DIMENSIONES_PERSONA = ("nacionalidad", "sexo", "fecha_nacimiento")


def dia_local(instante: datetime.datetime) -> datetime.date:
    return timezone.localtime(instante).date()


# One writer of the summary tables at a time (PostgreSQL; SQLite has one writer anyway): a
# transaction takes this lock before its first summary row, so two writers never wait on each
# other's rows in opposite orders (a deadlock); released at commit or rollback.
_CANDADO = 16_0004


def _bloquear() -> None:
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CANDADO])


def _sumar(modelo, clave: dict, delta: int) -> None:
    """Add `delta` to the row of `clave` (created at `delta` when missing): one upsert."""
    _bloquear()
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
    if pares:
        _bloquear()
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


def _sql(qs) -> tuple[str, list]:
    sql, params = qs.query.sql_with_params()
    return sql, list(params)


def _insertar_dias(atenciones) -> None:
    """Write the ResumenPersonaDia rows of every person of `atenciones` (a queryset holding all of
    those persons' attentions): one INSERT … SELECT, the previous day by a window over the days."""
    q = connection.ops.quote_name
    dias = (
        atenciones.order_by()
        .annotate(
            dia_=TruncDate("fecha_hora", tzinfo=timezone.get_default_timezone()),
            nac_=F("persona__nacionalidad"),
            sexo_=F("persona__sexo"),
            nacim_=F("persona__fecha_nacimiento"),
        )
        .values("persona_id", "dia_", "nac_", "sexo_", "nacim_")
        .annotate(n_=Count("id"))
    )
    sql, params = _sql(dias)
    tabla = q(ResumenPersonaDia._meta.db_table)
    columnas = ["persona_id", "dia", "previo", "atenciones", "nacionalidad", "sexo", "fecha_nacimiento"]
    # Identifiers are model names; values are the queryset's parameters.
    consulta = (
        f"INSERT INTO {tabla} ({', '.join(q(c) for c in columnas)}) "  # noqa: S608
        f"SELECT d.{q('persona_id')}, d.{q('dia_')}, "
        f"LAG(d.{q('dia_')}) OVER (PARTITION BY d.{q('persona_id')} ORDER BY d.{q('dia_')}), "
        f"d.{q('n_')}, COALESCE(d.{q('nac_')}, ''), COALESCE(d.{q('sexo_')}, ''), d.{q('nacim_')} "
        f"FROM ({sql}) d"
    )
    with connection.cursor() as cursor:
        cursor.execute(consulta, params)


def _sumar_dimensiones(dias, signo: int) -> None:
    """Add (signo=1) or take away (-1) the counts of the ResumenPersonaDia rows `dias` in
    ResumenDimensionMes and ResumenDimensionDia: one statement each."""
    for modelo, fecha in ((ResumenDimensionMes, "mes"), (ResumenDimensionDia, "dia")):
        _sumar_dimension(modelo, fecha, dias, signo)


def _sumar_dimension(modelo, fecha: str, dias, signo: int) -> None:
    q = connection.ops.quote_name
    base = (
        dias.order_by()
        .annotate(
            fecha_=TruncMonth("dia") if fecha == "mes" else F("dia"),
            previo_=Coalesce(TruncMonth("previo"), Value(PRIMERA)),
            anio_=Coalesce(Cast(ExtractYear("fecha_nacimiento"), CharField()), Value("")),
        )
        .values("fecha_", "previo_", "nacionalidad", "sexo", "anio_", "atenciones")
    )
    sql, params = _sql(base)
    partes = []
    for dimension, columna in (
        (Dimension.NACIONALIDAD, "nacionalidad"),
        (Dimension.SEXO, "sexo"),
        (Dimension.ANIO_NACIMIENTO, "anio_"),
    ):
        partes.append(
            f"SELECT b.{q('fecha_')} AS f, b.{q('previo_')} AS mp, '{dimension.value}' AS dim, "  # noqa: S608
            f"b.{q(columna)} AS v, b.{q('atenciones')} AS a FROM ({sql}) b"
        )
    tabla = q(modelo._meta.db_table)
    clave = f"{q(fecha)}, {q('mes_previo')}, {q('dimension')}, {q('valor')}"
    personas, atenciones = q("personas"), q("atenciones")
    consulta = (
        f"INSERT INTO {tabla} ({clave}, {personas}, {atenciones}) "  # noqa: S608
        f"SELECT u.f, u.mp, u.dim, u.v, %s * COUNT(*), %s * SUM(u.a) FROM ({' UNION ALL '.join(partes)}) u "
        # In key order: rows of one day stay together, and writers lock rows in one order.
        f"GROUP BY u.f, u.mp, u.dim, u.v ORDER BY u.f, u.mp, u.dim, u.v "
        f"ON CONFLICT ({clave}) DO UPDATE SET "
        f"{personas} = {tabla}.{personas} + EXCLUDED.{personas}, "
        f"{atenciones} = {tabla}.{atenciones} + EXCLUDED.{atenciones}"
    )
    with connection.cursor() as cursor:  # rows left at zero count nothing (a rebuild drops them)
        cursor.execute(consulta, [signo, signo, *params, *params, *params])


def recalcular_personas(ids: Iterable[int | None]) -> None:
    """Rewrite the person-level summaries of these persons from their attentions (in the caller's
    transaction; one writer of the summaries at a time, so two writers cannot count one person twice
    and each reads the attentions the other committed)."""
    pendientes = sorted({i for i in ids if i})
    for inicio in range(0, len(pendientes), 500):
        bloque = pendientes[inicio : inicio + 500]
        with transaction.atomic():
            _bloquear()
            dias = ResumenPersonaDia.objects.filter(persona_id__in=bloque)
            _sumar_dimensiones(dias, -1)
            dias.delete()
            _insertar_dias(Atencion.objects.filter(persona_id__in=bloque))
            _sumar_dimensiones(dias, 1)


def agregadas_en_bloque(atencion_ids: Iterable[int]) -> None:
    """The bulk hook: count attentions inserted with bulk_create (and their topics, inserted the
    same way before this call) in every summary table. Call it once, in the same transaction.
    Reads them back and counts them as `atenciones_agregadas` does (one upsert per table)."""
    ids = list(atencion_ids)
    for inicio in range(0, len(ids), 5000):
        bloque = ids[inicio : inicio + 5000]
        temas: dict[int, list[str]] = {}
        for atencion_id, tema in AtencionTema.objects.filter(atencion_id__in=bloque).values_list(
            "atencion_id", "tema"
        ):
            temas.setdefault(atencion_id, []).append(tema)
        atenciones = Atencion.objects.filter(pk__in=bloque).only("fecha_hora", "canal", "persona_id")
        atenciones_agregadas((a, temas.get(a.pk, [])) for a in atenciones)


@transaction.atomic
def reconstruir() -> dict:
    """Rebuild every summary table exactly from the raw rows; returns the rows written per table."""
    tz = timezone.get_default_timezone()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            q = connection.ops.quote_name
            # Deferred foreign-key checks pending in this transaction would block the TRUNCATE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(q(m._meta.db_table) for m in TABLAS)}")
            # One sort of every attention by person and day: room for it in memory.
            cursor.execute("SELECT set_config('work_mem', '256MB', true)")
    else:
        for modelo in TABLAS:
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
        # Millions of rows: the secondary indexes are built once at the end, not row by row.
        indices = ResumenPersonaDia._meta.indexes
        with connection.schema_editor() as editor:
            for indice in indices:
                editor.remove_index(ResumenPersonaDia, indice)
        _insertar_dias(Atencion.objects.all())
        with connection.schema_editor() as editor:
            for indice in indices:
                editor.add_index(ResumenPersonaDia, indice)
    else:
        _insertar_dias(Atencion.objects.all())
    _sumar_dimensiones(ResumenPersonaDia.objects.all(), 1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics for the planner
            cursor.execute(
                f"ANALYZE {', '.join(connection.ops.quote_name(m._meta.db_table) for m in TABLAS)}"
            )
    return {m.__name__: m.objects.count() for m in TABLAS}


# --- Signals: every save and delete of an attention or a topic, in the writer's transaction. ---

# pre_save leaves the attention's stored (fecha_hora, canal, persona_id) on the instance for
# post_save; not a model field, so it is set and read by name.
_ANTES = "_resumen_antes"


def _antes_de_guardar_atencion(sender, instance: Atencion, raw=False, **kwargs) -> None:
    setattr(instance, _ANTES, None)
    if instance.pk and not raw:
        setattr(
            instance,
            _ANTES,
            Atencion.objects.filter(pk=instance.pk).values_list("fecha_hora", "canal", "persona_id").first(),
        )


def _atencion_guardada(sender, instance: Atencion, created: bool, raw=False, **kwargs) -> None:
    if raw:
        return
    antes = getattr(instance, _ANTES, None)
    ahora = (instance.fecha_hora, instance.canal, instance.persona_id)
    if antes == ahora:
        return
    dia = dia_local(instance.fecha_hora)
    if antes is None or antes[2] != instance.persona_id or dia_local(antes[0]) != dia:
        recalcular_personas([instance.persona_id, antes[2] if antes else None])
    if antes is not None and antes[:2] == ahora[:2]:
        return
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


def _atencion_borrada(sender, instance: Atencion, **kwargs) -> None:
    recalcular_personas([instance.persona_id])


def _tema_guardado(sender, instance: AtencionTema, created: bool, raw=False, **kwargs) -> None:
    if created and not raw:
        temas_agregados(instance.atencion, [instance.tema])


def _antes_de_borrar_tema(sender, instance: AtencionTema, **kwargs) -> None:
    # Before the delete: in a cascade the attention is still there to give the day.
    fecha = Atencion.objects.filter(pk=instance.atencion_id).values_list("fecha_hora", flat=True).first()
    if fecha is not None:
        _sumar(ResumenTemaDia, {"dia": dia_local(fecha), "tema": instance.tema}, -1)


_DIMENSIONES_ANTES = "_resumen_dimensiones_antes"


def _antes_de_guardar_persona(sender, instance: Persona, raw=False, update_fields=None, **kwargs) -> None:
    setattr(instance, _DIMENSIONES_ANTES, None)
    if instance.pk and not raw and (update_fields is None or set(update_fields) & set(DIMENSIONES_PERSONA)):
        setattr(
            instance,
            _DIMENSIONES_ANTES,
            Persona.objects.filter(pk=instance.pk).values_list(*DIMENSIONES_PERSONA).first(),
        )


def _persona_guardada(sender, instance: Persona, created: bool, raw=False, **kwargs) -> None:
    antes = getattr(instance, _DIMENSIONES_ANTES, None)
    if antes is not None and antes != tuple(getattr(instance, c) for c in DIMENSIONES_PERSONA):
        recalcular_personas([instance.pk])


def temas_agregados(atencion: Atencion, temas: Iterable[str]) -> None:
    """Count topics written with bulk_create (no signal) on the attention's day."""
    dia = dia_local(atencion.fecha_hora)
    _sumar_varios(ResumenTemaDia, ("dia", "tema"), Counter((dia, tema) for tema in temas))


def atenciones_agregadas(atenciones: Iterable[tuple[Atencion, Iterable[str]]]) -> None:
    """Count attentions and their topics written with bulk_create (no signal), given as
    (attention, its topics): a few multi-row upserts, however many attentions, then the person
    summaries of the persons concerned."""
    _bloquear()  # before the first summary row, as every summary writer
    atenciones = list(atenciones)
    por_canal: Counter = Counter()
    por_tema: Counter = Counter()
    for atencion, temas in atenciones:
        dia = dia_local(atencion.fecha_hora)
        por_canal[dia, atencion.canal] += 1
        for tema in temas:
            por_tema[dia, tema] += 1
    _sumar_varios(ResumenAtencionDia, ("dia", "canal"), por_canal)
    _sumar_varios(ResumenTemaDia, ("dia", "tema"), por_tema)
    recalcular_personas({atencion.persona_id for atencion, _temas in atenciones})


def quitadas_en_bloque(atencion_ids: Iterable[int]) -> set[int]:
    """The bulk hook of a raw delete: uncount these attentions and their topics, still in the
    database, from the day and topic tables (one grouped count and one upsert each). Call it in the
    deleting transaction, before the delete; then `recalcular_personas` on the persons it returns."""
    ids = list(atencion_ids)
    tz = timezone.get_default_timezone()
    atenciones = Atencion.objects.filter(pk__in=ids).order_by()
    temas = AtencionTema.objects.filter(atencion_id__in=ids).order_by()
    _bloquear()  # before the first summary row, as every summary writer
    _sumar_varios(ResumenAtencionDia, ("dia", "canal"), _por_dia(atenciones, "fecha_hora", "canal", tz))
    _sumar_varios(ResumenTemaDia, ("dia", "tema"), _por_dia(temas, "atencion__fecha_hora", "tema", tz))
    return set(atenciones.values_list("persona_id", flat=True))


def _por_dia(qs, instante: str, campo: str, tz) -> Counter:
    """(local day, `campo`) → minus the rows of `qs` counted there, grouped in the database."""
    filas = (
        qs.annotate(dia_=TruncDate(instante, tzinfo=tz)).values_list("dia_", campo).annotate(n=Count("id"))
    )
    return Counter({(dia, valor): -n for dia, valor, n in filas})


def conectar() -> None:
    pre_save.connect(_antes_de_guardar_atencion, sender=Atencion, dispatch_uid="resumen_atencion_pre")
    post_save.connect(_atencion_guardada, sender=Atencion, dispatch_uid="resumen_atencion_post")
    pre_delete.connect(_antes_de_borrar_atencion, sender=Atencion, dispatch_uid="resumen_atencion_borrar")
    post_delete.connect(_atencion_borrada, sender=Atencion, dispatch_uid="resumen_atencion_borrada")
    post_save.connect(_tema_guardado, sender=AtencionTema, dispatch_uid="resumen_tema_post")
    pre_delete.connect(_antes_de_borrar_tema, sender=AtencionTema, dispatch_uid="resumen_tema_borrar")
    pre_save.connect(_antes_de_guardar_persona, sender=Persona, dispatch_uid="resumen_persona_pre")
    post_save.connect(_persona_guardada, sender=Persona, dispatch_uid="resumen_persona_post")

"""Paginators that never run a full COUNT(*) over a big table (issue 16): the admin lists and the
staff lists (cases, referrals) use them."""

from collections.abc import Mapping
from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection, connections
from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _


class PaginadorRapido(Paginator):
    """A paginator that never runs a full COUNT(*) on a big table.

    - Unfiltered list on PostgreSQL: the planner's estimate (`pg_class.reltuples`, kept fresh by
      autovacuum/ANALYZE) when it is above TOPE; the count is shown as approximate.
    - Anything else: a capped count (`SELECT COUNT(*) FROM (… LIMIT TOPE + 1)`); above TOPE the list
      says "more than TOPE" and offers TOPE / per_page pages: a filter narrows it down.
    """

    # Counting 10,001 matches took 60 ms at 200,000 persons (a bitmap heap scan of each match);
    # 1,001 take a tenth of that, and 20 pages of 50 are as deep as anyone pages before filtering.
    TOPE = 1_000
    ESTIMAR = True
    # Pages found by primary key first (see `page`).
    DIFERIR = True

    aproximado = False
    truncado = False

    @cached_property
    def count(self):
        qs = self.object_list
        if not isinstance(qs, QuerySet):
            return len(qs)
        if self.ESTIMAR and connection.vendor == "postgresql" and not qs.query.where:
            estimado = estimar_filas(qs.model)
            if estimado > self.TOPE:
                self.aproximado = True
                return estimado
        n = qs.order_by().values("pk")[: self.TOPE + 1].count()
        if n > self.TOPE:
            self.truncado = True
            return self.TOPE
        return n

    def page(self, number):
        """The page's rows found by primary key first (a "deferred join"), in the same query.

        `WHERE pk IN (SELECT pk … ORDER BY … LIMIT n OFFSET m)`: the inner select reads only the
        filter and ordering columns, which an index can answer alone (an index-only scan that
        skips non-matching entries without reading the table: the overdue referrals, newest first,
        read 31 index pages instead of 2,744 table pages at 2M); the outer select then reads the
        page's rows and their joins by primary key.
        """
        pagina = super().page(number)
        qs = pagina.object_list
        if self.DIFERIR and isinstance(qs, QuerySet) and _diferible(qs.query):
            claves = qs.values("pk")
            bottom, top = qs.query.low_mark, qs.query.high_mark
            todas: QuerySet = self.object_list  # type: ignore[assignment]  # a QuerySet, as qs is
            pagina.object_list = todas.filter(pk__in=claves)[: (top or 0) - bottom]
        return pagina


def _diferible(query) -> bool:
    """Whether a page's query can be split into "primary keys, then rows": a plain ordered select
    (no DISTINCT, no set operation, no aggregation), sliced."""
    return (
        query.is_sliced
        and query.high_mark is not None
        and not query.distinct
        and not query.combinator
        and query.group_by is None
        and bool(query.order_by or query.get_meta().ordering)
    )


def estimar_filas(modelo) -> int:
    """PostgreSQL's estimate of a table's rows (-1 when never analysed)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [modelo._meta.db_table]
        )
        fila = cursor.fetchone()
    return fila[0] if fila else -1


class PaginadorAcotado(PaginadorRapido):
    """Staff lists: a count capped at TOPE (a LIMIT subquery), never an estimate; above TOPE the list
    says "more than TOPE" (`truncado`) and offers TOPE / per_page pages."""

    ESTIMAR = False
    DIFERIR = False


def contar_hasta_varios(consultas: Mapping[str, QuerySet], tope: int) -> dict[str, int]:
    """How many rows each queryset has, each counted only up to `tope`, in one query:
    `SELECT (SELECT COUNT(*) FROM (… LIMIT tope)), …`, so the database stops at the tope-th match of
    each and the page pays one round trip for all its counts."""
    conteos = dict.fromkeys(consultas, 0)
    partes: list[str] = []
    parametros: list = []
    claves: list[str] = []
    for i, (clave, qs) in enumerate(consultas.items()):
        try:
            sql, params = qs.order_by().values("pk")[:tope].query.sql_with_params()
        except EmptyResultSet:
            continue  # a filter that matches nothing (`pk__in=[]`, `.none()`): 0, as count() says
        partes.append(f"(SELECT COUNT(*) FROM ({sql}) AS conteo_{i})")  # noqa: S608 (compiled, with params)
        parametros.extend(params)
        claves.append(clave)
    if not partes:
        return conteos
    with connections[next(iter(consultas.values())).db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(partes), parametros)
        fila = cursor.fetchone()
    conteos.update(zip(claves, fila, strict=True))
    return conteos


def conteo_con_tope(n: int, tope: int) -> int | str:
    """A capped count as shown: the number, or "más de 1.000" when it went past `tope`."""
    if n > tope:
        return _("más de %(n)s") % {"n": number_format(tope, force_grouping=True)}
    return n

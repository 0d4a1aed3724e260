"""Indicators of referrals: by destination, overdue, external ones waiting."""

import datetime

from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import EstadoDerivacion
from ..models import Derivacion, DerivacionQuerySet
from .periodo import Mediana, Periodo, _fila, es_postgresql

_DESTINO = [
    "departamento_id",
    "departamento__nombre",
    "departamento__sigla",
    "organizacion_id",
    "organizacion__nombre",
    "organizacion__sigla",
]


def _destino(fila):
    if fila["departamento_id"]:
        return f"d{fila['departamento_id']}", fila["departamento__sigla"] or fila["departamento__nombre"]
    return f"o{fila['organizacion_id']}", fila["organizacion__sigla"] or fila["organizacion__nombre"]


def _duracion():
    return ExpressionWrapper(F("fecha_cierre") - F("fecha_envio"), output_field=DurationField())


def _dias(duracion):
    if duracion is None:
        return None
    if isinstance(duracion, datetime.timedelta):
        return round(duracion.total_seconds() / 86400, 1)
    return round(float(duracion) / 86400, 1)


def _medianas_sin_postgresql(qs) -> dict:
    """Median per destination with window functions: only the one or two middle rows are fetched."""
    particion = [F("departamento_id"), F("organizacion_id")]
    filas = (
        qs.filter(estado=EstadoDerivacion.RESUELTA)
        .annotate(
            duracion=_duracion(),
            n=Window(Count("id"), partition_by=particion),
            orden=Window(RowNumber(), partition_by=particion, order_by=[_duracion().asc(), F("id").asc()]),
        )
        .filter(orden__gte=(F("n") + 1) / 2, orden__lte=(F("n") + 2) / 2)
        .values_list("departamento_id", "organizacion_id", "duracion")
    )
    medios: dict[str, list[datetime.timedelta]] = {}
    for departamento_id, organizacion_id, duracion in filas:
        clave = f"d{departamento_id}" if departamento_id else f"o{organizacion_id}"
        medios.setdefault(clave, []).append(duracion)
    return {clave: sum(valores, datetime.timedelta()) / len(valores) for clave, valores in medios.items()}


def derivaciones_por_destino(p: Periodo) -> list[dict]:
    """Referrals sent in the period, by destination: how many, resolved, rate, median days to resolve.

    The resolution rate leaves out referrals the office itself cancelled.
    """
    qs = Derivacion.objects.filter(fecha_envio__gte=p.inicio, fecha_envio__lt=p.fin)
    hoy = timezone.localdate()
    conteos: dict[str, Aggregate] = {
        "total": Count("id"),
        "resueltas": Count("id", filter=Q(estado=EstadoDerivacion.RESUELTA)),
        "rechazadas": Count("id", filter=Q(estado=EstadoDerivacion.RECHAZADA)),
        "canceladas": Count("id", filter=Q(estado=EstadoDerivacion.CANCELADA)),
        "abiertas": Count("id", filter=DerivacionQuerySet.q_abiertas()),
        "vencidas": Count("id", filter=DerivacionQuerySet.q_vencidas(hoy)),
    }
    if es_postgresql():
        conteos["mediana"] = Mediana(
            _duracion(), filter=Q(estado=EstadoDerivacion.RESUELTA), output_field=DurationField()
        )
    filas = list(qs.values(*_DESTINO).annotate(**conteos).order_by("-total", "departamento__nombre"))
    medianas = None if es_postgresql() else _medianas_sin_postgresql(qs)
    resultado = []
    for fila in filas:
        clave, etiqueta = _destino(fila)
        base = fila["total"] - fila["canceladas"]
        mediana = fila["mediana"] if medianas is None else medianas.get(clave)
        resultado.append(
            _fila(
                clave,
                etiqueta,
                tipo=str(_("Departamento") if fila["departamento_id"] else _("Organización")),
                total=fila["total"],
                resueltas=fila["resueltas"],
                rechazadas=fila["rechazadas"],
                canceladas=fila["canceladas"],
                abiertas=fila["abiertas"],
                vencidas=fila["vencidas"],
                base_tasa=base,
                tasa=round(100 * fila["resueltas"] / base, 1) if base else None,
                mediana_dias=_dias(mediana),
            )
        )
    return resultado


def derivaciones_vencidas(p: Periodo | None = None) -> list[dict]:
    """Open referrals past their due date today (whatever the period), by destination."""
    filas = (
        Derivacion.objects.vencidas()
        .values(*_DESTINO)
        .annotate(vencidas=Count("id"))
        .order_by("-vencidas", "departamento__nombre")
    )
    return [_fila(*_destino(f), vencidas=f["vencidas"]) for f in filas]


def derivaciones_externas_pendientes(p: Periodo | None = None) -> list[dict]:
    """Referrals to the support network still waiting for an answer today, by organisation."""
    filas = (
        Derivacion.objects.abiertas()
        .filter(organizacion__isnull=False)
        .values(*_DESTINO)
        .annotate(
            pendientes=Count("id"),
            vencidas=Count("id", filter=DerivacionQuerySet.q_vencidas()),
        )
        .order_by("-pendientes", "organizacion__nombre")
    )
    return [_fila(*_destino(f), pendientes=f["pendientes"], vencidas=f["vencidas"]) for f in filas]

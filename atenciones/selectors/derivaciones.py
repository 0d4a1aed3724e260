"""Reused reads of referrals: inbox, overdue ones, follow-ups due, and who may move what."""

import datetime

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from oficina.roles import Usuario, es_encargada, es_enlace, es_profesional

from ..acceso import departamentos_de
from ..choices import TRANSICIONES_DERIVACION, EstadoDerivacion
from ..models import Derivacion, DerivacionQuerySet, SeguimientoDerivacion

E = EstadoDerivacion
# Moves made by the destination (a department's liaison; the office for organisations).
MOVIMIENTOS_DESTINO = {E.RECIBIDA, E.EN_ATENCION, E.RESUELTA, E.RECHAZADA}
# Moves made by the office that sent it.
MOVIMIENTOS_OFICINA = {E.CANCELADA}


def con_proximo_seguimiento(qs: DerivacionQuerySet) -> DerivacionQuerySet:
    """Annotate `proximo_seguimiento`: the next follow-up date set by the latest follow-up."""
    ultimo = SeguimientoDerivacion.objects.filter(derivacion=OuterRef("pk")).order_by("-fecha", "-id")
    return qs.annotate(proximo_seguimiento=Subquery(ultimo.values("proxima_fecha")[:1]))


def bandeja_de(user: Usuario) -> DerivacionQuerySet:
    """The referrals sent to the liaison's departments, by due date (overdue open ones first)."""
    return Derivacion.objects.filter(departamento_id__in=departamentos_de(user)).order_by(
        "fecha_limite", "id"
    )


def conteos_por_estado(qs: DerivacionQuerySet, hoy: datetime.date | None = None) -> dict[str, int]:
    """{state: count} plus 'vencidas', in one query."""
    filas = (
        qs.order_by()
        .values("estado")
        .annotate(n=Count("id"), v=Count("id", filter=DerivacionQuerySet.q_vencidas(hoy)))
    )
    conteos = dict.fromkeys(E.values, 0)
    conteos["vencidas"] = 0
    for fila in filas:
        conteos[fila["estado"]] = fila["n"]
        conteos["vencidas"] += fila["v"]
    return conteos


def derivaciones_vencidas_de(user: Usuario, hoy: datetime.date | None = None) -> DerivacionQuerySet:
    """Overdue referrals that concern `user`, for "Mi día" and the reminders.

    The office head: every overdue referral. A professional: the ones they sent. A liaison: the ones
    sent to their departments.
    """
    qs = Derivacion.objects.vencidas(hoy).select_related("departamento", "organizacion", "persona")
    if es_encargada(user):
        return qs.order_by("fecha_limite", "id")
    alcance = Q(pk__in=[])
    if es_profesional(user):
        alcance |= Q(derivado_por=user)
    if es_enlace(user):
        alcance |= Q(departamento_id__in=departamentos_de(user))
    return qs.filter(alcance).order_by("fecha_limite", "id")


def seguimientos_pendientes_de(user: Usuario, hoy: datetime.date | None = None) -> DerivacionQuerySet:
    """Open referrals sent by `user` whose next follow-up date is today or past."""
    hoy = hoy or timezone.localdate()
    qs = con_proximo_seguimiento(Derivacion.objects.abiertas().filter(derivado_por=user)).select_related(
        "departamento", "organizacion"
    )
    return qs.filter(proximo_seguimiento__lte=hoy).order_by("proximo_seguimiento", "id")


def externas_esperando(qs: DerivacionQuerySet | None = None) -> DerivacionQuerySet:
    """External referrals (to organisations) still waiting for an answer."""
    qs = qs if qs is not None else Derivacion.objects.all()
    return qs.filter(DerivacionQuerySet.q_abiertas(), organizacion__isnull=False)


def acciones_permitidas(
    user: Usuario, derivacion: Derivacion, departamentos: list[int] | None = None
) -> list[str]:
    """The states `user` may move `derivacion` to now, in the order of the state machine.

    The office head may make any legal move. A department's liaison makes the destination's moves
    on their department's referrals; office staff make them for organisations (which have no
    users) and may cancel any referral before it is resolved.
    """
    legales = TRANSICIONES_DERIVACION.get(derivacion.estado, set())
    if es_encargada(user):
        permitidas = set(legales)
    else:
        permitidas = set()
        if es_profesional(user):
            permitidas |= MOVIMIENTOS_OFICINA
            if derivacion.organizacion_id:
                permitidas |= MOVIMIENTOS_DESTINO
        if es_enlace(user) and derivacion.departamento_id:
            departamentos = departamentos if departamentos is not None else departamentos_de(user)
            if derivacion.departamento_id in departamentos:
                permitidas |= MOVIMIENTOS_DESTINO
        permitidas &= legales
    return [e for e in E.values if e in permitidas]

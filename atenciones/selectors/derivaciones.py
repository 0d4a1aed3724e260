"""Reused reads of referrals: inbox, overdue ones, follow-ups due, and who may move what."""

import datetime
from typing import cast

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django_countries.fields import Country

from oficina.roles import Usuario, es_encargada, es_enlace, es_profesional

from ..acceso import departamentos_de
from ..choices import ESTADOS_DERIVACION_ABIERTOS, TRANSICIONES_DERIVACION, EstadoDerivacion
from ..models import Derivacion, DerivacionQuerySet, EventoDerivacion, SeguimientoDerivacion
from ..paginacion import contar_hasta_varios, conteo_con_tope

E = EstadoDerivacion
# Moves made by the destination (a department's liaison; the office for organisations).
MOVIMIENTOS_DESTINO = {E.RECIBIDA, E.EN_ATENCION, E.RESUELTA, E.RECHAZADA}
# Moves made by the office that sent it.
MOVIMIENTOS_OFICINA = {E.CANCELADA}


def con_proximo_seguimiento(qs: DerivacionQuerySet) -> DerivacionQuerySet:
    """Annotate `proximo_seguimiento`: the next follow-up date set by the latest follow-up."""
    ultimo = SeguimientoDerivacion.objects.filter(derivacion=OuterRef("pk")).order_by("-fecha", "-id")
    return qs.annotate(proximo_seguimiento=Subquery(ultimo.values("proxima_fecha")[:1]))


def con_respuesta_externa(qs: QuerySet) -> QuerySet:
    """Annotate `respondida_por_organizacion`: the organisation answered through its link."""
    return qs.annotate(
        respondida_por_organizacion=Exists(
            EventoDerivacion.objects.filter(derivacion=OuterRef("pk"), organizacion__isnull=False)
        )
    )


def bandeja_de(user: Usuario) -> DerivacionQuerySet:
    """The referrals sent to the liaison's departments, by due date (overdue open ones first)."""
    return Derivacion.objects.filter(departamento_id__in=departamentos_de(user)).order_by(
        "fecha_limite", "id"
    )


def siguiente_abierta(user: Usuario, *, excluir: int | None = None) -> int | None:
    """Id of the next open referral for `user` to act on: a liaison's inbox, by due date."""
    qs = (bandeja_de(user) if es_enlace(user) else Derivacion.objects.none()).abiertas()
    if excluir is not None:
        qs = qs.exclude(pk=excluir)
    return qs.order_by("fecha_limite", "id").values_list("pk", flat=True).first()


# The inbox's tabs count up to this many and then say "más de 1.000": a department receiving
# hundreds of thousands of referrals (issue 16) must not wait for them to be grouped and counted.
TOPE_CONTEO = 1000


def conteos_por_estado(qs: DerivacionQuerySet, hoy: datetime.date | None = None) -> dict[str, int]:
    """{state: count} plus 'vencidas' and 'abiertas', each counted up to TOPE_CONTEO + 1, in one query.

    A count above TOPE_CONTEO means "more than TOPE_CONTEO" (`conteo_visible`). Each state is a
    `COUNT(*) FROM (… LIMIT TOPE_CONTEO + 1)` over the inbox index (department, state, due date),
    so the database reads at most a thousand index entries per tab, not every referral.
    """
    subconsultas = {estado: qs.filter(estado=estado) for estado in E.values}
    subconsultas["vencidas"] = qs.filter(DerivacionQuerySet.q_vencidas(hoy))
    conteos = contar_hasta_varios(subconsultas, TOPE_CONTEO + 1)
    # Above the tope as soon as one open state is: the sum of capped counts keeps that meaning.
    conteos["abiertas"] = min(sum(conteos[e] for e in ESTADOS_DERIVACION_ABIERTOS), TOPE_CONTEO + 1)
    return conteos


def conteo_visible(n: int) -> int | str:
    """A tab's count as shown: the number, or "más de 1.000" above TOPE_CONTEO."""
    return conteo_con_tope(n, TOPE_CONTEO)


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


def datos_compartidos(derivacion: Derivacion) -> list[tuple[str, str]]:
    """Extra person fields the destination sees (its `campos_persona`), as (label, value).

    Nothing without the person's consent. The minimum (name, phone, email, languages,
    interpreter) is shown by the templates themselves.
    """
    from oficina.choices import CampoPersona

    destino = derivacion.destino
    if not derivacion.consentimiento or destino is None:
        return []
    persona = derivacion.persona
    filas = []
    for campo in destino.campos_persona or []:
        if campo == CampoPersona.DOCUMENTO:
            valor = f"{persona.get_tipo_documento_display()} {persona.documento_display}".strip()
        elif campo == CampoPersona.FECHA_NACIMIENTO:
            valor = persona.fecha_nacimiento.strftime("%d-%m-%Y") if persona.fecha_nacimiento else ""
        elif campo == CampoPersona.NACIONALIDAD:
            # CountryField gives a Country at run time (the stubs say str).
            valor = cast(Country, persona.nacionalidad).name if persona.nacionalidad else ""
        elif campo == CampoPersona.DIRECCION:
            valor = ", ".join(filter(None, [persona.direccion, persona.comuna]))
        elif campo == CampoPersona.SITUACION_MIGRATORIA:
            valor = persona.get_situacion_migratoria_display() if persona.situacion_migratoria else ""
        elif campo == CampoPersona.TUTOR:
            tutor = persona.tutor
            valor = f"{tutor.nombre_para_mostrar} · {tutor.telefono or '—'}" if tutor else ""
        else:
            continue
        filas.append((str(CampoPersona(campo).label), valor or "—"))
    return filas

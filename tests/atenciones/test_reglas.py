"""The domain rules, each defined once as a QuerySet method with a model property on the same
definition: referral open/overdue, case open/follow-up overdue, rights request overdue, person active.

Every case is written out: (state, date relative to today) -> expected. The queryset and the
property must agree on each row, so a list, the admin filter, an indicator and a template badge
can never disagree about the same record.
"""

import datetime

import pytest
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from atenciones.choices import EstadoCaso, EstadoDerivacion, MotivoCierre, MotivoRechazo
from atenciones.models import Caso, Derivacion, DerivacionQuerySet, Persona, SolicitudDerecho
from oficina.models import Departamento
from tests.factories import CasoFactory, DerivacionFactory, PersonaFactory

pytestmark = pytest.mark.django_db

E = EstadoDerivacion
HOY = timezone.localdate()
AYER = HOY - datetime.timedelta(days=1)
MANANA = HOY + datetime.timedelta(days=1)


def _derivacion(estado, fecha_limite):
    extra = {}
    if estado == E.RECHAZADA:
        extra["motivo_rechazo"] = MotivoRechazo.SIN_CUPO
    if estado == E.RESUELTA:
        extra["respuesta"] = "Atendida en el CESFAM."
    if estado in (E.RESUELTA, E.RECHAZADA, E.CANCELADA):
        extra["fecha_cierre"] = timezone.now()
    return DerivacionFactory(estado=estado, fecha_limite=fecha_limite, **extra)


# (state, due date, open?, overdue?)
CASOS_DERIVACION = [
    (E.ENVIADA, AYER, True, True),
    (E.ENVIADA, HOY, True, False),  # the due date itself is still on time
    (E.ENVIADA, MANANA, True, False),
    (E.RECIBIDA, AYER, True, True),
    (E.EN_ATENCION, AYER, True, True),
    (E.EN_ATENCION, MANANA, True, False),
    (E.RESUELTA, AYER, False, False),
    (E.RECHAZADA, AYER, False, False),
    (E.CANCELADA, AYER, False, False),
]


@pytest.mark.parametrize(("estado", "fecha_limite", "abierta", "vencida"), CASOS_DERIVACION)
def test_referral_open_and_overdue_agree_between_query_and_property(estado, fecha_limite, abierta, vencida):
    d = _derivacion(estado, fecha_limite)
    assert Derivacion.objects.abiertas().filter(pk=d.pk).exists() is abierta
    assert Derivacion.objects.vencidas().filter(pk=d.pk).exists() is vencida
    assert d.abierta is abierta
    assert d.vencida is vencida


def test_referral_overdue_is_relative_to_the_given_day():
    d = _derivacion(E.RECIBIDA, HOY)
    assert not Derivacion.objects.vencidas(HOY).filter(pk=d.pk).exists()
    assert Derivacion.objects.vencidas(MANANA).filter(pk=d.pk).exists()
    assert d.vencida_el(MANANA) is True


def test_referral_rules_reach_referrals_from_a_related_model(salud, educacion):
    DerivacionFactory(departamento=salud, fecha_limite=AYER)
    DerivacionFactory(departamento=salud, fecha_limite=MANANA)
    closed = _derivacion(E.RESUELTA, AYER)
    Derivacion.objects.filter(pk=closed.pk).update(departamento=salud)
    DerivacionFactory(departamento=educacion, fecha_limite=MANANA)

    filas = {
        d.pk: (d.abiertas, d.vencidas)
        for d in Departamento.objects.filter(pk__in=[salud.pk, educacion.pk]).annotate(
            abiertas=Count("derivaciones", filter=DerivacionQuerySet.q_abiertas("derivaciones__")),
            vencidas=Count("derivaciones", filter=DerivacionQuerySet.q_vencidas(prefijo="derivaciones__")),
        )
    }
    assert filas == {salud.pk: (2, 1), educacion.pk: (1, 0)}


def _caso(estado, fecha_seguimiento):
    extra = {}
    if estado == EstadoCaso.CERRADO:
        extra = {"cerrado_en": HOY, "motivo_cierre": MotivoCierre.RESUELTO}
    return CasoFactory(
        estado=estado,
        fecha_seguimiento=fecha_seguimiento,
        abierto_en=HOY - datetime.timedelta(days=30),
        **extra,
    )


# (state, follow-up date, open?, follow-up overdue?, follow-up due for "Mi día"?)
CASOS_CASO = [
    (EstadoCaso.ABIERTO, None, True, False, False),
    (EstadoCaso.ABIERTO, AYER, True, True, True),
    (EstadoCaso.ABIERTO, HOY, True, False, True),  # due today, not yet overdue
    (EstadoCaso.ABIERTO, MANANA, True, False, False),
    (EstadoCaso.SEGUIMIENTO, AYER, True, True, True),
    (EstadoCaso.SEGUIMIENTO, MANANA, True, False, False),
    (EstadoCaso.CERRADO, AYER, False, False, False),  # a closed case has nothing overdue
    (EstadoCaso.CERRADO, None, False, False, False),
]


@pytest.mark.parametrize(("estado", "fecha", "abierto", "vencido", "pendiente"), CASOS_CASO)
def test_case_open_and_follow_up_overdue_agree_between_query_and_property(
    estado, fecha, abierto, vencido, pendiente
):
    c = _caso(estado, fecha)
    assert Caso.objects.abiertos().filter(pk=c.pk).exists() is abierto
    assert Caso.objects.seguimiento_vencido().filter(pk=c.pk).exists() is vencido
    assert Caso.objects.seguimiento_pendiente().filter(pk=c.pk).exists() is pendiente
    assert c.abierto is abierto
    assert c.seguimiento_vencido is vencido


def _solicitud(estado, recibida_el):
    extra = {}
    if estado in (SolicitudDerecho.Estado.RESPONDIDA, SolicitudDerecho.Estado.RECHAZADA):
        extra = {"respondida_el": HOY, "resultado": "Respondida por correo."}
    return SolicitudDerecho.objects.create(
        tipo=SolicitudDerecho.Tipo.ACCESO,
        solicitante="Ana Pérez",
        estado=estado,
        recibida_el=recibida_el,
        **extra,
    )


S = SolicitudDerecho.Estado
HACE_31 = HOY - datetime.timedelta(days=31)  # due yesterday (30 calendar days)
HACE_30 = HOY - datetime.timedelta(days=30)  # due today

# (state, received on, overdue?)
CASOS_SOLICITUD = [
    (S.RECIBIDA, HACE_31, True),
    (S.RECIBIDA, HACE_30, False),
    (S.EN_CURSO, HACE_31, True),
    (S.EN_CURSO, HOY, False),
    (S.RESPONDIDA, HACE_31, False),
    (S.RECHAZADA, HACE_31, False),
]


@pytest.mark.parametrize(("estado", "recibida_el", "vencida"), CASOS_SOLICITUD)
def test_rights_request_overdue_agrees_between_query_and_property(estado, recibida_el, vencida):
    s = _solicitud(estado, recibida_el)
    assert SolicitudDerecho.objects.vencidas().filter(pk=s.pk).exists() is vencida
    assert s.vencida is vencida
    assert s.abierta is (estado in (S.RECIBIDA, S.EN_CURSO))
    assert SolicitudDerecho.objects.abiertas().filter(pk=s.pk).exists() is s.abierta


# (anonymised?, blocked?, active?)
CASOS_PERSONA = [
    (False, False, True),
    (False, True, False),
    (True, False, False),
]


@pytest.mark.parametrize(("anonimizada", "bloqueada", "activa"), CASOS_PERSONA)
def test_person_active_means_neither_anonymised_nor_blocked(anonimizada, bloqueada, activa):
    p = PersonaFactory()
    Persona.objects.filter(pk=p.pk).update(
        bloqueada=bloqueada, anonimizada_en=timezone.now() if anonimizada else None
    )
    p.refresh_from_db()
    assert Persona.objects.activas().filter(pk=p.pk).exists() is activa
    assert p.activa is activa


def test_case_pages_flag_an_overdue_follow_up_only_on_open_cases(client, profesional):
    abierto = _caso(EstadoCaso.ABIERTO, AYER)
    cerrado = _caso(EstadoCaso.CERRADO, AYER)
    client.force_login(profesional)
    assert 'text-bg-danger">vencido' in client.get(reverse("equipo:caso", args=[abierto.pk])).content.decode()
    assert (
        'text-bg-danger">vencido'
        not in client.get(reverse("equipo:caso", args=[cerrado.pk])).content.decode()
    )

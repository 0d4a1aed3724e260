"""Mi día: my attentions today, my open cases, follow-ups due and overdue, referrals I sent that wait."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from atenciones.choices import EstadoCaso, EstadoDerivacion
from tests.factories import AtencionFactory, CasoFactory, DerivacionFactory, PersonaFactory

pytestmark = pytest.mark.django_db

URL = reverse("equipo:mi_dia")


def test_my_day_lists_my_work_with_links(client, profesional, salud):
    hoy = timezone.localdate()
    persona = PersonaFactory(nombres="Yusmary", apellidos="Peña")
    hoy_atencion = AtencionFactory(persona=persona, profesional=profesional)
    caso = CasoFactory(asignado_a=profesional, fecha_seguimiento=hoy - datetime.timedelta(days=3))
    seguimiento = AtencionFactory(
        profesional=profesional,
        fecha_hora=timezone.now() - datetime.timedelta(days=10),
        fecha_seguimiento=hoy - datetime.timedelta(days=1),
    )
    vencida = DerivacionFactory(
        derivado_por=profesional, departamento=salud, fecha_limite=hoy - datetime.timedelta(days=2)
    )
    ajeno = CasoFactory()
    client.force_login(profesional)
    html = client.get(URL).content.decode()
    assert reverse("equipo:persona", args=[hoy_atencion.persona_id]) in html
    assert "Yusmary Peña" in html
    assert reverse("equipo:caso", args=[caso.pk]) in html
    assert reverse("equipo:caso", args=[ajeno.pk]) not in html
    assert reverse("equipo:persona", args=[seguimiento.persona_id]) in html
    assert vencida.codigo in html
    assert "1 vencidas" in html
    assert "vencido el" in html


def test_a_follow_up_done_by_a_later_attention_is_not_pending(client, profesional):
    hoy = timezone.localdate()
    anterior = AtencionFactory(
        profesional=profesional,
        fecha_hora=timezone.now() - datetime.timedelta(days=10),
        fecha_seguimiento=hoy - datetime.timedelta(days=1),
        notas="primera",
    )
    AtencionFactory(persona=anterior.persona, profesional=profesional)
    client.force_login(profesional)
    contexto = client.get(URL).context
    assert contexto["seguimientos"]["items"] == []


def test_closed_cases_and_answered_referrals_are_not_listed(client, profesional, salud):
    hoy = timezone.localdate()
    CasoFactory(asignado_a=profesional, estado=EstadoCaso.CERRADO, cerrado_en=hoy, motivo_cierre="resuelto")
    DerivacionFactory(
        derivado_por=profesional, departamento=salud, estado=EstadoDerivacion.RESUELTA, respuesta="Atendida"
    )
    client.force_login(profesional)
    contexto = client.get(URL).context
    assert contexto["casos"]["total"] == 0
    assert contexto["derivaciones"]["total"] == 0


def test_liaison_sees_my_day_without_casework(client, enlace_salud):
    client.force_login(enlace_salud)
    respuesta = client.get(URL)
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Mis casos abiertos" not in html
    assert reverse("equipo:personas") not in html


def test_nav_shows_persons_and_cases_only_to_office_staff(client, profesional):
    client.force_login(profesional)
    html = client.get(URL).content.decode()
    assert reverse("equipo:personas") in html
    assert reverse("equipo:casos") in html


def test_anonymous_goes_to_login(client):
    respuesta = client.get(URL)
    assert respuesta.url == f"{reverse('login')}?next={URL}"


def test_my_day_query_count_does_not_grow(client, profesional, salud, django_assert_max_num_queries):
    # More items than each block lists (15): blocks are sliced and counted, with select_related.
    hoy = timezone.localdate()
    for _ in range(20):
        AtencionFactory(profesional=profesional)
        CasoFactory(asignado_a=profesional, fecha_seguimiento=hoy - datetime.timedelta(days=1))
        AtencionFactory(
            profesional=profesional,
            fecha_hora=timezone.now() - datetime.timedelta(days=5),
            fecha_seguimiento=hoy,
        )
        DerivacionFactory(derivado_por=profesional, departamento=salud)
    client.force_login(profesional)
    # 8 per request + one page per block (attentions today, cases, follow-up cases, attention
    # follow-ups, referrals, next steps) + the topics of today's attentions + the persons of every
    # block (one query) + every full block's capped count and the overdue referrals' (one query).
    with django_assert_max_num_queries(17):
        respuesta = client.get(URL)
    assert respuesta.status_code == 200
    assert respuesta.context["casos"]["total"] == 20


def test_my_day_counts_up_to_a_cap_and_says_more(client, profesional, salud, monkeypatch):
    # A professional holding millions of attentions (issue 16): each block counts up to a cap.
    monkeypatch.setattr("atenciones.selectors.mi_dia.TOPE_CONTEO", 16)
    monkeypatch.setattr("atenciones.selectors.mi_dia.LIMITE_MI_DIA", 15)
    monkeypatch.setattr("atenciones.selectors.mi_dia.LIMITE_HOY", 15)
    hoy = timezone.localdate()
    for i in range(17):
        AtencionFactory(profesional=profesional)
        CasoFactory(asignado_a=profesional)
        DerivacionFactory(
            derivado_por=profesional,
            departamento=salud,
            fecha_limite=hoy - datetime.timedelta(days=1) if i < 3 else hoy + datetime.timedelta(days=9),
        )
    client.force_login(profesional)
    html = client.get(URL).content.decode()
    assert "Mis atenciones de hoy (más de 16)" in html
    assert "Mis casos abiertos (más de 16)" in html
    assert "Derivaciones que envié y esperan (más de 16, 3 vencidas)" in html

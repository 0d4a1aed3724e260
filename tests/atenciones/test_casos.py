"""Cases: list and filters, bulk reassign, open, edit without lost update, close with reason, reopen."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from atenciones.choices import EstadoCaso, Prioridad
from atenciones.models import Caso
from oficina import roles
from oficina.choices import Area
from tests.factories import CasoFactory, PersonaFactory, UserFactory

pytestmark = pytest.mark.django_db

LISTA = reverse("equipo:casos")


@pytest.fixture
def colega(db):
    return UserFactory(username="colega", first_name="Fernanda", last_name="Soto", grupo=roles.PROFESIONAL)


def _ids(respuesta):
    return {c.pk for c in respuesta.context["pagina"]}


def test_list_filters_by_state_priority_professional_area_and_overdue(client, profesional, colega):
    hoy = timezone.localdate()
    mio = CasoFactory(asignado_a=profesional, prioridad=Prioridad.ALTA, area=Area.SALUD)
    vencido = CasoFactory(asignado_a=colega, fecha_seguimiento=hoy - datetime.timedelta(days=2))
    cerrado = CasoFactory(
        asignado_a=profesional, estado=EstadoCaso.CERRADO, cerrado_en=hoy, motivo_cierre="resuelto"
    )
    client.force_login(profesional)
    assert _ids(client.get(LISTA)) == {mio.pk, vencido.pk}
    assert _ids(client.get(LISTA, {"estado": "cerrado"})) == {cerrado.pk}
    assert _ids(client.get(LISTA, {"estado": "todos"})) == {mio.pk, vencido.pk, cerrado.pk}
    assert _ids(client.get(LISTA, {"prioridad": "alta"})) == {mio.pk}
    assert _ids(client.get(LISTA, {"asignado": colega.pk})) == {vencido.pk}
    assert _ids(client.get(LISTA, {"area": "salud"})) == {mio.pk}
    assert _ids(client.get(LISTA, {"vencidos": "on"})) == {vencido.pk}
    # A bad filter value or page number never fails.
    assert client.get(LISTA, {"asignado": "abc", "page": "x"}).status_code == 200


def test_long_list_is_counted_up_to_the_cap_and_says_more(client, profesional, monkeypatch):
    # A full count of the open cases grows with the data (issue 16): the list counts up to a cap.
    monkeypatch.setattr("atenciones.paginacion.PaginadorAcotado.TOPE", 2)
    CasoFactory.create_batch(3, asignado_a=profesional)
    client.force_login(profesional)
    html = client.get(LISTA).content.decode()
    assert "Más de 2 casos: filtre para acotar." in html
    assert "3 casos." not in html
    html = client.get(LISTA, {"prioridad": "alta"}).content.decode()
    assert "Más de" not in html


def test_bulk_reassign_moves_the_marked_open_cases(client, profesional, colega):
    casos = CasoFactory.create_batch(3, asignado_a=profesional)
    client.force_login(profesional)
    respuesta = client.post(
        reverse("equipo:casos_reasignar"),
        {"casos": [casos[0].pk, casos[1].pk], "asignado_a": colega.pk, "volver": "estado=todos"},
    )
    assert respuesta.status_code == 302
    assert respuesta.url == f"{LISTA}?estado=todos"
    assert Caso.objects.filter(asignado_a=colega).count() == 2
    assert Caso.objects.get(pk=casos[2].pk).asignado_a == profesional


def test_cases_cannot_be_assigned_to_a_liaison(client, profesional, enlace_salud):
    caso = CasoFactory(asignado_a=profesional)
    client.force_login(profesional)
    client.post(reverse("equipo:casos_reasignar"), {"casos": [caso.pk], "asignado_a": enlace_salud.pk})
    assert Caso.objects.get(pk=caso.pk).asignado_a == profesional


def test_open_a_case_from_the_person(client, profesional):
    persona = PersonaFactory()
    client.force_login(profesional)
    respuesta = client.post(
        reverse("equipo:caso_nuevo", args=[persona.pk]),
        {
            "motivo": "Matrícula escolar",
            "area": "educacion",
            "prioridad": "media",
            "asignado_a": profesional.pk,
        },
    )
    caso = Caso.objects.get()
    assert respuesta.url == reverse("equipo:caso", args=[caso.pk])
    assert caso.persona == persona
    assert caso.estado == EstadoCaso.ABIERTO


def test_close_needs_a_reason_then_reopen(client, profesional):
    caso = CasoFactory(asignado_a=profesional)
    client.force_login(profesional)
    url = reverse("equipo:caso_cerrar", args=[caso.pk])
    assert "Cerrar caso" in client.get(url).content.decode()
    sin_motivo = client.post(url, {"nota": "Se resolvió"})
    assert sin_motivo.status_code == 200
    assert "Se resolvió" in sin_motivo.content.decode()
    assert Caso.objects.get().estado == EstadoCaso.ABIERTO
    client.post(url, {"motivo_cierre": "resuelto", "nota": "Obtuvo su residencia."})
    caso.refresh_from_db()
    assert caso.estado == EstadoCaso.CERRADO
    assert caso.nota_cierre == "Obtuvo su residencia."
    client.post(reverse("equipo:caso_reabrir", args=[caso.pk]))
    caso.refresh_from_db()
    assert caso.estado == EstadoCaso.SEGUIMIENTO
    assert caso.cerrado_en is None


def _valores(client, caso):
    form = client.get(reverse("equipo:caso_editar", args=[caso.pk])).context["form"]
    valores = {n: form[n].value() for n in form.fields}
    valores = {
        n: (v.isoformat() if hasattr(v, "isoformat") else v) for n, v in valores.items() if v is not None
    }
    return valores


def test_edit_assigns_and_refuses_a_lost_update(client, profesional, colega):
    caso = CasoFactory(asignado_a=profesional, motivo="Regularización")
    client.force_login(profesional)
    valores = _valores(client, caso)
    # A colleague changes the priority meanwhile.
    from atenciones.services.casos import actualizar_caso

    actualizar_caso(caso=Caso.objects.get(pk=caso.pk), usuario=colega, prioridad=Prioridad.URGENTE)
    valores["asignado_a"] = colega.pk
    respuesta = client.post(reverse("equipo:caso_editar", args=[caso.pk]), valores)
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Otra persona guardó este registro" in html
    assert "Urgente" in html
    caso.refresh_from_db()
    assert caso.asignado_a == profesional
    valores["version"] = respuesta.context["form"].data["version"]
    valores["prioridad"] = "urgente"
    assert client.post(reverse("equipo:caso_editar", args=[caso.pk]), valores).status_code == 302
    caso.refresh_from_db()
    assert caso.asignado_a == colega
    assert caso.prioridad == Prioridad.URGENTE


def test_liaison_and_outsider_get_404_on_case_pages(client, enlace_salud, extrano):
    caso = CasoFactory()
    urls = [
        LISTA,
        reverse("equipo:caso", args=[caso.pk]),
        reverse("equipo:caso_editar", args=[caso.pk]),
        reverse("equipo:caso_cerrar", args=[caso.pk]),
        reverse("equipo:caso_nuevo", args=[caso.persona_id]),
    ]
    for usuario in (enlace_salud, extrano):
        client.force_login(usuario)
        for url in urls:
            assert client.get(url).status_code == 404, url


def test_anonymous_is_sent_to_login(client):
    respuesta = client.get(LISTA)
    assert respuesta.status_code == 302
    assert respuesta.url.startswith(reverse("login"))


def test_case_pages_query_counts(client, profesional, colega, django_assert_max_num_queries):
    # More cases than one page (25) across several persons and professionals: persons and
    # assignees come with select_related; the professional filter is one query.
    for _ in range(30):
        CasoFactory(asignado_a=profesional if _ % 2 else colega)
    caso = Caso.objects.first()
    client.force_login(profesional)
    # 8 per request + count, page, persons of the page, professionals in the filter and in the
    # reassign form.
    with django_assert_max_num_queries(13):
        assert client.get(LISTA).status_code == 200
    # 8 per request + case, attentions, topics, referrals.
    with django_assert_max_num_queries(12):
        assert client.get(reverse("equipo:caso", args=[caso.pk])).status_code == 200


def test_case_form_pages_query_counts(client, profesional, colega, django_assert_max_num_queries):
    # The assignee list is one query whatever the number of professionals.
    for i in range(10):
        UserFactory(username=f"prof{i}", grupo=roles.PROFESIONAL)
    caso = CasoFactory(asignado_a=profesional)
    client.force_login(profesional)
    # 8 per request + case, professionals.
    with django_assert_max_num_queries(10):
        assert client.get(reverse("equipo:caso_editar", args=[caso.pk])).status_code == 200
    # 8 per request + person, professionals.
    with django_assert_max_num_queries(10):
        assert client.get(reverse("equipo:caso_nuevo", args=[caso.persona_id])).status_code == 200
    # 8 per request + case.
    with django_assert_max_num_queries(9):
        assert client.get(reverse("equipo:caso_cerrar", args=[caso.pk])).status_code == 200

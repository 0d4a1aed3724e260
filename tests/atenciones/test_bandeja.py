"""The liaison's inbox: scope, tabs with counts, overdue first, pagination, query count."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from atenciones.choices import EstadoDerivacion
from atenciones.models import Derivacion
from tests.factories import DerivacionFactory, OrganizacionFactory

pytestmark = pytest.mark.django_db
E = EstadoDerivacion
URL = reverse("equipo:bandeja")


def test_inbox_shows_only_the_liaisons_department(client, enlace_salud, salud, educacion):
    propia = DerivacionFactory(departamento=salud)
    ajena = DerivacionFactory(departamento=educacion)
    externa = DerivacionFactory(departamento=None, organizacion=OrganizacionFactory())
    client.force_login(enlace_salud)
    html = client.get(URL).content.decode()
    assert propia.codigo in html
    assert ajena.codigo not in html
    assert externa.codigo not in html


def test_inbox_puts_overdue_first_and_flags_them(client, enlace_salud, salud):
    hoy = timezone.localdate()
    a_tiempo = DerivacionFactory(departamento=salud, fecha_limite=hoy + datetime.timedelta(days=1))
    vencida = DerivacionFactory(departamento=salud, fecha_limite=hoy - datetime.timedelta(days=3))
    client.force_login(enlace_salud)
    html = client.get(URL).content.decode()
    assert html.index(vencida.codigo) < html.index(a_tiempo.codigo)
    assert "Vencida" in html


def test_inbox_tabs_filter_by_state_with_counts(client, enlace_salud, salud):
    DerivacionFactory.create_batch(2, departamento=salud)
    recibida = DerivacionFactory(departamento=salud)
    Derivacion.objects.filter(pk=recibida.pk).update(estado=E.RECIBIDA)
    resuelta = DerivacionFactory(departamento=salud)
    Derivacion.objects.filter(pk=resuelta.pk).update(estado=E.RESUELTA, respuesta="Ok.")
    client.force_login(enlace_salud)
    respuesta = client.get(URL, {"estado": E.RECIBIDA})
    conteos = {clave: n for clave, _etiqueta, n in respuesta.context["pestanas"]}
    assert conteos["abiertas"] == 3
    assert conteos[E.ENVIADA] == 2
    assert conteos[E.RECIBIDA] == 1
    assert conteos[E.RESUELTA] == 1
    assert list(respuesta.context["pagina"].object_list) == [recibida]
    # The default tab hides what is finished.
    html = client.get(URL).content.decode()
    assert resuelta.codigo not in html
    assert resuelta.codigo in client.get(URL, {"estado": E.RESUELTA}).content.decode()


def test_inbox_survives_bad_tabs_and_pages(client, enlace_salud, salud):
    DerivacionFactory(departamento=salud)
    client.force_login(enlace_salud)
    for params in ({"estado": "<script>"}, {"pagina": "9999"}, {"pagina": "-1"}):
        assert client.get(URL, params).status_code == 200


def test_inbox_empty_state(client, enlace_salud):
    client.force_login(enlace_salud)
    assert "No hay derivaciones en esta pestaña." in client.get(URL).content.decode()


def test_office_staff_and_outsiders_get_404_on_the_inbox(client, profesional, extrano):
    for usuario in (profesional, extrano):
        client.force_login(usuario)
        assert client.get(URL).status_code == 404


def test_nav_shows_inbox_to_liaisons_and_referrals_to_staff(client, enlace_salud, profesional):
    client.force_login(enlace_salud)
    html = client.get(URL).content.decode()
    assert 'href="/equipo/bandeja/"' in html
    assert 'href="/equipo/derivaciones/"' not in html
    client.force_login(profesional)
    html = client.get(reverse("equipo:derivaciones")).content.decode()
    assert 'href="/equipo/derivaciones/"' in html
    assert 'href="/equipo/bandeja/"' not in html


def test_inbox_query_count_does_not_grow(client, enlace_salud, salud, django_assert_max_num_queries):
    # 40 referrals (more than a page): counts come from one aggregate, rows from one select.
    hoy = timezone.localdate()
    for i in range(40):
        DerivacionFactory(departamento=salud, fecha_limite=hoy + datetime.timedelta(days=i - 20))
    client.force_login(enlace_salud)
    with django_assert_max_num_queries(13):
        respuesta = client.get(URL)
    assert len(respuesta.context["pagina"].object_list) == 25


def test_inbox_tab_counts_are_exact_under_the_cap(client, enlace_salud, salud, monkeypatch):
    monkeypatch.setattr("atenciones.selectors.derivaciones.TOPE_CONTEO", 3)
    hoy = timezone.localdate()
    DerivacionFactory.create_batch(2, departamento=salud, fecha_limite=hoy - datetime.timedelta(days=1))
    DerivacionFactory(departamento=salud, fecha_limite=hoy + datetime.timedelta(days=5))
    client.force_login(enlace_salud)
    respuesta = client.get(URL)
    conteos = {clave: n for clave, _etiqueta, n in respuesta.context["pestanas"]}
    assert conteos == {
        "abiertas": 3,
        "vencidas": 2,
        E.ENVIADA: 3,
        E.RECIBIDA: 0,
        E.EN_ATENCION: 0,
        E.RESUELTA: 0,
        E.RECHAZADA: 0,
        E.CANCELADA: 0,
    }
    assert respuesta.context["pagina"].paginator.num_pages == 1


def test_inbox_tab_counts_say_more_than_the_cap(client, enlace_salud, salud, monkeypatch):
    # A department with hundreds of thousands of referrals (issue 16): each tab counts up to a cap.
    monkeypatch.setattr("atenciones.selectors.derivaciones.TOPE_CONTEO", 3)
    monkeypatch.setattr("atenciones.views.bandeja.POR_PAGINA", 2)
    hoy = timezone.localdate()
    DerivacionFactory.create_batch(2, departamento=salud, fecha_limite=hoy - datetime.timedelta(days=1))
    DerivacionFactory.create_batch(2, departamento=salud, fecha_limite=hoy + datetime.timedelta(days=5))
    recibida = DerivacionFactory(departamento=salud)
    Derivacion.objects.filter(pk=recibida.pk).update(estado=E.RECIBIDA)
    client.force_login(enlace_salud)
    respuesta = client.get(URL)
    conteos = {clave: n for clave, _etiqueta, n in respuesta.context["pestanas"]}
    # 5 open (4 new + 1 received) and 4 new are above the cap of 3; 2 overdue and 1 received are not.
    assert conteos["abiertas"] == "más de 3"
    assert conteos[E.ENVIADA] == "más de 3"
    assert conteos["vencidas"] == 2
    assert conteos[E.RECIBIDA] == 1
    html = respuesta.content.decode()
    assert 'Por atender <span class="badge text-bg-secondary">más de 3</span>' in html
    # Only the first 3 (the cap) are paged: 2 pages of 2.
    assert "Página 1 de 2" in html


def test_my_day_of_a_liaison_says_more_than_the_cap(client, enlace_salud, salud, monkeypatch):
    monkeypatch.setattr("atenciones.selectors.derivaciones.TOPE_CONTEO", 3)
    DerivacionFactory.create_batch(4, departamento=salud)
    client.force_login(enlace_salud)
    html = client.get(reverse("equipo:mi_dia")).content.decode()
    assert "Derivaciones por atender en su bandeja: más de 3 (más de 3 nuevas, 0 vencidas)" in html


def test_a_liaison_without_an_active_department_sees_an_empty_inbox(client, enlace_salud, salud):
    # The liaison group stays when the department membership is ended: an inbox over no
    # department compiles to no SQL at all, and its tabs count 0 instead of failing.
    DerivacionFactory(departamento=salud)
    enlace_salud.membresias.update(activa=False)
    client.force_login(enlace_salud)
    respuesta = client.get(URL)
    assert respuesta.status_code == 200
    assert {n for _clave, _etiqueta, n in respuesta.context["pestanas"]} == {0}
    dia = client.get(reverse("equipo:mi_dia"))
    assert dia.status_code == 200
    assert "Derivaciones por atender en su bandeja: 0 (0 nuevas, 0 vencidas)" in dia.content.decode()

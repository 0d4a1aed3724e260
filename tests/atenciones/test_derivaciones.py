"""Referral pages: every move from the UI, stale pages, field errors, scope and query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from atenciones.choices import EstadoDerivacion, MotivoRechazo
from atenciones.models import Derivacion
from oficina.choices import Area, Tema
from tests.factories import (
    DerivacionFactory,
    OrganizacionFactory,
    PersonaFactory,
    ServicioFactory,
)

pytestmark = pytest.mark.django_db
E = EstadoDerivacion


def _mover(client, derivacion, nuevo, esperado=None, **extra):
    return client.post(
        reverse("equipo:derivacion_mover", args=[derivacion.pk]),
        {"nuevo_estado": nuevo, "estado_esperado": esperado or derivacion.estado, **extra},
    )


def _en(derivacion, estado):
    """Put a referral in `estado` directly (test setup only)."""
    Derivacion.objects.filter(pk=derivacion.pk).update(
        estado=estado,
        respuesta="Listo." if estado == E.RESUELTA else "",
        motivo_rechazo=MotivoRechazo.OTRO if estado == E.RECHAZADA else "",
    )
    derivacion.refresh_from_db()
    return derivacion


def test_liaison_receives_starts_and_resolves_from_the_page(client, enlace_salud, salud):
    derivacion = DerivacionFactory(departamento=salud)
    client.force_login(enlace_salud)
    assert _mover(client, derivacion, E.RECIBIDA).status_code == 302
    derivacion.refresh_from_db()
    assert _mover(client, derivacion, E.EN_ATENCION).status_code == 302
    derivacion.refresh_from_db()
    respuesta = _mover(client, derivacion, E.RESUELTA, respuesta="Inscrita en el CESFAM Placeres.")
    assert respuesta.status_code == 302
    derivacion.refresh_from_db()
    assert derivacion.estado == E.RESUELTA
    assert derivacion.respuesta == "Inscrita en el CESFAM Placeres."
    eventos = list(derivacion.eventos.values_list("estado_nuevo", "usuario__username"))
    assert eventos[1:] == [
        (E.RECIBIDA, "enlace.salud"),
        (E.EN_ATENCION, "enlace.salud"),
        (E.RESUELTA, "enlace.salud"),
    ]
    pagina = client.get(reverse("equipo:derivacion", args=[derivacion.pk]))
    assert "Inscrita en el CESFAM Placeres." in pagina.content.decode()


@pytest.mark.parametrize("desde", [E.ENVIADA, E.RECIBIDA])
def test_liaison_rejects_with_reason_and_note(client, enlace_salud, salud, desde):
    derivacion = _en(DerivacionFactory(departamento=salud), desde)
    client.force_login(enlace_salud)
    _mover(
        client, derivacion, E.RECHAZADA, motivo_rechazo=MotivoRechazo.SIN_CUPO, nota="Sin horas hasta enero."
    )
    derivacion.refresh_from_db()
    assert derivacion.estado == E.RECHAZADA
    assert derivacion.motivo_rechazo == MotivoRechazo.SIN_CUPO
    assert derivacion.eventos.last().nota == "Sin horas hasta enero."


@pytest.mark.parametrize("desde", [E.ENVIADA, E.RECIBIDA, E.EN_ATENCION])
def test_office_cancels_before_resolved(client, profesional, salud, desde):
    derivacion = _en(DerivacionFactory(departamento=salud), desde)
    client.force_login(profesional)
    _mover(client, derivacion, E.CANCELADA, nota="La persona se cambió de comuna.")
    derivacion.refresh_from_db()
    assert derivacion.estado == E.CANCELADA
    assert derivacion.eventos.last().usuario == profesional


def test_resolved_referral_cannot_be_cancelled(client, profesional, salud):
    derivacion = _en(DerivacionFactory(departamento=salud), E.RESUELTA)
    client.force_login(profesional)
    respuesta = _mover(client, derivacion, E.CANCELADA)
    derivacion.refresh_from_db()
    assert derivacion.estado == E.RESUELTA
    assert "no está disponible" in client.get(respuesta.url).content.decode()


def test_professional_cannot_make_the_departments_moves(client, profesional, salud):
    derivacion = DerivacionFactory(departamento=salud)
    client.force_login(profesional)
    _mover(client, derivacion, E.RECIBIDA)
    derivacion.refresh_from_db()
    assert derivacion.estado == E.ENVIADA
    assert derivacion.eventos.count() == 1


def test_office_head_can_act_on_any_referral(client, encargada, salud):
    derivacion = DerivacionFactory(departamento=salud)
    client.force_login(encargada)
    _mover(client, derivacion, E.RECIBIDA)
    derivacion.refresh_from_db()
    assert derivacion.estado == E.RECIBIDA


def test_office_staff_move_external_referrals(client, profesional):
    derivacion = DerivacionFactory(departamento=None, organizacion=OrganizacionFactory())
    client.force_login(profesional)
    _mover(client, derivacion, E.RECIBIDA)
    derivacion.refresh_from_db()
    _mover(client, derivacion, E.EN_ATENCION)
    derivacion.refresh_from_db()
    _mover(client, derivacion, E.RESUELTA, respuesta="La ONG la atendió el martes.")
    derivacion.refresh_from_db()
    assert derivacion.estado == E.RESUELTA


def test_stale_page_is_refused_and_changes_nothing(client, enlace_salud, salud):
    derivacion = _en(DerivacionFactory(departamento=salud), E.EN_ATENCION)
    client.force_login(enlace_salud)
    _mover(client, derivacion, E.RESUELTA, respuesta="Primera respuesta.")
    # A second tab still showing "En atención" tries to resolve again.
    respuesta = _mover(client, derivacion, E.RESUELTA, esperado=E.EN_ATENCION, respuesta="Segunda.")
    derivacion.refresh_from_db()
    assert derivacion.respuesta == "Primera respuesta."
    assert derivacion.eventos.filter(estado_nuevo=E.RESUELTA).count() == 1
    assert "cambió mientras usted la revisaba" in client.get(respuesta.url).content.decode()


def test_stale_state_for_a_still_legal_move_is_refused(client, enlace_salud, profesional, salud):
    derivacion = DerivacionFactory(departamento=salud)
    client.force_login(enlace_salud)
    _mover(client, derivacion, E.RECIBIDA)
    # The liaison's old page said "Enviada": rejecting from it must be refused although legal now.
    respuesta = _mover(client, derivacion, E.RECHAZADA, esperado=E.ENVIADA, motivo_rechazo=MotivoRechazo.OTRO)
    derivacion.refresh_from_db()
    assert derivacion.estado == E.RECIBIDA
    assert "cambió mientras usted la revisaba" in client.get(respuesta.url).content.decode()


def test_missing_response_is_a_field_error_with_input_kept(client, enlace_salud, salud):
    derivacion = _en(DerivacionFactory(departamento=salud), E.EN_ATENCION)
    client.force_login(enlace_salud)
    respuesta = _mover(client, derivacion, E.RESUELTA, respuesta="   ")
    assert respuesta.status_code == 400
    assert "Escriba la respuesta para resolver la derivación." in respuesta.content.decode()
    derivacion.refresh_from_db()
    assert derivacion.estado == E.EN_ATENCION


def test_missing_rejection_reason_keeps_the_note(client, enlace_salud, salud):
    derivacion = DerivacionFactory(departamento=salud)
    client.force_login(enlace_salud)
    respuesta = _mover(client, derivacion, E.RECHAZADA, nota="<script>alert(1)</script> nota escrita")
    html = respuesta.content.decode()
    assert respuesta.status_code == 400
    assert "Elija el motivo del rechazo." in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; nota escrita" in html
    assert "<script>alert(1)" not in html
    derivacion.refresh_from_db()
    assert derivacion.estado == E.ENVIADA


def test_liaison_gets_404_for_every_referral_not_theirs(client, enlace_educacion, salud):
    derivacion = DerivacionFactory(departamento=salud)
    client.force_login(enlace_educacion)
    for nombre in ("equipo:derivacion", "equipo:derivacion_imprimir"):
        assert client.get(reverse(nombre, args=[derivacion.pk])).status_code == 404
    assert client.get(reverse("equipo:derivacion", args=[999999])).status_code == 404
    assert _mover(client, derivacion, E.RECIBIDA).status_code == 404
    assert client.get(reverse("equipo:derivaciones")).status_code == 404
    assert client.get(reverse("equipo:derivar", args=[derivacion.persona_id])).status_code == 404


def test_liaison_sees_only_what_the_referral_needs(client, enlace_salud, salud):
    persona = PersonaFactory(
        nombres="Jean", apellidos="Pierre", idiomas=["ht"], requiere_interprete=True, sector="Cerro Alegre"
    )
    derivacion = DerivacionFactory(departamento=salud, persona=persona, motivo="Control prenatal.")
    client.force_login(enlace_salud)
    html = client.get(reverse("equipo:derivacion", args=[derivacion.pk])).content.decode()
    assert "Jean Pierre" in html
    assert persona.telefono in html
    assert "Criollo haitiano" in html
    assert "Requiere intérprete" in html
    assert "Control prenatal." in html
    assert persona.documento_display not in html
    assert "Cerro Alegre" not in html
    assert "Seguimiento de la oficina" not in html
    assert f"/equipo/personas/{persona.pk}/" not in html


def test_anonymous_user_is_sent_to_login(client, salud):
    derivacion = DerivacionFactory(departamento=salud)
    respuesta = client.get(reverse("equipo:derivacion", args=[derivacion.pk]))
    assert respuesta.status_code == 302
    assert "/cuentas/login/" in respuesta.url


def test_follow_up_of_external_referral_is_logged(client, profesional):
    derivacion = DerivacionFactory(departamento=None, organizacion=OrganizacionFactory())
    client.force_login(profesional)
    manana = timezone.localdate() + datetime.timedelta(days=1)
    respuesta = client.post(
        reverse("equipo:derivacion_seguimiento", args=[derivacion.pk]),
        {"resultado": "sin_respuesta", "nota": "Llamé dos veces.", "proxima_fecha": manana.isoformat()},
    )
    assert respuesta.status_code == 302
    seguimiento = derivacion.seguimientos.get()
    assert seguimiento.resultado == "sin_respuesta"
    assert seguimiento.proxima_fecha == manana
    html = client.get(reverse("equipo:derivacion", args=[derivacion.pk])).content.decode()
    assert "Llamé dos veces." in html


def test_follow_up_in_the_past_is_a_field_error(client, profesional):
    derivacion = DerivacionFactory(departamento=None, organizacion=OrganizacionFactory())
    client.force_login(profesional)
    ayer = timezone.localdate() - datetime.timedelta(days=1)
    respuesta = client.post(
        reverse("equipo:derivacion_seguimiento", args=[derivacion.pk]),
        {"resultado": "contactado", "nota": "Nota que queda.", "proxima_fecha": ayer.isoformat()},
    )
    assert respuesta.status_code == 400
    assert "no puede estar en el pasado" in respuesta.content.decode()
    assert "Nota que queda." in respuesta.content.decode()
    assert not derivacion.seguimientos.exists()


def test_office_list_filters_by_destination_state_overdue_and_dates(client, profesional, salud, educacion):
    hoy = timezone.localdate()
    vencida = DerivacionFactory(departamento=salud, fecha_limite=hoy - datetime.timedelta(days=2))
    a_tiempo = DerivacionFactory(departamento=salud)
    otra = _en(DerivacionFactory(departamento=educacion), E.RECIBIDA)
    externa = DerivacionFactory(departamento=None, organizacion=OrganizacionFactory())
    client.force_login(profesional)
    url = reverse("equipo:derivaciones")

    def codigos(**params):
        html = client.get(url, params).content.decode()
        return {d.codigo for d in (vencida, a_tiempo, otra, externa) if d.codigo in html}

    assert codigos() == {vencida.codigo, a_tiempo.codigo, otra.codigo, externa.codigo}
    assert codigos(destino=f"departamento:{salud.pk}") == {vencida.codigo, a_tiempo.codigo}
    assert codigos(estado=E.RECIBIDA) == {otra.codigo}
    assert codigos(vencidas="on") == {vencida.codigo}
    assert codigos(externas="on") == {externa.codigo}
    manana = (hoy + datetime.timedelta(days=1)).isoformat()
    assert codigos(desde=manana) == set()
    # The latest first, overdue ones flagged on their row.
    html = client.get(url).content.decode()
    assert html.index(externa.codigo) < html.index(vencida.codigo)
    fila_vencida = html[html.index(vencida.codigo) : html.index("</tr>", html.index(vencida.codigo))]
    fila_a_tiempo = html[html.index(a_tiempo.codigo) : html.index("</tr>", html.index(a_tiempo.codigo))]
    assert "Vencida" in fila_vencida
    assert "Vencida" not in fila_a_tiempo


def test_office_list_survives_bad_filters_and_page_numbers(client, profesional, salud):
    DerivacionFactory(departamento=salud)
    client.force_login(profesional)
    url = reverse("equipo:derivaciones")
    for params in (
        {"pagina": "999"},
        {"pagina": "x"},
        {"desde": "no-es-fecha"},
        {"destino": "departamento:abc"},
    ):
        assert client.get(url, params).status_code == 200
    respuesta = client.get(url, {"desde": "2026-12-10", "hasta": "2026-12-01"})
    assert "La fecha final no puede ser anterior a la inicial." in respuesta.content.decode()


def test_office_list_pages_are_counted_up_to_the_cap(client, profesional, salud, monkeypatch):
    # No full count of every referral (issue 16): two per page, counted up to three.
    monkeypatch.setattr("atenciones.paginacion.PaginadorAcotado.TOPE", 3)
    monkeypatch.setattr("atenciones.views.derivaciones.POR_PAGINA", 2)
    DerivacionFactory.create_batch(5, departamento=salud)
    client.force_login(profesional)
    respuesta = client.get(reverse("equipo:derivaciones"))
    assert "Página 1 de 2" in respuesta.content.decode()
    assert len(respuesta.context["pagina"]) == 2


def test_office_list_counts_waiting_external_referrals_up_to_a_cap(client, profesional, monkeypatch):
    monkeypatch.setattr("atenciones.views.derivaciones.TOPE_EXTERNAS", 2)
    url = reverse("equipo:derivaciones")
    client.force_login(profesional)
    DerivacionFactory(departamento=None, organizacion=OrganizacionFactory())
    DerivacionFactory(departamento=None, organizacion=OrganizacionFactory())
    assert "2 derivaciones externas esperan respuesta." in client.get(url).content.decode()
    DerivacionFactory(departamento=None, organizacion=OrganizacionFactory())
    assert "Más de 2 derivaciones externas esperan respuesta." in client.get(url).content.decode()


def test_new_referral_proposes_destinations_for_the_topic(client, profesional, salud, educacion):
    ong_salud = ServicioFactory(area=Area.SALUD, organizacion__nombre="Clínica Solidaria").organizacion
    OrganizacionFactory(nombre="No recibe", acepta_derivaciones=False)
    persona = PersonaFactory()
    client.force_login(profesional)
    html = client.get(reverse("equipo:derivar", args=[persona.pk]), {"tema": Tema.SALUD}).content.decode()
    propuestos = html[html.index("Propuestos para el tema") : html.index("Departamentos municipales")]
    assert "Salud Municipal" in propuestos
    assert "Clínica Solidaria" in propuestos
    assert "SLEP" not in propuestos
    assert "No recibe" not in html
    assert "responde en 5 días hábiles" in html
    assert ong_salud.pk


def test_new_referral_topic_button_keeps_typed_input(client, profesional, salud):
    persona = PersonaFactory()
    client.force_login(profesional)
    respuesta = client.post(
        reverse("equipo:derivar", args=[persona.pk]),
        {"tema": Tema.SALUD, "motivo": "Texto escrito antes de cambiar el tema.", "proponer": "1"},
    )
    html = respuesta.content.decode()
    assert "Texto escrito antes de cambiar el tema." in html
    assert "Propuestos para el tema" in html
    assert not Derivacion.objects.exists()


def test_new_referral_is_sent_and_shown(client, profesional, salud, django_capture_on_commit_callbacks):
    persona = PersonaFactory()
    client.force_login(profesional)
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(
            reverse("equipo:derivar", args=[persona.pk]),
            {
                "tema": Tema.SALUD,
                "destino": f"departamento:{salud.pk}",
                "motivo": "Inscripción en CESFAM.",
                "prioridad": "media",
                "consentimiento": "on",
            },
        )
    derivacion = Derivacion.objects.get()
    assert respuesta.url == reverse("equipo:derivacion", args=[derivacion.pk])
    assert derivacion.departamento == salud
    assert derivacion.derivado_por == profesional
    assert derivacion.fecha_limite == salud.fecha_limite(timezone.localdate())


def test_new_referral_with_bad_destination_is_a_field_error(client, profesional, salud):
    persona = PersonaFactory()
    client.force_login(profesional)
    respuesta = client.post(
        reverse("equipo:derivar", args=[persona.pk]),
        {"tema": Tema.SALUD, "destino": "departamento:99999", "motivo": "Algo.", "consentimiento": "on"},
    )
    assert respuesta.status_code == 200
    assert not Derivacion.objects.exists()
    assert "Algo." in respuesta.content.decode()


def test_printed_slip_in_spanish_and_haitian_creole(client, profesional, salud):
    salud.direccion = "Av. Argentina 864"
    salud.horario = "Lunes a viernes, 8:30 a 14:00"
    salud.save()
    persona = PersonaFactory(nombres="Jean", apellidos="Pierre", idiomas=["ht", "es"])
    derivacion = DerivacionFactory(departamento=salud, persona=persona)
    client.force_login(profesional)
    html = client.get(reverse("equipo:derivacion_imprimir", args=[derivacion.pk])).content.decode()
    for texto in (
        derivacion.codigo,
        "Jean Pierre",
        persona.documento_display,
        "Av. Argentina 864",
        "Lunes a viernes",
    ):
        assert texto in html
    assert "Hoja de derivación" in html
    assert "Fèy referans" in html
    assert "impresion.css" in html


def test_printed_slip_in_english_for_english_speakers(client, profesional, salud):
    derivacion = DerivacionFactory(departamento=salud, persona=PersonaFactory(idiomas=["en"]))
    client.force_login(profesional)
    html = client.get(reverse("equipo:derivacion_imprimir", args=[derivacion.pk])).content.decode()
    assert "Referral slip" in html


def test_printed_slip_only_spanish_otherwise(client, profesional, salud):
    derivacion = DerivacionFactory(departamento=salud, persona=PersonaFactory(idiomas=["es"]))
    client.force_login(profesional)
    html = client.get(reverse("equipo:derivacion_imprimir", args=[derivacion.pk])).content.decode()
    assert "Referral slip" not in html
    assert "Fèy referans" not in html


def test_office_list_query_count_does_not_grow(client, profesional, salud, django_assert_max_num_queries):
    # 30 referrals (more than one page): related rows come in one query each (prefetch), not per row.
    for _ in range(30):
        DerivacionFactory(departamento=salud)
    client.force_login(profesional)
    with django_assert_max_num_queries(17):
        assert client.get(reverse("equipo:derivaciones")).status_code == 200


def test_detail_query_count_does_not_grow_with_history(
    client, profesional, salud, django_assert_max_num_queries
):
    # Many events and follow-ups on one referral: history is prefetched, not queried per row.
    derivacion = _en(DerivacionFactory(departamento=None, organizacion=OrganizacionFactory()), E.RECIBIDA)
    from atenciones.services import registrar_seguimiento

    for _ in range(10):
        registrar_seguimiento(derivacion=derivacion, usuario=profesional, resultado="contactado")
    client.force_login(profesional)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("equipo:derivacion", args=[derivacion.pk])).status_code == 200


def test_timeline_partial_shows_state_and_full_history(enlace_salud, salud):
    from django.template.loader import render_to_string

    from atenciones.services import cambiar_estado_derivacion

    derivacion = DerivacionFactory(departamento=salud)
    for paso in (E.RECIBIDA, E.EN_ATENCION, E.RESUELTA):
        cambiar_estado_derivacion(
            derivacion=derivacion,
            nuevo_estado=paso,
            usuario=enlace_salud,
            respuesta="Atendida en <b>CESFAM</b>." if paso == E.RESUELTA else "",
        )
    html = render_to_string("equipo/personas/_derivacion.html", {"derivacion": derivacion})
    assert derivacion.codigo in html
    assert "Salud Municipal" in html
    assert "Resuelta" in html
    for texto in (
        "de «Enviada» a «Recibida»",
        "de «Recibida» a «En atención»",
        "de «En atención» a «Resuelta»",
    ):
        assert texto in html
    assert "Atendida en &lt;b&gt;CESFAM&lt;/b&gt;." in html


def test_new_referral_form_query_count_does_not_grow(
    client, profesional, salud, django_assert_max_num_queries
):
    # Many organisations with services: destinations come from three queries, not one per option.
    for _ in range(15):
        ServicioFactory(area=Area.SALUD)
    persona = PersonaFactory()
    client.force_login(profesional)
    with django_assert_max_num_queries(13):
        respuesta = client.get(reverse("equipo:derivar", args=[persona.pk]), {"tema": Tema.SALUD})
    assert respuesta.status_code == 200


def test_printed_slip_query_count(client, profesional, salud, django_assert_max_num_queries):
    # The slip reads one referral with its person, destination and professional in one query.
    derivacion = DerivacionFactory(departamento=salud)
    client.force_login(profesional)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("equipo:derivacion_imprimir", args=[derivacion.pk])).status_code == 200

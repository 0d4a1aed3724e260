"""Issue #13, point 5: attaching or detaching attentions and referrals from the person page."""

import pytest
from django.urls import reverse

from atenciones.models import Atencion, Derivacion
from atenciones.services import cerrar_caso
from tests.factories import AtencionFactory, CasoFactory, DerivacionFactory, PersonaFactory

pytestmark = pytest.mark.django_db


def _url(persona):
    return reverse("equipo:persona_vincular", args=[persona.pk])


def _mensajes(respuesta):
    return " ".join(str(m) for m in respuesta.context["messages"])


def test_person_page_offers_attach_for_loose_items_and_detach_for_attached_ones(client, profesional, salud):
    persona = PersonaFactory()
    caso = CasoFactory(persona=persona)
    AtencionFactory(persona=persona)
    AtencionFactory(persona=persona, caso=caso)
    client.force_login(profesional)
    html = client.get(reverse("equipo:persona", args=[persona.pk])).content.decode()
    assert "Vincular a caso" in html
    assert f"Desvincular del caso {caso.pk}" in html
    assert f'<option value="{caso.pk}">' in html


def test_without_open_cases_the_person_page_offers_no_attach_form(client, profesional):
    persona = PersonaFactory()
    AtencionFactory(persona=persona)
    caso = CasoFactory(persona=persona)
    AtencionFactory(persona=persona, caso=caso)
    cerrar_caso(caso=caso, motivo_cierre="resuelto", usuario=profesional)
    client.force_login(profesional)
    html = client.get(reverse("equipo:persona", args=[persona.pk])).content.decode()
    assert "Vincular a caso" not in html
    assert "Desvincular" not in html  # a closed case cannot be changed


def test_attach_an_attention_and_a_referral_from_the_person_page_then_detach(client, profesional, salud):
    persona = PersonaFactory()
    caso = CasoFactory(persona=persona)
    atencion = AtencionFactory(persona=persona)
    derivacion = DerivacionFactory(persona=persona, departamento=salud)
    client.force_login(profesional)
    for elemento in (f"atencion:{atencion.pk}", f"derivacion:{derivacion.pk}"):
        respuesta = client.post(
            _url(persona),
            {"elemento": elemento, "caso": caso.pk, "accion": "agregar", "page": "2"},
            follow=True,
        )
        assert respuesta.redirect_chain[-1][0] == reverse("equipo:persona", args=[persona.pk]) + "?page=2"
        assert f"Agregado al caso {caso.pk}." in _mensajes(respuesta)
    assert Atencion.objects.get(pk=atencion.pk).caso == caso
    assert Derivacion.objects.get(pk=derivacion.pk).caso == caso
    respuesta = client.post(
        _url(persona),
        {"elemento": f"atencion:{atencion.pk}", "caso": caso.pk, "accion": "quitar"},
        follow=True,
    )
    assert f"Quitado del caso {caso.pk}." in _mensajes(respuesta)
    assert Atencion.objects.get(pk=atencion.pk).caso is None
    assert Derivacion.objects.get(pk=derivacion.pk).caso == caso


def test_refusals_leave_everything_unchanged_with_a_clear_message(client, profesional):
    persona = PersonaFactory()
    caso = CasoFactory(persona=persona)
    otro_caso = CasoFactory(persona=persona)
    cerrado = CasoFactory(persona=persona)
    suelta = AtencionFactory(persona=persona)
    en_otro = AtencionFactory(persona=persona, caso=otro_caso)
    ajena = AtencionFactory()
    caso_ajeno = CasoFactory()
    cerrar_caso(caso=cerrado, motivo_cierre="resuelto", usuario=profesional)
    client.force_login(profesional)
    casos_rechazados = [
        # (posted data, expected message)
        ({"elemento": f"atencion:{ajena.pk}", "caso": caso.pk}, "Solo se pueden agregar atenciones"),
        ({"elemento": f"atencion:{suelta.pk}", "caso": cerrado.pk}, "El caso está cerrado"),
        ({"elemento": f"atencion:{suelta.pk}", "caso": caso_ajeno.pk}, "Elija un caso de la persona"),
        ({"elemento": f"atencion:{suelta.pk}", "caso": "x"}, "Elija un caso de la persona"),
        ({"elemento": "persona:1", "caso": caso.pk}, "Elija un caso de la persona"),
        # Stale page: attached to another case meanwhile; not moved silently.
        ({"elemento": f"atencion:{en_otro.pk}", "caso": caso.pk}, f"Ya es parte del caso {otro_caso.pk}"),
        # Stale page: detaching what was already detached.
        (
            {"elemento": f"atencion:{suelta.pk}", "caso": caso.pk, "accion": "quitar"},
            "Eso no es parte de este caso",
        ),
    ]
    for datos, mensaje in casos_rechazados:
        respuesta = client.post(_url(persona), {"accion": "agregar", **datos}, follow=True)
        assert respuesta.status_code == 200
        assert mensaje in _mensajes(respuesta), datos
    assert Atencion.objects.get(pk=suelta.pk).caso is None
    assert Atencion.objects.get(pk=en_otro.pk).caso == otro_caso
    assert Atencion.objects.get(pk=ajena.pk).caso is None


def test_liaison_and_outsider_get_404_and_change_nothing(client, enlace_salud, extrano):
    persona = PersonaFactory()
    caso = CasoFactory(persona=persona)
    atencion = AtencionFactory(persona=persona)
    for usuario in (enlace_salud, extrano):
        client.force_login(usuario)
        respuesta = client.post(_url(persona), {"elemento": f"atencion:{atencion.pk}", "caso": caso.pk})
        assert respuesta.status_code == 404
    assert Atencion.objects.get(pk=atencion.pk).caso is None
    assert client.get(_url(persona)).status_code == 405


def test_attach_forms_keep_the_person_page_query_count_pinned(
    client, profesional, salud, django_assert_max_num_queries
):
    # Open cases are loaded once for every form; attached and loose items alike add no query.
    persona = PersonaFactory()
    casos = CasoFactory.create_batch(4, persona=persona)
    for i in range(10):
        AtencionFactory(persona=persona, caso=casos[i % 4] if i % 2 else None)
    DerivacionFactory.create_batch(4, persona=persona, departamento=salud, caso=casos[0])
    client.force_login(profesional)
    # Same budget as the person page without the forms (tests/atenciones/test_personas.py).
    with django_assert_max_num_queries(20):
        html = client.get(reverse("equipo:persona", args=[persona.pk])).content.decode()
    assert "Vincular a caso" in html and "Desvincular del caso" in html

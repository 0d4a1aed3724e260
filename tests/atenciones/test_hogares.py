"""Households: create one from a person, add members with their relation, link a child to a guardian."""

import pytest
from django.urls import reverse

from atenciones.models import Hogar, Persona
from tests.factories import HogarFactory, PersonaFactory

pytestmark = pytest.mark.django_db


def test_create_household_with_the_person_as_first_member(client, profesional):
    persona = PersonaFactory(apellidos="Joseph Pierre")
    client.force_login(profesional)
    formulario = client.get(reverse("equipo:hogar_nuevo"), {"persona": persona.pk}).content.decode()
    assert "Familia Joseph" in formulario
    respuesta = client.post(
        reverse("equipo:hogar_nuevo"),
        {
            "persona": persona.pk,
            "nombre": "Familia Joseph",
            "direccion": "Cerro Barón",
            "relacion": "jefatura",
        },
    )
    hogar = Hogar.objects.get()
    assert respuesta.url == reverse("equipo:hogar", args=[hogar.pk])
    persona.refresh_from_db()
    assert persona.hogar == hogar
    assert persona.relacion_hogar == "jefatura"


def test_add_members_and_link_a_child_to_their_guardian(client, profesional):
    hogar = HogarFactory()
    madre = PersonaFactory(nombres="Marie", apellidos="Joseph", hogar=hogar, relacion_hogar="jefatura")
    hija = PersonaFactory(nombres="Nadège", apellidos="Joseph", nna=True)
    client.force_login(profesional)
    busqueda = client.get(reverse("equipo:hogar", args=[hogar.pk]), {"q": "nadege"})
    assert [p.pk for p in busqueda.context["candidatos"]] == [hija.pk]
    client.post(reverse("equipo:hogar_agregar", args=[hogar.pk]), {"persona": hija.pk, "relacion": "hijo"})
    client.post(reverse("equipo:hogar_tutor", args=[hogar.pk]), {"persona": hija.pk, "tutor": madre.pk})
    hija.refresh_from_db()
    assert hija.hogar == hogar
    assert hija.relacion_hogar == "hijo"
    assert hija.tutor == madre
    pagina = client.get(reverse("equipo:persona", args=[madre.pk])).content.decode()
    assert reverse("equipo:persona", args=[hija.pk]) in pagina


def test_guardian_must_be_an_adult_of_the_same_household(client, profesional):
    hogar = HogarFactory()
    nino = PersonaFactory(hogar=hogar, nna=True)
    otro_nino = PersonaFactory(hogar=hogar, nna=True)
    de_afuera = PersonaFactory()
    client.force_login(profesional)
    for tutor in (otro_nino, de_afuera):
        client.post(reverse("equipo:hogar_tutor", args=[hogar.pk]), {"persona": nino.pk, "tutor": tutor.pk})
    nino.refresh_from_db()
    assert nino.tutor is None


def test_a_member_of_another_household_is_not_moved_silently(client, profesional):
    hogar, otro = HogarFactory(), HogarFactory()
    persona = PersonaFactory(hogar=otro)
    client.force_login(profesional)
    respuesta = client.post(
        reverse("equipo:hogar_agregar", args=[hogar.pk]),
        {"persona": persona.pk, "relacion": "pareja"},
        follow=True,
    )
    assert "ya pertenece a otro hogar" in respuesta.content.decode()
    assert Persona.objects.get(pk=persona.pk).hogar == otro


def test_removing_a_member_unlinks_their_wards(client, profesional):
    hogar = HogarFactory()
    padre = PersonaFactory(hogar=hogar)
    hijo = PersonaFactory(hogar=hogar, nna=True, tutor=padre)
    client.force_login(profesional)
    confirmar = client.get(reverse("equipo:hogar_quitar", args=[hogar.pk]), {"persona": padre.pk})
    assert "quedarán sin adulto responsable" in confirmar.content.decode()
    assert Persona.objects.get(pk=padre.pk).hogar == hogar
    client.post(reverse("equipo:hogar_quitar", args=[hogar.pk]), {"persona": padre.pk})
    padre.refresh_from_db()
    hijo.refresh_from_db()
    assert padre.hogar is None
    assert hijo.tutor is None


def test_household_page_query_count(client, profesional, django_assert_max_num_queries):
    # Many members, several children each with a guardian select: the adults list is built once.
    hogar = HogarFactory()
    adultos = PersonaFactory.create_batch(4, hogar=hogar, apellidos="Mamani")
    for _ in range(6):
        PersonaFactory(hogar=hogar, nna=True, tutor=adultos[0], apellidos="Mamani")
    PersonaFactory.create_batch(15, apellidos="Mamani")
    client.force_login(profesional)
    # 8 per request + household, members (with guardians), candidates count and page.
    with django_assert_max_num_queries(12):
        respuesta = client.get(reverse("equipo:hogar", args=[hogar.pk]), {"q": "mamani"})
    assert respuesta.status_code == 200
    assert len(respuesta.context["candidatos"]) == 10


def test_liaison_gets_404_on_households(client, enlace_salud):
    hogar = HogarFactory()
    client.force_login(enlace_salud)
    assert client.get(reverse("equipo:hogar", args=[hogar.pk])).status_code == 404
    assert client.get(reverse("equipo:hogar_nuevo")).status_code == 404


def test_new_household_form_query_count(client, profesional, django_assert_max_num_queries):
    persona = PersonaFactory()
    client.force_login(profesional)
    # 8 per request + the person.
    with django_assert_max_num_queries(9):
        assert client.get(reverse("equipo:hogar_nuevo"), {"persona": persona.pk}).status_code == 200

"""Register a person (validation, consent, duplicates), the person page, and editing without lost updates."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from atenciones.choices import TipoDocumento
from atenciones.models import Persona
from tests.factories import (
    AtencionFactory,
    CasoFactory,
    DerivacionFactory,
    HogarFactory,
    PersonaFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NUEVA = reverse("equipo:persona_nueva")


def datos(**cambios):
    base = {
        "nombres": "Rosángela",
        "apellidos": "Briceño Márquez",
        "fecha_nacimiento": "1991-03-14",
        "sexo": "mujer",
        "genero": "femenino",
        "nacionalidad": "VE",
        "tipo_documento": "run",
        "documento_numero": "12.345.678-5",
        "telefono": "+56 9 5555 1234",
        "comuna": "Valparaíso",
        "situacion_migratoria": "residencia_en_tramite",
        "idiomas": ["es"],
        "consentimiento": "on",
    }
    base.update(cambios)
    return {k: v for k, v in base.items() if v is not None}


def test_professional_registers_a_person_with_consent(client, profesional, settings):
    settings.AVISO_PRIVACIDAD_VERSION = "2026-12"
    client.force_login(profesional)
    respuesta = client.post(NUEVA, datos())
    persona = Persona.objects.get()
    assert respuesta.status_code == 302
    assert respuesta.url == reverse("equipo:persona", args=[persona.pk])
    assert persona.documento_numero == "123456785"
    assert persona.telefono == "+56955551234"
    assert persona.consentimiento_version == "2026-12"
    assert persona.consentimiento_registrado_por == profesional
    assert persona.consentimiento_fecha is not None
    assert persona.creado_por == profesional
    assert "rosangela briceno marquez" in persona.busqueda


def test_registration_needs_consent_and_keeps_input(client, profesional):
    client.force_login(profesional)
    respuesta = client.post(NUEVA, datos(consentimiento=None))
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Registre el consentimiento" in html
    assert 'value="Rosángela"' in html
    assert not Persona.objects.exists()


@pytest.mark.parametrize(
    ("cambios", "mensaje"),
    [
        ({"documento_numero": "12.345.678-9"}, "dígito verificador"),
        ({"fecha_nacimiento": "2999-01-01"}, "no puede estar en el futuro"),
        ({"fecha_nacimiento": "1850-01-01"}, "no es plausible"),
        ({"nombres": "   "}, "Indique al menos un nombre"),
        ({"nombres": "x" * 400}, "menos de 150 caracteres"),
        ({"fecha_llegada_chile": "2999-01-01"}, "llegada no puede estar en el futuro"),
        ({"fecha_nacimiento": "", "edad": "300"}, "menor o igual a 120"),
    ],
)
def test_bad_input_is_refused_beside_the_field_and_kept(client, profesional, cambios, mensaje):
    client.force_login(profesional)
    respuesta = client.post(NUEVA, datos(**cambios))
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert mensaje in html
    assert "Briceño Márquez" in html
    assert not Persona.objects.exists()


def test_html_in_a_name_is_stored_as_text_and_shown_escaped(client, profesional):
    client.force_login(profesional)
    client.post(NUEVA, datos(nombres="<b>Ana</b><script>x()</script>"))
    persona = Persona.objects.get()
    html = client.get(reverse("equipo:persona", args=[persona.pk])).content.decode()
    assert "<script>x()</script>" not in html
    assert "&lt;script&gt;" in html


def test_age_instead_of_birth_date_gives_an_approximate_date(client, profesional):
    client.force_login(profesional)
    client.post(NUEVA, datos(fecha_nacimiento="", edad="34"))
    persona = Persona.objects.get()
    assert persona.fecha_nacimiento_aproximada is True
    assert persona.edad() in (33, 34)


def test_same_document_is_shown_as_very_likely_duplicate(client, profesional):
    existente = PersonaFactory(
        nombres="Rosa", apellidos="Quispe", tipo_documento=TipoDocumento.RUN, documento_numero="123456785"
    )
    client.force_login(profesional)
    respuesta = client.post(NUEVA, datos())
    html = respuesta.content.decode()
    assert "Posibles coincidencias" in html
    assert "Mismo número de documento" in html
    assert reverse("equipo:persona", args=[existente.pk]) in html
    assert Persona.objects.count() == 1


def test_near_copy_needs_a_deliberate_second_click(client, profesional):
    existente = PersonaFactory(
        nombres="Rosangela",
        apellidos="Briceno Marquez",
        fecha_nacimiento=datetime.date(1991, 3, 14),
        tipo_documento=TipoDocumento.NINGUNO,
        documento_numero="",
    )
    client.force_login(profesional)
    primera = client.post(NUEVA, datos(tipo_documento="ninguno", documento_numero=""))
    html = primera.content.decode()
    assert "Mismo nombre y fecha de nacimiento" in html
    assert "Muy probable (90 %)" in html
    assert "Registrar de todos modos" in html
    assert Persona.objects.count() == 1
    confirmar = primera.context["form"].data["confirmar"]
    assert confirmar == str(existente.pk)
    segunda = client.post(NUEVA, datos(tipo_documento="ninguno", documento_numero="", confirmar=confirmar))
    assert segunda.status_code == 302
    assert Persona.objects.count() == 2


def test_similar_name_and_same_phone_is_a_likely_duplicate(client, profesional):
    PersonaFactory(nombres="Rosangela", apellidos="Briseño", telefono="+56955551234")
    client.force_login(profesional)
    html = client.post(NUEVA, datos(documento_numero="", tipo_documento="ninguno")).content.decode()
    assert "Nombre parecido y mismo teléfono" in html


def test_person_page_shows_identity_household_and_one_timeline(client, profesional, salud):
    hogar = HogarFactory(nombre="Familia Joseph")
    persona = PersonaFactory(
        nombres="Marie",
        apellidos="Joseph",
        hogar=hogar,
        idiomas=["ht", "fr"],
        requiere_interprete=True,
        recien_llegada=True,
        modificado_por=profesional,
    )
    hija = PersonaFactory(nombres="Nadège", apellidos="Joseph", hogar=hogar, nna=True, tutor=persona)
    caso = CasoFactory(persona=persona)
    atencion = AtencionFactory(persona=persona, fecha_hora=timezone.now() - datetime.timedelta(days=3))
    derivacion = DerivacionFactory(persona=persona, departamento=salud)
    client.force_login(profesional)
    html = client.get(reverse("equipo:persona", args=[persona.pk])).content.decode()
    assert "Requiere intérprete" in html
    assert "Criollo haitiano" in html
    assert "Recién llegada" in html
    assert reverse("equipo:persona", args=[hija.pk]) in html
    assert "Adulto responsable de:" in html
    assert derivacion.codigo in html
    assert reverse("equipo:caso", args=[caso.pk]) in html
    assert atencion.notas in html
    # Newest first: the referral (now) before the attention (3 days ago).
    assert html.index(derivacion.codigo) < html.index(atencion.notas)
    assert "Última edición" in html


def test_person_page_query_count_does_not_grow_with_history(
    client, profesional, salud, django_assert_max_num_queries
):
    # A long history (more than one page of 15) with topics, cases and referrals: the page loads
    # the keys of one page, then each kind in one query (topics prefetched).
    hogar = HogarFactory()
    persona = PersonaFactory(hogar=hogar)
    PersonaFactory.create_batch(4, hogar=hogar)
    for _ in range(12):
        AtencionFactory(persona=persona, temas=["salud", "educacion"])
    CasoFactory.create_batch(5, persona=persona)
    DerivacionFactory.create_batch(6, persona=persona, departamento=salud)
    client.force_login(profesional)
    # 8 per request + person, household, wards, open cases, timeline count and page, attentions,
    # topics, cases, referrals and their events + the access-log row of the view.
    with django_assert_max_num_queries(20):
        respuesta = client.get(reverse("equipo:persona", args=[persona.pk]))
    assert respuesta.status_code == 200
    assert "Página 1 de 2" in respuesta.content.decode()
    assert client.get(reverse("equipo:persona", args=[persona.pk]), {"page": "99"}).status_code == 200


def test_liaison_and_outsider_get_404_on_person_pages(client, enlace_salud, extrano):
    persona = PersonaFactory()
    urls = [
        reverse("equipo:persona", args=[persona.pk]),
        reverse("equipo:persona_editar", args=[persona.pk]),
        reverse("equipo:persona_atencion", args=[persona.pk]),
        NUEVA,
    ]
    for usuario in (enlace_salud, extrano):
        client.force_login(usuario)
        for url in urls:
            assert client.get(url).status_code == 404, url


def test_anonymous_is_sent_to_login_then_back_to_the_person(client, profesional):
    persona = PersonaFactory()
    url = reverse("equipo:persona", args=[persona.pk])
    respuesta = client.get(url)
    assert respuesta.status_code == 302
    assert respuesta.url == f"{reverse('login')}?next={url}"
    profesional.set_password("clave-de-prueba-larga")
    profesional.save()
    despues = client.post(
        reverse("login"), {"username": "profesional", "password": "clave-de-prueba-larga", "next": url}
    )
    assert despues.url == url


def _formulario_edicion(client, persona):
    respuesta = client.get(reverse("equipo:persona_editar", args=[persona.pk]))
    form = respuesta.context["form"]
    valores = {}
    for nombre in form.fields:
        valor = form[nombre].value()
        if valor in (None, False):
            continue
        if isinstance(valor, list):
            valores[nombre] = valor
        elif isinstance(valor, datetime.date):
            valores[nombre] = valor.isoformat()
        else:
            valores[nombre] = str(valor)
    return valores


def test_edit_saves_and_records_who_changed_it(client, profesional):
    persona = PersonaFactory(nombres="Wilner", apellidos="Pierre")
    client.force_login(profesional)
    valores = _formulario_edicion(client, persona)
    valores["telefono"] = "+56 9 7777 0000"
    respuesta = client.post(reverse("equipo:persona_editar", args=[persona.pk]), valores)
    assert respuesta.status_code == 302
    persona.refresh_from_db()
    assert persona.telefono == "+56977770000"
    assert persona.modificado_por == profesional
    assert "56977770000" in persona.busqueda


def test_edit_is_refused_if_someone_saved_meanwhile_and_input_is_kept(client, profesional):
    persona = PersonaFactory(nombres="Wilner", apellidos="Pierre", telefono="+56911112222")
    client.force_login(profesional)
    valores = _formulario_edicion(client, persona)
    # Someone else saves the person after the form was opened.
    colega = UserFactory(username="colega", first_name="Fernanda", last_name="Soto")
    from atenciones.services.personas import actualizar_persona

    actualizar_persona(persona=Persona.objects.get(pk=persona.pk), usuario=colega, telefono="+56933334444")
    valores["sector"] = "Cerro Alegre"
    respuesta = client.post(reverse("equipo:persona_editar", args=[persona.pk]), valores)
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Otra persona guardó este registro" in html
    assert "Fernanda Soto" in html
    assert "+56933334444" in html
    assert 'value="Cerro Alegre"' in html
    persona.refresh_from_db()
    assert persona.sector == ""
    assert persona.telefono == "+56933334444"
    # Saving again, after reading the changes, is a deliberate choice and goes through.
    valores["version"] = respuesta.context["form"].data["version"]
    assert client.post(reverse("equipo:persona_editar", args=[persona.pk]), valores).status_code == 302
    persona.refresh_from_db()
    assert persona.sector == "Cerro Alegre"


def test_register_and_edit_forms_query_counts(client, profesional, django_assert_max_num_queries):
    # The forms list no database rows (countries and languages are fixed lists); the duplicate
    # check is one bounded query whatever the number of look-alikes.
    persona = PersonaFactory(nombres="Rosangela", apellidos="Briceno Marquez", telefono="+56955551234")
    PersonaFactory.create_batch(30, nombres="Rosangela", apellidos="Briceno Marquez")
    client.force_login(profesional)
    # 8 per request.
    with django_assert_max_num_queries(8):
        assert client.get(NUEVA).status_code == 200
    # 8 per request + person (with who edited it).
    with django_assert_max_num_queries(9):
        assert client.get(reverse("equipo:persona_editar", args=[persona.pk])).status_code == 200
    # 8 per request + the model's 4 constraint checks (each in a savepoint: 12) + look-alikes.
    with django_assert_max_num_queries(21):
        respuesta = client.post(NUEVA, datos(tipo_documento="ninguno", documento_numero=""))
    assert len(respuesta.context["duplicados"]) == 8

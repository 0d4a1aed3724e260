"""No double submit: one-time tokens on create forms, and a document registered twice at once."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from atenciones.envios import crear_una_vez, leer_token, nuevo_token
from atenciones.models import (
    Atencion,
    Caso,
    Derivacion,
    EnvioFormulario,
    Hogar,
    Persona,
    SeguimientoDerivacion,
)
from tests.factories import DerivacionFactory, PersonaFactory

pytestmark = pytest.mark.django_db


def _token(client, url, campo="envio"):
    return client.get(url).context["form"].initial[campo]


def _persona(**cambios):
    datos = {
        "nombres": "Rosa",
        "apellidos": "Quispe",
        "sexo": "no_informa",
        "genero": "no_informa",
        "tipo_documento": "ninguno",
        "comuna": "Valparaíso",
        "situacion_migratoria": "no_informa",
        "consentimiento": "on",
    }
    datos.update(cambios)
    return datos


def test_double_submit_of_the_registration_creates_one_person_and_shows_it(client, profesional):
    client.force_login(profesional)
    url = reverse("equipo:persona_nueva")
    token = _token(client, url)
    primera = client.post(url, _persona(envio=token))
    segunda = client.post(url, _persona(envio=token))
    persona = Persona.objects.get()
    assert primera.status_code == segunda.status_code == 302
    assert segunda.url == reverse("equipo:persona", args=[persona.pk])


def test_double_submit_of_an_attention_with_case_and_referral_creates_each_once(client, profesional, salud):
    persona = PersonaFactory()
    client.force_login(profesional)
    url = reverse("equipo:persona_atencion", args=[persona.pk])
    token = _token(client, url)
    datos = {
        "envio": token,
        "fecha_hora": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "canal": "presencial",
        "temas": ["salud"],
        "abrir_caso": "on",
        "caso_motivo": "Acceso a salud",
        "caso_area": "salud",
        "caso_prioridad": "media",
        "derivar": "on",
        "destino": f"d{salud.pk}",
        "der_tema": "salud",
        "der_motivo": "Inscripción en CESFAM",
        "der_prioridad": "media",
        "der_consentimiento": "on",
    }
    respuestas = [client.post(url, datos) for _ in range(2)]
    assert [r.status_code for r in respuestas] == [302, 302]
    assert respuestas[1].url == reverse("equipo:persona", args=[persona.pk])
    assert (Atencion.objects.count(), Caso.objects.count(), Derivacion.objects.count()) == (1, 1, 1)


def test_double_submit_of_case_household_referral_and_follow_up(client, profesional, salud):
    persona = PersonaFactory()
    client.force_login(profesional)
    url = reverse("equipo:caso_nuevo", args=[persona.pk])
    datos = {
        "envio": _token(client, url),
        "motivo": "Regularización",
        "area": "regularizacion",
        "prioridad": "media",
        "asignado_a": profesional.pk,
    }
    client.post(url, datos)
    client.post(url, datos)
    assert Caso.objects.count() == 1

    url = reverse("equipo:hogar_nuevo")
    datos = {"envio": _token(client, url), "nombre": "Familia Quispe", "relacion": "jefatura"}
    client.post(url, datos)
    client.post(url, datos)
    assert Hogar.objects.count() == 1

    derivacion = DerivacionFactory(departamento=salud)
    url = reverse("equipo:derivacion", args=[derivacion.pk])
    token = client.get(url).context["form_seguimiento"].initial["envio"]
    seguimiento = reverse("equipo:derivacion_seguimiento", args=[derivacion.pk])
    for _ in range(2):
        assert client.post(seguimiento, {"envio": token, "resultado": "contactado"}).status_code == 302
    assert SeguimientoDerivacion.objects.count() == 1


def test_forged_token_or_one_from_another_form_is_refused_with_a_message(client, profesional):
    client.force_login(profesional)
    url = reverse("equipo:persona_nueva")
    for token in ("inventado", nuevo_token("hogar")):
        respuesta = client.post(url, _persona(envio=token))
        assert respuesta.status_code == 200
        assert "Recargue la página" in respuesta.content.decode()
    assert not Persona.objects.exists()


def test_a_token_used_by_another_user_is_refused(profesional, encargada):
    colega = encargada
    token = leer_token(nuevo_token("persona"), "persona")
    crear_una_vez(
        token=token, formulario="persona", usuario=profesional, crear=lambda: 1, url=lambda _x: "/x/"
    )
    with pytest.raises(ValidationError):
        crear_una_vez(
            token=token, formulario="persona", usuario=colega, crear=lambda: 2, url=lambda _x: "/y/"
        )
    assert EnvioFormulario.objects.count() == 1


def test_a_failed_first_submit_leaves_the_token_free(profesional):
    token = leer_token(nuevo_token("persona"), "persona")

    def falla():
        raise ValidationError("no")

    with pytest.raises(ValidationError):
        crear_una_vez(token=token, formulario="persona", usuario=profesional, crear=falla, url=lambda _x: "")
    assert (
        crear_una_vez(
            token=token, formulario="persona", usuario=profesional, crear=lambda: 7, url=lambda _x: "/z/"
        )
        == 7
    )


def test_same_document_registered_at_the_same_moment_shows_the_warning_not_a_500(
    client, profesional, monkeypatch
):
    PersonaFactory(nombres="Rosa", apellidos="Quispe", tipo_documento="run", documento_numero="123456785")
    # The other user's row was not committed yet when this one validated: only the database sees it.
    monkeypatch.setattr(Persona, "validate_constraints", lambda self, exclude=None: None)
    monkeypatch.setattr("atenciones.forms.personas.posibles_duplicados", lambda **datos: [])
    client.force_login(profesional)
    respuesta = client.post(
        reverse("equipo:persona_nueva"),
        _persona(nombres="Rosa María", tipo_documento="run", documento_numero="12.345.678-5"),
    )
    assert respuesta.status_code == 200
    assert "Ya existe una persona con ese documento" in respuesta.content.decode()
    assert Persona.objects.count() == 1

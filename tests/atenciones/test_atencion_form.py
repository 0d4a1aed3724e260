"""Log an attention from the person page, optionally opening a case and referring: all or nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from atenciones.models import Atencion, AtencionTema, Caso, Derivacion, EventoDerivacion
from tests.factories import CasoFactory, OrganizacionFactory, PersonaFactory

pytestmark = pytest.mark.django_db


def _url(persona):
    return reverse("equipo:persona_atencion", args=[persona.pk])


def datos(**cambios):
    base = {
        "fecha_hora": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "canal": "presencial",
        "temas": ["salud", "regularizacion"],
        "notas": "Orientación sobre inscripción en CESFAM.",
        "resultado": "Orientada",
        "caso_prioridad": "media",
        "der_prioridad": "media",
    }
    base.update(cambios)
    return {k: v for k, v in base.items() if v is not None}


def test_attention_with_topics_is_logged_and_shown_on_the_timeline(client, profesional):
    persona = PersonaFactory()
    client.force_login(profesional)
    respuesta = client.post(_url(persona), datos())
    assert respuesta.status_code == 302
    atencion = Atencion.objects.get()
    assert atencion.profesional == profesional
    assert sorted(atencion.temas.values_list("tema", flat=True)) == ["regularizacion", "salud"]
    pagina = client.get(respuesta.url).content.decode()
    assert "Atención registrada." in pagina
    assert "Orientación sobre inscripción en CESFAM." in pagina


def test_the_form_opens_with_now_as_default(client, profesional):
    persona = PersonaFactory()
    client.force_login(profesional)
    html = client.get(_url(persona)).content.decode()
    assert timezone.localtime().strftime("%Y-%m-%dT") in html


def test_attention_opens_a_case_and_refers_in_one_submit(client, profesional, salud):
    persona = PersonaFactory()
    client.force_login(profesional)
    respuesta = client.post(
        _url(persona),
        datos(
            abrir_caso="on",
            caso_motivo="Acceso a salud",
            caso_area="salud",
            derivar="on",
            destino=f"d{salud.pk}",
            der_tema="salud",
            der_motivo="Inscripción en CESFAM",
            der_consentimiento="on",
        ),
    )
    assert respuesta.status_code == 302
    atencion = Atencion.objects.get()
    caso = Caso.objects.get()
    derivacion = Derivacion.objects.get()
    assert atencion.caso == caso
    assert caso.asignado_a == profesional
    assert derivacion.atencion == atencion
    assert derivacion.caso == caso
    assert derivacion.departamento == salud
    assert derivacion.codigo.startswith("D-")
    assert EventoDerivacion.objects.filter(derivacion=derivacion).count() == 1
    pagina = client.get(respuesta.url).content.decode()
    assert derivacion.codigo in pagina
    assert f"Derivación a {salud.nombre}" in pagina


def test_referral_to_an_organisation(client, profesional):
    persona = PersonaFactory()
    oim = OrganizacionFactory(nombre="OIM", acepta_derivaciones=True)
    client.force_login(profesional)
    client.post(
        _url(persona),
        datos(
            derivar="on",
            destino=f"o{oim.pk}",
            der_tema="emergencia",
            der_motivo="Ayuda",
            der_consentimiento="on",
        ),
    )
    assert Derivacion.objects.get().organizacion == oim


def test_referral_without_consent_saves_nothing_and_keeps_input(client, profesional, salud):
    persona = PersonaFactory()
    client.force_login(profesional)
    respuesta = client.post(
        _url(persona),
        datos(derivar="on", destino=f"d{salud.pk}", der_tema="salud", der_motivo="Inscripción en CESFAM"),
    )
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Se requiere el consentimiento" in html
    assert "Inscripción en CESFAM" in html
    assert "Orientación sobre inscripción en CESFAM." in html
    assert not Atencion.objects.exists()
    assert not Derivacion.objects.exists()


@pytest.mark.parametrize(
    ("cambios", "mensaje"),
    [
        ({"temas": None}, "Elija al menos un tema"),
        ({"fecha_hora": "2999-01-01T10:00"}, "no puede registrarse en el futuro"),
        ({"fecha_hora": "ayer"}, "Introduzca una fecha/hora válida"),
        ({"notas": "x" * 2100}, "menos de 2000 caracteres"),
        ({"abrir_caso": "on"}, "Indique el motivo del caso"),
        ({"derivar": "on", "destino": "d999999"}, "Escoja una opción válida"),
    ],
)
def test_bad_input_is_refused_beside_the_field(client, profesional, cambios, mensaje):
    persona = PersonaFactory()
    client.force_login(profesional)
    respuesta = client.post(_url(persona), datos(**cambios))
    assert respuesta.status_code == 200
    assert mensaje in respuesta.content.decode()
    assert not Atencion.objects.exists()


def test_a_failing_referral_rolls_back_the_attention_and_the_case(client, profesional, salud, monkeypatch):
    persona = PersonaFactory()

    def derivar_que_falla(**kwargs):
        raise ValidationError({"motivo": "El destino no acepta derivaciones."})

    monkeypatch.setattr("atenciones.services.atenciones.derivar", derivar_que_falla)
    client.force_login(profesional)
    respuesta = client.post(
        _url(persona),
        datos(
            abrir_caso="on",
            caso_motivo="Acceso a salud",
            caso_area="salud",
            derivar="on",
            destino=f"d{salud.pk}",
            der_tema="salud",
            der_motivo="Inscripción",
            der_consentimiento="on",
        ),
    )
    assert respuesta.status_code == 200
    assert "El destino no acepta derivaciones." in respuesta.content.decode()
    assert not Atencion.objects.exists()
    assert not AtencionTema.objects.exists()
    assert not Caso.objects.exists()


def test_attention_in_an_existing_case(client, profesional):
    caso = CasoFactory()
    client.force_login(profesional)
    client.post(
        _url(caso.persona),
        datos(
            caso=str(caso.pk),
            fecha_seguimiento=(timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        ),
    )
    atencion = Atencion.objects.get()
    assert atencion.caso == caso
    assert atencion.fecha_seguimiento is not None


def test_another_persons_case_cannot_be_chosen(client, profesional):
    ajeno = CasoFactory()
    persona = PersonaFactory()
    client.force_login(profesional)
    respuesta = client.post(_url(persona), datos(caso=str(ajeno.pk)))
    assert respuesta.status_code == 200
    assert not Atencion.objects.exists()


def test_attention_form_query_count(client, profesional, salud, django_assert_max_num_queries):
    # Destinations and the person's open cases are each one query, whatever their number.
    persona = PersonaFactory()
    CasoFactory.create_batch(5, persona=persona)
    for i in range(10):
        OrganizacionFactory(nombre=f"Org {i}", acepta_derivaciones=True)
    client.force_login(profesional)
    # 8 per request + person, open cases, departments, organisations.
    with django_assert_max_num_queries(12):
        assert client.get(_url(persona)).status_code == 200

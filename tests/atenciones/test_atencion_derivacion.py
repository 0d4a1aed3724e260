"""Issue #13, point 4: the referral part of the attention form behaves as the standalone form."""

import pytest
from django.urls import reverse

from atenciones.models import Derivacion
from tests.atenciones.test_atencion_form import datos
from tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def _url(persona):
    return reverse("equipo:persona_atencion", args=[persona.pk])


def test_destinations_for_the_attentions_topic_come_first_with_their_deadline(
    client, profesional, salud, educacion
):
    persona = PersonaFactory()
    client.force_login(profesional)
    # A form sent back (a missing reason) proposes destinations for the attention's topic.
    html = client.post(_url(persona), datos(temas=["salud"], derivar="on", destino="")).content.decode()
    propuestos = html[html.index("Propuestos para el tema") : html.index("no corresponden al tema")]
    assert "Salud Municipal" in propuestos
    assert "SLEP Valparaíso" not in propuestos
    assert "Plazos de respuesta: Salud Municipal: responde en 5 días hábiles, hasta el" in html


def test_the_attentions_topic_is_the_referrals_topic_when_none_is_chosen(client, profesional, salud):
    persona = PersonaFactory()
    client.force_login(profesional)
    respuesta = client.post(
        _url(persona),
        datos(
            temas=["salud"],
            derivar="on",
            destino=f"d{salud.pk}",
            der_motivo="CESFAM",
            der_consentimiento="on",
        ),
    )
    assert respuesta.status_code == 302
    assert Derivacion.objects.get().tema == "salud"


def test_a_destination_not_matching_the_topic_is_allowed(client, profesional, educacion):
    persona = PersonaFactory()
    client.force_login(profesional)
    respuesta = client.post(
        _url(persona),
        datos(
            temas=["salud"],
            derivar="on",
            destino=f"d{educacion.pk}",
            der_tema="salud",
            der_motivo="Certificado para matrícula.",
            der_consentimiento="on",
        ),
    )
    assert respuesta.status_code == 302
    assert Derivacion.objects.get().departamento == educacion

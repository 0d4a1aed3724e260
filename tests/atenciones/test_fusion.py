"""Merging two records of one person: everything moves, the other record redirects, refusals."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from atenciones.models import (
    Atencion,
    Caso,
    Derivacion,
    DocumentoIdentidad,
    Fusion,
    ParDuplicado,
    Persona,
    RegistroAcceso,
    SolicitudDerecho,
)
from atenciones.services._comun import version_de
from atenciones.services.duplicados import recalcular_pares
from atenciones.services.fusion import fusionar_personas
from atenciones.services.personas import actualizar_persona
from tests.factories import AtencionFactory, CasoFactory, DerivacionFactory, HogarFactory, PersonaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def par(salud):
    hogar = HogarFactory()
    a = PersonaFactory(
        nombres="Yusmary", apellidos="Peña González", fecha_nacimiento=datetime.date(1990, 1, 1), sexo="mujer"
    )
    b = PersonaFactory(
        nombres="Yusmari",
        apellidos="Pena",
        fecha_nacimiento=datetime.date(1990, 1, 1),
        sexo="mujer",
        hogar=hogar,
        email="yusmari@example.org",
        embarazo=True,
    )
    DocumentoIdentidad.objects.create(persona=b, tipo="pasaporte", numero="VE777888", pais_emisor="VE")
    hijo = PersonaFactory(nombres="Luis", apellidos="Peña", tutor=b, nna=True)
    AtencionFactory(persona=b)
    CasoFactory(persona=b)
    DerivacionFactory(persona=b, departamento=salud)
    SolicitudDerecho.objects.create(persona=b, tipo="acceso", solicitante="Yusmari Pena")
    RegistroAcceso.objects.create(accion="ver_persona", persona=b)
    recalcular_pares(b.pk)
    return a, b, hijo


def test_merge_moves_every_record_and_keeps_chosen_values(encargada, par):
    a, b, hijo = par
    fusion = fusionar_personas(superviviente=a, absorbida=b, usuario=encargada, elegidos=["email", "hogar"])
    assert Atencion.objects.get().persona == a
    assert Caso.objects.get().persona == a
    assert Derivacion.objects.get().persona == a
    assert DocumentoIdentidad.objects.get(numero="VE777888").persona == a
    assert SolicitudDerecho.objects.get().persona == a
    assert RegistroAcceso.objects.filter(persona=b).count() == 0
    hijo.refresh_from_db()
    assert hijo.tutor == a
    a.refresh_from_db()
    assert a.email == "yusmari@example.org"
    assert a.hogar_id is not None
    assert a.nombres == "Yusmary"  # not chosen: the survivor's value
    assert a.embarazo is True  # a flag of either record is kept
    b.refresh_from_db()
    assert b.fusionada_en == a
    # Audited: who, when, both records' values before.
    assert fusion.usuario == encargada
    assert fusion.valores_absorbida["email"] == "yusmari@example.org"
    assert fusion.valores_superviviente["nombres"] == "Yusmary"
    assert LogEntry.objects.get_for_object(a).exists()
    assert ParDuplicado.objects.get().estado == ParDuplicado.Estado.FUSIONADO


def test_merge_from_the_review_page_and_the_history_is_on_the_survivor(client, encargada, par):
    a, b, _hijo = par
    pk_par = ParDuplicado.objects.get().pk
    client.force_login(encargada)
    pagina = client.get(reverse("equipo:duplicado_fusionar", args=[pk_par]))
    assert pagina.status_code == 200
    form = pagina.context["form"]
    datos = {"queda": "a", "version_a": form.initial["version_a"], "version_b": form.initial["version_b"]}
    datos.update({nombre: form.initial[nombre] for _campo, nombre in form.filas})
    respuesta = client.post(reverse("equipo:duplicado_fusionar", args=[pk_par]), datos)
    assert respuesta.status_code == 302
    assert respuesta.url == reverse("equipo:persona", args=[a.pk])
    html = client.get(respuesta.url).content.decode()
    assert "se fusionó en esta ficha" in html
    assert "Atención" in html and "VE777888" in html
    # The tombstone's old address leads to the survivor.
    viejo = client.get(reverse("equipo:persona", args=[b.pk]))
    assert viejo.status_code == 302 and viejo.url == reverse("equipo:persona", args=[a.pk])
    # The tombstone is not listed by search any more.
    assert b.pk not in [
        p.pk for p in client.get(reverse("equipo:personas"), {"q": "yusmari"}).context["pagina"]
    ]


def test_stale_merge_page_is_refused_and_nothing_moves(client, encargada, profesional, par):
    a, b, _hijo = par
    pk_par = ParDuplicado.objects.get().pk
    client.force_login(encargada)
    form = client.get(reverse("equipo:duplicado_fusionar", args=[pk_par])).context["form"]
    datos = {"queda": "a", "version_a": form.initial["version_a"], "version_b": form.initial["version_b"]}
    datos.update({nombre: form.initial[nombre] for _campo, nombre in form.filas})
    actualizar_persona(persona=Persona.objects.get(pk=b.pk), usuario=profesional, sector="Cerro Alegre")
    respuesta = client.post(reverse("equipo:duplicado_fusionar", args=[pk_par]), datos)
    assert respuesta.status_code == 200
    assert "Alguien modificó una de las dos fichas" in respuesta.content.decode()
    assert Atencion.objects.get().persona_id == b.pk
    assert not Fusion.objects.exists()
    assert Persona.objects.get(pk=b.pk).fusionada_en_id is None


@pytest.mark.parametrize(
    ("preparar", "mensaje"),
    [
        (lambda a, b: None, "consigo misma"),
        (lambda a, b: Persona.objects.filter(pk=b.pk).update(bloqueada=True), "bloqueada"),
        (
            lambda a, b: Persona.objects.filter(pk=b.pk).update(
                anonimizada_en=datetime.datetime.now(datetime.UTC)
            ),
            "anonimizada",
        ),
        (lambda a, b: Persona.objects.filter(pk=b.pk).update(fusionada_en=a), "ya fue fusionada"),
    ],
)
def test_merge_is_refused_with_a_clear_message(encargada, par, preparar, mensaje):
    from django.core.exceptions import ValidationError

    a, b, _hijo = par
    preparar(a, b)
    otra = a if mensaje == "consigo misma" else b
    with pytest.raises(ValidationError) as error:
        fusionar_personas(superviviente=a, absorbida=otra, usuario=encargada)
    assert mensaje in " ".join(error.value.messages)
    assert Atencion.objects.get().persona_id == b.pk


def test_merging_into_a_tombstone_or_in_a_circle_is_refused(encargada, par):
    from django.core.exceptions import ValidationError

    a, b, _hijo = par
    c = PersonaFactory()
    fusionar_personas(superviviente=a, absorbida=b, usuario=encargada)
    with pytest.raises(ValidationError, match="ya fue fusionada"):
        fusionar_personas(superviviente=b, absorbida=c, usuario=encargada)
    with pytest.raises(ValidationError, match="ya fue fusionada"):
        fusionar_personas(superviviente=a, absorbida=b, usuario=encargada)


def test_professionals_cannot_merge(profesional, par):
    from django.core.exceptions import ValidationError

    a, b, _hijo = par
    with pytest.raises(ValidationError, match="Solo la encargada"):
        fusionar_personas(superviviente=a, absorbida=b, usuario=profesional)


def test_version_token_matches_the_stored_record(par):
    a, _b, _hijo = par
    assert version_de(Persona.objects.get(pk=a.pk)) == version_de(a)

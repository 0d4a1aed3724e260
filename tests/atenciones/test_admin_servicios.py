"""The admin writes through the services: persons are registered with consent and a duplicate
check, attentions keep a topic, data-subject requests move state through their service."""

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.utils import timezone

from atenciones.models import AtencionTema, Persona, SolicitudDerecho
from tests.atenciones.test_admin_version import datos_del_formulario
from tests.factories import AtencionFactory, PersonaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jefa(encargada):
    cliente = Client()
    cliente.force_login(encargada)
    return cliente


def _nueva_persona(jefa, **extra):
    datos = datos_del_formulario(jefa.get("/admin/atenciones/persona/add/"))
    datos.update(nombres="Rosángela", apellidos="Díaz", fecha_nacimiento="1990-03-12", **extra)
    return datos


def test_person_added_in_the_admin_records_consent_through_the_registration_service(jefa, encargada):
    sin_consentimiento = jefa.post("/admin/atenciones/persona/add/", _nueva_persona(jefa))
    assert sin_consentimiento.status_code == 200
    assert "Registre el consentimiento" in sin_consentimiento.content.decode()
    assert not Persona.objects.exists()

    respuesta = jefa.post("/admin/atenciones/persona/add/", _nueva_persona(jefa, consentimiento="on"))
    assert respuesta.status_code == 302
    persona = Persona.objects.get()
    assert persona.consentimiento_fecha is not None
    assert persona.consentimiento_registrado_por == encargada
    assert persona.creado_por == encargada and persona.busqueda  # the service's normalisation ran


def test_person_added_in_the_admin_is_checked_for_duplicates_first(jefa):
    existente = PersonaFactory(nombres="Rosángela", apellidos="Díaz", fecha_nacimiento="1990-03-12")
    datos = _nueva_persona(jefa, consentimiento="on")
    primera = jefa.post("/admin/atenciones/persona/add/", datos)
    assert primera.status_code == 200
    texto = primera.content.decode()
    assert "Puede que esta persona ya esté registrada" in texto and f"N° {existente.pk}" in texto
    assert Persona.objects.count() == 1
    # Saving again (the form now carries the confirmation) registers her anyway.
    segunda = jefa.post("/admin/atenciones/persona/add/", datos_del_formulario(primera))
    assert segunda.status_code == 302
    assert Persona.objects.count() == 2


def test_an_attention_keeps_at_least_one_topic_in_the_admin(jefa):
    atencion = AtencionFactory(temas=["salud"])
    url = f"/admin/atenciones/atencion/{atencion.pk}/change/"
    datos = datos_del_formulario(jefa.get(url))
    datos["temas-0-DELETE"] = "on"
    respuesta = jefa.post(url, datos)
    assert respuesta.status_code == 200
    assert "al menos un tema" in respuesta.content.decode()
    assert AtencionTema.objects.filter(atencion=atencion).count() == 1


def _solicitud(**extra):
    return SolicitudDerecho.objects.create(tipo="acceso", solicitante="Ana Pérez", **extra)


def test_rights_request_state_changes_go_through_the_service_and_are_logged(jefa, encargada):
    solicitud = _solicitud()
    url = f"/admin/atenciones/solicitudderecho/{solicitud.pk}/change/"
    datos = datos_del_formulario(jefa.get(url))
    datos.update(estado="respondida", resultado="Se entregaron los datos.")
    assert jefa.post(url, datos).status_code == 302
    solicitud.refresh_from_db()
    assert solicitud.estado == "respondida"
    assert solicitud.respondida_el == timezone.localdate()  # the service fills the date
    # The change history names who moved it.
    entrada = LogEntry.objects.get_for_object(solicitud).order_by("-pk").first()
    assert entrada.actor == encargada and entrada.changes_dict["estado"] == ["recibida", "respondida"]


def test_a_closed_rights_request_cannot_be_reopened_from_the_admin(jefa):
    solicitud = _solicitud(
        estado="rechazada", resultado="No corresponde.", respondida_el=timezone.localdate()
    )
    url = f"/admin/atenciones/solicitudderecho/{solicitud.pk}/change/"
    datos = datos_del_formulario(jefa.get(url))
    datos["estado"] = "en_curso"
    respuesta = jefa.post(url, datos)
    assert respuesta.status_code == 200
    assert "no puede pasar a" in respuesta.content.decode()
    solicitud.refresh_from_db()
    assert solicitud.estado == "rechazada"

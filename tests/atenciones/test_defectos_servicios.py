"""Defects of issue #10 part 3: a 500 on households, searches kept after erasure, guards only forms had."""

import datetime
import io

import pytest
import time_machine
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from atenciones import services
from atenciones.choices import EstadoCaso, EstadoDerivacion, MotivoCierre, ResultadoSeguimiento
from atenciones.models import Caso, Derivacion, Persona, RegistroAcceso, SeguimientoDerivacion
from atenciones.services.privacidad import anonimizar_persona
from oficina import roles
from oficina.choices import Tema
from tests.factories import (
    CasoFactory,
    DerivacionFactory,
    HogarFactory,
    OrganizacionFactory,
    PersonaFactory,
    UserFactory,
    run_valido,
)

pytestmark = pytest.mark.django_db


def _mensajes(respuesta):
    return [str(m) for m in get_messages(respuesta.wsgi_request)]


# --- Households: removing a blocked person ---------------------------------------------------------


def test_removing_a_blocked_person_from_a_household_shows_why_instead_of_failing(client, profesional):
    hogar = HogarFactory()
    persona = PersonaFactory(hogar=hogar, relacion_hogar="jefatura", bloqueada=True)
    client.force_login(profesional)
    respuesta = client.post(reverse("equipo:hogar_quitar", args=[hogar.pk]), {"persona": persona.pk})
    assert respuesta.status_code == 302
    assert respuesta.url == reverse("equipo:hogar", args=[hogar.pk])
    assert any("bloqueado" in m for m in _mensajes(respuesta))
    assert Persona.objects.get(pk=persona.pk).hogar == hogar  # nothing changed


# --- Searches are personal data ---------------------------------------------------------------------


def _busqueda(usuario, texto):
    return RegistroAcceso.objects.create(usuario=usuario, accion=RegistroAcceso.Accion.BUSCAR, detalle=texto)


def test_erasure_redacts_the_searches_that_would_have_found_the_person(client, profesional):
    persona = PersonaFactory(
        nombres="José Ángel", apellidos="Núñez Pérez", documento_numero=run_valido(12345678)
    )
    client.force_login(profesional)
    client.get(reverse("equipo:personas"), {"q": "José Núñez"})  # the real search view logs it
    por_nombre = RegistroAcceso.objects.get(accion=RegistroAcceso.Accion.BUSCAR)
    sin_tildes = _busqueda(profesional, "NUNEZ perez")
    por_documento = _busqueda(profesional, f"12.345.678-{persona.documento_numero[-1]}")
    otra_persona = _busqueda(profesional, "María Rojas")
    mismo_nombre_otro_apellido = _busqueda(profesional, "José Contreras")

    anonimizar_persona(persona=persona, usuario=profesional)

    for fila in (por_nombre, sin_tildes, por_documento):
        fila.refresh_from_db()
        assert fila.detalle == "[anonimizado]"
        assert fila.usuario == profesional  # who searched, and when, stays
    for fila in (otra_persona, mismo_nombre_otro_apellido):
        fila.refresh_from_db()
        assert fila.detalle in ("María Rojas", "José Contreras")


def test_access_log_rows_older_than_the_retention_period_are_deleted_by_the_retention_command(profesional):
    ahora = timezone.now()
    with time_machine.travel(ahora - datetime.timedelta(days=3 * 365), tick=False):
        vieja = _busqueda(profesional, "Núñez")
    with time_machine.travel(ahora - datetime.timedelta(days=365), tick=False):
        reciente = _busqueda(profesional, "Rojas")
    salida = io.StringIO()
    call_command("retencion", stdout=salida)
    assert RegistroAcceso.objects.filter(pk=vieja.pk).exists()  # listing changes nothing
    call_command("retencion", "--apply", stdout=salida)
    assert not RegistroAcceso.objects.filter(pk=vieja.pk).exists()
    assert RegistroAcceso.objects.filter(pk=reciente.pk).exists()
    assert "1 registros de acceso borrados" in salida.getvalue()


@override_settings(RETENCION_REGISTRO_ACCESOS_ANOS=5)
def test_access_log_retention_period_is_a_setting(profesional):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=3 * 365), tick=False):
        fila = _busqueda(profesional, "Núñez")
    call_command("retencion", "--apply", stdout=io.StringIO())
    assert RegistroAcceso.objects.filter(pk=fila.pk).exists()


def test_access_log_retention_defaults_to_two_years():
    from django.conf import settings

    assert settings.RETENCION_REGISTRO_ACCESOS_ANOS == 2


# --- Guards the services enforce themselves ----------------------------------------------------------


def test_referring_to_an_organisation_that_stopped_accepting_referrals_is_refused(profesional):
    organizacion = OrganizacionFactory(acepta_derivaciones=True)
    visto_en_el_formulario = type(organizacion).objects.get(pk=organizacion.pk)
    type(organizacion).objects.filter(pk=organizacion.pk).update(acepta_derivaciones=False)
    with pytest.raises(ValidationError) as exc:
        services.derivar(
            persona=PersonaFactory(),
            derivado_por=profesional,
            tema=Tema.SALUD,
            motivo="Apoyo legal",
            consentimiento=True,
            organizacion=visto_en_el_formulario,
        )
    assert "destino" in exc.value.message_dict
    assert not Derivacion.objects.exists()


def test_follow_up_on_a_referral_closed_meanwhile_is_refused(profesional):
    derivacion = DerivacionFactory(departamento=None, organizacion=OrganizacionFactory())
    copia_abierta = Derivacion.objects.get(pk=derivacion.pk)
    services.cambiar_estado_derivacion(
        derivacion=derivacion, nuevo_estado=EstadoDerivacion.CANCELADA, usuario=profesional
    )
    with pytest.raises(services.TransicionInvalida, match="ya está cerrada"):
        services.registrar_seguimiento(
            derivacion=copia_abierta, usuario=profesional, resultado=ResultadoSeguimiento.CONTACTADO
        )
    assert not SeguimientoDerivacion.objects.exists()


def _cerrado(**kwargs):
    return CasoFactory(
        estado=EstadoCaso.CERRADO,
        motivo_cierre=MotivoCierre.RESUELTO,
        cerrado_en=timezone.localdate(),
        **kwargs,
    )


def test_bulk_reassign_with_a_case_closed_meanwhile_is_refused_with_a_message(client, profesional):
    colega = UserFactory(username="colega", grupo=roles.PROFESIONAL)
    abierto = CasoFactory(asignado_a=profesional)
    cerrado = _cerrado(asignado_a=profesional)  # closed after the list was shown
    client.force_login(profesional)
    respuesta = client.post(
        reverse("equipo:casos_reasignar"), {"casos": [abierto.pk, cerrado.pk], "asignado_a": colega.pk}
    )
    assert respuesta.status_code == 302
    assert any(f"{cerrado.pk}" in m and "cerrado" in m for m in _mensajes(respuesta))
    assert set(Caso.objects.values_list("asignado_a", flat=True)) == {profesional.pk}  # nothing moved


def test_reassign_service_refuses_closed_cases(profesional, encargada):
    cerrado = _cerrado(asignado_a=profesional)
    with pytest.raises(ValidationError, match="cerrado"):
        services.reasignar_casos(casos_ids=[cerrado.pk], asignado_a=encargada, usuario=encargada)
    with pytest.raises(ValidationError, match="cerrado"):
        services.reasignar_caso(caso=cerrado, asignado_a=encargada, usuario=encargada)
    assert Caso.objects.get(pk=cerrado.pk).asignado_a == profesional


def test_admin_reassign_reports_closed_cases_and_moves_the_open_ones(admin_client, profesional):
    abierto, cerrado = CasoFactory(), _cerrado()
    respuesta = admin_client.post(
        reverse("admin:atenciones_caso_changelist"),
        {
            "action": "reasignar",
            ACTION_CHECKBOX_NAME: [abierto.pk, cerrado.pk],
            "confirmar": "1",
            "asignado_a": profesional.pk,
        },
    )
    assert respuesta.status_code == 302
    assert any("reábralo" in m for m in _mensajes(respuesta))
    assert Caso.objects.get(pk=abierto.pk).asignado_a == profesional
    assert Caso.objects.get(pk=cerrado.pk).asignado_a != profesional

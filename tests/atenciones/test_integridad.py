"""The database refuses what the rules refuse, whatever path the data takes; clean() says the same."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from atenciones.choices import EstadoCaso, EstadoDerivacion, MotivoCierre, TipoDocumento
from atenciones.models import Caso, Derivacion, EventoDerivacion, Persona
from oficina.models import Actividad, AsistenteCapacitacion, Capacitacion, PaginaInformativa, Programa
from tests.factories import (
    AtencionFactory,
    CasoFactory,
    DepartamentoFactory,
    DerivacionFactory,
    OrganizacionFactory,
    PaginaInformativaFactory,
    PersonaFactory,
)

pytestmark = pytest.mark.django_db


def refused_by_database(func):
    with pytest.raises(IntegrityError), transaction.atomic():
        func()


# --- Persona ---------------------------------------------------------------------------------


def test_same_document_twice_is_refused():
    PersonaFactory(tipo_documento=TipoDocumento.PASAPORTE, documento_numero="VE123")
    refused_by_database(
        lambda: PersonaFactory(tipo_documento=TipoDocumento.PASAPORTE, documento_numero="VE123")
    )
    otra = PersonaFactory.build(tipo_documento=TipoDocumento.PASAPORTE, documento_numero="ve-123")
    with pytest.raises(ValidationError, match="Ya existe una persona con ese documento"):
        otra.full_clean()


def test_persons_without_document_do_not_collide():
    PersonaFactory(tipo_documento=TipoDocumento.NINGUNO, documento_numero="")
    PersonaFactory(tipo_documento=TipoDocumento.NINGUNO, documento_numero="")
    assert Persona.objects.filter(documento_numero="").count() == 2


def test_same_number_with_another_document_type_is_allowed():
    PersonaFactory(tipo_documento=TipoDocumento.PASAPORTE, documento_numero="123456")
    PersonaFactory(tipo_documento=TipoDocumento.DNI_EXTRANJERO, documento_numero="123456")


def test_person_without_name_is_refused():
    refused_by_database(lambda: PersonaFactory(nombres=""))
    with pytest.raises(ValidationError) as exc:
        PersonaFactory.build(nombres="   ").full_clean()
    assert "nombres" in exc.value.message_dict


def test_document_number_needs_a_type_and_no_document_has_no_number():
    refused_by_database(lambda: PersonaFactory(tipo_documento=TipoDocumento.NINGUNO, documento_numero="123"))
    refused_by_database(lambda: PersonaFactory(tipo_documento=TipoDocumento.PASAPORTE, documento_numero=""))
    with pytest.raises(ValidationError) as exc:
        PersonaFactory.build(tipo_documento=TipoDocumento.PASAPORTE, documento_numero="").full_clean()
    assert "documento_numero" in exc.value.message_dict


def test_run_not_normalised_is_refused_by_database():
    refused_by_database(
        lambda: PersonaFactory(tipo_documento=TipoDocumento.RUN, documento_numero="12.345.678-5")
    )
    refused_by_database(
        lambda: Persona.objects.bulk_create(
            [Persona(nombres="X", tipo_documento="run", documento_numero="abc")]
        )
    )


def test_birth_date_in_the_future_is_refused_by_clean():
    persona = PersonaFactory.build(fecha_nacimiento=timezone.localdate() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as exc:
        persona.full_clean()
    assert "fecha_nacimiento" in exc.value.message_dict


def test_deleting_a_person_with_attentions_is_refused():
    atencion = AtencionFactory()
    with pytest.raises(ProtectedError):
        atencion.persona.delete()


# --- Caso ------------------------------------------------------------------------------------


def test_closed_case_needs_date_and_reason():
    caso = CasoFactory()
    caso.estado = EstadoCaso.CERRADO
    refused_by_database(lambda: caso.save())
    caso.refresh_from_db()
    caso.estado = EstadoCaso.CERRADO
    with pytest.raises(ValidationError) as exc:
        caso.full_clean()
    assert {"motivo_cierre", "cerrado_en"} <= set(exc.value.message_dict)


def test_open_case_cannot_have_a_closing_date():
    refused_by_database(lambda: CasoFactory(cerrado_en=timezone.localdate()))


def test_case_closed_before_it_opened_is_refused():
    hoy = timezone.localdate()
    refused_by_database(
        lambda: CasoFactory(
            estado=EstadoCaso.CERRADO,
            abierto_en=hoy,
            cerrado_en=hoy - datetime.timedelta(days=1),
            motivo_cierre=MotivoCierre.RESUELTO,
        )
    )


def test_deleting_a_case_with_attentions_is_refused():
    caso = CasoFactory()
    AtencionFactory(persona=caso.persona, caso=caso)
    with pytest.raises(ProtectedError):
        caso.delete()


# --- Derivacion ------------------------------------------------------------------------------


def test_referral_needs_exactly_one_destination():
    refused_by_database(lambda: DerivacionFactory(departamento=None, organizacion=None))
    refused_by_database(lambda: DerivacionFactory(organizacion=OrganizacionFactory()))
    derivacion = DerivacionFactory.build(
        departamento=DepartamentoFactory(), organizacion=OrganizacionFactory(), persona=PersonaFactory()
    )
    derivacion.derivado_por = CasoFactory().asignado_a
    with pytest.raises(ValidationError, match="no ambos"):
        derivacion.full_clean()


def test_rejected_referral_needs_a_reason():
    refused_by_database(lambda: DerivacionFactory(estado=EstadoDerivacion.RECHAZADA, motivo_rechazo=""))


def test_resolved_referral_needs_a_response():
    refused_by_database(lambda: DerivacionFactory(estado=EstadoDerivacion.RESUELTA, respuesta=""))


def test_referral_without_consent_or_override_reason_is_refused():
    refused_by_database(lambda: DerivacionFactory(consentimiento=False, consentimiento_omitido_motivo=""))
    DerivacionFactory(
        consentimiento=False, consentimiento_omitido_motivo="Riesgo vital, autoriza la encargada."
    )


def test_deleting_a_destination_with_referrals_is_refused():
    derivacion = DerivacionFactory()
    with pytest.raises(ProtectedError):
        derivacion.departamento.delete()
    externa = DerivacionFactory(departamento=None, organizacion=OrganizacionFactory())
    with pytest.raises(ProtectedError):
        externa.organizacion.delete()


def test_referral_events_are_append_only():
    evento = DerivacionFactory().eventos.get()
    evento.nota = "cambiada"
    with pytest.raises(ValidationError):
        evento.save()
    with pytest.raises(ValidationError):
        evento.delete()
    assert EventoDerivacion.objects.get(pk=evento.pk).nota == ""


def test_deleting_a_referral_with_history_is_refused():
    derivacion = DerivacionFactory()
    with pytest.raises(ProtectedError):
        Derivacion.objects.filter(pk=derivacion.pk).delete()


# --- Oficina ---------------------------------------------------------------------------------


def test_activity_cannot_end_before_it_starts():
    programa = Programa.objects.create(nombre="Clases de español", area="educacion")
    inicio = timezone.now()
    refused_by_database(
        lambda: Actividad.objects.create(
            programa=programa, titulo="Clase", inicio=inicio, fin=inicio - datetime.timedelta(hours=1)
        )
    )


def test_training_evaluation_goes_from_1_to_7():
    cap = Capacitacion.objects.create(titulo="Ley 21.325", fecha=timezone.localdate())
    refused_by_database(
        lambda: AsistenteCapacitacion.objects.create(capacitacion=cap, nombre="Ana", evaluacion=9)
    )


def test_one_guide_per_key_and_language():
    PaginaInformativaFactory(clave="salud", idioma="es")
    PaginaInformativaFactory(clave="salud", idioma="ht")
    refused_by_database(lambda: PaginaInformativaFactory(clave="salud", idioma="es"))
    assert PaginaInformativa.objects.filter(clave="salud").count() == 2


def test_a_case_of_another_person_cannot_hold_the_attention():
    caso = CasoFactory()
    atencion = AtencionFactory.build(persona=PersonaFactory(), caso=caso, profesional=caso.asignado_a)
    with pytest.raises(ValidationError) as exc:
        atencion.full_clean()
    assert "caso" in exc.value.message_dict
    assert Caso.objects.count() == 1


def test_follow_ups_and_access_log_are_append_only(profesional):
    from atenciones.auditoria import registrar_acceso
    from atenciones.models import RegistroAcceso, SeguimientoDerivacion

    derivacion = DerivacionFactory()
    seguimiento = SeguimientoDerivacion.objects.create(
        derivacion=derivacion,
        usuario=profesional,
        resultado=SeguimientoDerivacion._meta.get_field("resultado").choices[0][0],
    )
    registrar_acceso(usuario=profesional, accion=RegistroAcceso.Accion.VER_PERSONA, objeto=derivacion.persona)
    for fila in (seguimiento, RegistroAcceso.objects.get()):
        with pytest.raises(ValidationError):
            fila.save()
        with pytest.raises(ValidationError):
            fila.delete()

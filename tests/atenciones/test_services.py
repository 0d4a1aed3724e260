import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from atenciones import services
from atenciones.choices import TRANSICIONES_DERIVACION, EstadoCaso, EstadoDerivacion, MotivoCierre
from atenciones.models import Atencion, AtencionTema, Derivacion, EventoDerivacion, Persona
from oficina.choices import Area, Tema
from tests.factories import CasoFactory, DerivacionFactory, OrganizacionFactory, PersonaFactory

pytestmark = pytest.mark.django_db

E = EstadoDerivacion


def _mover(derivacion, estado, usuario):
    extra = {}
    if estado == E.RESUELTA:
        extra["respuesta"] = "Atendida en CESFAM Barón."
    if estado == E.RECHAZADA:
        extra["motivo_rechazo"] = "no_corresponde"
    return services.cambiar_estado_derivacion(
        derivacion=derivacion, nuevo_estado=estado, usuario=usuario, **extra
    )


def _derivacion_en(estado, usuario):
    """A referral brought to `estado` through legal moves."""
    caminos = {
        E.ENVIADA: [],
        E.RECIBIDA: [E.RECIBIDA],
        E.EN_ATENCION: [E.RECIBIDA, E.EN_ATENCION],
        E.RESUELTA: [E.RECIBIDA, E.EN_ATENCION, E.RESUELTA],
        E.RECHAZADA: [E.RECHAZADA],
        E.CANCELADA: [E.CANCELADA],
    }
    derivacion = DerivacionFactory()
    for paso in caminos[estado]:
        _mover(derivacion, paso, usuario)
    return derivacion


# The legal moves, written out: the tests must not derive them from the table they check.
LEGALES = [
    (E.ENVIADA, E.RECIBIDA),
    (E.ENVIADA, E.RECHAZADA),
    (E.ENVIADA, E.CANCELADA),
    (E.RECIBIDA, E.EN_ATENCION),
    (E.RECIBIDA, E.RECHAZADA),
    (E.RECIBIDA, E.CANCELADA),
    (E.EN_ATENCION, E.RESUELTA),
    (E.EN_ATENCION, E.CANCELADA),
]
ILEGALES = [
    (desde, hacia) for desde, hacia in itertools.product(E.values, E.values) if (desde, hacia) not in LEGALES
]


def test_transition_table_allows_exactly_the_written_out_moves():
    tabla = {(desde, hacia) for desde, destinos in TRANSICIONES_DERIVACION.items() for hacia in destinos}
    assert tabla == set(LEGALES)
    assert set(TRANSICIONES_DERIVACION) == set(E.values)


@pytest.mark.parametrize(("desde", "hacia"), LEGALES)
def test_legal_move_changes_state_and_writes_one_event(desde, hacia, profesional):
    derivacion = _derivacion_en(desde, profesional)
    eventos_antes = derivacion.eventos.count()
    _mover(derivacion, hacia, profesional)
    derivacion.refresh_from_db()
    assert derivacion.estado == hacia
    assert derivacion.eventos.count() == eventos_antes + 1
    ultimo = derivacion.eventos.last()
    assert (ultimo.estado_anterior, ultimo.estado_nuevo, ultimo.usuario) == (desde, hacia, profesional)


@pytest.mark.parametrize(("desde", "hacia"), ILEGALES)
def test_illegal_move_is_refused_and_changes_nothing(desde, hacia, profesional):
    derivacion = _derivacion_en(desde, profesional)
    eventos_antes = derivacion.eventos.count()
    with pytest.raises(services.TransicionInvalida, match="No se puede pasar"):
        _mover(derivacion, hacia, profesional)
    derivacion.refresh_from_db()
    assert derivacion.estado == desde
    assert derivacion.eventos.count() == eventos_antes


def test_resolving_needs_a_response(profesional):
    derivacion = _derivacion_en(E.EN_ATENCION, profesional)
    with pytest.raises(ValidationError) as exc:
        services.cambiar_estado_derivacion(
            derivacion=derivacion, nuevo_estado=E.RESUELTA, usuario=profesional
        )
    assert "respuesta" in exc.value.message_dict
    derivacion.refresh_from_db()
    assert derivacion.estado == E.EN_ATENCION


def test_rejecting_needs_a_reason(profesional):
    derivacion = DerivacionFactory()
    with pytest.raises(ValidationError) as exc:
        services.cambiar_estado_derivacion(
            derivacion=derivacion, nuevo_estado=E.RECHAZADA, usuario=profesional
        )
    assert "motivo_rechazo" in exc.value.message_dict


def test_stale_move_is_refused(profesional):
    derivacion = DerivacionFactory()
    _mover(derivacion, E.RECIBIDA, profesional)
    with pytest.raises(services.TransicionInvalida, match="cambió mientras"):
        services.cambiar_estado_derivacion(
            derivacion=derivacion,
            nuevo_estado=E.RECHAZADA,
            usuario=profesional,
            motivo_rechazo="sin_cupo",
            estado_esperado=E.ENVIADA,
        )
    assert Derivacion.objects.get(pk=derivacion.pk).estado == E.RECIBIDA


def test_refer_sets_code_due_date_and_first_event(profesional, salud):
    persona = PersonaFactory()
    derivacion = services.derivar(
        persona=persona,
        derivado_por=profesional,
        tema=Tema.SALUD,
        motivo="Inscripción en CESFAM",
        consentimiento=True,
        departamento=salud,
    )
    hoy = timezone.localdate()
    assert derivacion.codigo == f"D-{hoy.year}-{derivacion.pk:06d}"
    assert derivacion.fecha_limite == salud.fecha_limite(hoy)
    assert list(derivacion.eventos.values_list("estado_anterior", "estado_nuevo")) == [("", E.ENVIADA)]


def test_refer_without_consent_is_refused_and_nothing_is_saved(profesional):
    with pytest.raises(ValidationError):
        services.derivar(
            persona=PersonaFactory(),
            derivado_por=profesional,
            tema=Tema.SALUD,
            motivo="x",
            consentimiento=False,
            organizacion=OrganizacionFactory(),
        )
    assert not Derivacion.objects.exists()
    assert not EventoDerivacion.objects.exists()


def test_register_person_records_consent(profesional, settings):
    persona = services.registrar_persona(
        creado_por=profesional,
        consentimiento=True,
        nombres="José",
        apellidos="Núñez",
        tipo_documento="run",
        documento_numero="10.000.013-k",
    )
    assert persona.documento_numero == "10000013K"
    assert persona.consentimiento_version == settings.AVISO_PRIVACIDAD_VERSION
    assert persona.consentimiento_registrado_por == profesional


def test_register_person_with_invalid_run_saves_nothing(profesional):
    with pytest.raises(ValidationError):
        services.registrar_persona(
            creado_por=profesional, nombres="José", tipo_documento="run", documento_numero="12.345.678-9"
        )
    assert not Persona.objects.exists()


def test_log_attention_with_topics(profesional):
    persona = PersonaFactory()
    atencion = services.registrar_atencion(
        persona=persona,
        profesional=profesional,
        temas=[Tema.SALUD, Tema.EDUCACION, Tema.SALUD],
        canal="whatsapp",
    )
    assert sorted(atencion.temas.values_list("tema", flat=True)) == [Tema.EDUCACION, Tema.SALUD]


def test_log_attention_without_topic_or_in_the_future_saves_nothing(profesional):
    persona = PersonaFactory()
    with pytest.raises(ValidationError):
        services.registrar_atencion(persona=persona, profesional=profesional, temas=[], canal="presencial")
    with pytest.raises(ValidationError):
        services.registrar_atencion(
            persona=persona,
            profesional=profesional,
            temas=[Tema.SALUD],
            canal="presencial",
            fecha_hora=timezone.now() + datetime.timedelta(days=1),
        )
    assert not Atencion.objects.exists()
    assert not AtencionTema.objects.exists()


def test_open_close_and_reopen_a_case(profesional):
    caso = services.abrir_caso(
        persona=PersonaFactory(), motivo="Residencia", area=Area.REGULARIZACION, asignado_a=profesional
    )
    caso = services.cerrar_caso(caso=caso, motivo_cierre=MotivoCierre.RESUELTO, nota="Visa otorgada")
    assert (caso.estado, caso.cerrado_en) == (EstadoCaso.CERRADO, timezone.localdate())
    with pytest.raises(ValidationError):
        services.cerrar_caso(caso=caso, motivo_cierre=MotivoCierre.RESUELTO)
    caso = services.reabrir_caso(caso=caso)
    assert caso.estado == EstadoCaso.SEGUIMIENTO
    assert caso.cerrado_en is None and caso.motivo_cierre == ""


def test_reassign_case(profesional, encargada):
    caso = CasoFactory(asignado_a=profesional)
    services.reasignar_caso(caso=caso, asignado_a=encargada)
    caso.refresh_from_db()
    assert caso.asignado_a == encargada

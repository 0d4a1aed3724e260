"""Business operations of the casework: one function each, keyword-only and atomic.

Views, admin actions and management commands call these; nothing else writes the state
fields of cases and referrals.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oficina.choices import Tema

from .choices import TRANSICIONES_DERIVACION, EstadoCaso, EstadoDerivacion
from .models import Atencion, AtencionTema, Caso, Derivacion, EventoDerivacion, Persona


class TransicionInvalida(ValidationError):
    """A referral move that the state machine does not allow, or a stale one."""


def _guardar(instancia, **kwargs):
    instancia.full_clean()
    instancia.save(**kwargs)
    return instancia


@transaction.atomic
def registrar_persona(*, creado_por, consentimiento=False, **datos) -> Persona:
    """Create a person; `consentimiento` records the data-processing consent now."""
    persona = Persona(**datos, creado_por=creado_por, modificado_por=creado_por)
    if consentimiento:
        persona.consentimiento_fecha = timezone.now()
        persona.consentimiento_version = settings.AVISO_PRIVACIDAD_VERSION
        persona.consentimiento_registrado_por = creado_por
    return _guardar(persona)


@transaction.atomic
def actualizar_persona(*, persona: Persona, usuario, **datos) -> Persona:
    for campo, valor in datos.items():
        setattr(persona, campo, valor)
    persona.modificado_por = usuario
    return _guardar(persona)


@transaction.atomic
def registrar_atencion(
    *,
    persona: Persona,
    profesional,
    temas: list[str],
    canal: str,
    fecha_hora=None,
    notas: str = "",
    resultado: str = "",
    caso: Caso | None = None,
    fecha_seguimiento=None,
) -> Atencion:
    temas = list(dict.fromkeys(temas))
    if not temas:
        raise ValidationError({"temas": _("Elija al menos un tema.")})
    invalidos = [t for t in temas if t not in Tema.values]
    if invalidos:
        raise ValidationError({"temas": _("Tema desconocido: %(tema)s.") % {"tema": ", ".join(invalidos)}})
    atencion = Atencion(
        persona=persona,
        profesional=profesional,
        canal=canal,
        fecha_hora=fecha_hora or timezone.now(),
        notas=notas,
        resultado=resultado,
        caso=caso,
        fecha_seguimiento=fecha_seguimiento,
    )
    _guardar(atencion)
    AtencionTema.objects.bulk_create(AtencionTema(atencion=atencion, tema=tema) for tema in temas)
    return atencion


@transaction.atomic
def abrir_caso(
    *, persona: Persona, motivo: str, area: str, asignado_a, prioridad: str = "media", fecha_seguimiento=None
) -> Caso:
    caso = Caso(
        persona=persona,
        motivo=motivo,
        area=area,
        asignado_a=asignado_a,
        prioridad=prioridad,
        fecha_seguimiento=fecha_seguimiento,
        estado=EstadoCaso.ABIERTO,
        abierto_en=timezone.localdate(),
    )
    return _guardar(caso)


@transaction.atomic
def cerrar_caso(*, caso: Caso, motivo_cierre: str, nota: str = "", usuario=None) -> Caso:
    caso = Caso.objects.select_for_update().get(pk=caso.pk)
    if caso.estado == EstadoCaso.CERRADO:
        raise ValidationError(_("El caso ya está cerrado."))
    caso.estado = EstadoCaso.CERRADO
    caso.motivo_cierre = motivo_cierre
    caso.nota_cierre = nota
    caso.cerrado_en = timezone.localdate()
    caso.fecha_seguimiento = None
    return _guardar(caso)


@transaction.atomic
def reabrir_caso(*, caso: Caso, usuario=None) -> Caso:
    caso = Caso.objects.select_for_update().get(pk=caso.pk)
    if caso.estado != EstadoCaso.CERRADO:
        raise ValidationError(_("Solo se puede reabrir un caso cerrado."))
    caso.estado = EstadoCaso.SEGUIMIENTO
    caso.cerrado_en = None
    caso.motivo_cierre = ""
    caso.nota_cierre = ""
    return _guardar(caso)


@transaction.atomic
def reasignar_caso(*, caso: Caso, asignado_a, usuario=None) -> Caso:
    caso.asignado_a = asignado_a
    caso.full_clean()
    caso.save(update_fields=["asignado_a", "modificado"])
    return caso


@transaction.atomic
def derivar(
    *,
    persona: Persona,
    derivado_por,
    tema: str,
    motivo: str,
    consentimiento: bool,
    departamento=None,
    organizacion=None,
    prioridad: str = "media",
    caso: Caso | None = None,
    atencion: Atencion | None = None,
    consentimiento_omitido_motivo: str = "",
) -> Derivacion:
    """Send a referral to one destination; its due date follows the destination's deadline."""
    destino = departamento or organizacion
    ahora = timezone.now()
    derivacion = Derivacion(
        persona=persona,
        derivado_por=derivado_por,
        tema=tema,
        motivo=motivo,
        consentimiento=consentimiento,
        consentimiento_omitido_motivo="" if consentimiento else consentimiento_omitido_motivo,
        departamento=departamento,
        organizacion=organizacion,
        prioridad=prioridad,
        caso=caso,
        atencion=atencion,
        fecha_envio=ahora,
        fecha_limite=destino.fecha_limite(timezone.localdate(ahora))
        if destino
        else timezone.localdate(ahora),
        estado=EstadoDerivacion.ENVIADA,
    )
    _guardar(derivacion)
    derivacion.codigo = f"D-{timezone.localdate(ahora).year}-{derivacion.pk:06d}"
    derivacion.save(update_fields=["codigo"])
    nota = derivacion.consentimiento_omitido_motivo and _("Enviada sin consentimiento: %(motivo)s") % {
        "motivo": derivacion.consentimiento_omitido_motivo
    }
    EventoDerivacion.objects.create(
        derivacion=derivacion,
        estado_anterior="",
        estado_nuevo=EstadoDerivacion.ENVIADA,
        usuario=derivado_por,
        fecha=ahora,
        nota=nota or "",
    )
    return derivacion


@transaction.atomic
def cambiar_estado_derivacion(
    *,
    derivacion: Derivacion,
    nuevo_estado: str,
    usuario,
    nota: str = "",
    respuesta: str = "",
    motivo_rechazo: str = "",
    estado_esperado: str | None = None,
) -> Derivacion:
    """Move a referral to `nuevo_estado` and append its event; illegal or stale moves are refused.

    `estado_esperado` is the state the user saw: if the referral moved meanwhile, nothing changes.
    """
    actual = Derivacion.objects.select_for_update().get(pk=derivacion.pk)
    if estado_esperado is not None and actual.estado != estado_esperado:
        raise TransicionInvalida(
            _(
                "La derivación cambió mientras usted la revisaba: ahora está «%(estado)s». Revise y vuelva a intentar."
            )
            % {"estado": actual.get_estado_display()},
            code="desactualizada",
        )
    if nuevo_estado not in TRANSICIONES_DERIVACION.get(actual.estado, set()):
        raise TransicionInvalida(
            _("No se puede pasar una derivación de «%(desde)s» a «%(hacia)s».")
            % {
                "desde": actual.get_estado_display(),
                "hacia": EstadoDerivacion(nuevo_estado).label
                if nuevo_estado in EstadoDerivacion.values
                else nuevo_estado,
            },
            code="transicion",
        )
    if nuevo_estado == EstadoDerivacion.RESUELTA and not respuesta.strip():
        raise ValidationError({"respuesta": _("Escriba la respuesta para resolver la derivación.")})
    if nuevo_estado == EstadoDerivacion.RECHAZADA and not motivo_rechazo:
        raise ValidationError({"motivo_rechazo": _("Elija el motivo del rechazo.")})

    anterior = actual.estado
    ahora = timezone.now()
    actual.estado = nuevo_estado
    campos = ["estado", "modificado"]
    if nuevo_estado == EstadoDerivacion.RESUELTA:
        actual.respuesta = respuesta.strip()
        campos.append("respuesta")
    if nuevo_estado == EstadoDerivacion.RECHAZADA:
        actual.motivo_rechazo = motivo_rechazo
        campos.append("motivo_rechazo")
    if nuevo_estado in (EstadoDerivacion.RESUELTA, EstadoDerivacion.RECHAZADA, EstadoDerivacion.CANCELADA):
        actual.fecha_cierre = ahora
        campos.append("fecha_cierre")
    actual.full_clean()
    actual.save(update_fields=campos)
    EventoDerivacion.objects.create(
        derivacion=actual,
        estado_anterior=anterior,
        estado_nuevo=nuevo_estado,
        usuario=usuario,
        fecha=ahora,
        nota=nota.strip() or respuesta.strip(),
    )
    # Keep the caller's instance in step with the database.
    for campo in campos + ["fecha_cierre"]:
        setattr(derivacion, campo, getattr(actual, campo))
    return actual

"""Referrals: send one, and move it through its states (the only writer of its state)."""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oficina.models import Departamento, Organizacion
from oficina.roles import es_encargada

from .. import notificaciones
from ..choices import TRANSICIONES_DERIVACION, EstadoDerivacion
from ..models import Atencion, Caso, Derivacion, EventoDerivacion, Persona, SeguimientoDerivacion
from ._auditoria import audita
from ._comun import TransicionInvalida, exigir_persona_activa, guardar


@audita("derivado_por")
@transaction.atomic
def derivar(
    *,
    persona: Persona,
    derivado_por: User,
    tema: str,
    motivo: str,
    consentimiento: bool,
    departamento: Departamento | None = None,
    organizacion: Organizacion | None = None,
    prioridad: str = "media",
    caso: Caso | None = None,
    atencion: Atencion | None = None,
    consentimiento_omitido_motivo: str = "",
) -> Derivacion:
    """Send a referral to one destination; its due date follows the destination's deadline.

    Without the person's consent only the office head may send it, with a recorded reason.
    The destination department is told by email after the transaction commits.
    """
    exigir_persona_activa(persona)
    consentimiento_omitido_motivo = (consentimiento_omitido_motivo or "").strip()
    if not consentimiento:
        if not es_encargada(derivado_por):
            raise ValidationError(
                {
                    "consentimiento": _(
                        "Se requiere el consentimiento de la persona para compartir sus datos con el destino."
                    )
                }
            )
        if not consentimiento_omitido_motivo:
            raise ValidationError(
                {
                    "consentimiento_omitido_motivo": _(
                        "Para derivar sin consentimiento, escriba el motivo (queda registrado)."
                    )
                }
            )
    # The destination as stored now: the form's choices may be older than its last edit.
    if departamento is not None:
        departamento = type(departamento).objects.get(pk=departamento.pk)
    if organizacion is not None:
        organizacion = type(organizacion).objects.get(pk=organizacion.pk)
    if departamento is not None and not departamento.activo:
        raise ValidationError({"destino": _("Ese departamento no está activo.")})
    if organizacion is not None and not (organizacion.activa and organizacion.acepta_derivaciones):
        raise ValidationError({"destino": _("Esa organización no recibe derivaciones.")})
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
    guardar(derivacion)
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
    notificaciones.avisar_nueva_derivacion(derivacion)
    return derivacion


@audita()
@transaction.atomic
def cambiar_estado_derivacion(
    *,
    derivacion: Derivacion,
    nuevo_estado: str,
    usuario: User,
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
    if nuevo_estado in (EstadoDerivacion.RESUELTA, EstadoDerivacion.RECHAZADA):
        notificaciones.avisar_respuesta(actual)
    return actual


@audita()
@transaction.atomic
def registrar_seguimiento(
    *,
    derivacion: Derivacion,
    usuario: User,
    resultado: str,
    nota: str = "",
    proxima_fecha: datetime.date | None = None,
) -> SeguimientoDerivacion:
    """Log the office's follow-up of a referral (phone, email) and its next follow-up date."""
    # Read the state as stored now: the caller's copy may predate a close.
    derivacion = Derivacion.objects.select_for_update().get(pk=derivacion.pk)
    if not derivacion.abierta:
        raise TransicionInvalida(
            _("La derivación ya está cerrada («%(estado)s»): no necesita seguimiento.")
            % {"estado": derivacion.get_estado_display()},
            code="cerrada",
        )
    if proxima_fecha is not None and proxima_fecha < timezone.localdate():
        raise ValidationError(
            {"proxima_fecha": _("La próxima fecha de seguimiento no puede estar en el pasado.")}
        )
    return guardar(
        SeguimientoDerivacion(
            derivacion=derivacion,
            usuario=usuario,
            resultado=resultado,
            nota=nota.strip(),
            proxima_fecha=proxima_fecha,
        )
    )

"""Referrals: send one, and move it through its states (the only writer of its state)."""

import datetime
import secrets

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oficina.models import Departamento, Organizacion
from oficina.roles import es_encargada

from .. import enlaces_externos, notificaciones
from ..choices import (
    RESULTADOS_ATENDIDOS,
    TRANSICIONES_DERIVACION,
    EstadoDerivacion,
    ResultadoDerivacion,
)
from ..models import (
    Atencion,
    Caso,
    CorreoSaliente,
    Derivacion,
    EnlaceExterno,
    EventoDerivacion,
    Persona,
    SeguimientoDerivacion,
)
from ._auditoria import audita, usuario_sistema
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
    derivada_desde: Derivacion | None = None,
    _consentimiento_heredado: bool = False,
) -> Derivacion:
    """Send a referral to one destination; its due date follows the destination's deadline.

    Without the person's consent only the office head may send it, with a recorded reason.
    The destination department is told by email after the transaction commits.
    """
    exigir_persona_activa(persona)
    consentimiento_omitido_motivo = (consentimiento_omitido_motivo or "").strip()
    if not consentimiento and not _consentimiento_heredado:
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
        derivada_desde=derivada_desde,
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
    if derivada_desde is not None:
        nota = " ".join(
            filter(None, [_("Derivada desde %(codigo)s.") % {"codigo": derivada_desde.codigo}, nota])
        )
    EventoDerivacion.objects.create(
        derivacion=derivacion,
        estado_anterior="",
        estado_nuevo=EstadoDerivacion.ENVIADA,
        usuario=derivado_por,
        fecha=ahora,
        nota=nota or "",
    )
    notificaciones.avisar_nueva_derivacion(derivacion)
    if organizacion is not None and organizacion.email and organizacion.responde_por_enlace:
        # The organisation answers through a signed link sent to its address (issue #13).
        emitir_enlace(derivacion=derivacion, usuario=derivado_por)
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
    resultado: str = ResultadoDerivacion.ATENDIDA_RESUELTA,
    resultado_detalle: str = "",
    fecha_atendida: datetime.date | None = None,
    siguiente_departamento: Departamento | None = None,
    siguiente_organizacion: Organizacion | None = None,
    organizacion: Organizacion | None = None,
) -> Derivacion:
    """Move a referral to `nuevo_estado` and append its event; illegal or stale moves are refused.

    `estado_esperado` is the state the user saw: if the referral moved meanwhile, nothing changes.
    Resolving records the outcome (`resultado`, ResultadoDerivacion) and the date attended; the
    outcome "referred onward" sends the linked onward referral to `siguiente_departamento` or
    `siguiente_organizacion`. `organizacion` marks a move made by the destination organisation
    through its signed link (then the system user acts).
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
    siguiente = None
    if nuevo_estado == EstadoDerivacion.RESUELTA:
        resultado, resultado_detalle, fecha_atendida, siguiente = _validar_resultado(
            actual,
            resultado=resultado or ResultadoDerivacion.ATENDIDA_RESUELTA,
            resultado_detalle=resultado_detalle,
            fecha_atendida=fecha_atendida,
            siguiente_departamento=siguiente_departamento,
            siguiente_organizacion=siguiente_organizacion,
            organizacion=organizacion,
        )

    anterior = actual.estado
    ahora = timezone.now()
    actual.estado = nuevo_estado
    campos = ["estado", "modificado"]
    if nuevo_estado == EstadoDerivacion.RESUELTA:
        actual.respuesta = respuesta.strip()
        actual.resultado = resultado
        actual.resultado_detalle = resultado_detalle
        actual.fecha_atendida = fecha_atendida
        campos += ["respuesta", "resultado", "resultado_detalle", "fecha_atendida"]
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
        resultado=actual.resultado if nuevo_estado == EstadoDerivacion.RESUELTA else "",
        organizacion=organizacion,
    )
    if siguiente is not None:
        _tipo, destino = siguiente
        derivar(
            persona=actual.persona,
            derivado_por=usuario,
            tema=actual.tema,
            motivo=actual.motivo,
            consentimiento=actual.consentimiento,
            consentimiento_omitido_motivo=actual.consentimiento_omitido_motivo,
            prioridad=actual.prioridad,
            caso=actual.caso,
            derivada_desde=actual,
            _consentimiento_heredado=True,
            departamento=destino if isinstance(destino, Departamento) else None,
            organizacion=destino if isinstance(destino, Organizacion) else None,
        )
    # Keep the caller's instance in step with the database.
    for campo in campos + ["fecha_cierre"]:
        setattr(derivacion, campo, getattr(actual, campo))
    if nuevo_estado in (EstadoDerivacion.RESUELTA, EstadoDerivacion.RECHAZADA):
        notificaciones.avisar_respuesta(actual)
    return actual


def _validar_resultado(
    actual: Derivacion,
    *,
    resultado: str,
    resultado_detalle: str,
    fecha_atendida: datetime.date | None,
    siguiente_departamento: Departamento | None,
    siguiente_organizacion: Organizacion | None,
    organizacion: Organizacion | None,
) -> tuple[str, str, datetime.date | None, tuple[str, Departamento | Organizacion] | None]:
    """Check an outcome; returns (outcome, detail, date attended, onward destination or None)."""
    R = ResultadoDerivacion
    if resultado not in R.values:
        raise ValidationError({"resultado": _("Elija el resultado de la derivación.")})
    resultado_detalle = (resultado_detalle or "").strip()
    if resultado == R.OTRO and not resultado_detalle:
        raise ValidationError({"resultado_detalle": _("Describa el resultado «Otro».")})
    hoy = timezone.localdate()
    if resultado in RESULTADOS_ATENDIDOS:
        fecha_atendida = fecha_atendida or hoy
    if fecha_atendida is not None:
        if fecha_atendida > hoy:
            raise ValidationError({"fecha_atendida": _("La fecha de atención no puede estar en el futuro.")})
        if fecha_atendida < timezone.localdate(actual.fecha_envio):
            raise ValidationError(
                {"fecha_atendida": _("La fecha de atención no puede ser anterior al envío de la derivación.")}
            )
    siguiente: tuple[str, Departamento | Organizacion] | None = None
    if resultado == R.DERIVADA:
        if organizacion is not None:
            raise ValidationError(
                {"resultado": _("Para derivar a otro destino, comuníquese con la oficina.")}
            )
        if bool(siguiente_departamento) == bool(siguiente_organizacion):
            raise ValidationError({"siguiente_destino": _("Elija el destino al que se deriva.")})
        if siguiente_departamento is not None:
            siguiente = ("departamento", siguiente_departamento)
        elif siguiente_organizacion is not None:
            siguiente = ("organizacion", siguiente_organizacion)
        if siguiente is not None and siguiente[1] == actual.destino:
            raise ValidationError(
                {"siguiente_destino": _("No se puede derivar al mismo destino que recibió la derivación.")}
            )
    return resultado, resultado_detalle, fecha_atendida, siguiente


@audita()
@transaction.atomic
def aceptar_derivacion(
    *,
    derivacion: Derivacion,
    usuario: User,
    nota: str = "",
    organizacion: Organizacion | None = None,
) -> Derivacion:
    """Accept a referral in one action: received and in attention (two events, one transaction)."""
    actual = Derivacion.objects.select_for_update().get(pk=derivacion.pk)
    if actual.estado == EstadoDerivacion.ENVIADA:
        cambiar_estado_derivacion(
            derivacion=actual,
            nuevo_estado=EstadoDerivacion.RECIBIDA,
            usuario=usuario,
            estado_esperado=EstadoDerivacion.ENVIADA,
            organizacion=organizacion,
        )
    return cambiar_estado_derivacion(
        derivacion=derivacion,
        nuevo_estado=EstadoDerivacion.EN_ATENCION,
        usuario=usuario,
        nota=nota,
        estado_esperado=EstadoDerivacion.RECIBIDA,
        organizacion=organizacion,
    )


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


@audita()
@transaction.atomic
def emitir_enlace(*, derivacion: Derivacion, usuario: User) -> EnlaceExterno:
    """Issue a link to the referral's organisation and queue its notice; earlier links are revoked."""
    if derivacion.organizacion_id is None:
        raise ValidationError(_("Solo las derivaciones a organizaciones externas usan enlace."))
    if not derivacion.abierta:
        raise ValidationError(_("La derivación ya está cerrada: no se envía un enlace."))
    email = derivacion.organizacion.email if derivacion.organizacion is not None else ""
    if not email:
        raise ValidationError(
            _("La organización no tiene correo para derivaciones: agréguelo en el administrador.")
        )
    ahora = timezone.now()
    # One by one, so the audit log records each revocation.
    for anterior in EnlaceExterno.objects.filter(derivacion=derivacion, revocado_en__isnull=True):
        revocar_enlace(enlace=anterior, usuario=usuario)
    enlace = EnlaceExterno(
        derivacion=derivacion,
        organizacion=derivacion.organizacion,
        email=email,
        nonce=secrets.token_urlsafe(16),
        creado=ahora,
        creado_por=usuario,
        expira=ahora + enlaces_externos.vigencia(),
    )
    enlace.full_clean()
    enlace.save()
    notificaciones.encolar(
        tipo=CorreoSaliente.Tipo.EXTERNA,
        destinatarios=[email],
        plantilla="externa_derivacion",
        contexto={"derivacion": derivacion, "url": enlaces_externos.url_de(enlace), "expira": enlace.expira},
        derivacion=derivacion,
    )
    return enlace


@audita()
@transaction.atomic
def revocar_enlace(*, enlace: EnlaceExterno, usuario: User) -> EnlaceExterno:
    """Revoke a link: it no longer opens (the page says so, with no data)."""
    if enlace.revocado_en is None:
        enlace.revocado_en = timezone.now()
        enlace.revocado_por = usuario
        enlace.save(update_fields=["revocado_en", "revocado_por"])
    return enlace


@audita()
@transaction.atomic
def responder_externo(
    *,
    enlace: EnlaceExterno,
    accion: str,
    nota: str = "",
    motivo_rechazo: str = "",
    resultado: str = "",
    resultado_detalle: str = "",
    fecha_atendida: datetime.date | None = None,
    usuario: User | None = None,
) -> Derivacion:
    """The organisation's answer: "aceptar", "rechazar" (with reason) or "resultado" (point 1's outcome).

    Recording an outcome from a referral not yet accepted accepts it first (its events say so).
    The organisation has no account: its events carry the organisation, and `usuario` (the system
    user by default) is the actor of the change history.
    """
    if usuario is None:  # @audita already passes the system user; this narrows the type
        usuario = usuario_sistema()
    enlace = EnlaceExterno.objects.select_for_update().get(pk=enlace.pk)
    if enlace.revocado or enlace.expirado:
        raise ValidationError(_("Este enlace ya no es válido."))
    derivacion = Derivacion.objects.select_for_update().get(pk=enlace.derivacion_id)
    if not derivacion.abierta:
        raise ValidationError(
            _("La derivación ya está cerrada («%(estado)s»): no se puede responder.")
            % {"estado": derivacion.get_estado_display()}
        )
    org = enlace.organizacion
    if accion == "aceptar":
        if derivacion.estado == EstadoDerivacion.EN_ATENCION:
            raise ValidationError(_("La derivación ya fue aceptada."))
        aceptar_derivacion(derivacion=derivacion, usuario=usuario, nota=nota, organizacion=org)
    elif accion == "rechazar":
        if derivacion.estado == EstadoDerivacion.EN_ATENCION:
            raise ValidationError(
                {"motivo_rechazo": _("Ya la aceptó: registre el resultado en lugar de rechazarla.")}
            )
        cambiar_estado_derivacion(
            derivacion=derivacion,
            nuevo_estado=EstadoDerivacion.RECHAZADA,
            usuario=usuario,
            nota=nota,
            motivo_rechazo=motivo_rechazo,
            organizacion=org,
        )
    elif accion == "resultado":
        if resultado == ResultadoDerivacion.DERIVADA:
            raise ValidationError(
                {"resultado": _("Para derivar a otro destino, comuníquese con la oficina.")}
            )
        if derivacion.estado != EstadoDerivacion.EN_ATENCION:
            aceptar_derivacion(derivacion=derivacion, usuario=usuario, organizacion=org)
        etiqueta = ResultadoDerivacion(resultado).label if resultado in ResultadoDerivacion.values else ""
        cambiar_estado_derivacion(
            derivacion=derivacion,
            nuevo_estado=EstadoDerivacion.RESUELTA,
            usuario=usuario,
            nota=nota,
            respuesta=nota.strip() or str(etiqueta),
            resultado=resultado,
            resultado_detalle=resultado_detalle,
            fecha_atendida=fecha_atendida,
            organizacion=org,
        )
    else:
        raise ValidationError(_("Acción desconocida."))
    enlace.respondido_en = timezone.now()
    enlace.save(update_fields=["respondido_en"])
    derivacion.refresh_from_db()
    return derivacion

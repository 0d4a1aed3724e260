"""External organisations answer one referral through a signed, expiring link (no account).

The URL carries `signing.dumps({"e": link id, "n": nonce})`; the `EnlaceExterno` row can revoke
it, records its expiry, openings and whether the organisation answered. Re-sending revokes the
previous links. Every answer goes through the referral's one writer (`cambiar_estado_derivacion`)
with the organisation recorded on the event.
"""

import datetime
import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import notificaciones
from ..auditoria import Accion
from ..choices import ESTADOS_DERIVACION_ABIERTOS, EstadoDerivacion, ResultadoDerivacion
from ..models import CorreoSaliente, Derivacion, EnlaceExterno, RegistroAcceso
from .derivaciones import aceptar_derivacion, cambiar_estado_derivacion

SAL = "atenciones.enlace_externo"
E = EstadoDerivacion


class EnlaceNoDisponible(Exception):
    """Why a link does not open: `motivo` is invalido, expirado, revocado or cerrada."""

    def __init__(self, motivo: str, enlace: EnlaceExterno | None = None):
        super().__init__(motivo)
        self.motivo = motivo
        self.enlace = enlace


def vigencia() -> datetime.timedelta:
    return datetime.timedelta(days=settings.ENLACE_EXTERNO_DIAS)


def token_de(enlace: EnlaceExterno) -> str:
    return signing.dumps({"e": enlace.pk, "n": enlace.nonce}, salt=SAL)


def url_de(enlace: EnlaceExterno) -> str:
    return notificaciones.url_absoluta(reverse("externa", args=[token_de(enlace)]))


def enlace_desde_token(token: str) -> EnlaceExterno:
    """The link a token opens, or EnlaceNoDisponible saying why not (no data in the reason)."""
    try:
        datos = signing.loads(token, salt=SAL, max_age=vigencia())
    except signing.SignatureExpired as exc:
        raise EnlaceNoDisponible("expirado") from exc
    except signing.BadSignature as exc:
        raise EnlaceNoDisponible("invalido") from exc
    if not isinstance(datos, dict) or not isinstance(datos.get("e"), int):
        raise EnlaceNoDisponible("invalido")
    enlace = (
        EnlaceExterno.objects.select_related("derivacion__persona", "organizacion")
        .filter(pk=datos["e"], nonce=str(datos.get("n", "")))
        .first()
    )
    if enlace is None:
        raise EnlaceNoDisponible("invalido")
    if enlace.revocado:
        raise EnlaceNoDisponible("revocado", enlace)
    if enlace.expirado:
        raise EnlaceNoDisponible("expirado", enlace)
    if enlace.derivacion.estado not in ESTADOS_DERIVACION_ABIERTOS:
        raise EnlaceNoDisponible("cerrada", enlace)
    return enlace


@transaction.atomic
def emitir_enlace(*, derivacion: Derivacion, usuario) -> EnlaceExterno:
    """Issue a link to the referral's organisation and queue its notice; earlier links are revoked."""
    if derivacion.organizacion_id is None:
        raise ValidationError(_("Solo las derivaciones a organizaciones externas usan enlace."))
    if derivacion.estado not in ESTADOS_DERIVACION_ABIERTOS:
        raise ValidationError(_("La derivación ya está cerrada: no se envía un enlace."))
    email = derivacion.organizacion.email
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
        expira=ahora + vigencia(),
    )
    enlace.full_clean()
    enlace.save()
    notificaciones.encolar(
        tipo=CorreoSaliente.Tipo.EXTERNA,
        destinatarios=[email],
        plantilla="externa_derivacion",
        contexto={"derivacion": derivacion, "url": url_de(enlace), "expira": enlace.expira},
        derivacion=derivacion,
    )
    return enlace


@transaction.atomic
def revocar_enlace(*, enlace: EnlaceExterno, usuario) -> EnlaceExterno:
    if enlace.revocado_en is None:
        enlace.revocado_en = timezone.now()
        enlace.revocado_por = usuario
        enlace.save(update_fields=["revocado_en", "revocado_por"])
    return enlace


@transaction.atomic
def registrar_apertura(*, enlace: EnlaceExterno, ip: str = "") -> None:
    """Count the opening and log it in the access log, marked as the organisation."""
    ahora = timezone.now()
    EnlaceExterno.objects.filter(pk=enlace.pk).update(aperturas=F("aperturas") + 1, ultima_apertura=ahora)
    RegistroAcceso.objects.create(
        usuario=None,
        organizacion=enlace.organizacion,
        accion=Accion.VER_DERIVACION_EXTERNA,
        persona=enlace.derivacion.persona,
        objeto_tipo="derivacion",
        objeto_id=str(enlace.derivacion_id),
        detalle=(
            _("Enlace externo %(id)s · %(org)s · %(ip)s")
            % {
                "id": enlace.pk,
                "org": enlace.organizacion.nombre,
                "ip": ip,
            }
        )[:500],
    )


@transaction.atomic
def responder_externo(
    *,
    enlace: EnlaceExterno,
    accion: str,
    nota: str = "",
    motivo_rechazo: str = "",
    resultado: str = "",
    resultado_detalle: str = "",
    fecha_atendida=None,
) -> Derivacion:
    """The organisation's answer: "aceptar", "rechazar" (with reason) or "resultado" (point 1's outcome).

    Recording an outcome from a referral not yet accepted accepts it first (its events say so).
    """
    enlace = EnlaceExterno.objects.select_for_update().get(pk=enlace.pk)
    if enlace.revocado or enlace.expirado:
        raise ValidationError(_("Este enlace ya no es válido."))
    derivacion = Derivacion.objects.select_for_update().get(pk=enlace.derivacion_id)
    if derivacion.estado not in ESTADOS_DERIVACION_ABIERTOS:
        raise ValidationError(
            _("La derivación ya está cerrada («%(estado)s»): no se puede responder.")
            % {"estado": derivacion.get_estado_display()}
        )
    org = enlace.organizacion
    if accion == "aceptar":
        if derivacion.estado == E.EN_ATENCION:
            raise ValidationError(_("La derivación ya fue aceptada."))
        aceptar_derivacion(derivacion=derivacion, usuario=None, nota=nota, organizacion=org)
    elif accion == "rechazar":
        if derivacion.estado == E.EN_ATENCION:
            raise ValidationError(
                {"motivo_rechazo": _("Ya la aceptó: registre el resultado en lugar de rechazarla.")}
            )
        cambiar_estado_derivacion(
            derivacion=derivacion,
            nuevo_estado=E.RECHAZADA,
            usuario=None,
            nota=nota,
            motivo_rechazo=motivo_rechazo,
            organizacion=org,
        )
    elif accion == "resultado":
        if resultado == ResultadoDerivacion.DERIVADA:
            raise ValidationError(
                {"resultado": _("Para derivar a otro destino, comuníquese con la oficina.")}
            )
        if derivacion.estado != E.EN_ATENCION:
            aceptar_derivacion(derivacion=derivacion, usuario=None, organizacion=org)
        etiqueta = ResultadoDerivacion(resultado).label if resultado in ResultadoDerivacion.values else ""
        cambiar_estado_derivacion(
            derivacion=derivacion,
            nuevo_estado=E.RESUELTA,
            usuario=None,
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


def enviar_recordatorios_externos(*, hoy=None) -> int:
    """Remind organisations of open referrals: N days before the deadline and once after it.

    One reminder of each kind per referral (the outbox row's unique `clave`); only referrals with
    a link that still opens. Returns how many were queued.
    """
    hoy = hoy or timezone.localdate()
    antes = hoy + datetime.timedelta(days=settings.ENLACE_EXTERNO_AVISO_DIAS_ANTES)
    enlaces = (
        EnlaceExterno.objects.vigentes()
        .filter(
            derivacion__estado__in=ESTADOS_DERIVACION_ABIERTOS,
            derivacion__fecha_limite__lte=antes,
        )
        .select_related("derivacion", "organizacion")
        .order_by("derivacion_id", "-creado")
    )
    enviados = 0
    vistos = set()
    for enlace in enlaces:
        derivacion = enlace.derivacion
        if derivacion.pk in vistos:  # the newest link of each referral only
            continue
        vistos.add(derivacion.pk)
        tipo = "despues" if derivacion.fecha_limite < hoy else "antes"
        clave = f"externa:{derivacion.pk}:{tipo}"
        try:
            with transaction.atomic():
                if CorreoSaliente.objects.filter(clave=clave).exists():
                    continue
                notificaciones.encolar(
                    tipo=CorreoSaliente.Tipo.RECORDATORIO_EXTERNA,
                    destinatarios=[enlace.email],
                    plantilla="externa_recordatorio",
                    contexto={
                        "derivacion": derivacion,
                        "url": url_de(enlace),
                        "vencida": tipo == "despues",
                        "expira": enlace.expira,
                    },
                    derivacion=derivacion,
                    clave=clave,
                )
        except IntegrityError:  # another run queued it meanwhile
            continue
        enviados += 1
    return enviados

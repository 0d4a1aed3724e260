"""Signed, expiring links to one referral for an external organisation (issue #13).

The URL carries `signing.dumps({"e": link id, "n": nonce})`; the `EnlaceExterno` row can revoke
it, records its expiry, openings and whether the organisation answered. The writes (issue,
revoke, answer) are services in `services/derivaciones.py`; this module reads tokens and logs
openings (like `auditoria.registrar_acceso`).
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .auditoria import Accion
from .models import EnlaceExterno, RegistroAcceso

SAL = "atenciones.enlace_externo"


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
    from .notificaciones import url_absoluta

    return url_absoluta(reverse("externa", args=[token_de(enlace)]))


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
    if not enlace.derivacion.abierta:
        raise EnlaceNoDisponible("cerrada", enlace)
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

"""Email notifications of referrals, through an outbox.

Each message is written to `CorreoSaliente` inside the caller's transaction, and sent only after
that transaction commits (`transaction.on_commit`). A failed send keeps the row with its error,
and `manage.py reintentar_correos` tries again: a referral is never lost because mail is down.
Bodies carry codes, topics, dates and links, never a person's name or details.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from oficina.roles import ENLACE

from .acceso import departamentos_de
from .choices import EstadoDerivacion
from .models import CorreoSaliente, Derivacion, DerivacionQuerySet
from .selectors.derivaciones import seguimientos_pendientes_de

logger = logging.getLogger(__name__)

# Give up retrying a message after this many failed attempts (it stays recorded).
MAX_INTENTOS = 10


def url_absoluta(ruta: str) -> str:
    return settings.SITE_URL.rstrip("/") + ruta


def url_derivacion(derivacion: Derivacion) -> str:
    return url_absoluta(reverse("equipo:derivacion", args=[derivacion.pk]))


def _renderizar(plantilla: str, contexto: dict) -> tuple[str, str]:
    """(subject, body) from templates/emails/<plantilla>_{asunto,cuerpo}.txt, in the office's language."""
    contexto = {"OFICINA_NOMBRE": settings.OFICINA_NOMBRE, "COMUNA": settings.COMUNA, **contexto}
    with translation.override(settings.LANGUAGE_CODE):
        asunto = render_to_string(f"emails/{plantilla}_asunto.txt", contexto)
        cuerpo = render_to_string(f"emails/{plantilla}_cuerpo.txt", contexto)
    return " ".join(asunto.split()), cuerpo.strip() + "\n"


def encolar(
    *,
    tipo: str,
    destinatarios: list[str],
    plantilla: str,
    contexto: dict,
    derivacion: Derivacion | None = None,
    clave: str | None = None,
) -> CorreoSaliente | None:
    """Record a message and send it once the current transaction commits. None without recipients."""
    destinatarios = [d for d in destinatarios if d]
    if not destinatarios:
        return None
    asunto, cuerpo = _renderizar(plantilla, contexto)
    correo = CorreoSaliente.objects.create(
        tipo=tipo,
        clave=clave,
        destinatarios=destinatarios,
        asunto=asunto,
        cuerpo=cuerpo,
        derivacion=derivacion,
    )
    transaction.on_commit(lambda: enviar(correo.pk))
    return correo


def enviar(pk: int) -> bool:
    """Send one recorded message; record success or the error. Never raises.

    The row is locked while sending (skipped if another process holds it), so a retry running at
    the same time as the first attempt does not send it twice.
    """
    with transaction.atomic():
        correo = (
            CorreoSaliente.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, enviado__isnull=True)
            .first()
        )
        if correo is None:
            return True
        correo.intentos += 1
        try:
            EmailMessage(
                subject=correo.asunto,
                body=correo.cuerpo,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=correo.destinatarios,
            ).send()
        except Exception as exc:  # any transport failure: record it, retry later
            logger.warning("No se pudo enviar el correo %s: %s", correo.pk, exc)
            correo.ultimo_error = f"{type(exc).__name__}: {exc}"[:2000]
            correo.save(update_fields=["intentos", "ultimo_error"])
            return False
        correo.enviado = timezone.now()
        correo.ultimo_error = ""
        correo.save(update_fields=["intentos", "enviado", "ultimo_error"])
        return True


def reintentar_pendientes(*, max_intentos: int = MAX_INTENTOS) -> tuple[int, int]:
    """Try every unsent message again; returns (sent, still failing)."""
    enviados = fallidos = 0
    pendientes = CorreoSaliente.objects.filter(enviado__isnull=True, intentos__lt=max_intentos)
    for pk in pendientes.order_by("creado", "id").values_list("pk", flat=True):
        if enviar(pk):
            enviados += 1
        else:
            fallidos += 1
    return enviados, fallidos


def avisar_nueva_derivacion(derivacion: Derivacion) -> CorreoSaliente | None:
    """To the department's address: code, topic, deadline and link. Organisations get no email."""
    departamento = derivacion.departamento
    if departamento is None:
        return None
    return encolar(
        tipo=CorreoSaliente.Tipo.NUEVA,
        destinatarios=[departamento.email],
        plantilla="nueva_derivacion",
        contexto={"derivacion": derivacion, "url": url_derivacion(derivacion)},
        derivacion=derivacion,
    )


def avisar_respuesta(derivacion: Derivacion) -> CorreoSaliente | None:
    """To the referring professional, when the referral is resolved or rejected."""
    if derivacion.estado not in (EstadoDerivacion.RESUELTA, EstadoDerivacion.RECHAZADA):
        return None
    return encolar(
        tipo=CorreoSaliente.Tipo.RESPUESTA,
        destinatarios=[derivacion.derivado_por.email],
        plantilla="respuesta_derivacion",
        contexto={"derivacion": derivacion, "url": url_derivacion(derivacion)},
        derivacion=derivacion,
    )


def enviar_recordatorios(*, hoy=None) -> int:
    """Email each liaison their overdue referrals and each professional their follow-ups due.

    At most one reminder per recipient and day: the outbox row's unique `clave` records it, so
    running the command again the same day sends nothing new. Returns how many were queued.
    """
    hoy = hoy or timezone.localdate()
    User = get_user_model()
    enlaces = User.objects.filter(is_active=True, groups__name=ENLACE, membresias__activa=True)
    con_seguimiento = User.objects.filter(
        DerivacionQuerySet.q_abiertas("derivaciones_enviadas__"),
        is_active=True,
        derivaciones_enviadas__seguimientos__proxima_fecha__lte=hoy,
    )
    ya_enviados = set(
        CorreoSaliente.objects.filter(
            clave__startswith="recordatorio:", clave__endswith=f":{hoy.isoformat()}"
        ).values_list("clave", flat=True)
    )
    enviados = 0
    for usuario in (enlaces | con_seguimiento).exclude(email="").distinct().order_by("pk"):
        clave = f"recordatorio:{usuario.pk}:{hoy.isoformat()}"
        if clave in ya_enviados:
            continue
        vencidas = list(
            Derivacion.objects.vencidas(hoy)
            .filter(departamento_id__in=departamentos_de(usuario))
            .select_related("departamento")
            .order_by("fecha_limite", "id")
        )
        seguimientos = list(seguimientos_pendientes_de(usuario, hoy))
        if not vencidas and not seguimientos:
            continue
        for d in vencidas + seguimientos:
            d.url = url_derivacion(d)
        try:
            with transaction.atomic():
                encolar(
                    tipo=CorreoSaliente.Tipo.RECORDATORIO,
                    destinatarios=[usuario.email],
                    plantilla="recordatorio",
                    contexto={
                        "usuario": usuario,
                        "hoy": hoy,
                        "vencidas": vencidas,
                        "seguimientos": seguimientos,
                    },
                    clave=clave,
                )
        except IntegrityError:  # another run sent it meanwhile
            continue
        enviados += 1
    return enviados

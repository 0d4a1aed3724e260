"""Email notifications of referrals, through an outbox, sent by the task runner's worker.

Each message is written to `CorreoSaliente` inside the caller's transaction; once it commits, a
job on the task runner (sello_migrante.tareas) sends it, outside any transaction and never in the
web request, with `EMAIL_TIMEOUT`. A failed send keeps the row with its error and a next attempt
time that doubles each time (1, 2, 4… minutes, at most 6 hours); the scheduled job
`reintentar_programados` (every 5 minutes) tries those that are due, and `manage.py
reintentar_correos` tries every pending one at once. A referral is never lost because mail is down.
Daily reminders are a scheduled job too (`recordatorios_programados`, schedules created by
`migrate`: `programar_tareas`). Bodies carry codes, topics, dates and links, never a person's name.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from oficina.roles import ENLACE
from sello_migrante import tareas

from .acceso import departamentos_de
from .choices import EstadoDerivacion
from .models import CorreoSaliente, Derivacion, DerivacionQuerySet
from .selectors.derivaciones import seguimientos_pendientes_de

logger = logging.getLogger(__name__)

# Give up retrying a message after this many failed attempts (it stays recorded).
MAX_INTENTOS = 10
# Backoff between automatic attempts: 1, 2, 4… minutes, at most this.
ESPERA_MAXIMA = datetime.timedelta(hours=6)


def espera_tras(intentos: int) -> datetime.timedelta:
    """How long to wait before the next automatic attempt after `intentos` failed ones."""
    return min(datetime.timedelta(minutes=2 ** max(intentos - 1, 0)), ESPERA_MAXIMA)


def _plazo_reclamo() -> datetime.timedelta:
    """While one process sends a message, no other takes it (longer than any SMTP timeout)."""
    return datetime.timedelta(seconds=3 * (settings.EMAIL_TIMEOUT or 60) + 60)


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
    tareas.encolar(enviar, correo.pk, nombre=f"correo {correo.pk}")
    return correo


def _reclamar(pk: int, *, respetar_espera: bool) -> CorreoSaliente | None:
    """Take one unsent message for sending (a short transaction): count the attempt and keep
    other processes off it for a while. None if it was sent, is being sent, or is not due."""
    ahora = timezone.now()
    with transaction.atomic():
        pendientes = CorreoSaliente.objects.select_for_update(skip_locked=True).filter(
            pk=pk, enviado__isnull=True
        )
        # Not one that another process is sending right now (a claim older than that has died).
        pendientes = pendientes.exclude(enviando_desde__gt=ahora - _plazo_reclamo())
        if respetar_espera:
            pendientes = pendientes.filter(Q(proximo_intento__isnull=True) | Q(proximo_intento__lte=ahora))
        correo = pendientes.first()
        if correo is None:
            return None
        correo.intentos += 1
        correo.enviando_desde = ahora
        correo.save(update_fields=["intentos", "enviando_desde"])
    return correo


def enviar(pk: int, *, respetar_espera: bool = False) -> bool:
    """Send one recorded message; record success or the error. Never raises.

    The row is claimed in a short transaction and the SMTP conversation happens outside any
    transaction (no row stays locked while a mail server answers), with EMAIL_TIMEOUT.
    """
    correo = _reclamar(pk, respetar_espera=respetar_espera)
    if correo is None:
        return True
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
        correo.proximo_intento = timezone.now() + espera_tras(correo.intentos)
        correo.enviando_desde = None
        correo.save(update_fields=["ultimo_error", "proximo_intento", "enviando_desde"])
        return False
    correo.enviado = timezone.now()
    correo.ultimo_error = ""
    correo.proximo_intento = None
    correo.enviando_desde = None
    correo.save(update_fields=["enviado", "ultimo_error", "proximo_intento", "enviando_desde"])
    return True


def reintentar_pendientes(
    *, max_intentos: int = MAX_INTENTOS, respetar_espera: bool = False
) -> tuple[int, int]:
    """Try unsent messages again (only those due, with `respetar_espera`); returns (sent, still failing)."""
    enviados = fallidos = 0
    pendientes = CorreoSaliente.objects.filter(enviado__isnull=True, intentos__lt=max_intentos)
    if respetar_espera:
        pendientes = pendientes.filter(
            Q(proximo_intento__isnull=True) | Q(proximo_intento__lte=timezone.now())
        )
    for pk in pendientes.order_by("creado", "id").values_list("pk", flat=True):
        if enviar(pk, respetar_espera=respetar_espera):
            enviados += 1
        else:
            fallidos += 1
    return enviados, fallidos


def reintentar_programados() -> tuple[int, int]:
    """The scheduled retry job: the messages whose backoff has elapsed."""
    return reintentar_pendientes(respetar_espera=True)


def recordatorios_programados() -> int:
    """The scheduled daily job: reminders on working days (Monday to Friday)."""
    if timezone.localdate().weekday() >= 5:
        return 0
    return enviar_recordatorios()


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


def enviar_recordatorios_externos(*, hoy=None) -> int:
    """Remind organisations of open referrals: N days before the deadline and once after it.

    One reminder of each kind per referral (the outbox row's unique `clave`); only referrals with
    a link that still opens. Returns how many were queued.
    """
    from .enlaces_externos import url_de
    from .models import DerivacionQuerySet, EnlaceExterno

    hoy = hoy or timezone.localdate()
    antes = hoy + datetime.timedelta(days=settings.ENLACE_EXTERNO_AVISO_DIAS_ANTES)
    enlaces = (
        EnlaceExterno.objects.vigentes()
        .filter(DerivacionQuerySet.q_abiertas("derivacion__"), derivacion__fecha_limite__lte=antes)
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
                encolar(
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

"""The task runner's recurring jobs (django-q2 `Schedule` rows), created by `migrate`.

Created once and never overwritten: the office head may change their times in the admin
(Django Q → Scheduled tasks). Cron with the management commands stays an alternative (README).
"""

import datetime

from django.utils import timezone

RECORDATORIOS = "Recordatorios diarios"
REINTENTOS = "Reintentar correos"
PLANILLAS_VENCIDAS = "Borrar planillas importadas vencidas"
HORA_RECORDATORIOS = datetime.time(8, 0)
# At night, away from the office's hours.
HORA_PLANILLAS = datetime.time(3, 0)


def _proxima(hora: datetime.time) -> datetime.datetime:
    ahora = timezone.localtime()
    hoy = datetime.datetime.combine(ahora.date(), hora, tzinfo=ahora.tzinfo)
    return hoy if hoy > ahora else hoy + datetime.timedelta(days=1)


def _proximas_ocho() -> datetime.datetime:
    return _proxima(HORA_RECORDATORIOS)


def programar_tareas(**kwargs) -> None:
    """post_migrate: the daily reminders (08:00, working days), the outbox retries (every 5 min)
    and the deletion of uploaded spreadsheets that can no longer be undone (daily, 03:00)."""
    from django_q.models import Schedule

    Schedule.objects.get_or_create(
        name=RECORDATORIOS,
        defaults={
            "func": "atenciones.notificaciones.recordatorios_programados",
            "schedule_type": Schedule.DAILY,
            "next_run": _proximas_ocho(),
            "repeats": -1,
        },
    )
    Schedule.objects.get_or_create(
        name=REINTENTOS,
        defaults={
            "func": "atenciones.notificaciones.reintentar_programados",
            "schedule_type": Schedule.MINUTES,
            "minutes": 5,
            "next_run": timezone.now(),
            "repeats": -1,
        },
    )
    Schedule.objects.get_or_create(
        name=PLANILLAS_VENCIDAS,
        defaults={
            "func": "atenciones.services.importacion.borrar_archivos_vencidos",
            "schedule_type": Schedule.DAILY,
            "next_run": _proxima(HORA_PLANILLAS),
            "repeats": -1,
        },
    )

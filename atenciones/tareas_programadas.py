"""The task runner's recurring jobs (django-q2 `Schedule` rows), created by `migrate`.

Created once and never overwritten: the office head may change their times in the admin
(Django Q → Scheduled tasks). Cron with the management commands stays an alternative (README).
"""

import datetime

from django.utils import timezone

RECORDATORIOS = "Recordatorios diarios"
REINTENTOS = "Reintentar correos"
HORA_RECORDATORIOS = datetime.time(8, 0)


def _proximas_ocho() -> datetime.datetime:
    ahora = timezone.localtime()
    hoy = datetime.datetime.combine(ahora.date(), HORA_RECORDATORIOS, tzinfo=ahora.tzinfo)
    return hoy if hoy > ahora else hoy + datetime.timedelta(days=1)


def programar_tareas(**kwargs) -> None:
    """post_migrate: the daily reminders (08:00, working days) and the outbox retries (every 5 min)."""
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

"""The project's one task runner for background work: django-q2 with its ORM broker.

Code never calls django-q2 directly; it calls `encolar`, which queues the task only once the
current transaction commits, so a task never reads rows that are not there yet and a request
that rolls back queues nothing. The worker is `manage.py qcluster` (`make run` starts it).
A task that raises is kept as failed with its traceback (admin: Django Q → Failed tasks); a
task whose worker died is handed out again (`Q_CLUSTER["retry"]`, up to `max_attempts`).
"""

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django_q.tasks import async_task


def _ruta(funcion: str | Callable[..., Any]) -> str:
    """A dotted path, so the queue stores a name and not a pickled function object."""
    if isinstance(funcion, str):
        return funcion
    return f"{funcion.__module__}.{funcion.__qualname__}"


def encolar(funcion: str | Callable[..., Any], *args: Any, nombre: str = "", **kwargs: Any) -> None:
    """Queue `funcion(*args, **kwargs)` on the worker after the current transaction commits."""
    ruta = _ruta(funcion)

    def _enviar() -> None:
        async_task(ruta, *args, task_name=nombre or ruta, **kwargs)

    transaction.on_commit(_enviar)

"""Background work: one place that hands a function to the task runner.

Until the runner is wired in, `encolar` runs the function at once (callers already defer it to
after the commit with `transaction.on_commit`).
"""

import logging
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)


def encolar(funcion: Callable[..., Any], *args: Any) -> None:
    try:
        funcion(*args)
    except Exception:  # a background refresh must never break the user's request
        logger.exception("tarea en segundo plano fallida: %s", getattr(funcion, "__name__", funcion))

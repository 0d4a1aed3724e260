"""Reads from a PostgreSQL streaming replica (issue 16), when DATABASE_REPLICA_URL is set.

Only reads made inside `desde_replica()` (the indicators, the Sello dossier, exports, the admin's
list pages) go to the replica, and only when:
- the user has not written anything in the last `REPLICA_ESCRITURA_RECIENTE` seconds (their own
  writes are read from the primary: a replica may lag behind);
- the replica answers: a failed replica is marked down for `REPLICA_REINTENTO` seconds and the
  reads fall back to the primary.
Every write, and every other read, goes to the primary ("default").
"""

import contextvars
import functools
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

REPLICA = "replica"
SESION_ESCRITURA = "sm_escritura"  # session key: time of the user's last write

_leer_de_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("leer_de_replica", default=False)
_caida_hasta = 0.0  # per process: when to try a failed replica again


def replica_configurada() -> bool:
    return REPLICA in settings.DATABASES


def replica_disponible() -> bool:
    """True when the replica answers; a failure is remembered for REPLICA_REINTENTO seconds."""
    global _caida_hasta
    if not replica_configurada() or time.monotonic() < _caida_hasta:
        return False
    conexion = connections[REPLICA]
    try:
        conexion.ensure_connection()
        if not conexion.is_usable():
            conexion.close()
            conexion.ensure_connection()
    except DatabaseError:
        logger.warning("La réplica no responde: se lee del primario.", exc_info=True)
        _caida_hasta = time.monotonic() + getattr(settings, "REPLICA_REINTENTO", 30)
        conexion.close()
        return False
    return True


def olvidar_caida() -> None:
    """Try the replica again at the next read (tests, or after an operator restored it)."""
    global _caida_hasta
    _caida_hasta = 0.0


def alias_lectura() -> str:
    """The alias the current read goes to: the replica inside desde_replica() when it answers."""
    if _leer_de_replica.get() and replica_disponible():
        return REPLICA
    return "default"


@contextmanager
def desde_replica(request: HttpRequest | None = None) -> Iterator[None]:
    """Reads inside go to the replica, unless this request's user wrote something recently."""
    reciente = getattr(settings, "REPLICA_ESCRITURA_RECIENTE", 60)
    sesion = getattr(request, "session", None)
    escribio = sesion is not None and time.time() - sesion.get(SESION_ESCRITURA, 0) < reciente
    token = _leer_de_replica.set(not escribio)
    try:
        yield
    finally:
        _leer_de_replica.reset(token)


def lee_de_replica(vista: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """View decorator: the view's reads go to the replica (see desde_replica)."""

    @functools.wraps(vista)
    def envuelta(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with desde_replica(request):
            return vista(request, *args, **kwargs)

    return envuelta


class EscrituraRecienteMiddleware:
    """Remembers in the session when a user wrote something: an unsafe request answered with a
    redirect (the portal's post/redirect/get). A download answering a POST (an export) wrote nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        respuesta = self.get_response(request)
        if (
            replica_configurada()
            and request.method not in ("GET", "HEAD", "OPTIONS", "TRACE")
            and 300 <= respuesta.status_code < 400
            and getattr(request, "session", None) is not None
        ):
            request.session[SESION_ESCRITURA] = time.time()
        return respuesta


class RouterReplica:
    """Django database router: reads inside desde_replica() to the replica, the rest to the primary."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        return alias_lectura()

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        return True  # the same data on both

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == "default"  # the replica follows the primary's schema

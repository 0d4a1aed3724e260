"""Database outages: a clear 503 instead of a 500, and a time limit on every web request's SQL.

- `error_del_servidor` is the project's handler500. When the error is the database being
  unreachable (or a statement cancelled by the time limit) it answers 503 with a page, in the
  visitor's language on public pages, saying that nothing was saved and to try again in a minute;
  `/salud/` answers its JSON 503 whatever layer failed (a session cookie makes the session
  middleware query the database after the view). Django drops a broken connection at the end of
  the request and the next one reconnects (CONN_HEALTH_CHECKS), so the site recovers by itself.
- `limitar_consultas_web` sets PostgreSQL's statement_timeout on the web server's connections only
  (wsgi.py calls it): the task worker and management commands keep no limit.
"""

import logging
import sys
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

ERRORES_DE_CONEXION = (OperationalError, InterfaceError)


def es_caida(exc: BaseException | None) -> bool:
    """Whether an exception means the database cannot be reached (or cancelled the statement)."""
    while exc is not None:
        if isinstance(exc, ERRORES_DE_CONEXION):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def pagina_no_disponible(request: HttpRequest) -> HttpResponse:
    """503 with a page (or the health check's JSON) saying nothing was saved."""
    if request.path_info == "/salud/":
        respuesta: HttpResponse = JsonResponse({"estado": "error", "base_de_datos": False}, status=503)
    else:
        idioma = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with translation.override(idioma):
            # No request context: the context processors would query the database again.
            contenido = loader.get_template("503.html").render()
        respuesta = HttpResponse(contenido, status=503)
    respuesta["Retry-After"] = "60"
    respuesta["Cache-Control"] = "no-store"
    return respuesta


@requires_csrf_token
def error_del_servidor(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: a database outage is a 503 with a clear page; anything else is Django's 500."""
    if es_caida(sys.exc_info()[1]):
        logger.warning("La base de datos no responde: %s %s → 503", request.method, request.path)
        return pagina_no_disponible(request)
    return defaults.server_error(request, template_name)


def _fijar_tiempo_maximo(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if connection.vendor != "postgresql" or connection.alias != "default":
        return
    milisegundos = int(settings.TIEMPO_MAXIMO_CONSULTA_WEB * 1000)
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = %s", [milisegundos])


def limitar_consultas_web() -> None:
    """From now on, this process's new PostgreSQL connections cancel a statement after
    TIEMPO_MAXIMO_CONSULTA_WEB seconds (0: no limit). For the web server only."""
    if settings.TIEMPO_MAXIMO_CONSULTA_WEB > 0:
        connection_created.connect(_fijar_tiempo_maximo, dispatch_uid="sello_tiempo_maximo_web")

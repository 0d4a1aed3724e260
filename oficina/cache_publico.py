"""Cache of the public pages, invalidated at once when public content changes.

Every cached page is stored with the version number of the public content, kept in the cache
itself; a page is served only while its version is the current one. Saving or deleting a guide,
an organisation, a service, a program or an activity bumps the version, so every public page is
rebuilt on its next visit: one cheap write, no need to know which pages used
the row, and it works across several app servers sharing Redis. The receivers below only touch
the cache (no other side effect), so they are safe wherever the write comes from: the admin,
a service, a command or the shell.
"""

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connections, router
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.gzip import re_accepts_gzip

CLAVE_VERSION = "publico:version"


def version_actual() -> int:
    version = cache.get(CLAVE_VERSION)
    if version is None:
        version = 1
        cache.add(CLAVE_VERSION, version, timeout=None)
    return version


def invalidar() -> None:
    """Make every cached public page stale."""
    try:
        cache.incr(CLAVE_VERSION)
    except ValueError:  # not set yet (or evicted): any new value differs from the old keys
        cache.set(CLAVE_VERSION, 2, timeout=None)


def _clave(path: str, gzip: bool) -> str:
    ruta = hashlib.sha256(path.encode()).hexdigest()
    return f"publico:pagina:{ruta}:{'gzip' if gzip else 'identidad'}"


def cache_publico(vista: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a public GET page as cacheable: `CachePublicoMiddleware` stores and serves it.

    The URL carries the language (or the page does not depend on it: open data). The response never
    depends on cookies or the session, so nothing adds `Vary: Cookie`. Pages with a query string
    (filters, search) are built each time: they are cheap and hostile input must not fill the cache.
    """

    @functools.wraps(vista)
    def envoltura(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.META[_MARCA] = True
        return vista(request, *args, **kwargs)

    return envoltura


_MARCA = "sello_migrante.cache_publico"


def _leer(*claves: str) -> dict[str, Any]:
    """`cache.get_many`, with the lookup itself as the connection's health check (database cache).

    With CONN_HEALTH_CHECKS Django sends `SELECT 1` before a request's first query on a reused
    connection: as long as the lookup itself, a second round trip to PostgreSQL for a page served
    from the cache. Here the lookup goes first; if the connection died (PostgreSQL restarted) it is
    closed and the lookup runs once more on a new one, which is what the health check would do.
    """
    if not isinstance(caches["default"], DatabaseCache):
        return cache.get_many(claves)
    conexion = connections[router.db_for_read(caches["default"].cache_model_class)]
    # django-stubs does not declare the health-check attributes (Django 4.1+).
    pendiente = conexion.health_check_enabled and not conexion.health_check_done  # type: ignore[attr-defined]
    if conexion.connection is None or not pendiente:
        return cache.get_many(claves)
    conexion.health_check_done = True  # type: ignore[attr-defined]
    try:
        return cache.get_many(claves)
    except DatabaseError:
        if conexion.is_usable():
            raise
        conexion.close()
    return cache.get_many(claves)


class CachePublicoMiddleware:
    """Serves a cached public page before sessions, authentication and the rest of the stack.

    Placed right after WhiteNoise, so a cached page costs what a static file costs plus one read of
    the shared cache: the content version and the page in the same `get_many` (one SQL query with
    the database cache). The page is stored as the rest of the stack left it (security and CSP
    headers, gzip when the client accepts it), together with the version it was built under: an
    edit during the build leaves a stale version, never a stale page. Only responses of views marked
    with `@cache_publico`, 200, complete and without cookies are stored.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.prefijos = (*(f"/{codigo}/" for codigo, _nombre in settings.LANGUAGES), "/datos/")

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if (
            request.method != "GET"
            or request.META.get("QUERY_STRING")
            or not request.path_info.startswith(self.prefijos)
        ):
            return self.get_response(request)
        clave = _clave(
            request.path_info, bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
        )
        guardados = _leer(CLAVE_VERSION, clave)
        version = guardados.get(CLAVE_VERSION)
        guardada = guardados.get(clave)
        if version is not None and guardada is not None and guardada[0] == version:
            return guardada[1]
        if version is None:
            version = version_actual()
        respuesta = self.get_response(request)
        if (
            request.META.get(_MARCA)
            and respuesta.status_code == 200
            and not respuesta.streaming
            and not respuesta.cookies
        ):
            cache.set(clave, (version, respuesta), settings.CACHE_PUBLICO_SEGUNDOS)
        return respuesta


def _al_cambiar(sender: type, **kwargs: object) -> None:
    invalidar()


def conectar() -> None:
    """Called from OficinaConfig.ready()."""
    from .models import Actividad, Organizacion, PaginaInformativa, Programa, Servicio

    for modelo in (PaginaInformativa, Organizacion, Servicio, Programa, Actividad):
        post_save.connect(_al_cambiar, sender=modelo, dispatch_uid=f"publico-{modelo.__name__}-save")
        post_delete.connect(_al_cambiar, sender=modelo, dispatch_uid=f"publico-{modelo.__name__}-delete")

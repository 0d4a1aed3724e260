"""Cache of the public pages, invalidated at once when public content changes.

Every cached page's key carries a version number kept in the cache itself. Saving or deleting
a guide, an organisation, a service, a program or an activity bumps the version, so every
public page is rebuilt on its next visit: one cheap write, no need to know which pages used
the row, and it works across several app servers sharing Redis. The receivers below only touch
the cache (no other side effect), so they are safe wherever the write comes from: the admin,
a service, a command or the shell.
"""

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

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


def _clave(request: HttpRequest) -> str:
    ruta = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"publico:pagina:{version_actual()}:{get_language()}:{ruta}"


def cache_publico(vista: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Cache a public GET page without query string; the URL already carries the language.

    The response never depends on cookies or the session, so nothing adds `Vary: Cookie`.
    Pages with a query string (filters, search) are built each time: they are cheap and
    hostile input must not fill the cache.
    """

    @functools.wraps(vista)
    def envoltura(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "GET" or request.GET:
            return vista(request, *args, **kwargs)
        clave = _clave(request)
        respuesta = cache.get(clave)
        if respuesta is not None:
            return respuesta
        respuesta = vista(request, *args, **kwargs)
        if respuesta.status_code == 200:
            if hasattr(respuesta, "render"):
                respuesta.render()
            cache.set(clave, respuesta, settings.CACHE_PUBLICO_SEGUNDOS)
        return respuesta

    return envoltura


def _al_cambiar(sender: type, **kwargs: object) -> None:
    invalidar()


def conectar() -> None:
    """Called from OficinaConfig.ready()."""
    from .models import Actividad, Organizacion, PaginaInformativa, Programa, Servicio

    for modelo in (PaginaInformativa, Organizacion, Servicio, Programa, Actividad):
        post_save.connect(_al_cambiar, sender=modelo, dispatch_uid=f"publico-{modelo.__name__}-save")
        post_delete.connect(_al_cambiar, sender=modelo, dispatch_uid=f"publico-{modelo.__name__}-delete")

"""Security glue: login lockout (django-axes), client address, NUL characters, audit middleware."""

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, cast

import auditlog.middleware
from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

if TYPE_CHECKING:
    from django.http.request import _ImmutableQueryDict  # stubs only: request.GET's type


class BloqueoPorIntentosBackend(AxesStandaloneBackend):
    """Axes' lockout check for every login that comes with a request (login form, admin login).

    A programmatic `authenticate()` without a request (shell, tests' `client.login`) has no address
    to lock, so it is let through to the next backend instead of raising.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def ip_cliente(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the entry PROXIES_CONFIABLES hops back in X-Forwarded-For.

    Only the entries appended by our own proxies are trusted; anything to their left is client-supplied.
    """
    saltos = settings.PROXIES_CONFIABLES
    if saltos > 0:
        reenviado = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(reenviado) >= saltos:
            return reenviado[-saltos]
    return request.META.get("REMOTE_ADDR")


def respuesta_bloqueo(request: HttpRequest, credentials: Any, *args: Any, **kwargs: Any) -> HttpResponse:
    """The lockout page, in Spanish, saying how long to wait; 429 Too Many Requests."""
    minutos = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(
        request,
        "registration/bloqueo.html",
        {"minutos": minutos, "intentos": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


class CaracterNuloEnSolicitud(SuspiciousOperation):
    """A NUL character in the address: no page has one."""


class QuitarCaracteresNulosMiddleware:
    """Remove NUL characters from query and form values before anything stores or searches them.

    PostgreSQL refuses NUL in text, so such a value reaching a query (the admin search box, the login
    lockout's record of the username) would end in a 500. No one types a NUL; it is dropped like
    any other invisible noise. A NUL in the address itself is a 400.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            raise CaracterNuloEnSolicitud("Carácter nulo en la dirección.")
        if _con_nulo(request.GET):
            request.GET = _sin_nulos(request.GET)
        if request.method == "POST" and _con_nulo(request.POST):
            request.POST = _sin_nulos(request.POST)
        return self.get_response(request)


def _con_nulo(datos: QueryDict) -> bool:
    return any("\x00" in clave or any("\x00" in v for v in valores) for clave, valores in datos.lists())


def _sin_nulos(datos: QueryDict) -> "_ImmutableQueryDict":
    limpio = QueryDict(mutable=True, encoding=datos.encoding)
    for clave, valores in datos.lists():
        limpio.setlist(clave.replace("\x00", ""), [v.replace("\x00", "") for v in valores])
    limpio._mutable = False
    return cast("_ImmutableQueryDict", limpio)


# Set by axes' own settings module (default "username"), not by ours.
_CAMPO_USUARIO: str = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")


def nombre_usuario(request: HttpRequest, credentials: Mapping[str, Any] | None = None) -> str | None:
    """The username axes records: as typed, cut to Django's 150 characters (its column holds 255)."""
    if credentials:
        valor = credentials.get(_CAMPO_USUARIO)
    else:
        valor = getattr(request, "data", request.POST).get(_CAMPO_USUARIO)
    return None if valor is None else str(valor).replace("\x00", "")[:150]


class AuditlogMiddleware(auditlog.middleware.AuditlogMiddleware):
    """django-auditlog's middleware, without touching the session on every request.

    The actor is handed over as the lazy `request.user`: it is resolved only when a change is
    logged, so public pages never read the session (no `Vary: Cookie`, cacheable). The client
    address is the one the lockout uses (only our own proxies are trusted).
    """

    @staticmethod
    def _get_actor(request: HttpRequest) -> Any:
        return getattr(request, "user", None)

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        # auditlog's own setting (default False), read as auditlog does.
        return None if getattr(settings, "AUDITLOG_DISABLE_REMOTE_ADDR", False) else ip_cliente(request)

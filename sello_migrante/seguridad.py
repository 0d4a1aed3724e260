"""Login lockout glue for django-axes: the backend and the client address behind a reverse proxy."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import render


class BloqueoPorIntentosBackend(AxesStandaloneBackend):
    """Axes' lockout check for every login that comes with a request (login form, admin login).

    A programmatic `authenticate()` without a request (shell, tests' `client.login`) has no address
    to lock, so it is let through to the next backend instead of raising.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def ip_cliente(request):
    """The client's address: REMOTE_ADDR, or the entry PROXIES_CONFIABLES hops back in X-Forwarded-For.

    Only the entries appended by our own proxies are trusted; anything to their left is client-supplied.
    """
    saltos = settings.PROXIES_CONFIABLES
    if saltos > 0:
        reenviado = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(reenviado) >= saltos:
            return reenviado[-saltos]
    return request.META.get("REMOTE_ADDR")


def respuesta_bloqueo(request, credentials, *args, **kwargs):
    """The lockout page, in Spanish, saying how long to wait; 429 Too Many Requests."""
    minutos = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(
        request,
        "registration/bloqueo.html",
        {"minutos": minutos, "intentos": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


class CaracterNuloEnSolicitud(SuspiciousOperation):
    """A NUL character in the address or a form value: no legitimate input has one."""


class RechazarCaracteresNulosMiddleware:
    """Answer 400 to a request carrying NUL characters, before anything tries to store or search them.

    PostgreSQL refuses NUL in text, so such a value reaching a query (the admin search box, the login
    lockout's record of the username) would end in a 500. Django's forms already refuse NUL field by
    field; this covers code that reads the raw request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path
            or _con_nulo(request.GET)
            or (request.method == "POST" and _con_nulo(request.POST))
        ):
            raise CaracterNuloEnSolicitud("Carácter nulo en la solicitud.")
        return self.get_response(request)


def _con_nulo(datos):
    return any("\x00" in clave or any("\x00" in v for v in valores) for clave, valores in datos.lists())


def nombre_usuario(request, credentials=None):
    """The username axes records: as typed, cut to Django's 150 characters (its column holds 255)."""
    if credentials:
        valor = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        valor = getattr(request, "data", request.POST).get(settings.AXES_USERNAME_FORM_FIELD)
    return None if valor is None else str(valor).replace("\x00", "")[:150]

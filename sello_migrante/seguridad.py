"""Login lockout glue for django-axes: the backend and the client address behind a reverse proxy."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
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

"""The staff workspace, sign-in pages and admin are in Spanish whatever the browser prefers.

LocaleMiddleware picks the browser's language for paths without a language prefix; the public
site carries its language in the URL, while staff pages (Spanish source, only partly translated)
would otherwise mix languages, e.g. English topic labels inside Spanish pages.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.utils import translation


class EquipoEnEspanolMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.prefijos = ("/equipo/", "/cuentas/", f"/{settings.ADMIN_URL}")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(self.prefijos):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)


class GZipPublicoMiddleware(GZipMiddleware):
    """gzip for the public site and open data only, never where a secret sits in the body.

    BREACH recovers a secret from the compressed size of responses that also reflect attacker
    input. Public pages and /datos/ carry no secret and no personal data, so they are compressed;
    staff pages, sign-in and the admin (CSRF tokens, personal data) never are, and neither is any
    response whose rendering used the CSRF token.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        super().__init__(get_response)
        self.privados = ("/equipo/", "/cuentas/", f"/{settings.ADMIN_URL}")

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if request.path_info.startswith(self.privados) or request.META.get("CSRF_COOKIE_USED"):
            return response
        return super().process_response(request, response)

"""The staff workspace, sign-in pages and admin are in Spanish whatever the browser prefers.

LocaleMiddleware picks the browser's language for paths without a language prefix; the public
site carries its language in the URL, while staff pages (Spanish source, only partly translated)
would otherwise mix languages, e.g. English topic labels inside Spanish pages.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
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

"""Project-level views: the root redirect and the health check."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.translation import get_language_from_request
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@require_GET
def inicio_por_idioma(request: HttpRequest) -> HttpResponse:
    """`/` → the public home in the visitor's language (browser preference, Spanish by default)."""
    return HttpResponseRedirect(f"/{get_language_from_request(request)}/")


@never_cache
@require_GET
def salud(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 otherwise; says nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return JsonResponse({"estado": "error", "base_de_datos": False}, status=503)
    return JsonResponse({"estado": "ok", "base_de_datos": True})

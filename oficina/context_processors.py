from django.conf import settings
from django.http import HttpRequest


def oficina(request: HttpRequest) -> dict[str, str]:
    """The office's names, for every layout."""
    return {"OFICINA_NOMBRE": settings.OFICINA_NOMBRE, "COMUNA": settings.COMUNA}

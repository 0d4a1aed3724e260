from django.conf import settings


def oficina(request):
    """The office's names, for every layout."""
    return {"OFICINA_NOMBRE": settings.OFICINA_NOMBRE, "COMUNA": settings.COMUNA}

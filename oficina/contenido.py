"""Initial public content (guides in es/ht/en), loaded by seed_demo and `cargar_contenido`."""

from django.db import transaction

from .models import PaginaInformativa


@transaction.atomic
def cargar_contenido_inicial() -> int:
    """Create the guides that do not exist yet; never overwrite what the office edited."""
    from .contenido_inicial import GUIAS

    existentes = set(PaginaInformativa.objects.values_list("clave", "idioma"))
    nuevas = [
        PaginaInformativa(
            clave=guia["clave"],
            idioma=idioma,
            tema=guia["tema"],
            orden=guia["orden"],
            titulo=texto["titulo"],
            resumen=texto["resumen"],
            cuerpo=texto["cuerpo"],
        )
        for guia in GUIAS
        for idioma, texto in guia["textos"].items()
        if (guia["clave"], idioma) not in existentes
    ]
    PaginaInformativa.objects.bulk_create(nuevas)
    return len(nuevas)

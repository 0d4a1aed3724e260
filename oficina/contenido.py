"""Initial public content (guides and the privacy notice in es/ht/en).

Loaded by `seed_demo` and by `manage.py cargar_contenido` (production, without demo data).
"""

import re

from django.conf import settings
from django.db import transaction

from . import cache_publico
from .models import PaginaInformativa

# The privacy notice is a PaginaInformativa with this key: editable in the admin per language,
# never listed among the guides.
CLAVE_PRIVACIDAD = "privacidad"

# "5 años" / "5 an" / "5 years" in the initial notice: the retention the office configured.
_RETENCION = re.compile(r"\b5 (años|an|years)\b")


def _textos_privacidad():
    from .contenido_inicial import PRIVACIDAD

    anos = getattr(settings, "RETENCION_ANOS", 5)
    for idioma, texto in PRIVACIDAD["textos"].items():
        cuerpo = _RETENCION.sub(lambda m: f"{anos} {m.group(1)}", texto["cuerpo"])
        yield idioma, {"titulo": texto["titulo"], "resumen": "", "cuerpo": cuerpo}


@transaction.atomic
def cargar_contenido_inicial() -> int:
    """Create the guides and the privacy notice that do not exist yet; never overwrite edits."""
    from .contenido_inicial import GUIAS

    filas = [
        (guia["clave"], idioma, guia["tema"], guia["orden"], texto)
        for guia in GUIAS
        for idioma, texto in guia["textos"].items()
    ]
    filas += [(CLAVE_PRIVACIDAD, idioma, "", 0, texto) for idioma, texto in _textos_privacidad()]

    existentes = set(PaginaInformativa.objects.values_list("clave", "idioma"))
    nuevas = [
        PaginaInformativa(
            clave=clave,
            idioma=idioma,
            tema=tema,
            orden=orden,
            titulo=texto["titulo"],
            resumen=texto["resumen"],
            cuerpo=texto["cuerpo"],
        )
        for clave, idioma, tema, orden, texto in filas
        if (clave, idioma) not in existentes
    ]
    PaginaInformativa.objects.bulk_create(nuevas)
    if nuevas:
        # bulk_create sends no post_save: invalidate the public cache here.
        transaction.on_commit(cache_publico.invalidar)
    return len(nuevas)

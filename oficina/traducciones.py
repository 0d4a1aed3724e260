"""Translation status of the directory and calendar texts (columns `<campo>_ht` / `<campo>_en`).

A text is *missing* in a language when its Spanish text is filled and the translation is empty:
an empty Spanish text needs no translation.
"""

from django.db import models
from django.db.models import Q

IDIOMAS_TRADUCCION = ("ht", "en")


def campos(modelo: type[models.Model]) -> tuple[str, ...]:
    return getattr(modelo, "campos_traducibles", ())


def faltantes(objeto: models.Model, idioma: str) -> list[str]:
    """Names of the translatable fields of `objeto` whose `idioma` translation is missing."""
    return [
        campo
        for campo in campos(type(objeto))
        if (getattr(objeto, campo) or "").strip() and not (getattr(objeto, f"{campo}_{idioma}") or "").strip()
    ]


def q_falta(modelo: type[models.Model], idioma: str, prefijo: str = "") -> Q:
    """Rows of `modelo` (reached through `prefijo`, e.g. "servicios__") missing an `idioma` text."""
    condicion = Q(pk__in=[])
    for campo in campos(modelo):
        condicion |= ~Q(**{f"{prefijo}{campo}": ""}) & Q(**{f"{prefijo}{campo}_{idioma}": ""})
    return condicion

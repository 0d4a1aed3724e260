"""Translation status of the directory and calendar texts (columns `<campo>_ht` / `<campo>_en`).

A text is *missing* in a language when its Spanish text is filled and the translation is empty:
an empty Spanish text needs no translation.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Q

from .models import Actividad, Organizacion

IDIOMAS_TRADUCCION = ("ht", "en")


def campos(modelo: type[models.Model]) -> tuple[str, ...]:
    return getattr(modelo, "campos_traducibles", ())


def faltantes(objeto: models.Model, idioma: str, solo: Iterable[str] | None = None) -> list[str]:
    """Names of the translatable fields of `objeto` (or of `solo`) whose `idioma` translation is missing."""
    return [
        campo
        for campo in (solo or campos(type(objeto)))
        if (getattr(objeto, campo) or "").strip() and not (getattr(objeto, f"{campo}_{idioma}") or "").strip()
    ]


def hay_respaldo(objetos: Iterable[models.Model], idioma: str) -> bool:
    """Does any of these rows (organisations with their services, or activities) show Spanish?"""
    if idioma == settings.LANGUAGE_CODE:
        return False
    for objeto in objetos:
        if faltantes(objeto, idioma):
            return True
        if isinstance(objeto, Actividad) and faltantes(objeto.programa, idioma, solo=["nombre"]):
            return True
        if isinstance(objeto, Organizacion) and any(faltantes(s, idioma) for s in objeto.servicios.all()):
            return True
    return False


def q_falta(modelo: type[models.Model], idioma: str, prefijo: str = "") -> Q:
    """Rows of `modelo` (reached through `prefijo`, e.g. "servicios__") missing an `idioma` text."""
    condicion = Q(pk__in=[])
    for campo in campos(modelo):
        condicion |= ~Q(**{f"{prefijo}{campo}": ""}) & Q(**{f"{prefijo}{campo}_{idioma}": ""})
    return condicion

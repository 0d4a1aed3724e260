"""Template helpers of the indicators page: a difference with its sign."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def signo(valor):
    """A difference as the page shows it: +3, −2, 0; "—" when there is none to show."""
    if valor is None or valor == "":
        return "—"
    if valor == 0:
        return "0"
    return ("+" if valor > 0 else "−") + number_format(abs(valor), use_l10n=True)


@register.filter
def dict_get(datos, clave):
    """`datos[clave]` for a key held in a variable (None when missing)."""
    return datos.get(clave) if hasattr(datos, "get") else None

"""Date helpers shared by public and staff templates."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def fecha_iso(valor: datetime.datetime | datetime.date | None) -> str:
    """A valid HTML `datetime` attribute: ISO 8601 in local time, whole seconds (HTML allows at most 3 decimals)."""
    if valor is None or valor == "":
        return ""
    if isinstance(valor, datetime.datetime):
        if timezone.is_aware(valor):
            valor = timezone.localtime(valor)
        return valor.replace(microsecond=0).isoformat()
    return valor.isoformat()

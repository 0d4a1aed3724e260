"""Template helpers of the staff workspace."""

from django import template

from oficina.roles import es_profesional

register = template.Library()


@register.filter
def es_equipo(user):
    """Office staff (professionals and the office head): they see persons and cases."""
    return es_profesional(user)

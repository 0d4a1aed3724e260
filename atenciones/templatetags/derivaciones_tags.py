"""Role tests for templates: {% load derivaciones_tags %} … {% if user|es_enlace %}."""

from django import template

from oficina import roles

register = template.Library()


@register.filter
def es_enlace(user):
    return roles.es_enlace(user)


@register.filter
def es_profesional(user):
    return roles.es_profesional(user)

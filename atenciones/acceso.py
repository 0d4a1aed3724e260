"""Access rules of the staff workspace: who may open which page, and which objects.

Object access helpers answer 404 (not 403) to outsiders, so a guessed id confirms nothing.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404

from oficina.roles import Usuario, es_encargada, es_enlace, es_profesional

from .models import Derivacion, DerivacionQuerySet, Persona

# A page or a streamed download (FileResponse).
Vista = Callable[..., HttpResponseBase]


class SolicitudEquipo(HttpRequest):
    """The request of a staff page: the decorators below let only signed-in users through."""

    user: User


def _con_rol(prueba: Callable[[Usuario], bool]) -> Callable[[Vista], Vista]:
    def decorador(vista: Vista) -> Vista:
        @login_required
        @wraps(vista)
        def envoltura(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not prueba(request.user):
                raise Http404
            return vista(request, *args, **kwargs)

        return envoltura

    return decorador


# Office staff (professionals and the office head). Others get 404.
equipo_requerido = _con_rol(es_profesional)
# The office head only.
encargada_requerida = _con_rol(es_encargada)
# Department liaisons (and office staff, who see every referral).
enlace_o_equipo_requerido = _con_rol(lambda u: es_profesional(u) or es_enlace(u))


def departamentos_de(user: Usuario) -> list[int]:
    """Ids of the departments a liaison belongs to (active memberships)."""
    if isinstance(user, AnonymousUser):
        return []
    return list(user.membresias.filter(activa=True).values_list("departamento_id", flat=True))


def persona_para(user: Usuario, pk: int, queryset: QuerySet[Persona] | None = None) -> Persona:
    """A person for office staff; 404 for everyone else."""
    if not es_profesional(user):
        raise Http404
    return get_object_or_404(queryset if queryset is not None else Persona.objects.all(), pk=pk)


def derivaciones_visibles(user: Usuario, queryset: DerivacionQuerySet | None = None) -> DerivacionQuerySet:
    """Referrals a user may see: all for office staff, their departments' for liaisons, none otherwise."""
    qs = queryset if queryset is not None else Derivacion.objects.all()
    if es_profesional(user):
        return qs
    if es_enlace(user):
        return qs.filter(departamento_id__in=departamentos_de(user))
    return qs.none()


def derivacion_para(user: Usuario, pk: int, queryset: DerivacionQuerySet | None = None) -> Derivacion:
    """One referral the user may see, with what its page needs; 404 otherwise."""
    qs = (queryset if queryset is not None else Derivacion.objects.all()).select_related(
        "persona", "departamento", "organizacion", "derivado_por"
    )
    return get_object_or_404(derivaciones_visibles(user, qs), pk=pk)

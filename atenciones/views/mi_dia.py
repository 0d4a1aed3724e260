from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from oficina.roles import es_enlace, es_profesional

from ..acceso import SolicitudEquipo
from ..selectors import mi_dia as selectors_mi_dia


@login_required
def mi_dia(request: SolicitudEquipo) -> HttpResponse:
    contexto = {}
    if es_profesional(request.user):
        contexto = selectors_mi_dia.mi_dia(request.user)
    elif es_enlace(request.user):
        # A liaison lands on their inbox's open referrals, with one-action accept (issue #13).
        contexto = selectors_mi_dia.mi_dia_enlace(request.user)
    return render(request, "equipo/mi_dia.html", contexto)

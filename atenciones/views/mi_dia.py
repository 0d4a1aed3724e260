from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from oficina.roles import es_profesional

from ..acceso import SolicitudEquipo
from ..selectors import mi_dia as selectors_mi_dia


@login_required
def mi_dia(request: SolicitudEquipo) -> HttpResponse:
    contexto = selectors_mi_dia.mi_dia(request.user) if es_profesional(request.user) else {}
    return render(request, "equipo/mi_dia.html", contexto)

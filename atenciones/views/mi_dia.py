from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from oficina.roles import es_profesional

from .. import selectors


@login_required
def mi_dia(request):
    contexto = selectors.mi_dia(request.user) if es_profesional(request.user) else {}
    return render(request, "equipo/mi_dia.html", contexto)

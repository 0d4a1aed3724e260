"""The benchmark's floor: a bare staff page (layout, session, one indexed query).

Only mounted by `manage.py benchmark` (atenciones/benchmark_urls.py), never in the portal's URLs.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..models import Persona


@login_required
def piso(request: HttpRequest) -> HttpResponse:
    # One primary-key lookup: the cheapest query a real page makes.
    persona = Persona.objects.filter(pk=1).order_by().values_list("pk", flat=True).first()
    return render(request, "equipo/benchmark/piso.html", {"persona": persona})

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def mi_dia(request):
    return render(request, "equipo/mi_dia.html")

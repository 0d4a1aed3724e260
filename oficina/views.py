"""Public pages: no personal data is ever read here."""

from django.shortcuts import render


def inicio(request):
    return render(request, "publico/inicio.html")

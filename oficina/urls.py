"""Public site (under the language prefix: /es/, /ht/, /en/)."""

from django.urls import path

from . import views

app_name = "publico"

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("guias/", views.guias, name="guias"),
    path("guias/<slug:clave>/", views.guia, name="guia"),
    path("red-de-apoyo/", views.red_de_apoyo, name="red_de_apoyo"),
    path("actividades/", views.actividades, name="actividades"),
    path("privacidad/", views.privacidad, name="privacidad"),
    path("buscar/", views.buscar, name="buscar"),
]

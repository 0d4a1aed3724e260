"""Public site (under the language prefix: /es/, /ht/, /en/)."""

from django.urls import path

from . import views

app_name = "publico"

urlpatterns = [
    path("", views.inicio, name="inicio"),
]

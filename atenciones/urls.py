"""Staff workspace (/equipo/)."""

from django.urls import path

from .views import mi_dia

app_name = "equipo"

urlpatterns = [
    path("", mi_dia.mi_dia, name="mi_dia"),
]

"""Staff workspace (/equipo/)."""

from django.urls import path

from .views import indicadores, mi_dia

app_name = "equipo"

urlpatterns = [
    path("", mi_dia.mi_dia, name="mi_dia"),
    path("indicadores/", indicadores.indicadores, name="indicadores"),
    path("indicadores/reporte.xlsx", indicadores.reporte, name="indicadores_reporte"),
]

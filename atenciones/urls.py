"""Staff workspace (/equipo/)."""

from django.urls import path

from .views import bandeja, derivaciones, indicadores, mi_dia

app_name = "equipo"

urlpatterns = [
    path("", mi_dia.mi_dia, name="mi_dia"),
    path("bandeja/", bandeja.bandeja, name="bandeja"),
    path("derivaciones/", derivaciones.lista, name="derivaciones"),
    path("derivaciones/<int:pk>/", derivaciones.detalle, name="derivacion"),
    path("derivaciones/<int:pk>/mover/", derivaciones.mover, name="derivacion_mover"),
    path("derivaciones/<int:pk>/seguimiento/", derivaciones.seguimiento, name="derivacion_seguimiento"),
    path("derivaciones/<int:pk>/imprimir/", derivaciones.imprimir, name="derivacion_imprimir"),
    path("personas/<int:persona_pk>/derivar/", derivaciones.nueva, name="derivar"),
    path("indicadores/", indicadores.indicadores, name="indicadores"),
    path("indicadores/reporte.xlsx", indicadores.reporte, name="indicadores_reporte"),
]

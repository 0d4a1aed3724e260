"""Staff workspace (/equipo/)."""

from django.urls import path

from .views import derechos, mi_dia

app_name = "equipo"

urlpatterns = [
    path("", mi_dia.mi_dia, name="mi_dia"),
    path("derechos/<int:pk>/", derechos.solicitud, name="derecho_solicitud"),
    path("derechos/<int:pk>/datos.json", derechos.datos_json, name="derecho_datos_json"),
    path("derechos/<int:pk>/datos/", derechos.datos_imprimible, name="derecho_datos"),
    path("derechos/<int:pk>/anonimizar/", derechos.anonimizar, name="derecho_anonimizar"),
    path("derechos/<int:pk>/bloqueo/", derechos.bloqueo, name="derecho_bloqueo"),
]

"""Staff workspace (/equipo/)."""

from django.urls import path

from .views import bandeja, casos, derechos, derivaciones, duplicados, hogares, indicadores, mi_dia, personas

app_name = "equipo"

urlpatterns = [
    path("", mi_dia.mi_dia, name="mi_dia"),
    path("personas/", personas.lista, name="personas"),
    path("personas/nueva/", personas.nueva, name="persona_nueva"),
    path("personas/<int:pk>/", personas.detalle, name="persona"),
    path("personas/<int:pk>/editar/", personas.editar, name="persona_editar"),
    path("personas/<int:pk>/atencion/", personas.atencion, name="persona_atencion"),
    path("personas/<int:pk>/documentos/", duplicados.documentos, name="persona_documentos"),
    path("duplicados/", duplicados.lista, name="duplicados"),
    path("duplicados/<int:pk>/", duplicados.fusionar, name="duplicado_fusionar"),
    path("duplicados/<int:pk>/distintas/", duplicados.distintas, name="duplicado_distintas"),
    path("personas/<int:persona_pk>/casos/nuevo/", casos.nuevo, name="caso_nuevo"),
    path("casos/", casos.lista, name="casos"),
    path("casos/reasignar/", casos.reasignar, name="casos_reasignar"),
    path("casos/<int:pk>/", casos.detalle, name="caso"),
    path("casos/<int:pk>/editar/", casos.editar, name="caso_editar"),
    path("casos/<int:pk>/cerrar/", casos.cerrar, name="caso_cerrar"),
    path("casos/<int:pk>/reabrir/", casos.reabrir, name="caso_reabrir"),
    path("hogares/nuevo/", hogares.nuevo, name="hogar_nuevo"),
    path("hogares/<int:pk>/", hogares.detalle, name="hogar"),
    path("hogares/<int:pk>/agregar/", hogares.agregar, name="hogar_agregar"),
    path("hogares/<int:pk>/quitar/", hogares.quitar, name="hogar_quitar"),
    path("hogares/<int:pk>/tutor/", hogares.tutor, name="hogar_tutor"),
    path("bandeja/", bandeja.bandeja, name="bandeja"),
    path("derivaciones/", derivaciones.lista, name="derivaciones"),
    path("derivaciones/<int:pk>/", derivaciones.detalle, name="derivacion"),
    path("derivaciones/<int:pk>/mover/", derivaciones.mover, name="derivacion_mover"),
    path("derivaciones/<int:pk>/seguimiento/", derivaciones.seguimiento, name="derivacion_seguimiento"),
    path("derivaciones/<int:pk>/imprimir/", derivaciones.imprimir, name="derivacion_imprimir"),
    path("personas/<int:persona_pk>/derivar/", derivaciones.nueva, name="derivar"),
    path("indicadores/", indicadores.indicadores, name="indicadores"),
    path("indicadores/reporte.xlsx", indicadores.reporte, name="indicadores_reporte"),
    path("derechos/<int:pk>/", derechos.solicitud, name="derecho_solicitud"),
    path("derechos/<int:pk>/datos.json", derechos.datos_json, name="derecho_datos_json"),
    path("derechos/<int:pk>/datos/", derechos.datos_imprimible, name="derecho_datos"),
    path("derechos/<int:pk>/anonimizar/", derechos.anonimizar, name="derecho_anonimizar"),
    path("derechos/<int:pk>/bloqueo/", derechos.bloqueo, name="derecho_bloqueo"),
]

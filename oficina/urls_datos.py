"""Open data (no language prefix): /datos/hsds/… (Open Referral HSDS 3.0)."""

from django.urls import path

from . import views_datos

app_name = "datos"

urlpatterns = [
    path("hsds/organizations/", views_datos.organizaciones, name="hsds_organizations"),
    path("hsds/organizations/<str:id>/", views_datos.organizacion, name="hsds_organization"),
    path("hsds/services/", views_datos.servicios, name="hsds_services"),
    path("hsds/services/<str:id>/", views_datos.servicio, name="hsds_service"),
    path("hsds/locations/", views_datos.ubicaciones, name="hsds_locations"),
    path("hsds/locations/<str:id>/", views_datos.ubicacion, name="hsds_location"),
]

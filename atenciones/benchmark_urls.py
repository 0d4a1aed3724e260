"""The portal's URLs plus the benchmark's floor page (used only while `manage.py benchmark` runs)."""

from django.urls import path

from sello_migrante.urls import urlpatterns as portal

from .views.piso import piso

RUTA_PISO = "/equipo/_piso/"

urlpatterns = [path(RUTA_PISO.strip("/") + "/", piso, name="benchmark_piso"), *portal]

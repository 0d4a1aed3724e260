from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.inicio_por_idioma, name="raiz"),
    path("salud/", views.salud, name="salud"),
    path("cuentas/", include("django.contrib.auth.urls")),
    path("equipo/", include("atenciones.urls")),
    path("datos/", include("oficina.urls_datos")),
    path(settings.ADMIN_URL, admin.site.urls),
]
urlpatterns += i18n_patterns(path("", include("oficina.urls")), prefix_default_language=True)

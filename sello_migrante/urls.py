from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from atenciones.views.externas import externa

from . import views

urlpatterns = [
    path("", views.inicio_por_idioma, name="raiz"),
    path("salud/", views.salud, name="salud"),
    path("cuentas/", include("django.contrib.auth.urls")),
    path("equipo/", include("atenciones.urls")),
    path("datos/", include("oficina.urls_datos")),
    # An external organisation answers one referral through its signed link (no sign-in).
    path("externa/<str:token>/", externa, name="externa"),
    path(settings.ADMIN_URL, admin.site.urls),
]
urlpatterns += i18n_patterns(path("", include("oficina.urls")), prefix_default_language=True)

# A database outage answers 503 with a clear page (sello_migrante/caidas.py).
handler500 = "sello_migrante.caidas.error_del_servidor"

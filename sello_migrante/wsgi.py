"""WSGI entry point (gunicorn sello_migrante.wsgi)."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sello_migrante.settings")

try:
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    from sello_migrante.caidas import limitar_consultas_web

    # Web requests only: the task worker and management commands keep no statement time limit.
    limitar_consultas_web()
except ImproperlyConfigured as exc:
    sys.exit(f"Configuración inválida: {exc}")

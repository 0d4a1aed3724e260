"""Pages measured by `manage.py benchmark`: (name, demo user, URL or a callable returning it).

Each feature adds its staff pages here, so the benchmark covers every page that must stay fast
at 200,000 persons and 1,000,000 attentions.
"""

import datetime

from django.conf import settings
from django.utils import timezone


def _ultimo_anio():
    hoy = timezone.localdate()
    desde = hoy - datetime.timedelta(days=364)
    return f"/equipo/indicadores/?tipo=personalizado&desde={desde:%Y-%m-%d}&hasta={hoy:%Y-%m-%d}"


def _admin(ruta):
    return lambda: f"/{settings.ADMIN_URL}{ruta}"


PAGINAS = [
    ("mi_dia", "profesional", "/equipo/"),
    # Indicators for the last 365 days, and the report built from them.
    ("indicadores_anio", "encargada", _ultimo_anio),
    ("indicadores_reporte", "encargada", lambda: _ultimo_anio().replace("/?", "/reporte.xlsx?")),
    # The office head's admin on the big tables (no full COUNT(*), fixed queries).
    ("admin_personas", "encargada", _admin("atenciones/persona/")),
    ("admin_personas_busqueda", "encargada", _admin("atenciones/persona/?q=gonzalez")),
    ("admin_atenciones", "encargada", _admin("atenciones/atencion/")),
    ("admin_atenciones_tema", "encargada", _admin("atenciones/atencion/?tema=salud")),
    ("admin_derivaciones", "encargada", _admin("atenciones/derivacion/")),
    ("admin_derivaciones_vencidas", "encargada", _admin("atenciones/derivacion/?vencida=si")),
    ("admin_casos", "encargada", _admin("atenciones/caso/")),
]

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


def _una_derivacion_de_salud():
    from atenciones.models import Derivacion

    pk = (
        Derivacion.objects.filter(departamento__sigla="Salud")
        .order_by("-pk")
        .values_list("pk", flat=True)[:1]
    )
    return f"/equipo/derivaciones/{pk[0]}/"


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
    ("bandeja", "enlace.salud", "/equipo/bandeja/"),
    ("bandeja_resueltas", "enlace.salud", "/equipo/bandeja/?estado=resuelta&pagina=50"),
    ("derivaciones", "profesional", "/equipo/derivaciones/"),
    ("derivaciones_vencidas", "profesional", "/equipo/derivaciones/?vencidas=on"),
    ("derivaciones_externas", "profesional", "/equipo/derivaciones/?externas=on"),
    ("derivacion_detalle_enlace", "enlace.salud", _una_derivacion_de_salud),
    ("derivacion_detalle_equipo", "profesional", _una_derivacion_de_salud),
    ("derivacion_imprimir", "profesional", lambda: _una_derivacion_de_salud() + "imprimir/"),
]

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


def _solicitud_de_derecho(ruta):
    """A data-subject request page of the person with most attentions (None when there is none)."""

    def url():
        from django.db import DatabaseError, transaction
        from django.db.models import Count

        from atenciones.models import SolicitudDerecho

        try:
            with transaction.atomic():  # a savepoint: a database without the table stays usable
                solicitud = (
                    SolicitudDerecho.objects.exclude(persona=None)
                    .annotate(n=Count("persona__atenciones"))
                    .order_by("-n")
                    .first()
                )
        except DatabaseError:
            return None
        return solicitud and f"/equipo/derechos/{solicitud.pk}/{ruta}"

    return url


def _persona_con_historial():
    """A person with a long history: the busiest of the first thousand."""
    from django.db.models import Count

    from atenciones.models import Persona

    persona = (
        Persona.objects.filter(
            pk__lte=Persona.objects.order_by("pk").values_list("pk", flat=True)[:1][0] + 1000
        )
        .annotate(n=Count("atenciones"))
        .order_by("-n")[0]
    )
    return f"/equipo/personas/{persona.pk}/"


def _documento():
    """A real RUN of the database, typed with dots and dash as people do."""
    from atenciones.documentos import formatear_documento
    from atenciones.models import Persona

    numero = (
        Persona.objects.filter(tipo_documento="run")
        .order_by("pk")
        .values_list("documento_numero", flat=True)[500]
    )
    return f"/equipo/personas/?q={formatear_documento('run', numero)}"


def _caso():
    from atenciones.models import Caso

    return f"/equipo/casos/{Caso.objects.order_by('pk').values_list('pk', flat=True).first()}/"


def _hogar():
    from atenciones.models import Hogar

    return f"/equipo/hogares/{Hogar.objects.order_by('pk').values_list('pk', flat=True).first()}/?q=maria"


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
    ("personas_buscar_nombre", "profesional", "/equipo/personas/?q=jose+perez"),
    ("personas_buscar_apellido_comun", "profesional", "/equipo/personas/?q=gonzalez"),
    ("personas_buscar_documento", "profesional", _documento),
    ("personas_buscar_telefono", "profesional", "/equipo/personas/?q=+56+9+5555"),
    ("personas_buscar_sin_resultados", "profesional", "/equipo/personas/?q=zzqx+wywy"),
    # Misspelled and sound-alike searches (issue #11): exact matches, then the typo-tolerant ones.
    ("personas_buscar_mal_escrito", "profesional", "/equipo/personas/?q=yusmari+pena+gonsales"),
    ("personas_buscar_sonido_frances", "profesional", "/equipo/personas/?q=jean+batiste"),
    ("personas_buscar_g_j", "profesional", "/equipo/personas/?q=rosanjela+diaz"),
    ("duplicados_cola", "encargada", "/equipo/duplicados/"),
    ("persona_documentos", "profesional", lambda: _persona_con_historial() + "documentos/"),
    ("persona_nueva", "profesional", "/equipo/personas/nueva/"),
    ("persona_detalle", "profesional", _persona_con_historial),
    ("persona_atencion", "profesional", lambda: _persona_con_historial() + "atencion/"),
    ("persona_editar", "profesional", lambda: _persona_con_historial() + "editar/"),
    ("casos_lista", "profesional", "/equipo/casos/"),
    ("casos_lista_vencidos_mios", "profesional", "/equipo/casos/?vencidos=on&asignado=2"),
    ("caso_detalle", "profesional", _caso),
    ("caso_editar", "profesional", lambda: _caso() + "editar/"),
    ("hogar_detalle", "profesional", _hogar),
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
    ("derecho_solicitud", "encargada", _solicitud_de_derecho("")),
    ("derecho_datos_imprimir", "encargada", _solicitud_de_derecho("datos/")),
]

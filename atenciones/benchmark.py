"""Pages measured by `manage.py benchmark`: (name, demo user, URL or a callable returning it).

Each feature adds its staff pages here, so the benchmark covers every page that must stay fast
at 2,000,000 persons and 10,000,000 attentions (issue 16).
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

    primera = Persona.objects.order_by("pk").values_list("pk", flat=True).first()
    if primera is None:
        return None
    persona = (
        Persona.objects.filter(pk__lte=primera + 1000).annotate(n=Count("atenciones")).order_by("-n").first()
    )
    if persona is None:
        return None
    return f"/equipo/personas/{persona.pk}/"


def _documento():
    """A real RUN of the database, typed with dots and dash as people do."""
    from atenciones.documentos import formatear_documento
    from atenciones.models import Persona

    # The 501st RUN on a large database, the last one on a small one (None when there is none).
    numeros = list(
        Persona.objects.filter(tipo_documento="run")
        .order_by("pk")
        .values_list("documento_numero", flat=True)[:501]
    )
    return numeros and f"/equipo/personas/?q={formatear_documento('run', numeros[-1])}"


def _caso():
    from atenciones.models import Caso

    pk = Caso.objects.order_by("pk").values_list("pk", flat=True).first()
    return pk and f"/equipo/casos/{pk}/"


def _hogar():
    from atenciones.models import Hogar

    pk = Hogar.objects.order_by("pk").values_list("pk", flat=True).first()
    return pk and f"/equipo/hogares/{pk}/?q=maria"


def _una_derivacion_de_salud():
    from atenciones.models import Derivacion

    pk = (
        Derivacion.objects.filter(departamento__sigla="Salud")
        .order_by("-pk")
        .values_list("pk", flat=True)[:1]
    )
    return pk and f"/equipo/derivaciones/{pk[0]}/"


def _mas(url_de, sufijo):
    def url():
        base = url_de()
        return base and base + sufijo

    return url


# The floor every page is compared with: the staff layout, the session and one indexed query
# (atenciones/views/piso.py, mounted only while the benchmark runs).
PISO = ("piso", "profesional", "/equipo/_piso/")

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
    ("persona_documentos", "profesional", _mas(_persona_con_historial, "documentos/")),
    ("persona_nueva", "profesional", "/equipo/personas/nueva/"),
    ("persona_detalle", "profesional", _persona_con_historial),
    ("persona_atencion", "profesional", _mas(_persona_con_historial, "atencion/")),
    ("persona_editar", "profesional", _mas(_persona_con_historial, "editar/")),
    ("casos_lista", "profesional", "/equipo/casos/"),
    ("casos_lista_vencidos_mios", "profesional", "/equipo/casos/?vencidos=on&asignado=2"),
    ("caso_detalle", "profesional", _caso),
    ("caso_editar", "profesional", _mas(_caso, "editar/")),
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
    # The fastest-growing tables: the access log and the change history.
    ("admin_registro_accesos", "encargada", _admin("atenciones/registroacceso/")),
    ("admin_historial_cambios", "encargada", _admin("auditlog/logentry/")),
    # Import batches and their rows (a batch can hold 100,000 rows).
    ("admin_lotes_importacion", "encargada", _admin("atenciones/loteimportacion/")),
    ("admin_filas_importacion", "encargada", _admin("atenciones/filaimportacion/")),
    ("bandeja", "enlace.salud", "/equipo/bandeja/"),
    ("bandeja_resueltas", "enlace.salud", "/equipo/bandeja/?estado=resuelta&pagina=50"),
    ("derivaciones", "profesional", "/equipo/derivaciones/"),
    ("derivaciones_vencidas", "profesional", "/equipo/derivaciones/?vencidas=on"),
    ("derivaciones_externas", "profesional", "/equipo/derivaciones/?externas=on"),
    ("derivacion_detalle_enlace", "enlace.salud", _una_derivacion_de_salud),
    ("derivacion_detalle_equipo", "profesional", _una_derivacion_de_salud),
    ("derivacion_imprimir", "profesional", _mas(_una_derivacion_de_salud, "imprimir/")),
    ("derecho_solicitud", "encargada", _solicitud_de_derecho("")),
    ("derecho_datos_imprimir", "encargada", _solicitud_de_derecho("datos/")),
]


# Person searches compared with Django admin's default search (issue 16: ≥ 50× faster for every
# kind of query), by page name: the query is the page's `q`.
BUSQUEDAS = {
    "personas_buscar_nombre": "nombre",
    "personas_buscar_apellido_comun": "apellido común",
    "personas_buscar_documento": "documento",
    "personas_buscar_telefono": "teléfono",
    "personas_buscar_mal_escrito": "mal escrito",
    "personas_buscar_sonido_frances": "mal escrito (sonido)",
    "personas_buscar_g_j": "mal escrito (g/j)",
    "personas_buscar_sin_resultados": "sin resultados",
}


def busqueda_admin_por_defecto(consulta: str) -> int:
    """What Django admin's default changelist search does in the database for `consulta`, over the
    person admin's own search fields: `icontains` ORed over the fields for each word, the full
    count of the matches and of the table (show_full_result_count), and the first page of 100 in
    the model's ordering. Returns the number of matches."""
    from django.contrib import admin
    from django.test import RequestFactory

    from atenciones.admin.personas import PersonaAdmin
    from atenciones.models import Persona

    class PorDefecto(admin.ModelAdmin):  # Django's own get_search_results, the same fields
        search_fields = PersonaAdmin.search_fields

    modelo_admin = PorDefecto(Persona, admin.AdminSite())
    solicitud = RequestFactory().get("/", {"q": consulta})
    qs, _duplicados = modelo_admin.get_search_results(solicitud, Persona.objects.all(), consulta)
    total = qs.count()
    Persona.objects.count()
    list(qs.order_by("apellidos", "nombres", "-pk")[:100])  # Persona.Meta.ordering, then the pk
    return total


def busqueda_equipo(consulta: str) -> int:
    """The staff search's database and Python work for `consulta`, as the person search page does
    it without the layout: exact then typo-tolerant matches, the capped count, the first page of 20
    and their last attentions. Returns the number of persons on the first page."""
    from django.core.paginator import Paginator

    from atenciones.selectors import personas as selectors
    from atenciones.selectors.duplicados import resultados_busqueda

    resultados, total, _muchas = resultados_busqueda(consulta, 20)
    paginador = Paginator(resultados, 20)
    paginador.count = total
    pagina = list(paginador.get_page(1))
    selectors.ultimas_atenciones(p.pk for p in pagina)
    return len(pagina)

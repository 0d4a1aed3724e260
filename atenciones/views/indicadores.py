"""Indicators page (/equipo/indicadores/) and the Sello Migrante report (XLSX)."""

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sello_migrante.routers import lee_de_replica

from .. import indicadores as ind
from ..acceso import SolicitudEquipo, equipo_requerido
from ..exportar import XLSX, exportar
from ..forms.indicadores import PeriodoForm
from ..indicadores.comparar import comparar
from ..reporte import hojas_reporte

# SVG bar chart geometry (user units; the SVG scales to its container).
ANCHO = 640
ETIQUETAS = 210
BARRAS = 360
ALTO_FILA = 26
ALTO_BARRA = 18
MAX_BARRAS = 15


def grafico(
    ident: str, titulo: str, filas: list[dict[str, Any]], campo: str, unidad: str, ceros: bool = False
) -> dict[str, Any]:
    """Data for a horizontal bar chart (templates/equipo/indicadores/_grafico.html) and its table.

    Rows with zero are left out of the chart (the table has them) unless `ceros` (a timeline).
    """
    tabla = [{"etiqueta": f["etiqueta"], "valor": f[campo]} for f in filas]
    if not ceros:
        filas = [f for f in filas if f[campo]]
    filas = filas[: 3 * MAX_BARRAS if ceros else MAX_BARRAS]
    maximo = max((f[campo] for f in filas), default=0)
    barras = []
    for i, fila in enumerate(filas):
        valor = fila[campo]
        ancho = round(BARRAS * valor / maximo) if maximo else 0
        ancho = max(ancho, 1) if valor else 0
        y = 6 + i * ALTO_FILA
        barras.append(
            {
                "etiqueta": fila["etiqueta"],
                "valor": valor,
                "y": y,
                "y_texto": y + ALTO_BARRA - 4,
                "ancho": ancho,
                "x_valor": ETIQUETAS + ancho + 6,
            }
        )
    if maximo:
        mayor = max(filas, key=lambda f: f[campo])
        descripcion = _(
            "Gráfico de barras de %(unidad)s. El valor mayor es %(etiqueta)s, con %(valor)s. "
            "La tabla junto al gráfico tiene todas las cifras."
        ) % {"unidad": unidad, "etiqueta": mayor["etiqueta"], "valor": mayor[campo]}
    else:
        descripcion = _("Sin datos en el período.")
    return {
        "id": ident,
        "titulo": titulo,
        "descripcion": descripcion,
        "barras": barras,
        "tabla": tabla,
        "ancho": ANCHO,
        "x_barras": ETIQUETAS,
        "x_etiquetas": ETIQUETAS - 8,
        "alto": max(12 + len(barras) * ALTO_FILA, 36),
    }


# A year of indicators scans the year's attentions (seconds at a million rows): the result is
# kept this long per period and language, for the page and the report alike.
CACHE_SEGUNDOS = 10 * 60


def indicadores_de(periodo: ind.Periodo) -> dict[str, Any]:
    clave = f"indicadores:v1:{get_language()}:{periodo.desde}:{periodo.hasta}:{timezone.localdate()}"
    datos = cache.get(clave)
    if datos is None:
        datos = ind.calcular(periodo)
        cache.set(clave, datos, CACHE_SEGUNDOS)
    return datos


def _formulario(request: SolicitudEquipo) -> PeriodoForm:
    datos = request.GET if "tipo" in request.GET else PeriodoForm.inicial()
    return PeriodoForm(datos)


def tabla_comparada(filas: list[dict[str, Any]], campos: list[tuple[str, str]]) -> dict[str, Any]:
    """A table of the page: per row, each figure with the previous period's and the difference."""
    return {
        "encabezados": [titulo for _c, titulo in campos],
        "columnas": 1 + 3 * len(campos),
        "filas": [
            {
                "etiqueta": f["etiqueta"],
                "etiqueta_ant": f.get("etiqueta_ant", ""),
                "cifras": [{"valor": f[c], "ant": f["ant"][c], "dif": f["dif"][c]} for c, _t in campos],
            }
            for f in filas
        ],
    }


def _tablas(comp: dict[str, Any]) -> dict[str, dict[str, Any]]:
    atenciones = [("atenciones", _("Atenciones"))]
    ambas = [("atenciones", _("Atenciones")), ("personas", _("Personas"))]
    return {
        "mes": tabla_comparada(comp["por_mes"], atenciones),
        "tema": tabla_comparada(comp["por_tema"], atenciones),
        "canal": tabla_comparada(comp["por_canal"], atenciones),
        "nacionalidad": tabla_comparada(comp["por_nacionalidad"], ambas),
        "sexo": tabla_comparada(comp["por_sexo"], ambas),
        "edad": tabla_comparada(comp["por_edad"], ambas),
        "resultado": tabla_comparada(comp["por_resultado"], [("derivaciones", _("Derivaciones"))]),
        "actividades": tabla_comparada(
            comp["actividades"],
            [
                ("actividades", _("Actividades")),
                ("asistentes", _("Asistentes")),
                ("sin_registro", _("Sin registro de asistencia")),
            ],
        ),
        "guias": tabla_comparada(
            comp["guias"],
            [("publicadas", _("Publicadas hoy")), ("actualizadas", _("Actualizadas en el período"))],
        ),
    }


@equipo_requerido
@lee_de_replica
def indicadores(request: SolicitudEquipo) -> HttpResponse:
    form = _formulario(request)
    contexto: dict[str, Any] = {"form": form}
    if form.is_valid():
        datos = indicadores_de(form.cleaned_data["periodo"])
        previo = indicadores_de(form.cleaned_data["anterior"])
        comp = comparar(datos, previo)
        contexto.update(
            minutos_cache=CACHE_SEGUNDOS // 60,
            datos=datos,
            comp=comp,
            tablas=_tablas(comp),
            resumen_campos=[
                ("personas", _("Personas atendidas")),
                ("nuevas", _("Personas nuevas")),
                ("recurrentes", _("Personas que vuelven")),
                ("atenciones", _("Atenciones")),
            ],
            derivaciones_campos=[
                ("total", _("Enviadas")),
                ("resueltas", _("Resueltas")),
                ("cerradas_sin_resolver", _("Cerradas sin resolver")),
                ("no_se_presento", _("No se presentó")),
                ("rechazadas", _("Rechazadas")),
                ("abiertas", _("Abiertas")),
                ("vencidas", _("Vencidas hoy")),
                ("tasa", _("Tasa de resolución")),
                ("mediana_dias", _("Mediana de días")),
            ],
            consulta=request.GET.urlencode() if "tipo" in request.GET else "",
            graficos={
                "mes": grafico(
                    "g-mes",
                    _("Atenciones por mes"),
                    datos["por_mes"],
                    "atenciones",
                    _("atenciones"),
                    ceros=True,
                ),
                "tema": grafico(
                    "g-tema", _("Atenciones por tema"), datos["por_tema"], "atenciones", _("atenciones")
                ),
                "canal": grafico(
                    "g-canal", _("Atenciones por canal"), datos["por_canal"], "atenciones", _("atenciones")
                ),
                "nacionalidad": grafico(
                    "g-nacionalidad",
                    _("Atenciones por nacionalidad"),
                    datos["por_nacionalidad"],
                    "atenciones",
                    _("atenciones"),
                ),
                "sexo": grafico(
                    "g-sexo", _("Atenciones por sexo"), datos["por_sexo"], "atenciones", _("atenciones")
                ),
                "edad": grafico(
                    "g-edad",
                    _("Atenciones por grupo de edad"),
                    datos["por_edad"],
                    "atenciones",
                    _("atenciones"),
                ),
                "derivaciones": grafico(
                    "g-derivaciones",
                    _("Derivaciones por destino"),
                    datos["derivaciones"],
                    "total",
                    _("derivaciones enviadas"),
                ),
                "vencidas": grafico(
                    "g-vencidas",
                    _("Derivaciones vencidas hoy"),
                    datos["vencidas"],
                    "vencidas",
                    _("derivaciones vencidas"),
                ),
                "externas": grafico(
                    "g-externas",
                    _("Derivaciones externas esperando respuesta"),
                    datos["externas"],
                    "pendientes",
                    _("derivaciones sin respuesta"),
                ),
                "actividades": grafico(
                    "g-actividades",
                    _("Asistentes a actividades por programa"),
                    datos["actividades"],
                    "asistentes",
                    _("asistentes"),
                ),
                "capacitaciones": grafico(
                    "g-capacitaciones",
                    _("Asistentes por capacitación"),
                    datos["capacitaciones"],
                    "asistentes",
                    _("asistentes"),
                ),
                "guias": grafico(
                    "g-guias", _("Guías publicadas por idioma"), datos["guias"], "publicadas", _("guías")
                ),
            },
        )
    return render(request, "equipo/indicadores/indicadores.html", contexto)


@equipo_requerido
@lee_de_replica
def reporte(request: SolicitudEquipo) -> HttpResponse:
    """The period's indicators as an XLSX workbook, with small counts masked."""
    form = _formulario(request)
    if not form.is_valid():
        return render(request, "equipo/indicadores/indicadores.html", {"form": form}, status=400)
    periodo = form.cleaned_data["periodo"]
    datos = indicadores_de(periodo)
    comp = comparar(datos, indicadores_de(form.cleaned_data["anterior"]))
    hojas = hojas_reporte(datos, comp, oficina=settings.OFICINA_NOMBRE, comuna=settings.COMUNA)
    return exportar(
        usuario=request.user,
        nombre=f"sello-migrante-{periodo.desde:%Y%m%d}-{periodo.hasta:%Y%m%d}",
        formato=XLSX,
        hojas=hojas,
        motivo="reporte_indicadores",
    )

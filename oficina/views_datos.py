"""Open data: the public directory as Open Referral HSDS 3.0 JSON (see oficina/hsds.py).

Read-only, anonymous and cookie-free like the public pages; pages without a query string are
cached with them. Anyone may reuse the data (CORS open): it is the public directory, no person.
"""

from collections.abc import Callable

from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from . import hsds
from .cache_publico import cache_publico


def _respuesta(datos: dict, idioma: str, estado: int = 200) -> JsonResponse:
    respuesta = JsonResponse(datos, status=estado, json_dumps_params={"ensure_ascii": False})
    respuesta["Content-Language"] = idioma
    respuesta["Access-Control-Allow-Origin"] = "*"
    return respuesta


def _error(mensaje: str, estado: int) -> JsonResponse:
    return _respuesta({"error": mensaje}, "en", estado)


def _entero(request: HttpRequest, nombre: str, defecto: int, maximo: int) -> int | None:
    valor = request.GET.get(nombre, "")
    if not valor:
        return defecto
    if not valor.isdigit() or not 1 <= int(valor) <= maximo:
        return None
    return int(valor)


def _lista(request: HttpRequest, consulta: QuerySet, convertir: Callable[..., dict]) -> JsonResponse:
    exportador = hsds.Exportador(request.GET.get("lang", ""))
    numero = _entero(request, "page", 1, 1_000_000)
    tamano = _entero(request, "per_page", hsds.POR_PAGINA, hsds.POR_PAGINA_MAXIMO)
    if numero is None or tamano is None:
        return _error(f"page must be a positive integer and per_page 1 to {hsds.POR_PAGINA_MAXIMO}.", 400)
    datos = hsds.pagina(consulta, numero, tamano, lambda fila: convertir(exportador, fila))
    return _respuesta(datos, exportador.idioma)


def _detalle(
    request: HttpRequest, consulta: QuerySet, tipo: int, identificador: str, convertir: Callable[..., dict]
) -> JsonResponse:
    exportador = hsds.Exportador(request.GET.get("lang", ""))
    pk = hsds.pk_de(identificador, tipo)
    fila = consulta.filter(pk=pk).first() if pk is not None else None
    if fila is None:
        return _error("Not found.", 404)
    return _respuesta(convertir(exportador, fila), exportador.idioma)


@require_safe
@cache_publico
def organizaciones(request: HttpRequest) -> JsonResponse:
    return _lista(request, hsds.organizaciones(), lambda e, org: e.organizacion_lista(org))


@require_safe
@cache_publico
def organizacion(request: HttpRequest, id: str) -> JsonResponse:
    return _detalle(request, hsds.organizaciones(), hsds.ORGANIZACION, id, lambda e, o: e.organizacion(o))


@require_safe
@cache_publico
def servicios(request: HttpRequest) -> JsonResponse:
    return _lista(request, hsds.servicios(), lambda e, s: e.servicio_lista(s, s.organizacion))


@require_safe
@cache_publico
def servicio(request: HttpRequest, id: str) -> JsonResponse:
    return _detalle(request, hsds.servicios(), hsds.SERVICIO, id, lambda e, s: e.servicio(s))


@require_safe
@cache_publico
def ubicaciones(request: HttpRequest) -> JsonResponse:
    return _lista(request, hsds.ubicaciones(), lambda e, org: e.ubicacion(org))


@require_safe
@cache_publico
def ubicacion(request: HttpRequest, id: str) -> JsonResponse:
    return _detalle(request, hsds.ubicaciones(), hsds.UBICACION, id, lambda e, org: e.ubicacion(org))

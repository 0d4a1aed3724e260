"""Reads for the public site. Only office tables: never persons, cases, attentions or referrals."""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from . import busqueda_publica
from .contenido import CLAVE_PRIVACIDAD
from .models import Actividad, Organizacion, PaginaInformativa, Servicio

IDIOMA_ORIGEN = settings.LANGUAGE_CODE  # Spanish: the language every content exists in
LARGO_MAXIMO_BUSQUEDA = 100
# Search shows whole directory cards: a few, then a pointer to the directory.
MAXIMO_ORGANIZACIONES_BUSQUEDA = 10
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Guia:
    """A guide as the reader sees it: in their language, or in Spanish with `es_respaldo`."""

    pagina: PaginaInformativa
    es_respaldo: bool


def _elegir(paginas: Iterable[PaginaInformativa], idioma: str) -> list[Guia]:
    """One page per key: the reader's language first, Spanish otherwise."""
    por_clave: dict[str, PaginaInformativa] = {}
    for pagina in paginas:
        actual = por_clave.get(pagina.clave)
        if actual is None or pagina.idioma == idioma:
            por_clave[pagina.clave] = pagina
    return [Guia(pagina=p, es_respaldo=p.idioma != idioma) for p in por_clave.values()]


def _paginas(idioma: str) -> QuerySet[PaginaInformativa]:
    idiomas = {idioma, IDIOMA_ORIGEN}
    return PaginaInformativa.objects.filter(publicada=True, idioma__in=idiomas)


def guias(idioma: str) -> list[Guia]:
    """Published guides (not the privacy notice), in guide order."""
    paginas = _paginas(idioma).exclude(clave=CLAVE_PRIVACIDAD).order_by("orden", "clave", "idioma")
    return _elegir(paginas, idioma)


def guia(clave: str, idioma: str) -> Guia | None:
    paginas = _paginas(idioma).filter(clave=clave)
    elegidas = _elegir(paginas, idioma)
    return elegidas[0] if elegidas else None


def aviso_privacidad(idioma: str) -> Guia | None:
    return guia(CLAVE_PRIVACIDAD, idioma)


def organizaciones_publicas(*, area: str = "", idioma: str = "") -> list[Organizacion]:
    """Active organisations shown publicly, with their services; filtered by area and language.

    Languages are JSON lists; the directory is small, so the language filter runs in Python
    (the same on SQLite and PostgreSQL).
    """
    servicios = Servicio.objects.order_by("nombre")
    organizaciones = Organizacion.objects.filter(publica=True, activa=True).prefetch_related(
        Prefetch("servicios", queryset=servicios)
    )
    if area:
        organizaciones = organizaciones.filter(servicios__area=area).distinct()
    resultado = list(organizaciones.order_by("nombre"))
    if idioma:
        resultado = [
            org
            for org in resultado
            if idioma in org.idiomas or any(idioma in s.idiomas for s in org.servicios.all())
        ]
    return resultado


def actividades_proximas(*, area: str = "") -> QuerySet[Actividad]:
    """Public activities that have not ended yet, soonest first."""
    ahora = timezone.now()
    actividades = (
        Actividad.objects.filter(publica=True, programa__activo=True)
        .filter(Q(fin__gte=ahora) | Q(fin__isnull=True, inicio__gte=ahora))
        .select_related("programa")
        .order_by("inicio", "pk")
    )
    if area:
        actividades = actividades.filter(programa__area=area)
    return actividades


def limpiar_busqueda(texto: str) -> str:
    """Search text made harmless: no control characters (NUL breaks PostgreSQL), bounded length."""
    texto = unicodedata.normalize("NFC", texto or "")
    texto = _CONTROL.sub(" ", texto)
    return " ".join(texto.split())[:LARGO_MAXIMO_BUSQUEDA]


def _indice_guias(idioma: str) -> busqueda_publica.Indice:
    indice = busqueda_publica.Indice()
    filas = (
        _paginas(idioma).exclude(clave=CLAVE_PRIVACIDAD).values_list("clave", "titulo", "resumen", "cuerpo")
    )
    for n, (clave, *textos) in enumerate(filas):
        indice.agregar((clave, n), textos)
    return indice


def _indice_organizaciones(idioma: str) -> busqueda_publica.Indice:
    """Names, acronyms and descriptions of organisations and their services, with translations."""
    traducibles = ("descripcion",) if idioma == IDIOMA_ORIGEN else ("descripcion", f"descripcion_{idioma}")
    indice = busqueda_publica.Indice()
    organizaciones = Organizacion.objects.filter(publica=True, activa=True).prefetch_related("servicios")
    for org in organizaciones:
        partes = [org.nombre, org.sigla, *(getattr(org, c) for c in traducibles)]
        for servicio in org.servicios.all():
            partes += [servicio.nombre, *(getattr(servicio, c) for c in traducibles)]
            if idioma != IDIOMA_ORIGEN:
                partes.append(getattr(servicio, f"nombre_{idioma}"))
        indice.agregar(org.pk, partes)
    return indice


def buscar(q: str, idioma: str) -> tuple[list[Guia], list[Organizacion]]:
    """Guides (reader's language, Spanish fallback) and directory entries matching every word.

    Accents and case are ignored and one typo per word is forgiven (oficina/busqueda_publica.py).
    """
    if not q.split():
        return [], []
    # A guide matches when its text in the reader's language or in Spanish does; it is then shown
    # in the reader's language when it exists.
    guias_indice = busqueda_publica.indice("guias", idioma, lambda: _indice_guias(idioma))
    claves = {clave for clave, _ in guias_indice.buscar(q)}
    encontradas = _elegir(
        _paginas(idioma).filter(clave__in=claves).order_by("orden", "clave", "idioma"), idioma
    )
    orgs_indice = busqueda_publica.indice("organizaciones", idioma, lambda: _indice_organizaciones(idioma))
    org_ids = orgs_indice.buscar(q)
    organizaciones = list(
        Organizacion.objects.filter(pk__in=org_ids, publica=True, activa=True)
        .prefetch_related(Prefetch("servicios", queryset=Servicio.objects.order_by("nombre")))
        .order_by("nombre")[: MAXIMO_ORGANIZACIONES_BUSQUEDA + 1]
    )
    return encontradas[:30], organizaciones

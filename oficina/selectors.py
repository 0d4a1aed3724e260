"""Reads for the public site. Only office tables: never persons, cases, attentions or referrals."""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

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


def buscar(q: str, idioma: str) -> tuple[list[Guia], list[Organizacion]]:
    """Guides (reader's language, Spanish fallback) and directory entries matching every word."""
    palabras = q.split()[:8]
    if not palabras:
        return [], []
    filtro_guia = Q()
    filtro_org = Q()
    for palabra in palabras:
        filtro_guia &= (
            Q(titulo__icontains=palabra) | Q(resumen__icontains=palabra) | Q(cuerpo__icontains=palabra)
        )
        por_palabra = (
            Q(nombre__icontains=palabra)
            | Q(sigla__icontains=palabra)
            | Q(descripcion__icontains=palabra)
            | Q(servicios__nombre__icontains=palabra)
            | Q(servicios__descripcion__icontains=palabra)
        )
        if idioma != IDIOMA_ORIGEN:  # the optional translations of the directory texts
            por_palabra |= Q(**{f"descripcion_{idioma}__icontains": palabra}) | Q(
                **{f"servicios__descripcion_{idioma}__icontains": palabra}
            )
        filtro_org &= por_palabra
    # A guide matches when its text in the reader's language or in Spanish does; it is then shown
    # in the reader's language when it exists.
    claves = _paginas(idioma).exclude(clave=CLAVE_PRIVACIDAD).filter(filtro_guia).values("clave").distinct()
    encontradas = _elegir(
        _paginas(idioma).filter(clave__in=claves).order_by("orden", "clave", "idioma"), idioma
    )
    org_ids = (
        Organizacion.objects.filter(publica=True, activa=True).filter(filtro_org).values("pk").distinct()
    )
    organizaciones = list(
        Organizacion.objects.filter(pk__in=org_ids)
        .prefetch_related(Prefetch("servicios", queryset=Servicio.objects.order_by("nombre")))
        .order_by("nombre")[: MAXIMO_ORGANIZACIONES_BUSQUEDA + 1]
    )
    return encontradas[:30], organizaciones

"""Person search: one normalised text column, the same matching on SQLite and PostgreSQL.

`Persona.busqueda` holds the names without accents in lower case, the normalised document and
the phone digits. A query is normalised the same way and every word must appear in it (AND of
substring matches). On PostgreSQL a pg_trgm GIN index serves those `LIKE '%word%'` filters and
trigram similarity ranks the results.
"""

import re
import unicodedata

from django.conf import settings
from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When

# Separators people type inside a document or phone number.
_SEPARADORES_NUMERO = re.compile(r"[\s.\-+()/]")
_NO_ALFANUMERICO = re.compile(r"[^0-9a-z]+")
LARGO_MINIMO = 2


def normalizar_texto(texto):
    """Lower case ASCII words: accents dropped ("Núñez" → "nunez"), punctuation as spaces."""
    descompuesto = unicodedata.normalize("NFKD", texto or "")
    sin_marcas = "".join(c for c in descompuesto if not unicodedata.combining(c))
    return " ".join(_NO_ALFANUMERICO.sub(" ", sin_marcas.lower()).split())


def texto_busqueda(persona):
    """The value of `Persona.busqueda` for a person (names, social name, document, phone digits)."""

    def campo(nombre):
        return getattr(persona, nombre, "") or ""

    partes = [
        normalizar_texto(campo("nombres")),
        normalizar_texto(campo("apellidos")),
        normalizar_texto(campo("nombre_social")),
        campo("documento_numero").lower(),
        re.sub(r"\D", "", campo("telefono")),
    ]
    return " ".join(p for p in partes if p)[:500]


def terminos(consulta):
    """The words a query must match. A number typed with dots, dashes or spaces is one word."""
    consulta = (consulta or "").strip()
    compacto = _SEPARADORES_NUMERO.sub("", consulta).lower()
    if len(re.sub(r"\D", "", compacto)) >= 5 and re.fullmatch(r"[0-9]+k?|[a-z]{0,3}[0-9]+", compacto):
        return [compacto]
    return normalizar_texto(consulta).split()


def consulta_valida(consulta):
    return len("".join(terminos(consulta))) >= LARGO_MINIMO


def filtrar_personas(queryset, consulta):
    """Persons matching every word of `consulta` (unordered); none for a too-short query."""
    palabras = terminos(consulta)
    if len("".join(palabras)) < LARGO_MINIMO:
        return queryset.none()
    filtro = Q()
    for palabra in palabras:
        filtro &= Q(busqueda__contains=palabra)
    return queryset.filter(filtro)


def limite_conteo() -> int:
    """Matches are counted up to this many (settings.BUSQUEDA_LIMITE_CONTEO); above it the page
    says "more than N" and lists the newest registered first: walking the primary key index stops
    after one page, where ranking (or merely counting) 187,000 matches of a common surname among
    2,000,000 persons takes a second."""
    return settings.BUSQUEDA_LIMITE_CONTEO


def contar_hasta(queryset, tope: int) -> int:
    """How many rows `queryset` has, counted only up to `tope`: `SELECT COUNT(*) FROM (… LIMIT tope)`,
    so the database stops at the tope-th match however many there are."""
    return queryset.order_by().values("pk")[:tope].count()


def contar_coincidencias(queryset) -> tuple[int, bool]:
    """(count, more): the matches counted up to the limit, and whether there are more than that."""
    limite = limite_conteo()
    n = contar_hasta(queryset, limite + 1)
    return min(n, limite), n > limite


def ordenar_resultados(queryset, consulta, muchas=False):
    """Best first: an exact document, then a name starting with the first word, then similarity.
    `muchas` (more matches than the count limit): the newest registered first, from the index."""
    palabras = terminos(consulta)
    if not palabras:
        return queryset
    es_postgresql = connection.vendor == "postgresql"
    if muchas:
        return queryset.order_by("-pk")
    qs = queryset.annotate(
        rango=Case(
            When(documento_numero=palabras[0].upper(), then=Value(2)),
            When(busqueda__startswith=palabras[0], then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    if es_postgresql:
        qs = qs.annotate(similitud=TrigramSimilarity("busqueda", " ".join(palabras)))
        return qs.order_by("-rango", "-similitud", "apellidos", "nombres", "pk")
    return qs.order_by("-rango", "apellidos", "nombres", "pk")


def buscar_personas(queryset, consulta):
    """Persons matching every word of `consulta`, best first; empty for a too-short query."""
    return ordenar_resultados(filtrar_personas(queryset, consulta), consulta)

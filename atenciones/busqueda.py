"""Person search: one normalised text column, the same matching on SQLite and PostgreSQL.

`Persona.busqueda` holds the names without accents in lower case, the normalised document and
the phone digits. A query is normalised the same way and every word must appear in it (AND of
substring matches). On PostgreSQL a pg_trgm GIN index serves those `LIKE '%word%'` filters;
`ordenar_resultados` ranks the matches the same way on both databases.
"""

import re
import unicodedata
from collections import Counter

from django.conf import settings
from django.db.models import Case, Expression, ExpressionWrapper, IntegerField, Q, Value, When
from django.db.models.functions import Concat, Length, Replace
from django.db.models.lookups import GreaterThanOrEqual

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
    """Closest first, the same order on SQLite and PostgreSQL:

    1. the exact document number;
    2. the name as typed (the search text starts with the query's words in their order);
    3. more query words that are whole name words ("rosa" is a whole word of "Rosa Pena", only a
       piece of "Rosangela"; a word typed twice counts twice where the name holds it twice);
    4. the shortest name (fewest letters the query left out: "Yusmary Pena" before "Yusmary Pena
       Gonzalez" for "yusmary pena");
    5. a name starting with the first word; then surnames, names and id (stable for namesakes).

    Plain expressions over the matches (at most the count limit of them, found by the index);
    `muchas` (more matches than that): the newest registered first, walking the primary key.
    """
    palabras = terminos(consulta)
    if not palabras:
        return queryset
    if muchas:
        return queryset.order_by("-pk")
    rodeada = Concat(Value(" "), "busqueda", Value(" "))
    enteras: Expression = sum(
        (
            Case(When(rodeada_busqueda__contains=f" {p} ", then=Value(1)), default=Value(0))
            for p in dict.fromkeys(palabras)
        ),
        start=Value(0),
    )
    # A word typed twice ("rodriguez rodriguez bruno") counts again where the name holds it twice:
    # the letters its removal takes away.
    for p, veces in Counter(palabras).items():
        if veces > 1:
            quitadas = Length("busqueda") - Length(Replace("busqueda", Value(p), Value("")))
            enteras += Case(
                When(GreaterThanOrEqual(quitadas, veces * len(p)), then=Value(veces - 1)), default=Value(0)
            )
    qs = queryset.annotate(
        rodeada_busqueda=rodeada,
        rango=Case(
            When(documento_numero=palabras[0].upper(), then=Value(3)),
            When(busqueda__startswith=" ".join(palabras) + " ", then=Value(2)),
            When(busqueda=" ".join(palabras), then=Value(2)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    ).annotate(
        enteras=ExpressionWrapper(enteras, output_field=IntegerField()),
        largo=Length("nombres") + Length("apellidos") + Length("nombre_social"),
        inicio=Case(When(busqueda__startswith=palabras[0], then=Value(1)), default=Value(0)),
    )
    return qs.order_by("-rango", "-enteras", "largo", "-inicio", "apellidos", "nombres", "pk")


def buscar_personas(queryset, consulta):
    """Persons matching every word of `consulta`, best first; empty for a too-short query."""
    return ordenar_resultados(filtrar_personas(queryset, consulta), consulta)

"""Public search that ignores accents and forgives one typo per word, the same on every database.

The searchable public content (guides and the directory) is small: a few hundred rows. Each
row's text is normalised once (lower case, no accents: "Cédula" → "cedula") into an index kept
in the cache under the public-content version (`cache_publico`), so an edit rebuilds it. A query
word matches a row when it appears in the row's text ("fonas" finds "FONASA"), or when a word of
the row is one edit away from it (a letter missing, added, changed or two letters swapped:
"sedula" and "cedla" find "cédula"). Words shorter than `LARGO_MINIMO_TOLERANCIA` must appear as
typed, or "de" would match half the site. The matching is plain Python, so SQLite and PostgreSQL
give the same results by construction.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.cache import cache

from . import cache_publico

LARGO_MINIMO_TOLERANCIA = 4
_NO_ALFANUMERICO = re.compile(r"[^0-9a-z]+")
_ALFABETO = "abcdefghijklmnopqrstuvwxyz0123456789"


def normalizar(texto: str) -> str:
    """Lower-case ASCII words separated by one space: "¿Cédula?" → "cedula"."""
    descompuesto = unicodedata.normalize("NFKD", texto or "")
    sin_marcas = "".join(c for c in descompuesto if not unicodedata.combining(c))
    return " ".join(_NO_ALFANUMERICO.sub(" ", sin_marcas.lower()).split())


def variantes(palabra: str) -> set[str]:
    """Every string one edit away from `palabra` (Damerau: deletion, swap, change, insertion)."""
    cortes = [(palabra[:i], palabra[i:]) for i in range(len(palabra) + 1)]
    borradas = {a + b[1:] for a, b in cortes if b}
    cruzadas = {a + b[1] + b[0] + b[2:] for a, b in cortes if len(b) > 1}
    cambiadas = {a + c + b[1:] for a, b in cortes if b for c in _ALFABETO}
    agregadas = {a + c + b for a, b in cortes for c in _ALFABETO}
    return borradas | cruzadas | cambiadas | agregadas


@dataclass
class Indice:
    """Normalised text per row key, and which rows hold each word."""

    textos: dict = field(default_factory=dict)
    palabras: dict = field(default_factory=dict)

    def agregar(self, clave: object, partes: Iterable[str]) -> None:
        texto = normalizar(" ".join(p for p in partes if p))
        self.textos[clave] = f" {texto} "
        for palabra in set(texto.split()):
            self.palabras.setdefault(palabra, set()).add(clave)

    def coincidencias(self, palabra: str) -> set:
        """Rows matching one (normalised) query word."""
        filas = {clave for clave, texto in self.textos.items() if palabra in texto}
        if len(palabra) >= LARGO_MINIMO_TOLERANCIA:
            for vecina in variantes(palabra) & self.palabras.keys():
                filas |= self.palabras[vecina]
        return filas

    def buscar(self, q: str) -> set:
        """Rows matching every word of `q` (at most 8 words)."""
        palabras = normalizar(q).split()[:8]
        if not palabras:
            return set()
        resultado = None
        for palabra in palabras:
            filas = self.coincidencias(palabra)
            resultado = filas if resultado is None else resultado & filas
            if not resultado:
                break
        return resultado or set()


def indice(nombre: str, idioma: str, construir: Callable[[], Indice]) -> Indice:
    """The index `nombre` for `idioma`, from the cache while the public content has not changed."""
    clave = f"publico:indice:{cache_publico.version_actual()}:{nombre}:{idioma}"
    encontrado = cache.get(clave)
    if encontrado is None:
        encontrado = construir()
        cache.set(clave, encontrado, 3600)
    return encontrado

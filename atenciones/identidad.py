"""Matching keys for persons: a sound-alike key per name word and a typo-tolerant comparison.

Used by person search (atenciones.busqueda) and duplicate detection (atenciones.duplicados).

The phonetic key (`clave_fonetica`) is a blocking key: two spellings of the same sound get the
same key, so a database filter on the stored keys (`Persona.claves`) finds candidates; the final
score adds an edit-distance ratio (rapidfuzz) so one or two letters wrong, missing, extra or
swapped still match. The rules are ours, small and written for the names the office sees
(Spanish, Haitian Creole, French):

- accents and case are dropped (normalizar_texto), ñ → n;
- silent h: dropped, except in "ch" and "sh" (both → X);
- ph → F; v, w → B; z, ç, s, x, and c before e/i → S; c, k, q(u) → K; gu before e/i → G;
- j and g before e/i → J; y and ll → i (so "Yusmary" = "Yusmari", "Castillo" = "Castiyo");
- "pt" → T ("Baptiste" = "Batiste");
- n before b/p → M;
- vowels are kept only as the first letter ("Jean" = "Jan" = JN); repeated sounds collapse.
"""

import functools
import re

from .busqueda import normalizar_texto

_VOCALES = set("aeiou")


@functools.lru_cache(maxsize=50_000)
def clave_fonetica(palabra: str) -> str:
    """Sound-alike key of one word (upper case), e.g. "Baptiste" → "BTST", "Yusmary" → "ISMR"."""
    p = normalizar_texto(palabra).replace(" ", "")
    if not p:
        return ""
    p = re.sub(r"[^a-z]", "", p)
    if not p:
        return ""
    # Multi-letter spellings first.
    p = p.replace("ph", "f").replace("ll", "y").replace("sh", "X").replace("ch", "X")
    p = re.sub(r"qu(?=[ei])", "k", p)
    p = re.sub(r"gu(?=[ei])", "G", p)  # hard g, kept apart from the next rule
    p = re.sub(r"g(?=[ei])", "j", p)
    p = re.sub(r"c(?=[ei])", "s", p)
    p = p.replace("pt", "t").replace("h", "")
    p = re.sub(r"n(?=[bpv])", "m", p)
    equivalentes = {
        "y": "i",
        "v": "b",
        "w": "b",
        "z": "s",
        "x": "s",
        "c": "k",
        "q": "k",
        "X": "X",
    }
    salida: list[str] = []
    for i, letra in enumerate(p):
        letra = equivalentes.get(letra, letra)
        if letra in _VOCALES:
            if i == 0:
                salida.append(letra.upper())
            continue
        letra = letra.upper()
        if salida and salida[-1] == letra:
            continue
        salida.append(letra)
    return "".join(salida)


def palabras_nombre(*partes: str) -> list[str]:
    """Normalised words of a name (several fields joined), one-letter words dropped."""
    return [w for w in normalizar_texto(" ".join(p for p in partes if p)).split() if len(w) > 1]


def claves_texto(*partes: str) -> str:
    """The value of `Persona.claves`: the keys of every name word, space-padded (" JN BTST ")."""
    claves = []
    for palabra in palabras_nombre(*partes):
        clave = clave_fonetica(palabra)
        if len(clave) >= 2 and clave not in claves:
            claves.append(clave)
    return (" " + " ".join(claves) + " ")[:300] if claves else ""


_REPETIDAS = re.compile(r"(.)\1+")


def vecindad_clave(clave: str) -> list[str]:
    """A key and, for keys of 3 letters or more, the key with one letter deleted ("JSF" → JSF, SF,
    JF, JS; "GNSLS" → …, GNS, where "gonzaez" lost the L; never a single letter: "SKS" → SKS, KS,
    SK). Two keys one edit apart (a letter changed, missing, extra, or two swapped) share an
    element of their neighbourhoods (the "deletion neighbourhood" of SymSpell), so a mistyped word
    is found through an index of whole strings."""
    vecinas = [clave]
    if len(clave) >= 3:
        for i in range(len(clave)):
            # Letters the deletion brings together collapse, as in clave_fonetica (GNSLS → GNS).
            variante = _REPETIDAS.sub(r"\1", clave[:i] + clave[i + 1 :])
            if len(variante) >= 2 and variante not in vecinas:
                vecinas.append(variante)
    return vecinas


def claves_vecinas(claves: str) -> list[str]:
    """The neighbourhoods of every key of a `Persona.claves` value, without repeats: the PostgreSQL
    function persona_claves_vecinas (migration 0020_i11) and, on SQLite, the function of the same
    name registered on each connection (atenciones.apps) compute this."""
    salida: list[str] = []
    for clave in claves.split():
        if len(clave) >= 2:
            salida.extend(v for v in vecindad_clave(clave) if v not in salida)
    return salida


@functools.lru_cache(maxsize=100_000)
def _conjunto_vecinas(claves: str) -> frozenset[str]:
    return frozenset(claves_vecinas(claves))


def claves_cerca(claves: str | None, buscadas: str) -> bool:
    """Whether the neighbourhoods of `claves` (a `Persona.claves` value) hold one of `buscadas`
    (space-separated): SQLite's `persona_claves_cerca`, one call a row (atenciones.apps)."""
    return claves is not None and not _conjunto_vecinas(claves).isdisjoint(buscadas.split())


def claves_persona(persona) -> str:
    return claves_texto(
        getattr(persona, "nombres", "") or "",
        getattr(persona, "apellidos", "") or "",
        getattr(persona, "nombre_social", "") or "",
    )


@functools.lru_cache(maxsize=200_000)
def similitud_palabra(a: str, b: str) -> float:
    """0–100: how alike two normalised words are (typos and sound-alike spellings count as close)."""
    if a == b:
        return 100.0
    from rapidfuzz import fuzz  # lazy: only duplicate detection needs it, not every web worker
    from rapidfuzz.distance import DamerauLevenshtein

    puntaje = fuzz.ratio(a, b)
    # One swap of adjacent letters counts as one edit (ratio counts two).
    if DamerauLevenshtein.distance(a, b) == 1 and min(len(a), len(b)) >= 4:
        puntaje = max(puntaje, 88.0)
    if clave_fonetica(a) == clave_fonetica(b) and len(clave_fonetica(a)) >= 2:
        puntaje = max(puntaje, 90.0)
    return puntaje


def _mejor_asignacion(cortas: list[str], largas: list[str]) -> list[float]:
    """Greedy best match of each word of `cortas` to a distinct word of `largas`."""
    pares = sorted(
        ((similitud_palabra(a, b), i, j) for i, a in enumerate(cortas) for j, b in enumerate(largas)),
        reverse=True,
    )
    usadas_i: set[int] = set()
    usadas_j: set[int] = set()
    puntajes = [0.0] * len(cortas)
    for puntaje, i, j in pares:
        if i in usadas_i or j in usadas_j:
            continue
        usadas_i.add(i)
        usadas_j.add(j)
        puntajes[i] = puntaje
    return puntajes


def similitud_nombres(a: list[str], b: list[str]) -> float:
    """0–100: two full names, in any word order, one of them possibly missing words.

    The shorter name's words are matched to the longer's; a missing second surname or second
    given name costs little, but a single-word name never scores above 80.
    """
    if not a or not b:
        return 0.0
    cortas, largas = (a, b) if len(a) <= len(b) else (b, a)
    puntajes = _mejor_asignacion(cortas, largas)
    media = sum(puntajes) / len(puntajes)
    faltan = len(largas) - len(cortas)
    media -= 2.0 * faltan
    if len(cortas) == 1:
        media = min(media, 80.0)
    return max(media, 0.0)


def orden_busqueda(consulta: list[str], palabras: list[str]) -> tuple[float, int, int, int]:
    """How well a person's name words answer the query words, as a sort key's parts:
    (score 0–100, query words equal to their name word, name words left unmatched, order swaps).

    Each query word is matched to a distinct name word (best pairs first, so "rojas rojas" needs
    two Rojas); a query word that starts a name word counts as exact ("rosa" finds "Rosangela").
    Every query word must match (UMBRAL_PALABRA), except that in a query of three words or more
    one may be mistyped beyond recognition (it then counts with its low similarity). Score 0: no
    match. Among equal scores, more words spelled exactly, fewer name words the query left out,
    and the query's word order rank first.
    """
    if not consulta or not palabras:
        return 0.0, 0, 0, 0
    pares = sorted(
        (
            (100.0 if len(q) >= 3 and w.startswith(q) else similitud_palabra(q, w), q == w, i, j)
            for i, q in enumerate(consulta)
            for j, w in enumerate(palabras)
        ),
        reverse=True,
    )
    asignada: dict[int, tuple[float, bool, int]] = {}
    usadas: set[int] = set()
    for puntaje, igual, i, j in pares:
        if i in asignada or j in usadas:
            continue
        asignada[i] = (puntaje, igual, j)
        usadas.add(j)
    puntajes = [asignada[i][0] if i in asignada else 0.0 for i in range(len(consulta))]
    debiles = sum(1 for p in puntajes if p < UMBRAL_PALABRA)
    if debiles > (1 if len(consulta) >= 3 else 0):
        return 0.0, 0, 0, 0
    posiciones = [asignada[i][2] for i in range(len(consulta)) if i in asignada]
    desorden = sum(1 for a, b in zip(posiciones, posiciones[1:], strict=False) if b < a)
    iguales = sum(1 for p, igual, _j in asignada.values() if igual)
    return sum(puntajes) / len(consulta), iguales, len(palabras) - len(usadas), desorden


def puntaje_busqueda(consulta: list[str], palabras: list[str]) -> float:
    """0–100: how well a person's name words answer the query words (orden_busqueda's score)."""
    return orden_busqueda(consulta, palabras)[0]


# A query word below this is no match at all; a person below UMBRAL_BUSQUEDA is not listed.
UMBRAL_PALABRA = 72.0
UMBRAL_BUSQUEDA = 80.0

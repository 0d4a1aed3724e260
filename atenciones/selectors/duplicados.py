"""Duplicate detection: candidates from the database, then a pairwise comparison in Python.

Candidates are persons sharing a sound-alike key of a name word (`Persona.claves`), a document
number (current or past) or the phone; on PostgreSQL also those whose search text is
trigram-similar to the name (`pg_trgm` word similarity, GIN index). The comparison
(`comparar`) gives a likelihood and the evidence; the same code serves the warning at
registration, the background review queue and the evaluation command.
"""

import contextlib
import dataclasses
import datetime
import functools
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.fields.array import (  # type: ignore[attr-defined]  # not in django-stubs
    ArrayContains,
    ArrayOverlap,
)
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Lookup,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..busqueda import contar_coincidencias, filtrar_personas, ordenar_resultados, terminos
from ..choices import Sexo, TipoDocumento
from ..documentos import normalizar_documento, normalizar_telefono
from ..identidad import (
    UMBRAL_BUSQUEDA,
    clave_fonetica,
    orden_busqueda,
    palabras_nombre,
    similitud_nombres,
    similitud_palabra,
    vecindad_clave,
)
from ..models import DocumentoIdentidad, Persona

# A pair at or above this likelihood counts as a duplicate (evaluation, review queue).
UMBRAL_DUPLICADO = 70
# Pairs kept in the review queue (below the threshold they are only shown at registration).
UMBRAL_COLA = 60
# Candidates compared per person, at most: the best by shared evidence and keys first.
LIMITE_CANDIDATOS = 300
# A birth date one slip apart is no evidence for a name this many other persons bear (comparar).
TOCAYOS_DESLIZ = 10
# Name similarity from which two records bear "the same name" (namesakes, comparar's `tocayos`).
MISMO_NOMBRE = 95

PROBABILIDAD_ALTA = _("Muy probable")
PROBABILIDAD_MEDIA = _("Probable")
PROBABILIDAD_BAJA = _("Posible")

EVIDENCIAS = {
    "documento": _("documento"),
    "nombre": _("nombre"),
    "nombre_exacto": _("nombre idéntico"),
    "fecha_nacimiento": _("fecha de nacimiento"),
    "fecha_parecida": _("fecha de nacimiento parecida"),
    "telefono": _("teléfono"),
    "sexo": _("sexo"),
    "nacionalidad": _("nacionalidad"),
}


@dataclasses.dataclass
class Ficha:
    """What duplicate detection compares of a person (saved or only typed in a form)."""

    pk: int | None
    palabras: list[str]
    fecha_nacimiento: datetime.date | None = None
    aproximada: bool = False
    sexo: str = ""
    nacionalidad: str = ""
    telefono: str = ""
    documentos: set[str] = dataclasses.field(default_factory=set)
    # First given name: siblings share surnames (and often the phone), not this.
    pila: str = ""


def ficha_de_persona(persona: Persona, documentos: set[str] | None = None) -> Ficha:
    docs = set(documentos or ())
    if persona.documento_numero and persona.tipo_documento != TipoDocumento.NINGUNO:
        docs.add(persona.documento_numero)
    return Ficha(
        pk=persona.pk,
        palabras=palabras_nombre(persona.nombres, persona.apellidos),
        fecha_nacimiento=persona.fecha_nacimiento,
        aproximada=persona.fecha_nacimiento_aproximada,
        sexo=persona.sexo,
        nacionalidad=str(persona.nacionalidad or ""),
        telefono=persona.telefono,
        documentos=docs,
        pila=(palabras_nombre(persona.nombres) or [""])[0],
    )


def fechas_un_desliz(fecha: datetime.date) -> frozenset[datetime.date]:
    """Birth dates one typing slip away from `fecha` (itself, dates before 1900 and future ones
    excluded): one digit of DDMMYYYY changed, two adjacent digits swapped, day and month swapped,
    or the day or the year off by one. About 40 dates where "two of day, month and year equal"
    held about 100: among 2,000,000 persons that wider net caught namesakes born years apart."""
    return _deslices(fecha, timezone.localdate())


@functools.lru_cache(maxsize=20_000)
def _deslices(fecha: datetime.date, hoy: datetime.date) -> frozenset[datetime.date]:
    digitos = fecha.strftime("%d%m%Y")
    textos: set[str] = set()
    for i in range(8):
        textos.update(digitos[:i] + d + digitos[i + 1 :] for d in "0123456789")
        if i < 7:
            textos.add(digitos[:i] + digitos[i + 1] + digitos[i] + digitos[i + 2 :])
    fechas = {fecha - datetime.timedelta(days=1), fecha + datetime.timedelta(days=1)}
    for texto in textos:
        with contextlib.suppress(ValueError):
            fechas.add(datetime.date(int(texto[4:]), int(texto[2:4]), int(texto[:2])))
    if fecha.day <= 12:
        fechas.add(datetime.date(fecha.year, fecha.day, fecha.month))
    for anos in (-1, 1):
        with contextlib.suppress(ValueError):
            fechas.add(fecha.replace(year=fecha.year + anos))
    return frozenset(f for f in fechas if f != fecha and datetime.date(1900, 1, 1) <= f <= hoy)


def _fecha_parecida(a: datetime.date, b: datetime.date) -> bool:
    """One typing slip in a birth date (fechas_un_desliz)."""
    return b in fechas_un_desliz(a)


def _misma_pila(a: Ficha, b: Ficha) -> bool:
    """Each record's first given name appears (typos aside) among the other's name words.

    Word order does not matter (a surname typed in the names field still matches).
    """
    for x, y in ((a, b), (b, a)):
        if x.pila and y.palabras and max(similitud_palabra(x.pila, w) for w in y.palabras) < 85:
            return False
    return True


def comparar(
    a: Ficha, b: Ficha, tocayos: int = 0, similitud: float | None = None
) -> tuple[int, str, list[str]] | None:
    """(likelihood in percent, reason, evidence codes) if `a` and `b` may be one person, else None.
    `similitud`: the names' similitud_nombres, when the caller has computed it already.

    Rules, first that applies:
    - a document number in common: 99;
    - similar names (≥ 85) and the same exact birth date, sexes not different: 90;
    - similar names (≥ 80), the same first given name (typos aside) and the same phone: 75;
    - similar names (≥ 90), the same first given name and a birth date one slip apart: 72, or 60
      when `tocayos` (other registered persons bearing the name) is TOCAYOS_DESLIZ or more: among
      many namesakes one is born a slip away by chance;
    - the same name (≥ 92) with a birth date missing or approximate on one side: 60;
    - the same name (≥ 95) and another birth date: 40 (siblings and namesakes look like this).
    """
    nombre = similitud_nombres(a.palabras, b.palabras) if similitud is None else similitud
    pila = _misma_pila(a, b)
    evidencia = []
    if nombre >= 80:
        evidencia.append("nombre_exacto" if nombre >= 99 else "nombre")
    docs = {d for d in a.documentos & b.documentos if len(d) >= 4}
    if docs:
        evidencia.append("documento")
    fa, fb = a.fecha_nacimiento, b.fecha_nacimiento
    ambas_fechas = fa is not None and fb is not None
    exactas = not (a.aproximada or b.aproximada)
    fecha_igual = fa is not None and fa == fb and exactas
    fecha_parecida = fa is not None and fb is not None and exactas and _fecha_parecida(fa, fb)
    if fecha_igual:
        evidencia.append("fecha_nacimiento")
    elif fecha_parecida:
        evidencia.append("fecha_parecida")
    tel_igual = bool(a.telefono and a.telefono == b.telefono and len(a.telefono.lstrip("+")) >= 6)
    if tel_igual:
        evidencia.append("telefono")
    conocidos = {Sexo.MUJER, Sexo.HOMBRE}
    sexo_distinto = a.sexo in conocidos and b.sexo in conocidos and a.sexo != b.sexo
    if a.sexo in conocidos and a.sexo == b.sexo:
        evidencia.append("sexo")
    if a.nacionalidad and a.nacionalidad == b.nacionalidad:
        evidencia.append("nacionalidad")

    if docs:
        return 99, str(_("Mismo número de documento.")), evidencia
    if nombre >= 85 and fecha_igual and not sexo_distinto:
        if nombre >= 99:
            return 90, str(_("Mismo nombre y fecha de nacimiento.")), evidencia
        return 90, str(_("Nombre parecido y misma fecha de nacimiento.")), evidencia
    if nombre >= 80 and tel_igual and pila:
        return 75, str(_("Nombre parecido y mismo teléfono.")), evidencia
    if nombre >= 90 and fecha_parecida and pila and not sexo_distinto:
        if tocayos >= TOCAYOS_DESLIZ:
            return 60, str(_("Nombre frecuente y fecha de nacimiento parecida.")), evidencia
        return 72, str(_("Nombre parecido y fecha de nacimiento parecida.")), evidencia
    sin_fecha = not ambas_fechas or a.aproximada or b.aproximada
    if nombre >= 92 and sin_fecha and not sexo_distinto:
        return 60, str(_("Mismo nombre; falta la fecha de nacimiento de una de las dos.")), evidencia
    if nombre >= 95:
        return 40, str(_("Mismo nombre, otra fecha de nacimiento.")), evidencia
    return None


class ListaClaves(Func):
    """PostgreSQL: the keys of `Persona.claves` as an array, `string_to_array(btrim(claves), ' ')`:
    the expression of the GIN index persona_claves_lista_idx (migration 0017_i16)."""

    template = "string_to_array(btrim(%(expressions)s), ' ')"
    output_field = ArrayField(TextField())


class SinIndice(Func):
    """PostgreSQL: the keys as an array (with the padding's empty strings), an expression no index
    matches: tested on each row found another way."""

    template = "string_to_array(%(expressions)s, ' ')"
    output_field = ArrayField(TextField())


class ParesClaves(Func):
    """PostgreSQL: each pair of keys of `Persona.claves` ("BTST JN", in C order): the PL/pgSQL function
    and GIN index persona_claves_pares_idx of migration 0017_i16."""

    function = "persona_claves_pares"
    output_field = ArrayField(TextField())


def con_claves(claves: list[str]) -> Q:
    """Persons holding every one of `claves` (whole keys).

    PostgreSQL, from GIN indexes: one key, `string_to_array(btrim(claves), ' ') @> ARRAY[key]`;
    more, `persona_claves_pares(claves) @> ARRAY[pairs]` (the consecutive pairs of the sorted keys
    hold them all): short, exact posting lists where a trigram index on `LIKE '% PN %'`
    intersected huge ones (issue 16). SQLite: `LIKE '% KEY %'` for each key.
    """
    if not claves:
        return Q()
    if connection.vendor == "postgresql":
        orden = sorted(set(claves))
        if len(orden) == 1:
            return Q(ArrayContains(ListaClaves("claves"), orden))
        return Q(
            ArrayContains(ParesClaves("claves"), [f"{a} {b}" for a, b in zip(orden, orden[1:], strict=False)])
        )
    condicion = Q()
    for clave in claves:
        condicion &= Q(claves__contains=f" {clave} ")
    return condicion


def con_alguna_clave(claves: list[str], indice: bool = True) -> Q:
    """Persons holding at least one of `claves` (whole keys); `&&` on PostgreSQL, see con_claves.

    `indice=False`: a test of each row already found another way (by birth date), not the index
    (the union of three common keys' lists is 390,000 persons at 2,000,000).
    """
    if not claves:
        return Q()
    if connection.vendor == "postgresql":
        lista = ListaClaves("claves") if indice else SinIndice("claves")
        return Q(ArrayOverlap(lista, sorted(set(claves))))
    condicion = Q()
    for clave in claves:
        condicion |= Q(claves__contains=f" {clave} ")
    return condicion


class IgualAAlguno(Lookup):
    """PostgreSQL `lhs = ANY(rhs)`, rhs an array subquery: an index condition on `lhs`."""

    lookup_name = "igual_a_alguno"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def _con_documento(numeros: set[str]) -> Q:
    """PostgreSQL: persons holding (or having held) one of `numeros`, each arm served by an index:
    the current number through the search text's trigram index (it holds the number in lower
    case) and past ones by primary key from the documents' number index. An `EXISTS` in the
    candidates' OR made PostgreSQL test every row of the table (2 s at 2,000,000 persons, and
    20 s with the keys' pairs function in that OR), issue 16."""
    actual = Q()
    for numero in sorted(numeros):
        actual |= Q(busqueda__contains=numero.lower())
    tenidos = ArraySubquery(DocumentoIdentidad.objects.filter(numero__in=numeros).values("persona_id"))
    return (actual & Q(documento_numero__in=numeros)) | Q(IgualAAlguno(F("pk"), tenidos))


def consulta_candidatos(
    palabras: list[str],
    numeros: set[str],
    telefono: str,
    excluir: int | None = None,
    limite: int = LIMITE_CANDIDATOS,
    fecha: datetime.date | None = None,
    amplia: bool = False,
    solo: tuple[str, ...] = (),
) -> QuerySet[Persona]:
    """Persons that may match, in one query: a shared sound-alike key and a close birth date (when
    `fecha` is known) or else two shared keys (one for a one-word name), a document number, the
    phone, and on PostgreSQL a trigram-similar name (`pg_trgm` word similarity, GIN index).
    `amplia`: one shared key is enough (the search's second try when nothing matched).

    Ordered by the strongest evidence besides the name (`senal`: a document, the birth date or
    the phone, then a birth date a slip away), then by how many name keys they share, so a
    misspelled copy is not cut off behind hundreds of namesakes; `doc_comun` says whether the
    person holds (or held) one of `numeros`.
    """
    claves = sorted({c for c in (clave_fonetica(w) for w in palabras) if len(c) >= 2})
    condicion = Q()
    por_fecha = fecha is not None and bool(claves) and not amplia
    alguna = con_alguna_clave(claves, indice=not por_fecha)
    deslices = sorted(fechas_un_desliz(fecha)) if fecha is not None else []
    if fecha is not None and por_fecha:
        # With a birth date: a shared key and the same birth date or one a slip away (the
        # birth-date index makes this cheap, however common the names are)...
        cercanas = Q(fecha_nacimiento__in=[fecha, *deslices])
        # ...or every key in common (namesakes are listed as "possible" at registration).
        condicion |= (alguna & cercanas) | con_claves(claves)
    elif len(claves) == 1 or amplia:
        condicion |= alguna
    else:
        # Two keys in common: common given names and surnames alone would match thousands.
        for i, una in enumerate(claves):
            for otra in claves[i + 1 :]:
                condicion |= con_claves([una, otra])
    if connection.vendor == "postgresql" and palabras and (fecha is None or amplia):
        # Without a birth date to narrow them, trigram-similar names (typos the keys miss).
        condicion |= Q(busqueda__trigram_word_similar=" ".join(palabras))
    numeros = {n for n in numeros if len(n) >= 4}
    doc_comun: Q | Value = Value(False)
    if numeros:
        con_documento = DocumentoIdentidad.objects.filter(persona=OuterRef("pk"), numero__in=numeros)
        doc_comun = Q(documento_numero__in=numeros) | Q(Exists(con_documento))
        condicion |= _con_documento(numeros) if connection.vendor == "postgresql" else doc_comun
    if telefono and len(telefono.lstrip("+")) >= 6:
        condicion |= Q(telefono=telefono)
    if not condicion:
        return Persona.objects.none()
    qs = Persona.objects.sin_fusionar().filter(condicion, anonimizada_en__isnull=True)
    if excluir is not None:
        qs = qs.exclude(pk=excluir)
    comunes = sum(
        (Case(When(claves__contains=f" {c} ", then=Value(1)), default=Value(0)) for c in claves),
        start=Value(0),
    )
    # Evidence besides the name: a document, the phone, the birth date or one a slip away.
    senales: list[When] = []
    if numeros:
        senales.append(When(doc_comun, then=Value(3)))
    if fecha is not None:
        senales.append(When(fecha_nacimiento=fecha, then=Value(2)))
    if telefono and len(telefono.lstrip("+")) >= 6:
        senales.append(When(telefono=telefono, then=Value(2)))
    if deslices:
        senales.append(When(fecha_nacimiento__in=deslices, then=Value(1)))
    qs = qs.annotate(
        comunes=ExpressionWrapper(comunes, output_field=IntegerField()),
        doc_comun=ExpressionWrapper(doc_comun, output_field=BooleanField()),
        senal=Case(*senales, default=Value(0), output_field=IntegerField()) if senales else Value(0),
    )
    if solo:
        qs = qs.only(*solo)
    return qs.order_by("-senal", "-comunes", "-pk")[:limite]


def parecidos(ficha: Ficha, limite: int | None = None, minimo: int = 0) -> list[dict[str, Any]]:
    """Likely matches of `ficha`, most likely first: [{"persona", "probabilidad", "motivo", "evidencia"}]."""
    resultados: list[dict[str, Any]] = []
    candidatas = []
    for p in consulta_candidatos(
        ficha.palabras, ficha.documentos, ficha.telefono, ficha.pk, fecha=ficha.fecha_nacimiento
    ):
        otra = ficha_de_persona(p)
        # `doc_comun` is annotated by consulta_candidatos (not a model field).
        if getattr(p, "doc_comun", False):
            otra.documentos |= ficha.documentos
        candidatas.append((p, otra, similitud_nombres(ficha.palabras, otra.palabras)))
    # How many registered persons bear the name (among the candidates, which hold every one of them
    # up to the candidates' limit).
    tocayos = sum(1 for _p, _otra, similitud in candidatas if similitud >= MISMO_NOMBRE)
    for p, otra, similitud in candidatas:
        otros = tocayos - (similitud >= MISMO_NOMBRE)
        comparado = comparar(ficha, otra, tocayos=otros, similitud=similitud)
        if comparado and comparado[0] >= minimo:
            prob, motivo, evidencia = comparado
            resultados.append({"persona": p, "probabilidad": prob, "motivo": motivo, "evidencia": evidencia})
    resultados.sort(key=lambda r: (-r["probabilidad"], r["persona"].pk))
    return resultados[:limite] if limite else resultados


def etiqueta(prob: int) -> str | Promise:
    if prob >= 90:
        return PROBABILIDAD_ALTA
    if prob >= 70:
        return PROBABILIDAD_MEDIA
    return PROBABILIDAD_BAJA


def posibles_duplicados(
    *,
    nombres: str = "",
    apellidos: str = "",
    fecha_nacimiento: datetime.date | None = None,
    fecha_nacimiento_aproximada: bool = False,
    sexo: str = "",
    tipo_documento: str = "",
    documento_numero: str = "",
    telefono: str = "",
    excluir: int | None = None,
    limite: int = 8,
) -> list[dict[str, Any]]:
    """Persons that are likely the same one as the typed data, each with a likelihood and the reason."""
    numeros: set[str] = set()
    if documento_numero and tipo_documento and tipo_documento != TipoDocumento.NINGUNO:
        numeros.add(normalizar_documento(tipo_documento, documento_numero))
    ficha = Ficha(
        pk=excluir,
        palabras=palabras_nombre(nombres, apellidos),
        fecha_nacimiento=fecha_nacimiento,
        aproximada=fecha_nacimiento_aproximada,
        sexo=sexo or "",
        telefono=normalizar_telefono(telefono),
        documentos=numeros,
        pila=(palabras_nombre(nombres) or [""])[0],
    )
    if not ficha.palabras and not numeros and not ficha.telefono:
        return []
    return [
        {**r, "etiqueta": etiqueta(r["probabilidad"]), "evidencia": [EVIDENCIAS[e] for e in r["evidencia"]]}
        for r in parecidos(ficha, limite)
    ]


# What the search results list shows (templates/equipo/personas/lista.html): nothing else is loaded.
CAMPOS_LISTA = (
    "nombres",
    "apellidos",
    "nombre_social",
    "tipo_documento",
    "documento_numero",
    "fecha_nacimiento",
    "fecha_nacimiento_aproximada",
    "nacionalidad",
    "telefono",
)


class VecinasClaves(Func):
    """`persona_claves_vecinas(claves)`: each key and its one-deletion variants (identidad.claves_vecinas).
    PostgreSQL: a text[] with the GIN index persona_claves_vecinas_idx (migration 0020_i11);
    SQLite: a space-padded string from the function registered on each connection (filters use
    `persona_claves_cerca` there, identidad.claves_cerca)."""

    function = "persona_claves_vecinas"

    def __init__(self, expression: Any) -> None:
        salida = ArrayField(TextField()) if connection.vendor == "postgresql" else TextField()
        super().__init__(expression, output_field=salida)


def con_clave_vecina(clave: str) -> Q:
    """Persons with a key one edit or less away from `clave` (a letter changed, missing, extra, or
    two swapped): their neighbourhoods and the key's share an element (SymSpell's deletions).

    The key's own two-letter deletions are left out: each is in the neighbourhood of a tenth of
    the registry ("micel" → MSL → ML, MS, SL: intersecting those lists with Daniel's took 210 ms
    at 2,000,000 persons; "zzqx" → SKS → KS, SK read 3,000 rows of 100,000 to find nobody, 150
    ms). A slip in a key of four letters or more, a missing or extra letter in a shorter one
    ("joeph" JF, "Joseph" JSF) are found; one letter changed in a three-letter key is not."""
    vecinas = [v for v in vecindad_clave(clave) if v == clave or len(v) >= 3]
    if connection.vendor == "postgresql":
        return Q(ArrayOverlap(VecinasClaves("claves"), vecinas))
    return Q(
        Func(
            F("claves"),
            Value(" ".join(vecinas)),
            function="persona_claves_cerca",
            output_field=BooleanField(),
        )
    )


def candidatos_busqueda(claves: list[str], nivel: str) -> Q:
    """Which persons the typo-tolerant search scores at each try (buscar_parecidos: exact, then
    near for one or two words, partial for three or more; each query word must then match a name
    word, identidad.orden_busqueda):

    - "exacta": every query word's sound-alike key is among the person's keys;
    - "cercana": all keys but one, and that one within one edit of a person's key (one slip in one
      word: con_clave_vecina);
    - "parcial": with three keys or more, all but one, that one anything (a word mistyped beyond
      recognition); with fewer, the same as "cercana".

    Whole keys from the GIN array indexes on PostgreSQL (con_claves), near keys from the
    neighbourhoods' GIN index, so the database narrows them however large the registry is; no
    trigram similarity over every name (that took seconds at 2,000,000 persons, issue 16).
    """
    if nivel == "exacta":
        return con_claves(claves)
    condicion = Q()
    for i, clave in enumerate(claves):
        otras = con_claves([otra for j, otra in enumerate(claves) if j != i])
        # The whole keys first: SQLite then computes neighbourhoods only for the rows they leave.
        if nivel == "parcial" and len(claves) >= 3:
            condicion |= otras
        else:
            condicion |= otras & con_clave_vecina(clave)
    return condicion


# Names read per try of the typo-tolerant search, and how many of them are scored in full. At
# 2,000,000 persons each name read costs ~20 µs (a heap page): with 500 a misspelled search stays
# within ~3× a bare page; 3,000 took it to 8× and listed as many persons on page one.
LEIDAS_POR_INTENTO = 500
PUNTUADAS_POR_INTENTO = 150


def _nombre_de(texto: str) -> str:
    """The name words of a `Persona.busqueda` value (its document and phone hold digits)."""
    return " ".join(w for w in texto.split() if w.isalpha())


def _preseleccion(consulta: str, filas: list[tuple[int, str]], cuantas: int) -> list[tuple[int, str]]:
    """The `cuantas` rows (pk, search text) whose names look most like the query: rapidfuzz's
    token-set ratio (word order and missing words aside), in C++, over the names only."""
    if len(filas) <= cuantas:
        return filas
    from rapidfuzz import fuzz, process  # lazy, as in identidad.similitud_palabra

    nombres = [_nombre_de(texto) for _pk, texto in filas]
    mejores = process.extract(consulta, nombres, scorer=fuzz.token_set_ratio, limit=cuantas)
    return [filas[i] for _n, _puntaje, i in sorted(mejores, key=lambda m: (-m[1], m[2]))]


def buscar_parecidos(palabras: list[str], excluir: set[int] | None = None, limite: int = 40) -> list[Persona]:
    """Typo-tolerant, sound-alike person search: persons whose names answer every query word.

    For queries the exact search (atenciones.busqueda) answers with less than a page; best first.
    Each try (candidatos_busqueda: exact keys, near keys, partial) reads at most 500 names
    (LEIDAS_POR_INTENTO) as the keys' indexes find them (sorting in the database would read
    every match: 78,000 persons answer "jean batiste" at 2,000,000, issue 16), keeps the
    PUNTUADAS_POR_INTENTO most alike (_preseleccion) and scores those (orden_busqueda): a bounded
    cost whatever the registry's size, the same on both databases. The persons listed are read
    last, by primary key.
    """
    palabras = [w for w in palabras if w.isalpha() and len(w) > 1]
    claves = list(dict.fromkeys(c for c in (clave_fonetica(w) for w in palabras) if len(c) >= 2))
    if not palabras or not claves:
        return []
    consulta = " ".join(palabras)
    puntuadas: list[tuple[float, int, int, int, str, int]] = []
    vistas: set[int] = set(excluir or ())
    # Three words or more: the partial try holds the near one's matches (two keys whole) and its
    # few thousand candidates come from the short posting lists of key pairs, where the near try
    # intersected the long ones of common neighbourhoods (30 ms at 2,000,000 persons).
    niveles = ("exacta", "parcial") if len(claves) >= 3 else ("exacta", "cercana")
    for nivel in niveles:
        filas = [
            fila
            for fila in Persona.objects.sin_fusionar()
            .filter(candidatos_busqueda(claves, nivel), anonimizada_en__isnull=True)
            .order_by()
            .values_list("pk", "busqueda")[:LEIDAS_POR_INTENTO]
            if fila[0] not in vistas
        ]
        vistas.update(pk for pk, _texto in filas)
        for pk, texto in _preseleccion(consulta, filas, PUNTUADAS_POR_INTENTO):
            puntaje, iguales, sobrantes, desorden = orden_busqueda(
                palabras, palabras_nombre(_nombre_de(texto))
            )
            if puntaje >= UMBRAL_BUSQUEDA:
                puntuadas.append((-puntaje, -iguales, sobrantes, desorden, texto, pk))
        # A page's worth; or, before the partial try (a word beyond recognition, hundreds of
        # persons sharing two common keys), anyone answering every word already.
        if len(puntuadas) >= limite // 2 or (puntuadas and nivel == "exacta" and len(claves) >= 3):
            break
    # The closest spelling first; ties: more words spelled exactly, fewer name words the query
    # left out, the query's word order, then by name (a stable order for true namesakes).
    puntuadas.sort()
    elegidas = [t[-1] for t in puntuadas[:limite]]
    personas = Persona.objects.only(*CAMPOS_LISTA).in_bulk(elegidas)
    return [personas[pk] for pk in elegidas if pk in personas]


def resultados_busqueda(
    consulta: str, por_pagina: int = 20
) -> tuple[list[Persona] | QuerySet[Persona], int, bool]:
    """What the person search lists, best first: exact matches, then (when they fill less than a
    page) typo-tolerant, sound-alike ones. Returns (results, total, more): a list when the fuzzy
    matches were added, else an ordered queryset to paginate; the total is counted only up to the
    limit (busqueda.limite_conteo) and `more` says there are more matches than that.
    """
    encontradas = filtrar_personas(Persona.objects.sin_fusionar(), consulta)
    total, muchas = contar_coincidencias(encontradas)
    if total < por_pagina and not muchas:
        # Nothing to rank when nothing matched (a second trigram index scan for nothing).
        exactas = list(ordenar_resultados(encontradas, consulta)) if total else []
        parecidas = buscar_parecidos(terminos(consulta), excluir={p.pk for p in exactas})
        resultados = exactas + parecidas
        return resultados, len(resultados), False
    return ordenar_resultados(encontradas, consulta, muchas), total, muchas


def destino_final(persona: Persona) -> Persona:
    """The record a tombstone ends in (following merges of merges)."""
    vistos = {persona.pk}
    while persona.fusionada_en_id and persona.fusionada_en_id not in vistos:
        vistos.add(persona.fusionada_en_id)
        persona = Persona.objects.get(pk=persona.fusionada_en_id)
    return persona

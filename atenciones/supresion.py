"""Small-count masking that holds: primary suppression of 1 to 4, complementary suppression after.

A `Cuadro` is every count a publication shows, keyed, with the sums the reader can check
(`total = a + b + …`) and the derived figures (rates, medians) that depend on counts. Counts of
1 to 4 are shown as "<5" (primary); then the same attack a reader could run (`atacar`: interval
propagation through the published sums) is run on what would be published, and while it pins any
small count to one value, one more cell of a sum holding it is reserved as "*" (complementary;
a reader learns nothing from "*", not even that it is large). A derived figure is shown only when
every count it depends on is shown.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

UMBRAL = 5
MENOR = f"<{UMBRAL}"
RESERVADO = "*"
# An upper bound no published count reaches (the attacker's "unbounded").
INFINITO = 10**15


@dataclass
class Cuadro:
    valores: dict[Hashable, int] = field(default_factory=dict)
    # (total, parts): the reader knows total == sum(parts).
    sumas: list[tuple[Hashable, tuple[Hashable, ...]]] = field(default_factory=list)
    # derived figure → the counts it is computed from.
    derivados: dict[Hashable, tuple[Hashable, ...]] = field(default_factory=dict)
    # Counts that are never published (what a breakdown leaves out, say persons whose sex was
    # erased): they keep a sum exact, and the reader knows nothing of them.
    no_publicados: set[Hashable] = field(default_factory=set)
    # Unpublished differences the reader does not know (`al_menos`).
    desconocidos: set[Hashable] = field(default_factory=set)

    def conteo(self, clave: Hashable, valor: int) -> Hashable:
        previo = self.valores.setdefault(clave, int(valor))
        if previo != int(valor):
            raise ValueError(f"{clave!r} tiene dos valores: {previo} y {valor}")
        return clave

    def suma(self, total: Hashable, partes: Iterable[Hashable]) -> None:
        self.sumas.append((total, tuple(partes)))

    def suma_con_resto(self, total: Hashable, partes: Iterable[Hashable]) -> None:
        """`total` = the parts + what the breakdown leaves out (persons whose sex was erased, say).
        The remainder is never published; the attack is given its value anyway (a careful reader
        may know it), so it only ever makes the masking stricter."""
        partes = tuple(partes)
        resto = self.valores[total] - sum(self.valores[p] for p in partes)
        if resto > 0:
            clave = ("resto", total, partes)
            self.conteo(clave, resto)
            self.no_publicados.add(clave)
            partes = (*partes, clave)
        self.suma(total, partes)

    def al_menos(self, mayor: Hashable, menor: Hashable) -> None:
        """The reader knows `mayor` ≥ `menor` (the overdue are among the open, say): a sum with an
        unpublished, unknown difference."""
        if self.valores[mayor] < self.valores[menor]:
            return  # not so in these figures: the reader learns nothing from it
        clave = ("exceso", mayor, menor)
        self.conteo(clave, self.valores[mayor] - self.valores[menor])
        self.desconocidos.add(clave)
        self.suma(mayor, (menor, clave))

    def derivado(self, clave: Hashable, *depende: Hashable) -> Hashable:
        self.derivados[clave] = tuple(depende)
        return clave


@dataclass(frozen=True)
class C:
    """A published count: its value lives in a `Cuadro` under `clave`."""

    clave: Hashable


@dataclass(frozen=True)
class D:
    """A derived figure (rate, average, median, difference), shown only when its counts are."""

    clave: Hashable
    valor: Any


def mostrar(cuadro: Cuadro, ocultos: dict[Hashable, str], celda: Any) -> Any:
    """A cell as published: a number, "<5", "*", or the plain value ("" for None)."""
    if isinstance(celda, C):
        if celda.clave in ocultos:
            return ocultos[celda.clave]
        return cuadro.valores[celda.clave]
    if isinstance(celda, D):
        if any(d in ocultos for d in cuadro.derivados[celda.clave]):
            return RESERVADO
        return "" if celda.valor is None else celda.valor
    return celda


def es_pequeno(valor: int) -> bool:
    return 0 < valor < UMBRAL


def publicar(cuadro: Cuadro) -> dict[Hashable, int | str]:
    """What is shown for each count and derived figure: the number, "<5", or "*"."""
    ocultos = ocultar(cuadro)
    vista: dict[Hashable, int | str] = {c: ocultos.get(c, v) for c, v in cuadro.valores.items()}
    for clave, depende in cuadro.derivados.items():
        vista[clave] = RESERVADO if any(d in ocultos for d in depende) else "ok"
    return vista


def suprimir(cuadro: Cuadro) -> set[Hashable]:
    """The counts to hide: the small ones, and enough others that none can be worked out."""
    return set(ocultar(cuadro))


def ocultar(cuadro: Cuadro) -> dict[Hashable, str]:
    """Each hidden count and how it is shown: "<5" (a small count) or "*" (reserved: any value).

    Primary: every count of 1 to 4 shows "<5". Then, while the attack pins a small count to one
    value, one more cell is reserved ("*"): a visible count in a sum with it, else a "<5" of such a
    sum is widened to "*" (when the lower bounds of small parts already fill a small total, no
    visible cell can help), else a visible zero.
    """
    comprobar(cuadro)
    internos = cuadro.no_publicados | cuadro.desconocidos
    primarias = sorted(
        (c for c, v in cuadro.valores.items() if es_pequeno(v) and c not in internos), key=repr
    )
    ocultos: dict[Hashable, str] = dict.fromkeys(primarias, MENOR)
    ocultos.update(dict.fromkeys(cuadro.desconocidos, RESERVADO))
    while True:
        vista = {c: ocultos.get(c, v) for c, v in cuadro.valores.items()}
        rangos = atacar(vista, cuadro.sumas)
        # Only the small counts need protecting: a hidden large one may be worked out (it is not
        # sensitive); the attack still uses it to narrow the others.
        descubierto = next((c for c in primarias if rangos[c][0] == rangos[c][1]), None)
        if descubierto is None:
            return ocultos
        ocultos[_companero(cuadro, ocultos, descubierto)] = RESERVADO


def comprobar(cuadro: Cuadro) -> None:
    """Every published sum must hold: a false one would mislead the attack (and, being infeasible,
    makes its ranges creep down one unit per round instead of settling)."""
    for total, partes in cuadro.sumas:
        suma = sum(cuadro.valores[p] for p in partes)
        if cuadro.valores[total] != suma:
            raise ValueError(f"la suma {total!r} = {cuadro.valores[total]} no es la de sus partes ({suma})")


def _companero(cuadro: Cuadro, ocultos: dict[Hashable, str], clave: Hashable) -> Hashable:
    """The next cell to reserve so that `clave` is no longer pinned (see `ocultar`): in a sum
    holding `clave`, the smallest visible non-zero count (a part before a total); else a "<5" of
    such a sum (a total first, `clave` itself last); else a visible zero; failing all that, the same
    in any sum that hides something (the pin then comes through a chain of sums)."""
    for cerca in (lambda miembros: clave in miembros, lambda miembros: bool(ocultos.keys() & set(miembros))):
        visibles: list[tuple] = []
        menores: list[tuple] = []
        ceros: list[tuple] = []
        for total, partes in cuadro.sumas:
            miembros = (total, *partes)
            if not cerca(miembros):
                continue
            for m in miembros:
                if m in cuadro.no_publicados or m in cuadro.desconocidos:
                    continue  # not published: reserving it would change nothing the reader sees
                if m not in ocultos:
                    (visibles if cuadro.valores[m] > 0 else ceros).append(
                        (m == total, cuadro.valores[m], repr(m), m)
                    )
                elif ocultos[m] == MENOR:
                    menores.append((m == clave, m != total, repr(m), m))
        for candidatos in (visibles, menores, ceros):
            if candidatos:
                return min(candidatos)[-1]
    raise RuntimeError(f"no hay con qué proteger {clave!r}")


def rango_publicado(valor: int | str) -> tuple[int, int]:
    """What a reader knows of one cell from what it shows."""
    if valor == MENOR:
        return (1, UMBRAL - 1)
    if valor == RESERVADO:
        # A reserved cell may hold anything: complementary suppression hides zeros and widens
        # small counts too when nothing else unpins a small count.
        return (0, INFINITO)
    return (int(valor), int(valor))


def atacar(
    vista: dict[Hashable, int | str], sumas: list[tuple[Hashable, tuple[Hashable, ...]]]
) -> dict[Hashable, tuple[int, int]]:
    """The reader's attack: narrow every cell's range through the published sums until nothing moves.

    Returns the range left for each cell; a masked cell whose range is one value is recovered.
    """
    rangos = {c: rango_publicado(v) for c, v in vista.items()}
    for _vuelta in range(10_000):
        cambio = False
        for total, partes in sumas:
            bajos = [rangos[p][0] for p in partes]
            altos = [rangos[p][1] for p in partes]
            suma_bajos, suma_altos = sum(bajos), sum(altos)
            t_bajo = max(rangos[total][0], suma_bajos)
            t_alto = min(rangos[total][1], suma_altos)
            if (t_bajo, t_alto) != rangos[total]:
                rangos[total], cambio = (t_bajo, t_alto), True
            for i, p in enumerate(partes):
                otros_bajo = suma_bajos - bajos[i]
                otros_alto = suma_altos - altos[i]
                p_bajo = max(rangos[p][0], t_bajo - otros_alto)
                p_alto = min(rangos[p][1], t_alto - otros_bajo)
                if (p_bajo, p_alto) != rangos[p]:
                    rangos[p], cambio = (p_bajo, p_alto), True
        if not cambio:
            break
    return rangos

"""Measured quality of duplicate detection and person search (`manage.py evaluar_duplicados`).

A labelled set is built from the database: sampled real persons × realistic misspellings
(sound-alike spellings, one or two typing slips, missing second surname, word order, accents and
case), which must be found; and look-alikes that are other persons (siblings sharing both
surnames, namesakes with another birth date), which must not be flagged. The same misspellings
make the near-duplicates of `seed_demo`.
"""

import dataclasses
import datetime
import random
from collections import Counter

from .busqueda import filtrar_personas, normalizar_texto, terminos
from .identidad import orden_busqueda, palabras_nombre
from .models import DocumentoIdentidad, Persona
from .selectors.duplicados import UMBRAL_DUPLICADO, Ficha, ficha_de_persona, parecidos, resultados_busqueda

# Sound-alike spellings, both ways (the kinds staff actually type).
SONIDOS = [
    ("y", "i"),
    ("i", "y"),
    ("v", "b"),
    ("b", "v"),
    ("z", "s"),
    ("s", "z"),
    ("ce", "se"),
    ("ci", "si"),
    ("ll", "y"),
    ("h", ""),
    ("ph", "f"),
    ("baptiste", "batiste"),
    ("jean", "jan"),
    ("ge", "je"),
    ("gi", "ji"),
    ("qu", "k"),
]


def _error_tipeo(rng: random.Random, palabra: str) -> str:
    """One typing slip: a letter wrong, missing, extra, or two swapped."""
    if len(palabra) < 4:
        return palabra
    i = rng.randrange(1, len(palabra) - 1)
    letras = "aeioulnrstmcd"
    tipo = rng.choice(["cambiar", "quitar", "agregar", "intercambiar"])
    if tipo == "cambiar":
        return palabra[:i] + rng.choice([c for c in letras if c != palabra[i]]) + palabra[i + 1 :]
    if tipo == "quitar":
        return palabra[:i] + palabra[i + 1 :]
    if tipo == "agregar":
        return palabra[:i] + rng.choice(letras) + palabra[i:]
    return palabra[: i - 1] + palabra[i] + palabra[i - 1] + palabra[i + 1 :]


def _sonido(rng: random.Random, palabra: str) -> str:
    opciones = [(a, b) for a, b in SONIDOS if a in palabra]
    if not opciones:
        return palabra
    a, b = rng.choice(opciones)
    return palabra.replace(a, b, 1)


# Particles that belong to the surname after them ("De la Cruz" is one surname).
PARTICULAS = {"de", "del", "la", "las", "los", "da", "do", "dos", "van", "von", "y"}


def apellidos_separados(apellidos: str) -> list[str]:
    """The surnames of a surnames field: "De la Cruz Peralta" → ["De la Cruz", "Peralta"],
    "Saint-Fleur Louis" → ["Saint-Fleur", "Louis"]."""
    grupos: list[str] = []
    pendiente: list[str] = []
    for palabra in apellidos.split():
        pendiente.append(palabra)
        if palabra.lower() not in PARTICULAS:
            grupos.append(" ".join(pendiente))
            pendiente = []
    if pendiente:
        grupos.append(" ".join(pendiente))
    return grupos


def mal_escrito(rng: random.Random, nombres: str, apellidos: str) -> tuple[str, str]:
    """A realistic misspelling of a name: one or two changes of the kinds above. A missing
    second surname drops the whole last surname ("De la Cruz Peralta" → "De la Cruz")."""
    return mal_escrito_y_correcto(rng, nombres, apellidos)[0]


def mal_escrito_y_correcto(
    rng: random.Random, nombres: str, apellidos: str
) -> tuple[tuple[str, str], tuple[str, str]]:
    """(misspelled, meant): mal_escrito's name, and the same name without its spelling changes
    (sound-alike, typing slip) but with the others (a surname left out, word order, case): what
    the person typing meant to type."""
    n = palabras_nombre(nombres)
    a = palabras_nombre(apellidos)
    separados = apellidos_separados(apellidos)
    cambios = rng.sample(
        ["sonido", "tipeo", "sin_segundo", "orden", "mayusculas", "sonido2"], k=rng.choice([1, 2])
    )
    bien_n, bien_a = list(n), list(a)
    for cambio in cambios:
        if cambio in ("sonido", "sonido2") and (n or a):
            lista = rng.choice([x for x in (n, a) if x])
            j = rng.randrange(len(lista))
            lista[j] = _sonido(rng, lista[j])
        elif cambio == "tipeo" and (n or a):
            lista = rng.choice([x for x in (n, a) if x])
            j = rng.randrange(len(lista))
            lista[j] = _error_tipeo(rng, lista[j])
        elif cambio == "sin_segundo" and len(separados) > 1:
            quedan = len(palabras_nombre(" ".join(separados[:-1])))
            a, bien_a = a[:quedan], bien_a[:quedan]

    def texto(nombres_: list[str], apellidos_: list[str]) -> tuple[str, str]:
        nombres_txt, apellidos_txt = " ".join(nombres_), " ".join(apellidos_)
        if "orden" in cambios:
            # Surnames typed in the names field and the other way round.
            nombres_txt, apellidos_txt = apellidos_txt, nombres_txt
        if "mayusculas" in cambios:
            nombres_txt, apellidos_txt = nombres_txt.upper(), apellidos_txt.upper()
        return nombres_txt, apellidos_txt

    return texto(n, a), texto(bien_n, bien_a)


def personas_con_las_palabras(consulta: str, tope: int) -> int:
    """How many persons bear every word of `consulta` as a whole name word (a word typed twice
    needs two), counted up to `tope`: more than a page of them and no search by those words
    alone, however well spelled, can single one out."""
    buscadas = Counter(normalizar_texto(consulta).split())
    cuenta = 0
    textos = filtrar_personas(Persona.objects.sin_fusionar(), consulta).values_list("busqueda", flat=True)
    for texto in textos.iterator(chunk_size=2000):
        if not buscadas - Counter(texto.split()):
            cuenta += 1
            if cuenta >= tope:
                break
    return cuenta


@dataclasses.dataclass
class Resultado:
    positivos: int = 0
    verdaderos_positivos: int = 0
    falsos_positivos: int = 0
    negativos: int = 0
    busquedas: int = 0
    busquedas_pagina_uno: int = 0
    por_pagina: int = 0
    # Searches whose words as meant (personas_con_las_palabras) more persons bear than a page
    # holds (counted in `busquedas` too, as they are): no ranking by name can list them all on
    # page one, so the typo tolerance is measured on the others too (pagina_uno_distinguibles).
    busquedas_ambiguas: int = 0
    busquedas_ambiguas_pagina_uno: int = 0
    fallos: list = dataclasses.field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.verdaderos_positivos / self.positivos if self.positivos else 0.0

    @property
    def precision(self) -> float:
        marcados = self.verdaderos_positivos + self.falsos_positivos
        return self.verdaderos_positivos / marcados if marcados else 0.0

    @property
    def pagina_uno(self) -> float:
        return self.busquedas_pagina_uno / self.busquedas if self.busquedas else 0.0

    @property
    def busquedas_distinguibles(self) -> int:
        return self.busquedas - self.busquedas_ambiguas

    @property
    def busquedas_distinguibles_pagina_uno(self) -> int:
        return self.busquedas_pagina_uno - self.busquedas_ambiguas_pagina_uno

    @property
    def pagina_uno_distinguibles(self) -> float:
        n = self.busquedas_distinguibles
        return self.busquedas_distinguibles_pagina_uno / n if n else 0.0


def _muestra(rng: random.Random, tamano: int) -> list[Persona]:
    """Persons with two name words and a birth date, without a likely duplicate already registered."""
    ids = list(
        Persona.objects.filter(
            fusionada_en__isnull=True, anonimizada_en__isnull=True, fecha_nacimiento__isnull=False
        )
        .exclude(apellidos="")
        .values_list("pk", flat=True)
        .order_by("pk")
    )
    rng.shuffle(ids)
    elegidas: list[Persona] = []
    for persona in Persona.objects.filter(pk__in=ids[: tamano * 2]).order_by("pk"):
        if len(elegidas) >= tamano:
            break
        numeros = set(DocumentoIdentidad.objects.filter(persona=persona).values_list("numero", flat=True))
        if any(r["probabilidad"] >= UMBRAL_DUPLICADO for r in parecidos(ficha_de_persona(persona, numeros))):
            continue  # the registry already holds a likely copy: its label would be unknown
        elegidas.append(persona)
    return elegidas


def fecha_con_desliz(rng: random.Random, fecha: datetime.date) -> datetime.date:
    """A birth date typed with one slip: a day off by one, the year off by one, day and month
    swapped, or the day's last digit mistyped (a date that exists, never the same one)."""
    while True:
        tipo = rng.choice(["dia", "ano", "intercambio", "digito"])
        try:
            if tipo == "dia":
                otra = fecha + datetime.timedelta(days=rng.choice([-1, 1]))
            elif tipo == "ano":
                otra = fecha.replace(year=fecha.year + rng.choice([-1, 1]))
            elif tipo == "intercambio":
                otra = fecha.replace(month=fecha.day, day=fecha.month)
            else:
                otra = fecha.replace(day=fecha.day // 10 * 10 + rng.randrange(10))
        except ValueError:
            continue
        if otra != fecha:
            return otra


def _otra_fecha(rng: random.Random, fecha: datetime.date) -> datetime.date:
    """A clearly different birth date (a sibling or a namesake), never one slip away."""
    while True:
        otra = fecha + datetime.timedelta(days=rng.choice([-1, 1]) * rng.randint(400, 6000))
        iguales = (otra.year == fecha.year) + (otra.month == fecha.month) + (otra.day == fecha.day)
        if iguales < 2:
            return otra


def _pila(nombres: str) -> str:
    return (palabras_nombre(nombres) or [""])[0]


def _diagnostico(persona: Persona, consulta: str, lista, tocayos: int) -> str:
    """Why a search missed page one: where the person is listed, how many listed before it score
    better or the same (orden_busqueda), and how many persons share its exact full name."""
    palabras = terminos(consulta)
    propio = orden_busqueda(
        palabras, palabras_nombre(persona.nombres, persona.apellidos, persona.nombre_social)
    )
    listadas = list(lista[:LISTA_DIAGNOSTICO])
    pks = [p.pk for p in listadas]
    if persona.pk not in pks:
        donde = f"no está entre las {len(pks)} primeras"
        antes = listadas
    else:
        donde = f"puesto {pks.index(persona.pk) + 1}"
        antes = listadas[: pks.index(persona.pk)]
    mejores = iguales = 0
    for p in antes:
        otro = orden_busqueda(palabras, palabras_nombre(p.nombres, p.apellidos, p.nombre_social))
        mejores += otro[0] > propio[0]
        iguales += otro[0] == propio[0]
    return (
        f"{donde}; puntaje {propio[0]:.0f}; antes: {mejores} con mejor puntaje, {iguales} igual; "
        f"mismo nombre completo: {tocayos}"
    )


LISTA_DIAGNOSTICO = 200


def _por_pagina() -> int:
    from .views.personas import POR_PAGINA  # the person search page's size

    return POR_PAGINA


def evaluar(*, tamano: int = 200, semilla: int = 11, por_pagina: int | None = None) -> Resultado:
    rng = random.Random(semilla)
    por_pagina = por_pagina or _por_pagina()
    resultado = Resultado(por_pagina=por_pagina)
    personas = _muestra(rng, tamano)
    # How many persons hold each exact full name (accents and case aside).
    nombres_completos = Counter(
        normalizar_texto(f"{n} {a}")
        for n, a in Persona.objects.sin_fusionar().values_list("nombres", "apellidos").iterator()
    )
    nombres_de_pila = sorted({p.nombres for p in Persona.objects.exclude(nombres="").only("nombres")[:2000]})
    for persona in personas:
        nacimiento = persona.fecha_nacimiento
        if nacimiento is None:
            continue  # _muestra picks persons with a birth date only
        # A misspelled copy: same birth date (most), or a one-slip date, or only the same phone.
        (nombres, apellidos), bien_escrito = mal_escrito_y_correcto(rng, persona.nombres, persona.apellidos)
        caso = rng.random()
        fecha: datetime.date | None = nacimiento
        telefono = ""
        if caso > 0.9 and persona.telefono:
            fecha, telefono = None, persona.telefono
        elif caso > 0.8:
            fecha = fecha_con_desliz(rng, nacimiento)
        copia = Ficha(
            pk=None,
            palabras=palabras_nombre(nombres, apellidos),
            fecha_nacimiento=fecha,
            sexo=persona.sexo,
            telefono=telefono,
            pila=_pila(nombres),
        )
        resultado.positivos += 1
        marcados = [r for r in parecidos(copia) if r["probabilidad"] >= UMBRAL_DUPLICADO]
        if any(r["persona"].pk == persona.pk for r in marcados):
            resultado.verdaderos_positivos += 1
        else:
            resultado.fallos.append(
                ("no detectado", persona.nombre_completo, f"{nombres} {apellidos}", fecha)
            )
        resultado.falsos_positivos += sum(1 for r in marcados if r["persona"].pk != persona.pk)

        # Search: the misspelled name must list the person on the first page.
        consulta = f"{nombres} {apellidos}"
        lista, _total, _mas = resultados_busqueda(consulta, por_pagina)
        resultado.busquedas += 1
        tocayos = nombres_completos[normalizar_texto(f"{persona.nombres} {persona.apellidos}")]
        encontrada = any(p.pk == persona.pk for p in list(lista[:por_pagina]))
        resultado.busquedas_pagina_uno += encontrada
        if personas_con_las_palabras(" ".join(bien_escrito), por_pagina + 1) > por_pagina:
            resultado.busquedas_ambiguas += 1
            resultado.busquedas_ambiguas_pagina_uno += encontrada
        if not encontrada:
            resultado.fallos.append(
                (
                    "búsqueda",
                    persona.nombre_completo,
                    consulta,
                    _diagnostico(persona, consulta, lista, tocayos),
                )
            )

        # Look-alikes that are other persons: a sibling (both surnames, another given name and
        # birth date, sometimes the family phone) and a namesake (same name, another birth date).
        otros_nombres = [
            n for n in nombres_de_pila if palabras_nombre(n)[:1] != palabras_nombre(persona.nombres)[:1]
        ]
        nombre_hermano = rng.choice(otros_nombres) if otros_nombres else "Otro"
        hermano = Ficha(
            pk=None,
            palabras=palabras_nombre(nombre_hermano, persona.apellidos),
            pila=_pila(nombre_hermano),
            fecha_nacimiento=_otra_fecha(rng, nacimiento),
            telefono=persona.telefono if rng.random() < 0.3 else "",
        )
        homonimo = Ficha(
            pk=None,
            palabras=palabras_nombre(persona.nombres, persona.apellidos),
            pila=_pila(persona.nombres),
            fecha_nacimiento=_otra_fecha(rng, nacimiento),
        )
        for negativo, etiqueta in ((hermano, "hermano"), (homonimo, "homónimo")):
            resultado.negativos += 1
            falsos = [r for r in parecidos(negativo) if r["probabilidad"] >= UMBRAL_DUPLICADO]
            resultado.falsos_positivos += len(falsos)
            for r in falsos:
                resultado.fallos.append(
                    (
                        f"falso positivo ({etiqueta})",
                        persona.nombre_completo,
                        r["persona"].nombre_completo,
                        r["motivo"],
                    )
                )
    return resultado

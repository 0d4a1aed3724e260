"""The import engine: rows → outcomes (dry run) or persons and attentions (import), resumable.

Rows are processed in blocks, each block in one transaction with its row records and the batch's
running counts, so a worker killed mid-import leaves whole blocks behind and a restart skips the
rows already recorded. A block is resolved in bulk (`masivo`: a few queries per block, whatever its
size); `por_fila=True` runs the audited per-row services instead (the reference the bulk path is
tested against, and its fallback when the database refuses a bulk insert).
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import IO, Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import reset_queries, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from ..busqueda import normalizar_texto
from ..identidad import palabras_nombre
from ..models import DocumentoIdentidad, FilaImportacion, LoteImportacion, Persona
from ..selectors.duplicados import Ficha, comparar, destino_final, ficha_de_persona
from . import valores as v
from .lectura import ArchivoInvalido, Hoja, abrir, fila_vacia
from .mapeo import CAMPOS_POR_CLAVE, buscar_encabezado

# A name and birth date (or a phone) match at or above this likelihood is the same person.
UMBRAL_MISMA_PERSONA = 90
TAMANO_BLOQUE = 1000
# Persons sharing a birth date compared with a row (more only for a very common date).
LIMITE_CANDIDATOS = 200
Resultado = FilaImportacion.Resultado


@dataclass
class Fila:
    """A row read and checked: the person's data, the attention's data, or an error."""

    numero: int
    valores: list[Any]
    huella: str
    persona: dict[str, Any] = field(default_factory=dict)
    atencion: dict[str, Any] = field(default_factory=dict)
    columna: str = ""
    error: str = ""


def hoja_de(archivo: IO[bytes], nombre: str, hoja: str = "") -> tuple[list[Hoja], Hoja]:
    """(all sheets, the chosen one: by name, else the first with recognisable headers)."""
    hojas = abrir(archivo, nombre)
    if hoja:
        for h in hojas:
            if h.nombre == hoja:
                return hojas, h
        raise ArchivoInvalido(_("El archivo no tiene una hoja llamada «%(hoja)s».") % {"hoja": hoja})
    for h in hojas:
        try:
            buscar_encabezado(h)
        except ArchivoInvalido:
            continue
        return hojas, h
    return hojas, hojas[0]


def _json(valor: Any) -> Any:
    if isinstance(valor, datetime.datetime | datetime.date | datetime.time):
        return valor.isoformat()
    if valor is None or isinstance(valor, int | float | bool):
        return valor
    return str(valor)


@lru_cache(maxsize=64)
def _claves_encabezados(encabezados: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalizar_texto(e) or str(i) for i, e in enumerate(encabezados))


def huella(encabezados: list[str], valores: list[Any]) -> str:
    """The row's fingerprint: its values by heading, whatever the mapping or the column order (a
    later version of the file, or the same file mapped differently, is recognised)."""
    datos = {
        clave: v.texto(_json(valores[i])) if i < len(valores) else ""
        for i, clave in enumerate(_claves_encabezados(tuple(encabezados)))
    }
    return hashlib.sha256(json.dumps(datos, sort_keys=True).encode()).hexdigest()


def _partir_nombre(completo: str) -> tuple[str, str]:
    """«María José Pérez Soto» → («María José», «Pérez Soto»): the last two words are surnames."""
    palabras = completo.split()
    if len(palabras) <= 1:
        return completo, ""
    corte = len(palabras) - 2 if len(palabras) >= 3 else 1
    return " ".join(palabras[:corte]), " ".join(palabras[corte:])


def leer_fila(
    numero: int, valores: list[Any], mapeo: dict[int, str], encabezados: list[str], hoy: datetime.date
) -> Fila:
    """Parse one row with the mapping; the first unreadable cell makes it an error row."""
    fila = Fila(numero=numero, valores=[_json(x) for x in valores], huella=huella(encabezados, valores))
    celda = {campo: (valores[i] if i < len(valores) else None) for i, campo in mapeo.items()}
    columna = {campo: (encabezados[i] if i < len(encabezados) else str(i + 1)) for i, campo in mapeo.items()}
    actual = ""
    try:
        p, a = fila.persona, fila.atencion
        actual = "nombres"
        nombres = v.texto(celda.get("nombres"))
        apellidos = v.texto(celda.get("apellidos")) or " ".join(
            x for x in (v.texto(celda.get("apellido_paterno")), v.texto(celda.get("apellido_materno"))) if x
        )
        if not nombres and celda.get("nombre_completo") is not None:
            actual = "nombre_completo"
            nombres, resto = _partir_nombre(v.texto(celda.get("nombre_completo")))
            apellidos = apellidos or resto
        if not nombres:
            raise v.ValorInvalido(_("Falta el nombre de la persona."))
        p["nombres"], p["apellidos"] = nombres[:150], apellidos[:150]
        for clave in ("documento", "tipo_documento"):
            actual = clave
            if clave == "documento":
                tipo, numero_doc = v.documento(celda.get("documento"), celda.get("tipo_documento"))
                p["tipo_documento"], p["documento_numero"] = tipo, numero_doc
        for clave in ("fecha_nacimiento", "fecha_llegada_chile"):
            actual = clave
            fecha = v.fecha(celda.get(clave), hoy=hoy)
            if fecha and not datetime.date(1900, 1, 1) <= fecha <= hoy:
                raise v.ValorInvalido(_("«%(valor)s» no es una fecha posible.") % {"valor": fecha})
            if fecha:
                p[clave] = fecha
        actual = "sexo"
        p["sexo"] = v.sexo(celda.get("sexo"))
        actual = "nacionalidad"
        p["nacionalidad"] = v.nacionalidad(celda.get("nacionalidad"))
        for clave, largo in (("telefono", 30), ("email", 254), ("direccion", 250), ("sector", 100)):
            actual = clave
            texto = v.texto(celda.get(clave))
            if texto:
                p[clave] = texto[:largo]
        actual = "fecha_atencion"
        fecha = v.fecha(celda.get("fecha_atencion"), hoy=hoy)
        if fecha is None:
            raise v.ValorInvalido(_("Falta la fecha de la atención."))
        if not datetime.date(1990, 1, 1) <= fecha <= hoy:
            raise v.ValorInvalido(_("«%(valor)s» no es una fecha de atención posible.") % {"valor": fecha})
        actual = "hora_atencion"
        hora = v.hora(celda.get("hora_atencion")) or datetime.time(12, 0)
        a["fecha_hora"] = timezone.make_aware(datetime.datetime.combine(fecha, hora))
        actual = "canal"
        a["canal"] = v.canal(celda.get("canal"))
        actual = "temas"
        a["temas"] = v.temas(celda.get("temas"))
        a["notas"] = v.texto(celda.get("notas"))[:2000]
        a["resultado"] = v.texto(celda.get("resultado"))[:500]
    except v.ValorInvalido as exc:
        fila.error = str(exc)
        fila.columna = columna.get(actual, str(CAMPOS_POR_CLAVE[actual].etiqueta) if actual else "")
    return fila


def filas_de_datos(hoja: Hoja, lote: LoteImportacion) -> Iterator[tuple[int, list[Any]]]:
    for numero, valores in hoja.filas():
        if numero > lote.fila_encabezado and not fila_vacia(valores):
            yield numero, valores


class Emparejador:
    """Finds the person of a row: a document (current or past) exactly, else name and birth date
    through the duplicate matcher; rows of one person within the file resolve to one person.

    A row that the matcher finds to be a person new in this file (a misspelled name) is that new
    person, in the dry run as in the import: the import finds her in the database, the dry run
    (which writes nothing) among the persons it would have created (`simuladas`)."""

    def __init__(self) -> None:
        # key → (person pk or None in a dry run, first row, new from this file)
        self.en_archivo: dict[tuple, tuple[int | None, int, bool]] = {}
        # Importing: pk → first row of each person this file created.
        self.creadas: dict[int, int] = {}
        # Dry run: birth date → (the person as the matcher sees her, first row) of each person the
        # file would create, as candidates of later rows (after the database's, as when importing).
        self.simuladas: dict[datetime.date, list[tuple[Ficha, int]]] = defaultdict(list)

    def nueva(self, datos: dict[str, Any], numero: int, pk: int | None) -> None:
        """A person new in this file, first seen on row `numero` (pk None: a dry run's)."""
        if pk is not None:
            self.creadas[pk] = numero
        elif datos.get("fecha_nacimiento"):
            self.simuladas[datos["fecha_nacimiento"]].append((self.ficha(datos), numero))

    @staticmethod
    def claves(datos: dict[str, Any]) -> list[tuple]:
        claves: list[tuple] = []
        if datos.get("documento_numero"):
            claves.append(("doc", datos["documento_numero"]))
        palabras = tuple(sorted(palabras_nombre(datos["nombres"], datos.get("apellidos", ""))))
        claves.append(("nombre", palabras, datos.get("fecha_nacimiento")))
        return claves

    def del_archivo(self, datos: dict[str, Any]) -> tuple[int | None, int, bool] | None:
        """An earlier row's person: same document, or (without one) same name and birth date."""
        return self.en_archivo.get(self.claves(datos)[0])

    def recordar(
        self,
        datos: dict[str, Any],
        pk: int | None,
        numero: int,
        nueva: bool,
        anotadas: list[tuple] | None = None,
    ) -> None:
        """Remember the row's keys (the first row of a key wins); `anotadas` collects the new keys."""
        for clave in self.claves(datos):
            if clave not in self.en_archivo:
                self.en_archivo[clave] = (pk, numero, nueva)
                if anotadas is not None:
                    anotadas.append(clave)

    @staticmethod
    def ficha(datos: dict[str, Any]) -> Ficha:
        """The row's person as the duplicate matcher sees it."""
        numero = datos.get("documento_numero")
        return Ficha(
            pk=None,
            palabras=palabras_nombre(datos["nombres"], datos.get("apellidos", "")),
            fecha_nacimiento=datos.get("fecha_nacimiento"),
            sexo=datos.get("sexo", ""),
            nacionalidad=datos.get("nacionalidad", ""),
            telefono=datos.get("telefono", ""),
            documentos={numero} if numero else set(),
            pila=(palabras_nombre(datos["nombres"]) or [""])[0],
        )

    def existente(
        self, datos: dict[str, Any], simulacion: bool = False
    ) -> tuple[Persona | None, int, int | None] | None:
        """(the person, likelihood, first row if she is new in this file) or None; the person is
        None for a dry run's new person."""
        numero = datos.get("documento_numero")
        if numero:
            doc = DocumentoIdentidad.objects.filter(numero=numero).select_related("persona").first()
            persona = doc.persona if doc else Persona.objects.filter(documento_numero=numero).first()
            if persona:
                persona = destino_final(persona)
                return persona, 100, self.creadas.get(persona.pk)
        fecha = datos.get("fecha_nacimiento")
        if fecha is None:
            # Without a document or a birth date no rule of the matcher reaches the threshold.
            return None
        ficha = Emparejador.ficha(datos)
        # At the threshold the matcher needs the same birth date: its holders are the candidates
        # (an indexed lookup), each compared by the duplicate matcher's rules.
        candidatos = Persona.objects.sin_fusionar().filter(
            fecha_nacimiento=fecha, anonimizada_en__isnull=True
        )
        candidatas: list[tuple[Ficha, Persona | None, int | None]] = [
            (ficha_de_persona(c), c, self.creadas.get(c.pk))
            for c in candidatos.order_by("pk")[:LIMITE_CANDIDATOS]
        ]
        if simulacion:
            candidatas += [(f, None, fila) for f, fila in self.simuladas.get(fecha, [])]
        mejor: tuple[int, Persona | None, int | None] | None = None
        for candidata, persona, fila in candidatas[:LIMITE_CANDIDATOS]:
            comparado = comparar(ficha, candidata)
            if (
                comparado
                and comparado[0] >= UMBRAL_MISMA_PERSONA
                and (mejor is None or comparado[0] > mejor[0])
            ):
                mejor = (comparado[0], persona, fila)
        if mejor:
            return (destino_final(mejor[1]) if mejor[1] else None), mejor[0], mejor[2]
        return None


def _contar(lote: LoteImportacion) -> None:
    """The batch's counts from its row records (a resumed job starts from them)."""
    por = dict(lote.filas.values_list("resultado").annotate(n=Count("pk")).order_by())
    lote.errores = por.get(Resultado.ERROR, 0)
    lote.repetidas = por.get(Resultado.REPETIDA, 0)
    lote.personas_nuevas = lote.filas.filter(persona_creada=True).count()
    if lote.simulacion:
        lote.atenciones_nuevas = por.get(Resultado.PERSONA_NUEVA, 0) + por.get(
            Resultado.PERSONA_ENCONTRADA, 0
        )
    else:
        lote.atenciones_nuevas = lote.filas.filter(atencion__isnull=False).count()
    lote.personas_encontradas = (
        lote.filas.filter(resultado=Resultado.PERSONA_ENCONTRADA, persona__isnull=False)
        .values("persona")
        .distinct()
        .count()
    )
    lote.filas_leidas = sum(por.values())


@dataclass
class Contadores:
    """The batch's running counts (the progress bar), kept block by block without COUNT queries;
    always equal to what `_contar` reads from the row records."""

    filas: int = 0
    errores: int = 0
    repetidas: int = 0
    personas_nuevas: int = 0
    atenciones_nuevas: int = 0
    encontradas: set[int] = field(default_factory=set)

    @classmethod
    def de_lote(cls, lote: LoteImportacion) -> Contadores:
        """A resumed batch's counts, from the rows it recorded before."""
        _contar(lote)
        encontradas = lote.filas.filter(resultado=Resultado.PERSONA_ENCONTRADA, persona__isnull=False)
        return cls(
            filas=lote.filas_leidas,
            errores=lote.errores,
            repetidas=lote.repetidas,
            personas_nuevas=lote.personas_nuevas,
            atenciones_nuevas=lote.atenciones_nuevas,
            encontradas=set(encontradas.values_list("persona", flat=True)),
        )

    def sumar(self, registros: list[FilaImportacion], simulacion: bool) -> None:
        for r in registros:
            self.filas += 1
            if r.resultado == Resultado.ERROR:
                self.errores += 1
            elif r.resultado == Resultado.REPETIDA:
                self.repetidas += 1
            else:
                if simulacion or r.atencion_id is not None:
                    self.atenciones_nuevas += 1
                if r.resultado == Resultado.PERSONA_ENCONTRADA and r.persona_id is not None:
                    self.encontradas.add(r.persona_id)
            if r.persona_creada:
                self.personas_nuevas += 1

    def poner_en(self, lote: LoteImportacion) -> None:
        lote.filas_leidas = self.filas
        lote.errores = self.errores
        lote.repetidas = self.repetidas
        lote.personas_nuevas = self.personas_nuevas
        lote.atenciones_nuevas = self.atenciones_nuevas
        lote.personas_encontradas = len(self.encontradas)


CAMPOS_CONTADORES = [
    "filas_leidas",
    "personas_nuevas",
    "personas_encontradas",
    "atenciones_nuevas",
    "repetidas",
    "errores",
]


def anotar_error(registro: FilaImportacion, exc: ValidationError) -> None:
    """A row refused by a model's or a service's validation: error, nothing created."""
    registro.resultado = Resultado.ERROR
    registro.persona, registro.persona_creada, registro.atencion = None, False, None
    registro.probabilidad = None
    campo, mensajes = next(iter(getattr(exc, "message_dict", {"": exc.messages}).items()))
    registro.columna = campo[:150]
    registro.mensaje = "; ".join(mensajes)[:500]


def procesar(
    lote: LoteImportacion,
    hoja: Hoja,
    *,
    usuario: User,
    profesional: User,
    progreso: Callable[[int], None] | None = None,
    por_fila: bool = False,
) -> LoteImportacion:
    """Run the batch's dry run (`lote.simulacion`) or import over the sheet's rows."""
    from . import masivo

    mapeo = {int(k): c for k, c in lote.mapeo.items()}
    hoy = timezone.localdate()
    hechas = set(lote.filas.values_list("numero", flat=True))
    emparejador = Emparejador()
    contadores = Contadores()
    if hechas:
        # A resumed job: persons of the rows already done resolve their later rows.
        contadores = Contadores.de_lote(lote)
        anteriores = lote.filas.filter(
            resultado__in=[Resultado.PERSONA_NUEVA, Resultado.PERSONA_ENCONTRADA]
        ).only("valores", "numero", "persona_id", "resultado", "persona_creada")
        for f in anteriores.order_by("numero").iterator(chunk_size=TAMANO_BLOQUE):
            leida = leer_fila(f.numero, f.valores, mapeo, lote.encabezados, hoy)
            if not leida.error:
                emparejador.recordar(
                    leida.persona, f.persona_id, f.numero, f.resultado == Resultado.PERSONA_NUEVA
                )
                if f.persona_creada:
                    emparejador.nueva(leida.persona, f.numero, f.persona_id)

    def bloque_de_filas() -> Iterator[list[tuple[int, list[Any]]]]:
        bloque = []
        for numero, valores in filas_de_datos(hoja, lote):
            if numero in hechas:
                continue
            bloque.append((numero, valores))
            if len(bloque) >= TAMANO_BLOQUE:
                yield bloque
                bloque = []
        if bloque:
            yield bloque

    for bloque in bloque_de_filas():
        leidas = [leer_fila(n, vals, mapeo, lote.encabezados, hoy) for n, vals in bloque]
        huellas = [f.huella for f in leidas]
        ya = set(
            FilaImportacion.objects.filter(huella__in=huellas, atencion__isnull=False)
            .exclude(lote=lote)
            .values_list("huella", flat=True)
        )
        vistas_en_lote = set(lote.filas.filter(huella__in=huellas).values_list("huella", flat=True))
        with transaction.atomic():
            registros, vivas = _clasificar(leidas, ya, vistas_en_lote, lote)
            if por_fila:
                resolver_por_fila(vivas, emparejador, lote, usuario, profesional)
            else:
                masivo.resolver(vivas, emparejador, lote, usuario, profesional)
            FilaImportacion.objects.bulk_create(registros)
            contadores.sumar(registros, lote.simulacion)
            contadores.poner_en(lote)
            lote.latido = timezone.now()
            lote.save(update_fields=["latido", *CAMPOS_CONTADORES])
        # With DEBUG on (the embedded default) Django keeps the last 9,000 statements of a
        # connection, bulk inserts of a whole block included: a long job lets them go.
        reset_queries()
        if progreso:
            progreso(lote.filas_leidas)
    lote.cortada_en = hoja.cortada_en
    contadores.poner_en(lote)
    return lote


def _clasificar(
    leidas: list[Fila], ya: set[str], vistas_en_lote: set[str], lote: LoteImportacion
) -> tuple[list[FilaImportacion], list[tuple[Fila, FilaImportacion]]]:
    """The block's row records: unreadable rows and rows imported before are settled here; the
    others (returned with their record) need their person resolved."""
    registros, vivas = [], []
    for fila in leidas:
        registro = FilaImportacion(lote=lote, numero=fila.numero, huella=fila.huella, valores=fila.valores)
        registros.append(registro)
        if fila.error:
            registro.resultado, registro.columna, registro.mensaje = (
                Resultado.ERROR,
                fila.columna[:150],
                fila.error[:500],
            )
            continue
        if fila.huella in ya or fila.huella in vistas_en_lote:
            registro.resultado = Resultado.REPETIDA
            registro.mensaje = _("Esta fila ya fue importada antes.")
            continue
        vistas_en_lote.add(fila.huella)
        vivas.append((fila, registro))
    return registros, vivas


def resolver_por_fila(
    vivas: list[tuple[Fila, FilaImportacion]],
    emparejador: Emparejador,
    lote: LoteImportacion,
    usuario: User,
    profesional: User,
) -> None:
    """Each row through the audited services (`registrar_persona`, `registrar_atencion`)."""
    from ..services.atenciones import registrar_atencion
    from ..services.personas import registrar_persona

    for fila, registro in vivas:
        try:
            with transaction.atomic():
                _resolver(
                    fila,
                    registro,
                    emparejador,
                    lote,
                    usuario,
                    profesional,
                    registrar_persona,
                    registrar_atencion,
                )
        except ValidationError as exc:
            anotar_error(registro, exc)


def _resolver(fila, registro, emparejador, lote, usuario, profesional, registrar_persona, registrar_atencion):
    """Fill the row record: its person (found, from an earlier row, or new) and its attention."""
    previo = emparejador.del_archivo(fila.persona)
    if previo is not None:
        pk, primera, nueva = previo
        registro.resultado = Resultado.PERSONA_NUEVA if nueva else Resultado.PERSONA_ENCONTRADA
        registro.mensaje = _("Misma persona que la fila %(fila)s.") % {"fila": primera}
        persona = Persona.objects.get(pk=pk) if pk else None
    else:
        persona = None
        hallada = emparejador.existente(fila.persona, simulacion=lote.simulacion)
        nueva = False
        if hallada:
            persona, registro.probabilidad, primera_fila = hallada
            nueva = primera_fila is not None
            if nueva:
                # A person new in this file, under a spelling of her name the matcher recognises.
                registro.resultado = Resultado.PERSONA_NUEVA
                registro.mensaje = _("Misma persona que la fila %(fila)s.") % {"fila": primera_fila}
            else:
                registro.resultado = Resultado.PERSONA_ENCONTRADA
        else:
            registro.resultado = Resultado.PERSONA_NUEVA
            registro.persona_creada = nueva = True
            if not lote.simulacion:
                persona = registrar_persona(creado_por=usuario, **fila.persona)
            emparejador.nueva(fila.persona, fila.numero, persona.pk if persona else None)
        emparejador.recordar(fila.persona, persona.pk if persona else None, fila.numero, nueva)
    registro.persona = persona
    if not lote.simulacion:
        registro.atencion = registrar_atencion(persona=persona, profesional=profesional, **fila.atencion)

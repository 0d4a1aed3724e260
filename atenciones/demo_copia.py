"""`seed_demo` at national scale on PostgreSQL: rows streamed with COPY (issue 16).

The ORM path (atenciones.demo) costs about a millisecond of Python per person and sends every row
through an INSERT: hours for 2,000,000 persons. Here each big table is written with
`COPY … FROM STDIN` through psycopg2's `copy_expert`, reading from a small file-like object that
pulls rows from a generator, so no table is ever held in memory:

- primary keys are assigned here (after the table's current maximum) and the identity sequence is
  moved past them afterwards, so related rows (household ↔ members, tutor, documents, topics,
  referral events) are written in the same pass without reading anything back; rows of a second
  table produced in that pass (households, documents, topics, events) go to a temporary file on
  disk and are copied right after;
- when a table grows by at least its current size, its secondary indexes, unique and foreign-key
  constraints are dropped before the load and recreated after it, in the same transaction (the
  recreation checks every row, so the constraints are as valid as with row-by-row inserts; a
  failure rolls the whole table back); check and NOT NULL constraints stay in place throughout;
- every column the model has is written: the ones the demo does not choose take the field's
  default, so a field added later by a migration does not break the load;
- the data has the shape of the ORM path (the same pools of names, nationalities, documents,
  households, cases, referrals in every state with outcomes and events, one near-duplicate in 20),
  with attentions over the last five years, a third of them by the demo user `profesional`.

Counts are topped up as in the ORM path: a second run with the same counts adds nothing.
"""

import bisect
import datetime
import functools
import itertools
import json
import random
import tempfile
import time
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import SimpleNamespace
from typing import IO, Any

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from stdnum.cl import rut

from oficina.choices import Area, Tema
from oficina.models import Departamento, Membresia, Organizacion

from .busqueda import texto_busqueda
from .choices import (
    DOCUMENTOS_CHILENOS,
    Canal,
    EstadoCaso,
    EstadoDerivacion,
    Genero,
    MotivoCierre,
    MotivoRechazo,
    Prioridad,
    RelacionHogar,
    ResultadoDerivacion,
    Sexo,
    SituacionMigratoria,
    TipoDocumento,
)
from .demo_datos import NACIONALIDADES, NOTAS, RESULTADOS, SECTORES, TEMA_DE_AREA
from .demo_nombres import nombre_completo
from .evaluacion import mal_escrito
from .identidad import claves_persona
from .models import (
    Atencion,
    AtencionTema,
    Caso,
    Derivacion,
    DocumentoIdentidad,
    EventoDerivacion,
    Hogar,
    Persona,
)

SEMILLA = 20261616
# Attentions, cases and referrals are spread over this many days up to today.
DIAS_DE_HISTORIA = 5 * 365
# One person in this many is a misspelled near-duplicate of an earlier one (issue #11).
CADA_CASI_DUPLICADO = 20
_LECTURA = 1 << 16


# --- COPY plumbing ------------------------------------------------------------------------------


def _escapar(texto: str) -> str:
    """A text value in COPY's text format."""
    if "\\" in texto or "\t" in texto or "\n" in texto or "\r" in texto:
        texto = texto.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return texto


def valor_copy(valor: Any) -> str:
    if valor is None:
        return "\\N"
    if valor is True:
        return "t"
    if valor is False:
        return "f"
    if isinstance(valor, datetime.datetime | datetime.date):
        return valor.isoformat()
    if isinstance(valor, list | dict):
        return _escapar(json.dumps(valor))
    return _escapar(str(valor))


class FlujoFilas:
    """A read-only file over an iterator of COPY lines, for `cursor.copy_expert` (a few KB held)."""

    def __init__(self, filas: Iterable[str]):
        self._filas = iter(filas)
        self._resto = ""

    def read(self, size: int = -1) -> str:
        partes = [self._resto]
        largo = len(self._resto)
        for fila in self._filas:
            partes.append(fila)
            largo += len(fila)
            if 0 <= size <= largo:
                break
        texto = "".join(partes)
        if size < 0 or len(texto) <= size:
            self._resto = ""
            return texto
        self._resto = texto[size:]
        return texto[:size]


class Tabla:
    """A model's table for COPY: its columns, and a row template holding every field's default."""

    def __init__(self, modelo: type[models.Model], ahora: datetime.datetime):
        self.modelo = modelo
        self.nombre: str = modelo._meta.db_table
        campos = list(modelo._meta.concrete_fields)
        self.columnas = [str(f.column) for f in campos]
        self._posicion = {f.attname: i for i, f in enumerate(campos)}
        plantilla = []
        for f in campos:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                plantilla.append(valor_copy(ahora))
            elif f.has_default():
                plantilla.append(valor_copy(f.get_default()))
            elif f.null:
                plantilla.append("\\N")
            elif isinstance(f, models.CharField | models.TextField):
                plantilla.append("")
            else:
                plantilla.append("\\N")  # the demo must set it (a NOT NULL column: COPY says so)
        self.plantilla = plantilla

    def indices(self, *attnames: str) -> tuple[int, ...]:
        return tuple(self._posicion[a] for a in attnames)

    def sql(self) -> str:
        q = connection.ops.quote_name
        return f"COPY {q(self.nombre)} ({', '.join(q(c) for c in self.columnas)}) FROM STDIN"


def _copiar(cursor, tabla: Tabla, fuente: Iterable[str] | IO[str]) -> None:
    archivo = fuente if hasattr(fuente, "read") else FlujoFilas(fuente)
    cursor.copy_expert(tabla.sql(), archivo, _LECTURA)


def _maximo_id(cursor, tabla: Tabla) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(tabla.nombre)}")  # noqa: S608
    return cursor.fetchone()[0]


def _mover_secuencia(cursor, tabla: Tabla) -> None:
    q = connection.ops.quote_name(tabla.nombre)
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {q}",  # noqa: S608
        [q],
    )


def _sin_indices(cursor, tablas: Sequence[Tabla]) -> list[str]:
    """Drop the secondary indexes, unique and foreign-key constraints of `tablas`; returns the SQL
    that recreates them (foreign keys last, so they are checked against complete tables)."""
    crear: list[str] = []
    claves_foraneas: list[str] = []
    for tabla in tablas:
        q = connection.ops.quote_name(tabla.nombre)
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY contype DESC, conname",
            [q],
        )
        for nombre, definicion in cursor.fetchall():
            cursor.execute(f"ALTER TABLE {q} DROP CONSTRAINT {connection.ops.quote_name(nombre)}")
            sql = f"ALTER TABLE {q} ADD CONSTRAINT {connection.ops.quote_name(nombre)} {definicion}"
            (claves_foraneas if definicion.startswith("FOREIGN KEY") else crear).append(sql)
        cursor.execute(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) "
            "ORDER BY c.relname",
            [q],
        )
        for nombre, definicion in cursor.fetchall():
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(nombre)}")
            crear.append(definicion)
    return crear + claves_foraneas


class Carga:
    """Load one or more related tables in one transaction, indexes off when the load is large."""

    def __init__(self, tablas: Sequence[Tabla], *, nuevas: int, existentes: int, log):
        self.tablas = tablas
        self.grande = nuevas >= existentes
        self.log = log

    def __enter__(self):
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.cursor = connection.cursor()
        # Session settings for the load (this connection only): sorts for index builds in memory
        # of the server, not of this process; no wait for the WAL flush on every commit.
        self.cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        self.cursor.execute("SET LOCAL synchronous_commit = off")
        self.recrear = _sin_indices(self.cursor, self.tablas) if self.grande else []
        return self

    def __exit__(self, tipo, valor, traza):
        try:
            if tipo is None:
                inicio = time.monotonic()
                for sql in self.recrear:
                    self.cursor.execute(sql)
                for tabla in self.tablas:
                    _mover_secuencia(self.cursor, tabla)
                if self.recrear:
                    self.log(
                        f"  índices y restricciones recreados ({len(self.recrear)}): "
                        f"{time.monotonic() - inicio:.1f} s"
                    )
        finally:
            self.cursor.close()
            self._atomic.__exit__(tipo, valor, traza)


def _medir(log, nombre: str, filas: int, inicio: float) -> None:
    segundos = max(time.monotonic() - inicio, 1e-6)
    log(f"  {nombre}: {filas:,} filas en {segundos:.1f} s ({filas / segundos:,.0f} filas/s)")


class Contador:
    """Counts the rows an iterator yields."""

    def __init__(self, filas: Iterable[str]):
        self.n = 0
        self._filas = filas

    def __iter__(self) -> Iterator[str]:
        for fila in self._filas:
            self.n += 1
            yield fila


def _elector(rng: random.Random, valores: Sequence, pesos: Sequence[float]) -> Callable[[], Any]:
    """A fast weighted choice (rng.choices does much more work per call)."""
    acumulados = list(itertools.accumulate(pesos))
    total = acumulados[-1]
    ultimo = len(valores) - 1
    aleatorio = rng.random
    corte = bisect.bisect_right

    def elegir():
        return valores[min(corte(acumulados, aleatorio() * total), ultimo)]

    return elegir


def _ids(modelo: type[models.Model]) -> array:
    """Every id of a table, 8 bytes each (16 MB at 2,000,000 persons), read through a server cursor."""
    ids = array("q")
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {connection.ops.quote_name(modelo._meta.db_table)} ORDER BY id"  # noqa: S608
        )
        while filas := cursor.fetchmany(50_000):
            ids.extend(f[0] for f in filas)
    return ids


# --- Persons, households and identity documents -------------------------------------------------


@functools.lru_cache(maxsize=100_000)
def _nombres_busqueda(nombres: str, apellidos: str) -> str:
    return texto_busqueda(SimpleNamespace(nombres=nombres, apellidos=apellidos))


@functools.lru_cache(maxsize=100_000)
def _claves(nombres: str, apellidos: str) -> str:
    return claves_persona(SimpleNamespace(nombres=nombres, apellidos=apellidos))


def _documento(indice: int, opcion: float, nacionalidad: str) -> tuple[str, str]:
    """A unique, valid document for the person `indice` (its id), as in demo._documento."""
    if opcion < 0.45:
        cuerpo = str(25_000_000 + indice)
        return TipoDocumento.RUN, cuerpo + rut.calc_check_digit(cuerpo)
    if opcion < 0.70:
        return TipoDocumento.PASAPORTE, f"{nacionalidad}{indice:09d}"
    if opcion < 0.85:
        return TipoDocumento.DNI_EXTRANJERO, f"{indice:010d}"
    return TipoDocumento.NINGUNO, ""


def crear_personas(*, total: int, usuarios: dict, log=print) -> int:
    """Top up persons to `total`: households of 1–4 with relations and tutors, documents (a history
    for some), and one misspelled near-duplicate in 20, all in one COPY pass."""
    existentes = Persona.objects.count()
    nuevas = total - existentes
    if nuevas <= 0:
        return 0
    inicio = time.monotonic()
    ahora = timezone.now()
    hoy = timezone.localdate()
    rng = random.Random(SEMILLA + existentes)
    personas, hogares, documentos = (
        Tabla(Persona, ahora),
        Tabla(Hogar, ahora),
        Tabla(DocumentoIdentidad, ahora),
    )
    staff = [usuarios["profesional"].pk, usuarios["profesional2"].pk, usuarios["encargada"].pk]
    nacionalidad = _elector(rng, list(NACIONALIDADES), [NACIONALIDADES[n][0] for n in NACIONALIDADES])
    tamano_familia = _elector(rng, [1, 2, 3, 4], [55, 20, 15, 10])
    situaciones = SituacionMigratoria.values
    consentimiento = valor_copy(ahora)
    version = valor_copy(settings.AVISO_PRIVACIDAD_VERSION)
    comuna = valor_copy(settings.COMUNA)
    (
        i_id, i_nombres, i_apellidos, i_nacimiento, i_sexo, i_genero, i_nac, i_pais, i_tipo, i_numero,
        i_tel, i_comuna, i_sector, i_llegada, i_situacion, i_idiomas, i_interprete, i_recien, i_sin_doc,
        i_nna, i_embarazo, i_calle, i_discap, i_cons_fecha, i_cons_version, i_cons_por, i_hogar,
        i_relacion, i_tutor, i_creado_por, i_modificado_por, i_busqueda, i_claves,
    ) = personas.indices(
        "id", "nombres", "apellidos", "fecha_nacimiento", "sexo", "genero", "nacionalidad",
        "pais_nacimiento", "tipo_documento", "documento_numero", "telefono", "comuna", "sector",
        "fecha_llegada_chile", "situacion_migratoria", "idiomas", "requiere_interprete", "recien_llegada",
        "sin_documentos", "nna", "embarazo", "situacion_calle", "discapacidad", "consentimiento_fecha",
        "consentimiento_version", "consentimiento_registrado_por_id", "hogar_id", "relacion_hogar",
        "tutor_id", "creado_por_id", "modificado_por_id", "busqueda", "claves",
    )  # fmt: skip
    h_id, h_nombre, h_direccion, h_creado_por = hogares.indices("id", "nombre", "direccion", "creado_por_id")
    d_persona, d_tipo, d_numero, d_pais, d_vencimiento, d_vigente, d_creado_por = documentos.indices(
        "persona_id", "tipo", "numero", "pais_emisor", "fecha_vencimiento", "vigente", "creado_por_id"
    )
    d_id = documentos.indices("id")[0]
    # Recent adults a near-duplicate can copy: (nombres, apellidos, birth, sex, nationality, phone, sector…)
    originales: deque[tuple] = deque(maxlen=64)
    contador = {"documentos": 0, "hogares": 0, "casi_duplicados": 0}
    objetivo_casi = nuevas // CADA_CASI_DUPLICADO

    def documento_fila(persona_id, tipo, numero, pais, vigente, usuario, vencimiento=None) -> str:
        contador["documentos"] += 1
        fila = documentos.plantilla.copy()
        fila[d_id] = str(siguiente_documento + contador["documentos"])
        fila[d_persona] = str(persona_id)
        fila[d_tipo] = tipo
        fila[d_numero] = numero
        fila[d_pais] = pais
        fila[d_vigente] = "t" if vigente else "f"
        fila[d_creado_por] = str(usuario)
        if vencimiento:
            fila[d_vencimiento] = vencimiento.isoformat()
        return "\t".join(fila) + "\n"

    def persona_fila(pk: int, usuario: int, *, adulto: bool, hogar=None, relacion="", tutor=None) -> str:
        nac = nacionalidad()
        _, idiomas = NACIONALIDADES[nac]
        mujer = rng.random() < 0.55
        edad = rng.randint(18, 70) if adulto else rng.randint(1, 17)
        tipo, numero = _documento(pk, rng.random(), nac)
        llegada = hoy - datetime.timedelta(days=rng.randint(5, 2500))
        nombres, apellido = nombre_completo(rng, nac, mujer)
        nacimiento = hoy - datetime.timedelta(days=edad * 365 + rng.randint(0, 364))
        telefono = f"+569{rng.randint(10_000_000, 99_999_999)}" if adulto else ""
        sector = rng.choice(SECTORES)
        situacion = rng.choice(situaciones)
        fila = personas.plantilla.copy()
        fila[i_id] = str(pk)
        fila[i_nombres] = nombres
        fila[i_apellidos] = apellido
        fila[i_nacimiento] = nacimiento.isoformat()
        fila[i_sexo] = Sexo.MUJER if mujer else Sexo.HOMBRE
        fila[i_genero] = Genero.FEMENINO if mujer else Genero.MASCULINO
        fila[i_nac] = fila[i_pais] = nac
        fila[i_tipo] = tipo
        fila[i_numero] = numero
        fila[i_tel] = telefono
        fila[i_comuna] = comuna
        fila[i_sector] = sector
        fila[i_llegada] = llegada.isoformat()
        fila[i_situacion] = situacion
        fila[i_idiomas] = json.dumps(idiomas)
        fila[i_interprete] = "t" if "ht" in idiomas and rng.random() < 0.6 else "f"
        fila[i_recien] = "t" if (hoy - llegada).days < 90 else "f"
        fila[i_sin_doc] = "t" if tipo == TipoDocumento.NINGUNO else "f"
        fila[i_nna] = "f" if adulto else "t"
        fila[i_embarazo] = "t" if mujer and adulto and edad < 40 and rng.random() < 0.05 else "f"
        fila[i_calle] = "t" if rng.random() < 0.02 else "f"
        fila[i_discap] = "t" if rng.random() < 0.04 else "f"
        fila[i_cons_fecha] = consentimiento
        fila[i_cons_version] = version
        fila[i_cons_por] = fila[i_creado_por] = fila[i_modificado_por] = str(usuario)
        if hogar:
            fila[i_hogar] = str(hogar)
            fila[i_relacion] = relacion
        if tutor:
            fila[i_tutor] = str(tutor)
        # texto_busqueda: the names' part (cached), the document, the phone's digits.
        busqueda = " ".join(
            p for p in (_nombres_busqueda(nombres, apellido), numero.lower(), telefono[1:]) if p
        )
        if tipo != TipoDocumento.NINGUNO:
            documentos_archivo.write(
                documento_fila(pk, tipo, numero, "CL" if tipo in DOCUMENTOS_CHILENOS else nac, True, usuario)
            )
            # The usual path: a passport first, then a provisional FONASA number, then the RUN.
            if tipo == TipoDocumento.RUN and rng.random() < 0.3:
                anteriores = [f"{nac}P{pk:08d}"]
                vence = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 900))
                documentos_archivo.write(
                    documento_fila(pk, TipoDocumento.PASAPORTE, anteriores[0], nac, False, usuario, vence)
                )
                if rng.random() < 0.5:
                    anteriores.append(f"F{pk:09d}")
                    documentos_archivo.write(
                        documento_fila(pk, TipoDocumento.FONASA, anteriores[1], "CL", False, usuario)
                    )
                # Past documents are searchable too (newest first, as Persona.clean writes them).
                busqueda = f"{busqueda} {' '.join(n.lower() for n in reversed(anteriores))}"[:500]
        fila[i_busqueda] = _escapar(busqueda)
        fila[i_claves] = _claves(nombres, apellido)
        if adulto:
            originales.append(
                (pk, nombres, apellido, nacimiento, mujer, nac, telefono, sector, situacion, idiomas, usuario)
            )
        return "\t".join(fila) + "\n"

    def casi_duplicado_fila(pk: int) -> str | None:
        for _ in range(3):
            if not originales:
                return None
            _o, nombres, apellido, nacimiento, mujer, nac, telefono, sector, situacion, idiomas, usuario = (
                originales[rng.randrange(len(originales))]
            )
            nombres, apellido = mal_escrito(rng, nombres, apellido)
            if not nombres:
                continue
            nombres, apellido = nombres.title(), apellido.title()
            # Often the same phone; no document (why the search by number did not find them).
            telefono = telefono if rng.random() < 0.5 else ""
            fila = personas.plantilla.copy()
            fila[i_id] = str(pk)
            fila[i_nombres] = nombres
            fila[i_apellidos] = apellido
            fila[i_nacimiento] = nacimiento.isoformat()
            fila[i_sexo] = Sexo.MUJER if mujer else Sexo.HOMBRE
            fila[i_genero] = Genero.FEMENINO if mujer else Genero.MASCULINO
            fila[i_nac] = fila[i_pais] = nac
            fila[i_tel] = telefono
            fila[i_comuna] = comuna
            fila[i_sector] = sector
            fila[i_situacion] = situacion
            fila[i_idiomas] = json.dumps(idiomas)
            fila[i_sin_doc] = "t"
            fila[i_cons_fecha] = consentimiento
            fila[i_cons_version] = version
            fila[i_creado_por] = fila[i_modificado_por] = str(usuario)
            fila[i_busqueda] = _escapar(
                texto_busqueda(SimpleNamespace(nombres=nombres, apellidos=apellido, telefono=telefono))
            )
            fila[i_claves] = _claves(nombres, apellido)
            contador["casi_duplicados"] += 1
            return "\t".join(fila) + "\n"
        return None

    def filas() -> Iterator[str]:
        pk = siguiente_persona
        ultimo = siguiente_persona + nuevas
        hogar_id = siguiente_hogar
        while pk < ultimo:
            # One in CADA_CASI_DUPLICADO of the new persons, between households (exactly that many:
            # the last places are kept for them when needed).
            faltan = objetivo_casi - contador["casi_duplicados"]
            toca = contador["casi_duplicados"] < (pk - siguiente_persona + 1) // CADA_CASI_DUPLICADO
            if faltan > 0 and (toca or ultimo - pk <= faltan) and (fila := casi_duplicado_fila(pk)):
                yield fila
                pk += 1
                continue
            usuario = rng.choice(staff)
            tamano = max(1, min(tamano_familia(), ultimo - pk - max(faltan, 0)))
            if tamano == 1:
                yield persona_fila(pk, usuario, adulto=True)
                pk += 1
                continue
            hogar_id += 1
            jefe = pk
            for k in range(tamano):
                relacion = (RelacionHogar.JEFATURA, RelacionHogar.PAREJA)[k] if k < 2 else RelacionHogar.HIJO
                fila = persona_fila(
                    pk,
                    usuario,
                    adulto=k < 2,
                    hogar=hogar_id,
                    relacion=relacion,
                    tutor=jefe if k >= 2 else None,
                )
                if k == 0:
                    fila_hogar = hogares.plantilla.copy()
                    fila_hogar[h_id] = str(hogar_id)
                    fila_hogar[h_nombre] = f"Familia {originales[-1][2].split()[0]}"
                    fila_hogar[h_direccion] = originales[-1][7]
                    fila_hogar[h_creado_por] = str(usuario)
                    hogares_archivo.write("\t".join(fila_hogar) + "\n")
                    contador["hogares"] += 1
                yield fila
                pk += 1
            if (pk - siguiente_persona) % 100_000 < tamano:
                log(f"    personas: {pk - siguiente_persona:,}/{nuevas:,}")

    with (
        Carga([personas, hogares, documentos], nuevas=nuevas, existentes=existentes, log=log) as carga,
        tempfile.TemporaryFile("w+", encoding="utf-8") as hogares_archivo,
        tempfile.TemporaryFile("w+", encoding="utf-8") as documentos_archivo,
    ):
        siguiente_persona = _maximo_id(carga.cursor, personas) + 1
        siguiente_hogar = _maximo_id(carga.cursor, hogares)
        siguiente_documento = _maximo_id(carga.cursor, documentos)
        _copiar(carga.cursor, personas, filas())
        _medir(log, "personas", nuevas, inicio)
        t = time.monotonic()
        hogares_archivo.seek(0)
        _copiar(carga.cursor, hogares, hogares_archivo)
        _medir(log, "hogares", contador["hogares"], t)
        t = time.monotonic()
        documentos_archivo.seek(0)
        _copiar(carga.cursor, documentos, documentos_archivo)
        _medir(log, "documentos de identidad", contador["documentos"], t)
    log(f"  casi duplicados: {contador['casi_duplicados']:,}")
    return nuevas


# --- Attentions and their topics ----------------------------------------------------------------


def crear_atenciones(*, total: int, usuarios: dict, log=print) -> int:
    """Top up attentions (about 1.3 topics each) to `total`, over the last five years."""
    existentes = Atencion.objects.count()
    nuevas = total - existentes
    if nuevas <= 0:
        return 0
    inicio = time.monotonic()
    ahora = timezone.now()
    hoy = timezone.localdate()
    tz = timezone.get_default_timezone()
    rng = random.Random(SEMILLA + 1 + existentes)
    persona_ids = _ids(Persona)
    atenciones, temas = Tabla(Atencion, ahora), Tabla(AtencionTema, ahora)
    i_id, i_persona, i_prof, i_fecha, i_canal, i_notas, i_resultado, i_seg = atenciones.indices(
        "id", "persona_id", "profesional_id", "fecha_hora", "canal", "notas", "resultado", "fecha_seguimiento"
    )
    t_id, t_atencion, t_tema = temas.indices("id", "atencion_id", "tema")
    # The demo user `profesional` holds a third of all attentions ("Mi día" at millions).
    staff = [str(usuarios[u].pk) for u in ("profesional", "profesional2", "encargada")]
    canal = _elector(rng, Canal.values, [60, 12, 18, 4, 3, 3])
    tema = _elector(rng, Tema.values, [20, 4, 14, 12, 10, 6, 8, 5, 3, 2, 5, 4, 2, 4, 1])
    notas = [_escapar(n) for n in NOTAS]
    resultados = [_escapar(r) for r in RESULTADOS]
    n_personas = len(persona_ids)
    contador = {"temas": 0}

    # Per day of history: the local date, its UTC offset (DST changes at night) and the follow-up
    # date, so each attention's timestamp is a string join, not a datetime computation.
    dias = []
    for d in range(DIAS_DE_HISTORIA + 1):
        dia = hoy - datetime.timedelta(days=d)
        desfase = datetime.datetime.combine(dia, datetime.time(12), tzinfo=tz).isoformat()[19:]
        dias.append((dia.isoformat(), desfase, (dia + datetime.timedelta(days=14)).isoformat()))
    # 8:00 to 17:45 in quarters of an hour; today's attentions are not in the future.
    horas = [f"T{h:02d}:{m:02d}:00" for h in range(8, 18) for m in (0, 15, 30, 45)]
    ahora_local = timezone.localtime(ahora)
    ahora_texto = ahora.isoformat()
    n_dias, n_horas = len(dias), len(horas)

    def filas() -> Iterator[str]:
        pk = siguiente
        tema_pk = siguiente_tema
        aleatorio = rng.random
        plantilla = atenciones.plantilla
        plantilla_tema = temas.plantilla
        escribir = temas_archivo.write
        for k in range(nuevas):
            pk += 1
            d = int(aleatorio() * n_dias)
            h = int(aleatorio() * n_horas)
            dia, desfase, seguimiento = dias[d]
            if d == 0 and (8 + h // 4, 15 * (h % 4)) > (ahora_local.hour, ahora_local.minute):
                fecha = ahora_texto
            else:
                fecha = dia + horas[h] + desfase
            fila = plantilla.copy()
            fila[i_id] = str(pk)
            fila[i_persona] = str(persona_ids[int(aleatorio() * n_personas)])
            fila[i_prof] = staff[int(aleatorio() * 3)]
            fila[i_fecha] = fecha
            fila[i_canal] = canal()
            fila[i_notas] = notas[int(aleatorio() * len(notas))]
            fila[i_resultado] = resultados[int(aleatorio() * len(resultados))]
            if aleatorio() < 0.15:
                fila[i_seg] = seguimiento
            elegidos = {tema()} if aleatorio() < 2 / 3 else {tema(), tema()}
            for t in elegidos:
                tema_pk += 1
                fila_tema = plantilla_tema.copy()
                fila_tema[t_id] = str(tema_pk)
                fila_tema[t_atencion] = str(pk)
                fila_tema[t_tema] = t
                escribir("\t".join(fila_tema) + "\n")
            contador["temas"] += len(elegidos)
            yield "\t".join(fila) + "\n"
            if (k + 1) % 500_000 == 0:
                log(f"    atenciones: {k + 1:,}/{nuevas:,}")

    with (
        Carga([atenciones, temas], nuevas=nuevas, existentes=existentes, log=log) as carga,
        tempfile.TemporaryFile("w+", encoding="utf-8") as temas_archivo,
    ):
        siguiente = _maximo_id(carga.cursor, atenciones)
        siguiente_tema = _maximo_id(carga.cursor, temas)
        _copiar(carga.cursor, atenciones, filas())
        _medir(log, "atenciones", nuevas, inicio)
        t = time.monotonic()
        temas_archivo.seek(0)
        _copiar(carga.cursor, temas, temas_archivo)
        _medir(log, "temas de atención", contador["temas"], t)
    return nuevas


# --- Cases --------------------------------------------------------------------------------------

MOTIVOS_CASO = [
    ("Regularización de residencia", Area.REGULARIZACION),
    ("Acceso a salud", Area.SALUD),
    ("Matrícula escolar de hijos", Area.EDUCACION),
    ("Búsqueda de empleo", Area.TRABAJO),
    ("Situación habitacional", Area.VIVIENDA),
]


def crear_casos(*, total: int, usuarios: dict, log=print) -> int:
    existentes = Caso.objects.count()
    nuevos = total - existentes
    if nuevos <= 0:
        return 0
    inicio = time.monotonic()
    ahora = timezone.now()
    hoy = timezone.localdate()
    rng = random.Random(SEMILLA + 2 + existentes)
    persona_ids = _ids(Persona)
    casos = Tabla(Caso, ahora)
    i_id, i_persona, i_motivo, i_area, i_estado, i_prioridad, i_asignado, i_abierto, i_seg, i_cerrado, i_motivo_c = (
        casos.indices(
            "id", "persona_id", "motivo", "area", "estado", "prioridad", "asignado_a_id", "abierto_en",
            "fecha_seguimiento", "cerrado_en", "motivo_cierre",
        )
    )  # fmt: skip
    staff = [str(usuarios["profesional"].pk), str(usuarios["profesional2"].pk)]
    estado_de = _elector(rng, EstadoCaso.values, [35, 25, 40])
    prioridad_de = _elector(rng, Prioridad.values, [20, 50, 25, 5])

    def filas() -> Iterator[str]:
        for k in range(nuevos):
            abierto = hoy - datetime.timedelta(days=rng.randint(0, DIAS_DE_HISTORIA))
            estado = estado_de()
            cerrado = estado == EstadoCaso.CERRADO
            motivo, area = rng.choice(MOTIVOS_CASO)
            fila = casos.plantilla.copy()
            fila[i_id] = str(siguiente + k + 1)
            fila[i_persona] = str(persona_ids[rng.randrange(len(persona_ids))])
            fila[i_motivo] = motivo
            fila[i_area] = area
            fila[i_estado] = estado
            fila[i_prioridad] = prioridad_de()
            fila[i_asignado] = rng.choice(staff)
            fila[i_abierto] = abierto.isoformat()
            if cerrado:
                fila[i_seg] = "\\N"
                fila[i_cerrado] = min(hoy, abierto + datetime.timedelta(days=rng.randint(5, 90))).isoformat()
                fila[i_motivo_c] = rng.choice(MotivoCierre.values)
            else:
                fila[i_seg] = (hoy + datetime.timedelta(days=rng.randint(-10, 30))).isoformat()
            yield "\t".join(fila) + "\n"

    with Carga([casos], nuevas=nuevos, existentes=existentes, log=log) as carga:
        siguiente = _maximo_id(carga.cursor, casos)
        _copiar(carga.cursor, casos, filas())
        _medir(log, "casos", nuevos, inicio)
    return nuevos


# --- Referrals and their events -----------------------------------------------------------------

R = ResultadoDerivacion
RESPUESTAS: dict[str, str] = {
    R.ATENDIDA_RESUELTA: "Persona atendida; se entregó la prestación solicitada.",
    R.ATENDIDA_PENDIENTE: "Persona atendida; falta que traiga un documento.",
    R.NO_SE_PRESENTO: "La persona no se presentó a la hora citada.",
    R.NO_ELEGIBLE: "La persona no cumple los requisitos del programa.",
    R.OTRO: "Se orientó por teléfono.",
}
_E = EstadoDerivacion
CAMINOS: dict[str, list[str]] = {
    _E.ENVIADA: [],
    _E.RECIBIDA: [_E.RECIBIDA],
    _E.EN_ATENCION: [_E.RECIBIDA, _E.EN_ATENCION],
    _E.RESUELTA: [_E.RECIBIDA, _E.EN_ATENCION, _E.RESUELTA],
    _E.RECHAZADA: [_E.RECHAZADA],
    _E.CANCELADA: [_E.CANCELADA],
}
_CERRADOS = (_E.RESUELTA, _E.RECHAZADA, _E.CANCELADA)


def crear_derivaciones(*, total: int, usuarios: dict, log=print) -> int:
    """Top up referrals to `total`, in every state, with outcomes and a coherent event history."""
    existentes = Derivacion.objects.count()
    nuevas = total - existentes
    if nuevas <= 0:
        return 0
    inicio = time.monotonic()
    ahora = timezone.now()
    tz = timezone.get_default_timezone()
    rng = random.Random(SEMILLA + 3 + existentes)
    persona_ids = _ids(Persona)
    deptos = list(Departamento.objects.order_by("pk"))
    orgs = list(Organizacion.objects.filter(acepta_derivaciones=True).order_by("pk"))
    enlaces = {m.departamento_id: m.usuario_id for m in Membresia.objects.order_by("pk")}
    staff = [usuarios["profesional"].pk, usuarios["profesional2"].pk]
    derivaciones, eventos = Tabla(Derivacion, ahora), Tabla(EventoDerivacion, ahora)
    (
        i_id, i_codigo, i_persona, i_depto, i_org, i_tema, i_motivo, i_prioridad, i_consentimiento,
        i_por, i_envio, i_limite, i_estado, i_respuesta, i_rechazo, i_cierre, i_resultado, i_detalle,
        i_atendida,
    ) = derivaciones.indices(
        "id", "codigo", "persona_id", "departamento_id", "organizacion_id", "tema", "motivo", "prioridad",
        "consentimiento", "derivado_por_id", "fecha_envio", "fecha_limite", "estado", "respuesta",
        "motivo_rechazo", "fecha_cierre", "resultado", "resultado_detalle", "fecha_atendida",
    )  # fmt: skip
    e_id, e_derivacion, e_anterior, e_nuevo, e_usuario, e_fecha, e_nota, e_resultado = eventos.indices(
        "id", "derivacion_id", "estado_anterior", "estado_nuevo", "usuario_id", "fecha", "nota", "resultado"
    )
    estado_reciente = _elector(rng, _E.values, [30, 15, 15, 25, 8, 7])
    estado_antiguo = _elector(rng, _E.values, [4, 3, 4, 70, 11, 8])
    resultado_de = _elector(
        rng,
        [R.ATENDIDA_RESUELTA, R.ATENDIDA_PENDIENTE, R.NO_SE_PRESENTO, R.NO_ELEGIBLE, R.OTRO],
        [75, 8, 10, 4, 3],
    )
    prioridad_de = _elector(rng, Prioridad.values, [15, 60, 20, 5])
    limites: dict[tuple[int, bool, datetime.date], datetime.date] = {}
    contador = {"eventos": 0}

    def limite(destino, dia: datetime.date) -> datetime.date:
        # Keyed by the deadline rule, not the destination: a few thousand distinct computations.
        clave = (destino.plazo_respuesta_dias, destino.plazo_en_dias_habiles, dia)
        if clave not in limites:
            limites[clave] = destino.fecha_limite(dia)
        return limites[clave]

    def evento(
        derivacion: int, anterior: str, nuevo: str, usuario: int, fecha, nota="", resultado=""
    ) -> None:
        contador["eventos"] += 1
        fila = eventos.plantilla.copy()
        fila[e_id] = str(siguiente_evento + contador["eventos"])
        fila[e_derivacion] = str(derivacion)
        fila[e_anterior] = anterior
        fila[e_nuevo] = nuevo
        fila[e_usuario] = str(usuario)
        fila[e_fecha] = fecha.isoformat()
        fila[e_nota] = nota
        fila[e_resultado] = resultado
        eventos_archivo.write("\t".join(fila) + "\n")

    def filas() -> Iterator[str]:
        for k in range(nuevas):
            pk = siguiente + k + 1
            # Salud gets a third of referrals, so the demo liaison's inbox is never empty.
            destino: Departamento | Organizacion
            if rng.random() < 0.75:
                depto = destino = deptos[0] if rng.random() < 0.4 else rng.choice(deptos)
                org = None
                tema = TEMA_DE_AREA.get(depto.area, Tema.OTRO)
            else:
                depto, org = None, rng.choice(orgs)
                destino = org
                tema = rng.choice([Tema.REGULARIZACION, Tema.JURIDICA, Tema.SALUD, Tema.EMERGENCIA])
            envio = ahora - datetime.timedelta(days=rng.randint(0, DIAS_DE_HISTORIA), hours=rng.randint(0, 8))
            estado = estado_reciente() if (ahora - envio).days < 30 else estado_antiguo()
            remitente = rng.choice(staff)
            fechas = sorted(
                min(envio + datetime.timedelta(hours=rng.randint(2, 240)), ahora) for _ in CAMINOS[estado]
            )
            resultado = resultado_de() if estado == _E.RESUELTA else ""
            respuesta = RESPUESTAS.get(resultado, "")
            envio_local = envio.astimezone(tz)
            fila = derivaciones.plantilla.copy()
            fila[i_id] = str(pk)
            fila[i_codigo] = f"D-{envio_local.year}-{pk:06d}"
            fila[i_persona] = str(persona_ids[rng.randrange(len(persona_ids))])
            fila[i_depto] = str(depto.pk) if depto else "\\N"
            fila[i_org] = str(org.pk) if org else "\\N"
            fila[i_tema] = tema
            fila[i_motivo] = "Se solicita atención según lo conversado con la persona."
            fila[i_prioridad] = prioridad_de()
            fila[i_consentimiento] = "t"
            fila[i_por] = str(remitente)
            fila[i_envio] = envio.isoformat()
            fila[i_limite] = limite(destino, envio_local.date()).isoformat()
            fila[i_estado] = estado
            fila[i_respuesta] = respuesta
            if estado == _E.RECHAZADA:
                fila[i_rechazo] = rng.choice(MotivoRechazo.values)
            if estado in _CERRADOS:
                fila[i_cierre] = fechas[-1].isoformat()
            fila[i_resultado] = resultado
            if resultado == R.OTRO:
                fila[i_detalle] = "Se coordinó por teléfono."
            if resultado in (R.ATENDIDA_RESUELTA, R.ATENDIDA_PENDIENTE):
                fila[i_atendida] = fechas[-1].astimezone(tz).date().isoformat()
            actor = (enlaces.get(depto.pk) if depto else None) or remitente
            evento(pk, "", _E.ENVIADA, remitente, envio)
            anterior: str = _E.ENVIADA
            for paso, fecha in zip(CAMINOS[estado], fechas, strict=True):
                final = paso == _E.RESUELTA
                evento(
                    pk,
                    anterior,
                    paso,
                    remitente if paso == _E.CANCELADA else actor,
                    fecha,
                    respuesta if final else "",
                    resultado if final else "",
                )
                anterior = paso
            yield "\t".join(fila) + "\n"

    with (
        Carga([derivaciones, eventos], nuevas=nuevas, existentes=existentes, log=log) as carga,
        tempfile.TemporaryFile("w+", encoding="utf-8") as eventos_archivo,
    ):
        siguiente = _maximo_id(carga.cursor, derivaciones)
        siguiente_evento = _maximo_id(carga.cursor, eventos)
        _copiar(carga.cursor, derivaciones, filas())
        _medir(log, "derivaciones", nuevas, inicio)
        t = time.monotonic()
        eventos_archivo.seek(0)
        _copiar(carga.cursor, eventos, eventos_archivo)
        _medir(log, "eventos de derivación", contador["eventos"], t)
    return nuevas


def analizar(log=print) -> None:
    """Fresh planner statistics for every table the load wrote."""
    inicio = time.monotonic()
    q = connection.ops.quote_name
    modelos = [Persona, Hogar, DocumentoIdentidad, Atencion, AtencionTema, Caso, Derivacion, EventoDerivacion]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(q(m._meta.db_table) for m in modelos)}")
    log(f"  ANALYZE: {time.monotonic() - inicio:.1f} s")

"""The import's bulk path: one block of rows resolved with a few queries and written with bulk_create.

The outcomes are those of the audited per-row services (`motor.resolver_por_fila`, which the tests
compare row by row): the same matching (a document, current or past, exactly; else name and birth
date through the duplicate matcher, persons created earlier in the file included), the same model
validation (full_clean of each new person and attention, without the queries that re-check what
the matching already guarantees), the same refusals (a blocked or anonymised person gets no
attention). What changes is how it is written:

- persons, their current document, attentions and topics with bulk_create;
- the indicators' summary tables with one upsert per table (`resumenes.atenciones_agregadas`);
- the duplicate queue of the new persons in one background job per block;
- the change history: no entry per person or attention; the batch's row records (FilaImportacion)
  say exactly which records each row created, the batch's own history entry per block says who
  and its counts (`LoteImportacion.get_additional_data`), and the undo removes exactly those.

If the database still refuses the block's insert (a constraint the checks above did not foresee,
or a concurrent registration), the block is rolled back and run row by row through the services.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from functools import cache
from typing import Any, cast

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Field, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _
from django_countries import countries

from .. import resumenes
from ..choices import TipoDocumento
from ..models import Atencion, AtencionTema, DocumentoIdentidad, FilaImportacion, LoteImportacion, Persona
from ..selectors.duplicados import Ficha, comparar, destino_final, ficha_de_persona
from ..services._comun import revisar_estado_persona
from ..services.atenciones import _temas_validos
from ..services.documentos import _pais_emisor_para
from ..services.duplicados import _recalcular_despues_de_importar
from .motor import (
    LIMITE_CANDIDATOS,
    UMBRAL_MISMA_PERSONA,
    Emparejador,
    Fila,
    anotar_error,
    resolver_por_fila,
)

Resultado = FilaImportacion.Resultado
# Not validated field by field in full_clean: relations (the database checks them, without a query
# per row) and the country fields, whose choices django-countries rebuilds on every validation
# (7 ms a person); `_revisar_pais` checks them against the country codes instead.
_FK_PERSONA = [
    "creado_por",
    "modificado_por",
    "consentimiento_registrado_por",
    "hogar",
    "tutor",
    "fusionada_en",
]
_PAISES_PERSONA = ["nacionalidad", "otras_nacionalidades", "pais_nacimiento"]
_FK_ATENCION = ["persona", "profesional", "caso"]
# The fields of a candidate the matcher compares (and the state the attention's check reads).
_CAMPOS_CANDIDATA = [
    "pk",
    "nombres",
    "apellidos",
    "fecha_nacimiento",
    "fecha_nacimiento_aproximada",
    "sexo",
    "nacionalidad",
    "telefono",
    "tipo_documento",
    "documento_numero",
]


def resolver(
    vivas: list[tuple[Fila, FilaImportacion]],
    emparejador: Emparejador,
    lote: LoteImportacion,
    usuario: User,
    profesional: User,
) -> None:
    """Fill the records of the block's rows to resolve (and, importing, write what they create)."""
    if not vivas:
        return
    anotadas: list[tuple] = []
    bloque = _Bloque(vivas, emparejador, anotadas, lote, usuario, profesional)
    try:
        with transaction.atomic():
            bloque.resolver()
    except IntegrityError:
        # Forget what this block taught the matcher, then take the careful road.
        for clave in anotadas:
            emparejador.en_archivo.pop(clave, None)
        for pk in bloque.creadas:
            emparejador.creadas.pop(pk, None)
        for _fila, registro in vivas:
            registro.resultado, registro.mensaje, registro.columna = "", "", ""
            registro.persona, registro.persona_creada, registro.atencion = None, False, None
            registro.probabilidad = None
        resolver_por_fila(vivas, emparejador, lote, usuario, profesional)


def _personas_por_documento(numeros: set[str]) -> dict[str, int]:
    """Normalised number → the person holding it (a current or past document, else the number on
    the record), as `Emparejador.existente` finds it: two queries for the whole block."""
    if not numeros:
        return {}
    por: dict[str, Persona] = {}
    docs = DocumentoIdentidad.objects.filter(numero__in=numeros).select_related("persona")
    for doc in docs.order_by("-vigente", "-creado", "-pk"):
        por.setdefault(doc.numero, doc.persona)
    faltan = numeros - por.keys()
    if faltan:
        for persona in Persona.objects.filter(documento_numero__in=faltan).order_by(
            "apellidos", "nombres", "pk"
        ):
            por.setdefault(persona.documento_numero, persona)
    # A merged record leads to its survivor (a query per merge followed: rare).
    return {numero: destino_final(persona).pk for numero, persona in por.items()}


def _candidatas_por_fecha(fechas: set[datetime.date]) -> dict[datetime.date, list[tuple[Ficha, int]]]:
    """Birth date → the first LIMITE_CANDIDATOS persons born that day (by pk), as the matcher
    compares them: one query for the whole block."""
    if not fechas:
        return {}
    consulta = (
        Persona.objects.sin_fusionar()
        .filter(fecha_nacimiento__in=fechas, anonimizada_en__isnull=True)
        .annotate(orden=Window(RowNumber(), partition_by=[F("fecha_nacimiento")], order_by=F("pk").asc()))
        .filter(orden__lte=LIMITE_CANDIDATOS)
        .only(*_CAMPOS_CANDIDATA)
        .order_by("pk")
    )
    por: dict[datetime.date, list[tuple[Ficha, int]]] = defaultdict(list)
    for persona in consulta:
        if persona.fecha_nacimiento is not None:  # always, by the filter above
            por[persona.fecha_nacimiento].append((ficha_de_persona(persona), persona.pk))
    return por


@cache
def _codigos_pais() -> frozenset[str]:
    return frozenset(str(codigo) for codigo, _nombre in countries)


def _revisar_pais(persona: Persona) -> None:
    """The country fields' choice validation (a row's nationality comes from `valores.nacionalidad`,
    always a known code; checked anyway, with Django's message)."""
    errores = {}
    for campo in ("nacionalidad", "pais_nacimiento"):
        valor = str(getattr(persona, campo) or "")
        if valor and valor not in _codigos_pais():
            errores[campo] = ValidationError(
                cast(Field, Persona._meta.get_field(campo)).error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": valor},
            )
    if errores:
        raise ValidationError(errores)


class _Bloque:
    """One block's resolution. Persons are referred to by pk, or (created in this block and not
    yet saved) by a negative number that the bulk insert turns into their pk."""

    def __init__(
        self,
        vivas: list[tuple[Fila, FilaImportacion]],
        emparejador: Emparejador,
        anotadas: list[tuple],
        lote: LoteImportacion,
        usuario: User,
        profesional: User,
    ) -> None:
        self.vivas = vivas
        self.emparejador = emparejador
        self.anotadas = anotadas
        self.simulacion = lote.simulacion
        self.usuario = usuario
        self.profesional = profesional
        self.nuevas: dict[int, Persona] = {}
        # Persons created in this block, as candidates of later rows (the per-row path finds them
        # in the database, where they already are).
        self.nuevas_por_fecha: dict[datetime.date, list[tuple[Ficha, int]]] = defaultdict(list)
        # (record, person ref, attention, its topics) of the rows that will log an attention.
        self.planes: list[tuple[FilaImportacion, int, Atencion, list[str]]] = []
        # The first row of each person created in this block (by ref), and their pks once written.
        self.primera_fila: dict[int, int] = {}
        self.creadas: list[int] = []

    def resolver(self) -> None:
        numeros = {f.persona["documento_numero"] for f, _r in self.vivas if f.persona.get("documento_numero")}
        fechas = {f.persona["fecha_nacimiento"] for f, _r in self.vivas if f.persona.get("fecha_nacimiento")}
        self.por_documento = _personas_por_documento(numeros)
        self.candidatas = _candidatas_por_fecha(fechas)
        pendientes: list[tuple[Fila, FilaImportacion, int]] = []
        for fila, registro in self.vivas:
            try:
                ref = self._persona(fila, registro)
            except ValidationError as exc:
                anotar_error(registro, exc)
                continue
            if ref is not None and ref > 0 and not self.simulacion:
                pendientes.append((fila, registro, ref))  # checked below, with one query
        if self.simulacion:
            return
        self._revisar_existentes(pendientes)
        self._escribir()

    def _persona(self, fila: Fila, registro: FilaImportacion) -> int | None:
        """The row's person ref (None: new in a dry run); validates a new person and, importing,
        its attention, as the services would before saving them."""
        datos = fila.persona
        previo = self.emparejador.del_archivo(datos)
        if previo is not None:
            ref, primera, nueva = previo
            registro.resultado = Resultado.PERSONA_NUEVA if nueva else Resultado.PERSONA_ENCONTRADA
            registro.mensaje = _("Misma persona que la fila %(fila)s.") % {"fila": primera}
            self._asignar(registro, ref)
            if ref is not None and ref < 0 and not self.simulacion:
                self._planear(registro, ref, fila.atencion)
            return ref
        hallada = self._existente(datos)
        if hallada is not None:
            ref, registro.probabilidad = hallada
            primera_nueva = self._primera_fila(ref)
            if primera_nueva is not None:
                # A person new in this file, under a spelling of her name the matcher recognises.
                registro.resultado = Resultado.PERSONA_NUEVA
                registro.mensaje = _("Misma persona que la fila %(fila)s.") % {"fila": primera_nueva}
            else:
                registro.resultado = Resultado.PERSONA_ENCONTRADA
            if self.simulacion and ref < 0:
                # A dry run's new person: no pk, as on her own rows.
                self.emparejador.recordar(datos, None, fila.numero, True, self.anotadas)
                return None
            self.emparejador.recordar(datos, ref, fila.numero, primera_nueva is not None, self.anotadas)
            self._asignar(registro, ref)
            if ref < 0 and not self.simulacion:
                self._planear(registro, ref, fila.atencion)
            return ref
        registro.resultado = Resultado.PERSONA_NUEVA
        registro.persona_creada = True
        if self.simulacion:
            self.emparejador.recordar(datos, None, fila.numero, True, self.anotadas)
            self.emparejador.nueva(datos, fila.numero, None)
            return None
        persona = Persona(**datos, creado_por=self.usuario, modificado_por=self.usuario)
        persona.full_clean(
            exclude=_FK_PERSONA + _PAISES_PERSONA, validate_unique=False, validate_constraints=False
        )
        _revisar_pais(persona)
        atencion, temas = self._atencion(fila.atencion)
        ref = -(len(self.nuevas) + 1)
        self.nuevas[ref] = persona
        self.primera_fila[ref] = fila.numero
        if persona.fecha_nacimiento:
            self.nuevas_por_fecha[persona.fecha_nacimiento].append((ficha_de_persona(persona), ref))
        self.emparejador.recordar(datos, ref, fila.numero, True, self.anotadas)
        self.planes.append((registro, ref, atencion, temas))
        return ref

    def _primera_fila(self, ref: int) -> int | None:
        """The first row of the person `ref` if this file creates her (else None)."""
        if ref > 0:
            return self.emparejador.creadas.get(ref)
        if self.simulacion:
            return -ref  # a dry run's candidate from `Emparejador.simuladas`: minus her first row
        return self.primera_fila[ref]

    def _asignar(self, registro: FilaImportacion, ref: int | None) -> None:
        # A dry run links existing persons only; refs of unsaved persons are set after the insert.
        if ref is not None and ref > 0:
            registro.persona_id = ref

    def _planear(self, registro: FilaImportacion, ref: int, datos_atencion: dict[str, Any]) -> None:
        """A row of a person created in this block: active by definition; only its attention is checked."""
        atencion, temas = self._atencion(datos_atencion)
        self.planes.append((registro, ref, atencion, temas))

    def _atencion(self, datos: dict[str, Any]) -> tuple[Atencion, list[str]]:
        """`registrar_atencion`'s checks, without saving."""
        temas = _temas_validos(datos["temas"])
        atencion = Atencion(
            profesional=self.profesional,
            canal=datos["canal"],
            fecha_hora=datos["fecha_hora"],
            notas=datos["notas"],
            resultado=datos["resultado"],
        )
        atencion.full_clean(exclude=_FK_ATENCION, validate_unique=False, validate_constraints=False)
        return atencion, temas

    def _existente(self, datos: dict[str, Any]) -> tuple[int, int] | None:
        """`Emparejador.existente` over the block's prefetched documents and candidates."""
        numero = datos.get("documento_numero")
        if numero and numero in self.por_documento:
            return self.por_documento[numero], 100
        fecha = datos.get("fecha_nacimiento")
        if fecha is None:
            return None
        ficha = Emparejador.ficha(datos)
        if self.simulacion:
            # The persons the dry run would have created so far, as first rows (negated).
            nuevas = [(f, -fila) for f, fila in self.emparejador.simuladas.get(fecha, [])]
        else:
            nuevas = self.nuevas_por_fecha.get(fecha, [])
        candidatas = self.candidatas.get(fecha, []) + nuevas
        mejor: tuple[int, int] | None = None
        for candidata, ref in candidatas[:LIMITE_CANDIDATOS]:
            comparado = comparar(ficha, candidata)
            if (
                comparado
                and comparado[0] >= UMBRAL_MISMA_PERSONA
                and (mejor is None or comparado[0] > mejor[0])
            ):
                mejor = (comparado[0], ref)
        if mejor:
            return mejor[1], mejor[0]
        return None

    def _revisar_existentes(self, pendientes: list[tuple[Fila, FilaImportacion, int]]) -> None:
        """Rows of existing persons: refused if the person is blocked or anonymised (one query),
        then their attention checked."""
        refs = {ref for _f, _r, ref in pendientes}
        estados = {
            e["pk"]: e
            for e in Persona.objects.filter(pk__in=refs).values(
                "pk", "bloqueada", "anonimizada_en", "fusionada_en"
            )
        }
        for fila, registro, ref in pendientes:
            try:
                if ref in estados:
                    revisar_estado_persona(estados[ref])
                atencion, temas = self._atencion(fila.atencion)
            except ValidationError as exc:
                anotar_error(registro, exc)
                continue
            self.planes.append((registro, ref, atencion, temas))

    def _escribir(self) -> None:
        """Persons, their documents, attentions, topics and the summaries: a few bulk inserts."""
        creadas = Persona.objects.bulk_create(list(self.nuevas.values()))
        DocumentoIdentidad.objects.bulk_create(
            [
                DocumentoIdentidad(
                    persona=p,
                    tipo=p.tipo_documento,
                    numero=p.documento_numero,
                    pais_emisor=_pais_emisor_para(p.tipo_documento, str(p.nacionalidad or "")),
                    vigente=True,
                    creado_por=self.usuario,
                )
                for p in creadas
                if p.tipo_documento != TipoDocumento.NINGUNO and p.documento_numero
            ]
        )
        pks = {ref: persona.pk for ref, persona in self.nuevas.items()}
        for nueva_ref, pk in pks.items():
            self.emparejador.creadas[pk] = self.primera_fila[nueva_ref]
            self.creadas.append(pk)
        en_archivo = self.emparejador.en_archivo
        for clave in self.anotadas:
            ref, numero, nueva = en_archivo[clave]
            if ref is not None and ref < 0:
                en_archivo[clave] = (pks[ref], numero, nueva)
        atenciones = []
        for registro, ref, atencion, _temas in self.planes:
            pk = pks[ref] if ref < 0 else ref
            registro.persona_id = pk
            atencion.persona_id = pk
            atenciones.append(atencion)
        Atencion.objects.bulk_create(atenciones)
        AtencionTema.objects.bulk_create(
            [AtencionTema(atencion=a, tema=t) for _r, _p, a, temas in self.planes for t in temas]
        )
        resumenes.atenciones_agregadas((a, temas) for _r, _p, a, temas in self.planes)
        for registro, _ref, atencion, _temas in self.planes:
            registro.atencion = atencion
        _recalcular_despues_de_importar([p.pk for p in creadas])

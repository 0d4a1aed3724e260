"""Demo data for issue #11: documents held over time and realistic near-duplicates.

Idempotent like the rest of seed_demo: documents are only added to persons without any, and a
near-duplicate is only added when its misspelled copy is not there yet.
"""

import datetime
import random

from django.db import transaction

from .busqueda import texto_busqueda
from .choices import DOCUMENTOS_CHILENOS, TipoDocumento
from .evaluacion import mal_escrito
from .identidad import claves_persona
from .models import DocumentoIdentidad, Persona
from .services.duplicados import recalcular_todos

SEMILLA = 1111
# Above this many persons the review queue is left to `manage.py buscar_duplicados`.
LIMITE_COLA_DEMO = 5000


def _pais(tipo: str, nacionalidad: str) -> str:
    return "CL" if tipo in DOCUMENTOS_CHILENOS else (nacionalidad or "")


@transaction.atomic
def crear_documentos(*, log=print) -> int:
    """Every person's current document as a DocumentoIdentidad, and earlier ones for some."""
    rng = random.Random(SEMILLA)
    sin_documentos = (
        Persona.objects.exclude(tipo_documento=TipoDocumento.NINGUNO)
        .exclude(documentos__isnull=False)
        .order_by("pk")
    )
    nuevos = []
    for p in sin_documentos.only("pk", "tipo_documento", "documento_numero", "nacionalidad", "creado_por_id"):
        nacionalidad = str(p.nacionalidad or "")
        nuevos.append(
            DocumentoIdentidad(
                persona_id=p.pk,
                tipo=p.tipo_documento,
                numero=p.documento_numero,
                pais_emisor=_pais(p.tipo_documento, nacionalidad),
                vigente=True,
                creado_por_id=p.creado_por_id,
            )
        )
        # The usual path: a passport first, then a provisional FONASA number, then the RUN.
        if p.tipo_documento == TipoDocumento.RUN and rng.random() < 0.3:
            nuevos.append(
                DocumentoIdentidad(
                    persona_id=p.pk,
                    tipo=TipoDocumento.PASAPORTE,
                    numero=f"{nacionalidad or 'XX'}P{p.pk:08d}",
                    pais_emisor=nacionalidad,
                    fecha_vencimiento=datetime.date(2024, 1, 1)
                    + datetime.timedelta(days=rng.randint(0, 900)),
                    vigente=False,
                    creado_por_id=p.creado_por_id,
                )
            )
            if rng.random() < 0.5:
                nuevos.append(
                    DocumentoIdentidad(
                        persona_id=p.pk,
                        tipo=TipoDocumento.FONASA,
                        numero=f"F{p.pk:09d}",
                        pais_emisor="CL",
                        vigente=False,
                        creado_por_id=p.creado_por_id,
                    )
                )
    DocumentoIdentidad.objects.bulk_create(nuevos, batch_size=2000, ignore_conflicts=True)
    if nuevos:
        # Past documents are searchable too.
        con_historia = {d.persona_id for d in nuevos if not d.vigente}
        lote = []
        for p in Persona.objects.filter(pk__in=con_historia):
            p.busqueda = texto_busqueda(p)
            otros = DocumentoIdentidad.objects.filter(persona=p, vigente=False).values_list(
                "numero", flat=True
            )
            p.busqueda = f"{p.busqueda} {' '.join(n.lower() for n in otros)}"[:500]
            lote.append(p)
        Persona.objects.bulk_update(lote, ["busqueda"], batch_size=1000)
    log(f"  documentos de identidad: {len(nuevos):,} nuevos")
    return len(nuevos)


@transaction.atomic
def crear_casi_duplicados(*, cuantos: int, log=print) -> int:
    """`cuantos` misspelled copies of existing persons, as staff create them when the search failed."""
    rng = random.Random(SEMILLA + 1)
    ids = list(
        Persona.objects.filter(fecha_nacimiento__isnull=False, fusionada_en__isnull=True, nna=False)
        .exclude(apellidos="")
        .order_by("pk")
        .values_list("pk", flat=True)[:5000]
    )
    rng.shuffle(ids)
    creadas = 0
    if cuantos <= 0:
        return 0
    for original in Persona.objects.filter(pk__in=ids[: cuantos * 3]).order_by("pk"):
        if creadas >= cuantos:
            break
        nombres, apellidos = mal_escrito(rng, original.nombres, original.apellidos)
        if not nombres:
            continue
        if Persona.objects.filter(
            nombres=nombres.title(), apellidos=apellidos.title(), fecha_nacimiento=original.fecha_nacimiento
        ).exists():
            continue
        copia = Persona(
            nombres=nombres.title(),
            apellidos=apellidos.title(),
            fecha_nacimiento=original.fecha_nacimiento,
            sexo=original.sexo,
            genero=original.genero,
            nacionalidad=original.nacionalidad,
            pais_nacimiento=original.pais_nacimiento,
            # Often the same phone; no document (why the search by number did not find them).
            telefono=original.telefono if rng.random() < 0.5 else "",
            comuna=original.comuna,
            sector=original.sector,
            situacion_migratoria=original.situacion_migratoria,
            idiomas=original.idiomas,
            sin_documentos=True,
            consentimiento_fecha=original.consentimiento_fecha,
            consentimiento_version=original.consentimiento_version,
            creado_por=original.creado_por,
            modificado_por=original.creado_por,
        )
        copia.busqueda = texto_busqueda(copia)
        copia.claves = claves_persona(copia)
        copia.save()
        creadas += 1
    log(f"  casi duplicados: {creadas} nuevos")
    return creadas


def crear_identidad(*, log=print) -> None:
    """Documents for the persons, then the review queue (small databases only)."""
    total = Persona.objects.count()
    crear_documentos(log=log)
    if total <= LIMITE_COLA_DEMO:
        n = recalcular_todos()
        log(f"  cola de duplicados: {n:,} personas revisadas")
    else:
        log("  cola de duplicados: ejecute `manage.py buscar_duplicados` (muchas personas)")

"""The undo of an import: what the batch created, deleted set-wise in chunks (the background job).

Each chunk is one transaction that deletes a few thousand records with a handful of statements,
takes them away from the indicators' summary tables (negative deltas, then the persons' rows
rewritten) and clears the batch's row records that pointed at them. The row records are the to-do
list: a chunk leaves none of its records behind, so a job resumed after a crash (or retried after
an error) starts from what is left and never deletes or subtracts anything twice.

1. Attentions (with their topics), person by person.
2. Persons the batch created (`persona_creada`), once none of their attentions is left: their
   identity documents, their possible-duplicate pairs and their summary rows go with them.

Raw deletes (no model signals, no Collector): what the signals would do is done once per chunk
through the summaries' bulk hook (resumenes.quitadas_en_bloque); the change history gets no entry
per record (the import wrote none either), the batch's own entries say who undid it and how far it
got. Whatever the batch's records are
used for since (bloqueos_deshacer) is checked before the first chunk; something that appears
during the undo makes the database refuse the chunk (protected foreign key) and the job fail.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import reset_queries, transaction
from django.utils import timezone

from .. import resumenes
from ..models import (
    Atencion,
    AtencionTema,
    DocumentoIdentidad,
    FilaImportacion,
    LoteImportacion,
    ParDuplicado,
    Persona,
    ResumenPersonaDia,
)

# Records per chunk (one transaction each).
TAMANO_TANDA = 2000


def por_deshacer(lote: LoteImportacion) -> int:
    """Records the undo still has to delete: attentions, then persons created by the batch."""
    filas = lote.filas.all()
    personas = _personas_creadas(lote).values("persona_id").distinct().count()
    return filas.filter(atencion__isnull=False).count() + personas


def _personas_creadas(lote: LoteImportacion):
    return lote.filas.filter(persona_creada=True, persona__isnull=False)


def deshacer(lote: LoteImportacion, progreso: Callable[[int], None] | None = None) -> None:
    """Delete what is left of the batch, chunk by chunk; `lote.deshacer_hechos` counts along."""
    for tanda in (_tanda_atenciones, _tanda_personas):
        while True:
            n = tanda(lote)
            reset_queries()  # DEBUG keeps every statement of a connection: a long job lets them go
            if not n:
                break
            if progreso:
                progreso(lote.deshacer_hechos)


def _tomar(lote: LoteImportacion) -> None:
    """Lock the batch's row for the chunk's transaction: chunks run one at a time even if the job
    runs twice at once, and each one reads the row records the other left."""
    lote.deshacer_hechos = (
        LoteImportacion.objects.select_for_update().values_list("deshacer_hechos", flat=True).get(pk=lote.pk)
    )


def _avanzar(lote: LoteImportacion, n: int) -> None:
    """Count the chunk on the batch, in the chunk's transaction (the heartbeat too)."""
    lote.deshacer_hechos += n
    lote.latido = timezone.now()
    lote.save(update_fields=["deshacer_hechos", "latido"])


def _tanda_atenciones(lote: LoteImportacion) -> int:
    with transaction.atomic():
        _tomar(lote)
        # By person: a person's attentions fall in one chunk and her summary rows are rewritten
        # once (a chunk boundary splits at most one person, rewritten twice, still exactly).
        filas = list(
            lote.filas.filter(atencion__isnull=False)
            .order_by("persona_id", "atencion_id")
            .values_list("pk", "atencion_id")[:TAMANO_TANDA]
        )
        if not filas:
            return 0
        ids = [a for _f, a in filas]
        personas = resumenes.quitadas_en_bloque(ids)  # counted before the rows go
        FilaImportacion.objects.filter(pk__in=[f for f, _a in filas]).update(atencion=None)
        temas = AtencionTema.objects.filter(atencion_id__in=ids)
        temas._raw_delete(temas.db)
        atenciones = Atencion.objects.filter(pk__in=ids)
        borradas = atenciones._raw_delete(atenciones.db)
        resumenes.recalcular_personas(personas)
        _avanzar(lote, borradas)
        return len(filas)


def _tanda_personas(lote: LoteImportacion) -> int:
    with transaction.atomic():
        _tomar(lote)
        ids = list(
            _personas_creadas(lote)
            .order_by("persona_id")
            .values_list("persona_id", flat=True)
            .distinct()[:TAMANO_TANDA]
        )
        if not ids:
            return 0
        # Their summary rows: none once their attentions are gone (rewritten if any is left).
        if ResumenPersonaDia.objects.filter(persona_id__in=ids).exists():
            resumenes.recalcular_personas(ids)
        # Every row record naming them (later rows of the same person, other batches' matches).
        FilaImportacion.objects.filter(persona_id__in=ids).update(persona=None)
        for qs in (
            DocumentoIdentidad.objects.filter(persona_id__in=ids),
            ParDuplicado.objects.filter(persona_a_id__in=ids),
            ParDuplicado.objects.filter(persona_b_id__in=ids),
        ):
            qs._raw_delete(qs.db)
        personas = Persona.objects.filter(pk__in=ids)
        borradas = personas._raw_delete(personas.db)
        _avanzar(lote, borradas)
        return len(ids)

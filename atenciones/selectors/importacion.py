"""Reads of imports: what blocks a batch's undo, and the report's rows."""

from __future__ import annotations

from collections.abc import Iterator

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ..models import (
    Asistencia,
    Atencion,
    Caso,
    Derivacion,
    DocumentoIdentidad,
    FilaImportacion,
    Fusion,
    Inscripcion,
    LoteImportacion,
    Persona,
    RegistroAcceso,
    SolicitudDerecho,
    TramiteOperativo,
)

LIMITE_BLOQUEOS = 50


def bloqueos_deshacer(lote: LoteImportacion) -> list[str]:
    """What was done since with the batch's records (empty when the undo may go ahead)."""
    filas = lote.filas.all()
    creadas = Persona.objects.filter(pk__in=filas.filter(persona_creada=True).values("persona"))
    atenciones = Atencion.objects.filter(pk__in=filas.exclude(atencion=None).values("atencion"))
    terminado = lote.terminado
    bloqueos: list[str] = []
    for p in creadas.filter(Q(fusionada_en__isnull=False) | Q(anonimizada_en__isnull=False))[
        :LIMITE_BLOQUEOS
    ]:
        bloqueos.append(_("%(persona)s fue fusionada o anonimizada.") % {"persona": p})
    if terminado:
        for p in creadas.filter(modificado__gt=terminado)[:LIMITE_BLOQUEOS]:
            bloqueos.append(_("los datos de %(persona)s se editaron después.") % {"persona": p})
    otras = Atencion.objects.filter(persona__in=creadas).exclude(pk__in=atenciones.values("pk"))
    for a in otras.select_related("persona")[:LIMITE_BLOQUEOS]:
        bloqueos.append(
            _("%(persona)s tiene una atención registrada después (%(atencion)s).")
            % {"persona": a.persona, "atencion": a}
        )
    for c in Caso.objects.filter(Q(persona__in=creadas) | Q(atenciones__in=atenciones)).distinct()[
        :LIMITE_BLOQUEOS
    ]:
        bloqueos.append(_("el caso «%(caso)s» usa sus registros.") % {"caso": c})
    for d in Derivacion.objects.filter(Q(persona__in=creadas) | Q(atencion__in=atenciones)).distinct()[
        :LIMITE_BLOQUEOS
    ]:
        bloqueos.append(_("la derivación «%(d)s» usa sus registros.") % {"d": d})
    extra = DocumentoIdentidad.objects.filter(persona__in=creadas)
    if terminado:
        for doc in extra.filter(creado__gt=terminado).select_related("persona")[:LIMITE_BLOQUEOS]:
            bloqueos.append(_("se agregó un documento a %(persona)s.") % {"persona": doc.persona})
    for p in Persona.objects.filter(tutor__in=creadas).exclude(pk__in=creadas.values("pk"))[:LIMITE_BLOQUEOS]:
        bloqueos.append(_("%(persona)s tiene como tutor a una persona importada.") % {"persona": p})
    if terminado:
        editadas = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Atencion),
            object_id__in=atenciones.values("pk"),
            action=LogEntry.Action.UPDATE,
            timestamp__gt=terminado,
        )
        for entrada in editadas[:LIMITE_BLOQUEOS]:
            bloqueos.append(_("la atención «%(a)s» se editó después.") % {"a": entrada.object_repr})
    for p in creadas.exclude(hogar=None)[:LIMITE_BLOQUEOS]:
        bloqueos.append(_("%(persona)s fue agregada a un hogar.") % {"persona": p})
    # Records that keep the person (protected) or would go with her: the access log is never
    # erased, nor are data-subject requests, merges, or program enrolments, attendance and
    # procedures registered since.
    vistas = RegistroAcceso.objects.filter(persona__in=creadas).values("persona")
    for p in creadas.filter(pk__in=vistas)[:LIMITE_BLOQUEOS]:
        bloqueos.append(
            _("la ficha de %(persona)s se consultó (el registro de accesos no se borra).") % {"persona": p}
        )
    for p in creadas.filter(pk__in=SolicitudDerecho.objects.values("persona"))[:LIMITE_BLOQUEOS]:
        bloqueos.append(_("%(persona)s tiene una solicitud de derechos.") % {"persona": p})
    fusiones = Fusion.objects.filter(Q(superviviente__in=creadas) | Q(absorbida__in=creadas))
    for f in fusiones.select_related("superviviente")[:LIMITE_BLOQUEOS]:
        bloqueos.append(_("%(persona)s participó en una fusión.") % {"persona": f.superviviente})
    en_programas = creadas.filter(
        Q(pk__in=Inscripcion.objects.values("persona"))
        | Q(pk__in=Asistencia.objects.values("persona"))
        | Q(pk__in=TramiteOperativo.objects.values("persona"))
    )
    for p in en_programas[:LIMITE_BLOQUEOS]:
        bloqueos.append(_("%(persona)s fue registrada en un programa o una actividad.") % {"persona": p})
    return bloqueos


def filas_del_reporte(lote: LoteImportacion, resultado: str = "") -> QuerySet[FilaImportacion]:
    filas = lote.filas.select_related("persona").order_by("numero")
    if resultado:
        filas = filas.filter(resultado=resultado)
    return filas


# The columns of the report's XLSX, in its order.
COLUMNAS_REPORTE = ("numero", "resultado", "probabilidad", "persona_id", "columna", "mensaje", "valores")


def filas_del_reporte_xlsx(lote: LoteImportacion) -> Iterator[tuple]:
    """Every row of the batch as a tuple of COLUMNAS_REPORTE, streamed from the database in chunks
    (a batch of 100,000 rows is never whole in memory)."""
    return lote.filas.order_by("numero").values_list(*COLUMNAS_REPORTE).iterator(chunk_size=2000)


def origen_de_atenciones(atenciones: list[Atencion]) -> dict[int, FilaImportacion]:
    """Attention pk → the import row it came from (for the timeline)."""
    return {
        f.atencion_id: f
        for f in FilaImportacion.objects.filter(atencion__in=[a.pk for a in atenciones]).select_related(
            "lote"
        )
        if f.atencion_id is not None  # always true after the filter; narrows the type
    }

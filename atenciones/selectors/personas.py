"""Reads about persons: their timeline, their last attentions, likely duplicates at registration."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import CharField, F, Max, Model, Prefetch, QuerySet, Value

from ..models import (
    Atencion,
    AtencionTema,
    Caso,
    Derivacion,
    DocumentoIdentidad,
    EventoDerivacion,
    Fusion,
    Persona,
)


def ultimas_atenciones(persona_ids: Iterable[int]) -> dict[int, datetime.datetime]:
    """{person id: date and time of their last attention}, in one query for a page of persons."""
    filas = (
        Atencion.objects.filter(persona_id__in=list(persona_ids))
        .values("persona_id")
        .annotate(ultima=Max("fecha_hora"))
        .order_by()
    )
    return {fila["persona_id"]: fila["ultima"] for fila in filas}


def linea_de_tiempo(persona: Persona) -> QuerySet[Any, tuple[str, int, datetime.datetime]]:
    """Keys (kind, id, date) of a person's attentions, cases and referrals, newest first.

    A union queryset: paginate it, then load the page with `cargar_linea_de_tiempo`.
    """
    atenciones = (
        Atencion.objects.filter(persona=persona)
        .annotate(tipo=Value("atencion", output_field=CharField()), fecha=F("fecha_hora"))
        .values_list("tipo", "pk", "fecha")
        .order_by()
    )
    casos = (
        Caso.objects.filter(persona=persona)
        .annotate(tipo=Value("caso", output_field=CharField()), fecha=F("creado"))
        .values_list("tipo", "pk", "fecha")
        .order_by()
    )
    derivaciones = (
        Derivacion.objects.filter(persona=persona)
        .annotate(
            tipo=Value("derivacion", output_field=CharField()),
            fecha=F("fecha_envio"),
        )
        .values_list("tipo", "pk", "fecha")
        .order_by()
    )
    # Documents registered and merges into this record (issue #11) share the history.
    documentos = (
        DocumentoIdentidad.objects.filter(persona=persona)
        .annotate(tipo_linea=Value("documento", output_field=CharField()), fecha=F("creado"))
        .values_list("tipo_linea", "pk", "fecha")
        .order_by()
    )
    fusiones = (
        Fusion.objects.filter(superviviente=persona)
        .annotate(tipo=Value("fusion", output_field=CharField()), fecha_linea=F("fecha"))
        .values_list("tipo", "pk", "fecha_linea")
        .order_by()
    )
    return atenciones.union(casos, derivaciones, documentos, fusiones, all=True).order_by("-fecha", "-pk")


def cargar_linea_de_tiempo(claves: Iterable[tuple[str, int, datetime.datetime]]) -> list[dict[str, Any]]:
    """The objects of one page of `linea_de_tiempo`, in order: three queries at most (+ topics)."""
    ids: dict[str, list[int]] = {"atencion": [], "caso": [], "derivacion": [], "documento": [], "fusion": []}
    for tipo, pk, _fecha in claves:
        ids[tipo].append(pk)
    objetos: dict[tuple[str, int], Model] = {}
    if ids["atencion"]:
        for a in (
            Atencion.objects.filter(pk__in=ids["atencion"])
            # An imported attention says where it came from (file, sheet, row).
            .select_related("profesional", "caso", "origen_importacion__lote")
            .prefetch_related(Prefetch("temas", queryset=AtencionTema.objects.order_by("tema")))
        ):
            objetos["atencion", a.pk] = a
    if ids["caso"]:
        for c in Caso.objects.filter(pk__in=ids["caso"]).select_related("asignado_a"):
            objetos["caso", c.pk] = c
    if ids["derivacion"]:
        eventos = EventoDerivacion.objects.select_related("usuario").order_by("fecha", "id")
        for d in (
            Derivacion.objects.filter(pk__in=ids["derivacion"])
            .select_related("departamento", "organizacion", "derivado_por")
            # The referral partial shows each referral's history.
            .prefetch_related(Prefetch("eventos", queryset=eventos))
        ):
            objetos["derivacion", d.pk] = d
    if ids["documento"]:
        for doc in DocumentoIdentidad.objects.filter(pk__in=ids["documento"]):
            objetos["documento", doc.pk] = doc
    if ids["fusion"]:
        for f in Fusion.objects.filter(pk__in=ids["fusion"]).select_related("usuario", "absorbida"):
            objetos["fusion", f.pk] = f
    return [
        {"tipo": tipo, "objeto": objetos[tipo, pk], "fecha": fecha}
        for tipo, pk, fecha in claves
        if (tipo, pk) in objetos
    ]


# Duplicate detection at registration lives in selectors.duplicados (issue #11).
from .duplicados import posibles_duplicados  # noqa: E402

__all__ = ["cargar_linea_de_tiempo", "linea_de_tiempo", "posibles_duplicados", "ultimas_atenciones"]

"""Indicators of the office's own work: activities, training, guides."""

from typing import Any

from django.db.models import CharField, Count, Q, Sum, Value
from django.db.models.functions import Cast, Coalesce, Concat

from oficina.choices import IdiomaPublico, Tema
from oficina.models import Actividad, AsistenteCapacitacion, Capacitacion, PaginaInformativa

from .periodo import Periodo, _fila


def actividades(p: Periodo) -> list[dict]:
    """Activities that started in the period and their recorded attendance, by program."""
    filas = (
        Actividad.objects.filter(inicio__gte=p.inicio, inicio__lt=p.fin)
        .values("programa_id", "programa__nombre")
        .annotate(
            actividades=Count("id"),
            total_asistentes=Coalesce(Sum("asistentes"), 0),
            sin_registro=Count("id", filter=Q(asistentes__isnull=True)),
        )
        .order_by("-actividades", "programa__nombre")
    )
    return [
        _fila(
            f["programa_id"],
            f["programa__nombre"],
            actividades=f["actividades"],
            asistentes=f["total_asistentes"],
            sin_registro=f["sin_registro"],
        )
        for f in filas
    ]


def capacitaciones(p: Periodo) -> list[dict]:
    """Trainings held in the period with their number of attendees."""
    filas = (
        Capacitacion.objects.filter(fecha__gte=p.desde, fecha__lte=p.hasta)
        .annotate(n_asistentes=Count("asistentes"))
        .values("id", "titulo", "fecha", "tema", "horas", "n_asistentes")
        .order_by("fecha", "id")
    )
    temas = dict(Tema.choices)
    return [
        _fila(
            f["id"],
            f["titulo"],
            fecha=f["fecha"],
            tema=str(temas.get(f["tema"], "")),
            horas=f["horas"],
            asistentes=f["n_asistentes"],
        )
        for f in filas
    ]


def personal_capacitado(p: Periodo) -> int:
    """Distinct people trained in the period (a user, or a name when the attendee has no account)."""
    persona = Coalesce(
        Concat(Value("u"), Cast("usuario_id", CharField())),
        Concat(Value("n"), "nombre"),
        output_field=CharField(),
    )
    return AsistenteCapacitacion.objects.filter(
        capacitacion__fecha__gte=p.desde, capacitacion__fecha__lte=p.hasta
    ).aggregate(n=Count(persona, distinct=True))["n"]


def guias_por_idioma(p: Periodo) -> list[dict]:
    """Public guides published now per language, and how many were updated in the period."""
    filas = PaginaInformativa.objects.values("idioma").annotate(
        publicadas=Count("id", filter=Q(publicada=True)),
        actualizadas=Count("id", filter=Q(publicada=True, actualizada__gte=p.inicio, actualizada__lt=p.fin)),
    )
    conteo: dict[str, dict[str, Any]] = {f["idioma"]: dict(f) for f in filas.order_by()}
    return [
        _fila(
            i.value,
            i.label,
            publicadas=conteo.get(i.value, {}).get("publicadas", 0),
            actualizadas=conteo.get(i.value, {}).get("actualizadas", 0),
        )
        for i in IdiomaPublico
    ]

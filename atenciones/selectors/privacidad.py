"""Reads for data protection (Ley 21.719): persons without consent, inactive persons, a subject's data."""

import datetime
from collections.abc import Collection
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Exists, Field, Model, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries.fields import CountryField

from ..models import (
    Atencion,
    Caso,
    CasoQuerySet,
    Derivacion,
    DerivacionQuerySet,
    EventoDerivacion,
    Persona,
    SeguimientoDerivacion,
    SolicitudDerecho,
)


def personas_sin_consentimiento(queryset: QuerySet[Persona] | None = None) -> QuerySet[Persona]:
    """Persons (not anonymised) with no recorded data-processing consent: to be flagged."""
    qs = queryset if queryset is not None else Persona.objects.all()
    return qs.filter(consentimiento_fecha__isnull=True, anonimizada_en__isnull=True)


def _restar_anos(fecha: datetime.date, anos: int) -> datetime.date:
    try:
        return fecha.replace(year=fecha.year - anos)
    except ValueError:  # 29 February
        return fecha.replace(year=fecha.year - anos, day=28)


def personas_inactivas(*, anos: int, hoy: datetime.date | None = None) -> QuerySet[Persona]:
    """Persons with no attention, case or referral activity for `anos` years, ready for anonymisation.

    Activity: an attention, a case opened or closed, a referral sent or closed, or a referral event,
    on or after the cut-off date; a case or referral still open counts as activity, and so does the
    person's own registration. Blocked persons (a pending rights request) and anonymised ones are left out.
    """
    hoy = hoy or timezone.localdate()
    corte_fecha = _restar_anos(hoy, anos)
    corte = timezone.make_aware(datetime.datetime.combine(corte_fecha, datetime.time.min))
    persona = OuterRef("pk")
    atencion_reciente = Atencion.objects.filter(persona=persona, fecha_hora__gte=corte)
    caso_activo = Caso.objects.filter(persona=persona).filter(
        Q(abierto_en__gte=corte_fecha) | Q(cerrado_en__gte=corte_fecha) | CasoQuerySet.q_abiertos()
    )
    derivacion_activa = Derivacion.objects.filter(persona=persona).filter(
        Q(fecha_envio__gte=corte) | Q(fecha_cierre__gte=corte) | DerivacionQuerySet.q_abiertas()
    )
    evento_reciente = EventoDerivacion.objects.filter(derivacion__persona=persona, fecha__gte=corte)
    return (
        Persona.objects.activas()
        .filter(creado__lt=corte)
        .exclude(Exists(atencion_reciente))
        .exclude(Exists(caso_activo))
        .exclude(Exists(derivacion_activa))
        .exclude(Exists(evento_reciente))
        .order_by("pk")
    )


# --- Everything held about one person (right of access and portability) ---


def _pais(pais: Any) -> dict[str, str] | None:
    return {"valor": pais.code, "texto": str(pais.name)} if pais.code else None


def _valor(obj: Model, campo: Field) -> Any:
    if campo.is_relation:
        relacionado = getattr(obj, campo.name)
        if relacionado is None:
            return None
        if isinstance(relacionado, User):
            return relacionado.get_full_name() or relacionado.get_username()
        return str(relacionado)
    valor = getattr(obj, campo.name)
    if isinstance(campo, CountryField):
        return [_pais(p) for p in valor] if campo.multiple else _pais(valor)
    if campo.flatchoices:
        return {"valor": valor, "texto": str(getattr(obj, f"get_{campo.name}_display")())}
    return valor


def _campos(obj: Model, excluir: Collection[str] = ()) -> dict[str, Any]:
    return {
        str(campo.verbose_name): _valor(obj, campo)
        for campo in obj._meta.concrete_fields
        if campo.name not in excluir
    }


def datos_del_titular(persona: Persona) -> dict:
    """Every record the office holds about `persona`, as plain JSON-serialisable data."""
    persona = (
        Persona.objects.select_related(
            "hogar", "tutor", "creado_por", "modificado_por", "consentimiento_registrado_por"
        )
        .prefetch_related(
            Prefetch(
                "casos", queryset=Caso.objects.select_related("asignado_a").order_by("abierto_en", "pk")
            ),
            Prefetch(
                "atenciones",
                queryset=Atencion.objects.select_related("profesional", "caso")
                .prefetch_related("temas")
                .order_by("fecha_hora", "pk"),
            ),
            Prefetch(
                "derivaciones",
                queryset=Derivacion.objects.select_related(
                    "departamento", "organizacion", "derivado_por", "caso", "atencion"
                )
                .prefetch_related(
                    Prefetch("eventos", queryset=EventoDerivacion.objects.select_related("usuario")),
                    Prefetch(
                        "seguimientos", queryset=SeguimientoDerivacion.objects.select_related("usuario")
                    ),
                )
                .order_by("fecha_envio", "pk"),
            ),
            Prefetch("solicitudes_derecho", queryset=SolicitudDerecho.objects.order_by("recibida_el", "pk")),
        )
        .get(pk=persona.pk)
    )
    return {
        "generado_el": timezone.now().isoformat(),
        "persona": _campos(persona),
        "casos": [_campos(caso, excluir=("persona",)) for caso in persona.casos.all()],
        "atenciones": [
            {
                **_campos(atencion, excluir=("persona",)),
                "temas": [str(t.get_tema_display()) for t in atencion.temas.all()],
            }
            for atencion in persona.atenciones.all()
        ],
        "derivaciones": [
            {
                **_campos(derivacion, excluir=("persona",)),
                "destino": str(derivacion.destino),
                "historial": [_campos(e, excluir=("derivacion",)) for e in derivacion.eventos.all()],
                "seguimientos": [_campos(s, excluir=("derivacion",)) for s in derivacion.seguimientos.all()],
            }
            for derivacion in persona.derivaciones.all()
        ],
        "solicitudes_de_derechos": [
            _campos(s, excluir=("persona",)) for s in persona.solicitudes_derecho.all()
        ],
    }


def _legible(valor: Any) -> str:
    if isinstance(valor, dict) and set(valor) == {"valor", "texto"}:
        return valor["texto"] or "—"
    if isinstance(valor, list):
        return ", ".join(_legible(v) for v in valor) or "—"
    if isinstance(valor, bool):
        return _("sí") if valor else _("no")
    if isinstance(valor, datetime.datetime):
        return timezone.localtime(valor).strftime("%d-%m-%Y %H:%M")
    if isinstance(valor, datetime.date):
        return valor.strftime("%d-%m-%Y")
    if valor is None or valor == "":
        return "—"
    return str(valor)


def datos_para_imprimir(datos: dict) -> dict:
    """`datos_del_titular` with every value as display text, for the printable page."""

    def filas(registro: dict[str, Any]) -> list[tuple[str, str]]:
        return [
            (etiqueta, _legible(valor))
            for etiqueta, valor in registro.items()
            if not isinstance(valor, list) or not valor or not isinstance(valor[0], dict)
        ]

    return {
        "persona": filas(datos["persona"]),
        "casos": [filas(c) for c in datos["casos"]],
        "atenciones": [filas(a) for a in datos["atenciones"]],
        "derivaciones": [
            {"filas": filas(d), "historial": [filas(e) for e in d["historial"]]}
            for d in datos["derivaciones"]
        ],
        "solicitudes": [filas(s) for s in datos["solicitudes_de_derechos"]],
    }

"""The staff member's day ("Mi día"): attentions today, cases, follow-ups and referrals that wait."""

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from ..models import Atencion, Caso, Derivacion, DerivacionQuerySet, Persona, TareaCaso
from ..paginacion import contar_hasta_varios, conteo_con_tope

# How many items each block of "Mi día" lists (the block says how many there are in all).
LIMITE_MI_DIA = 15
LIMITE_HOY = 50
# Attention follow-ups older than this are no longer "pending" in Mi día.
VENTANA_SEGUIMIENTO_DIAS = 30
# What the blocks show of a person (nombre_para_mostrar): reading the whole row of ~45 columns
# for each of up to 110 persons was a fifth of the page's Python time (issue 16).
CAMPOS_NOMBRE = ("nombres", "apellidos", "nombre_social")
CAMPOS_ATENCION_HOY = ("persona", "fecha_hora", "canal")
# Each block counts up to this many and then says "más de 1.000": a professional holding millions
# of attentions (issue 16) must not wait for them to be counted.
TOPE_CONTEO = 1000


def _bloque(items: list[Any], limite: int, contado: int | None) -> dict[str, Any]:
    """A block of Mi día: its first `limite` items and how many there are in all (`contado`: the
    capped count, made only when the block is full)."""
    if contado is None or len(items) < limite:
        return {"items": items, "total": len(items), "n": len(items), "mas": False}
    total = conteo_con_tope(contado, TOPE_CONTEO)
    # `n`: a number for plural forms ("más de 1.000" counts as many).
    n = min(contado, TOPE_CONTEO + 1)
    return {"items": items, "total": total, "n": n, "mas": n > len(items)}


def _con_personas(*listas: list[Any]) -> None:
    """Attach each item's person, for every block at once: one query by primary key."""
    ids = {obj.persona_id for lista in listas for obj in lista}
    personas = Persona.objects.only(*CAMPOS_NOMBRE).in_bulk(ids) if ids else {}
    for lista in listas:
        for obj in lista:
            if obj.persona_id in personas:  # else read on access (deleted meanwhile: never in practice)
                obj.persona = personas[obj.persona_id]


def mi_dia(user: User, hoy: datetime.date | None = None) -> dict[str, Any]:
    """The blocks of Mi día: each lists its first items and counts up to TOPE_CONTEO when full.

    A fixed number of queries whatever the data size: one per block for its items, one for the
    persons of every block, one for the topics of today's attentions and one for all the counts.
    """
    hoy = hoy or timezone.localdate()
    inicio = timezone.make_aware(datetime.datetime.combine(hoy, datetime.time.min))
    fin = inicio + datetime.timedelta(days=1)
    atenciones_hoy = (
        Atencion.objects.filter(profesional=user, fecha_hora__gte=inicio, fecha_hora__lt=fin)
        .select_related("persona")
        .only(*CAMPOS_ATENCION_HOY, *(f"persona__{campo}" for campo in CAMPOS_NOMBRE))
        .prefetch_related("temas")
        .order_by("-fecha_hora")
    )
    # Persons by primary key for the listed items only (a join would scan every person).
    casos = (
        Caso.objects.abiertos()
        .filter(asignado_a=user)
        .order_by(F("fecha_seguimiento").asc(nulls_last=True), "-abierto_en", "-pk")
    )
    casos_seguimiento = casos.seguimiento_pendiente(hoy)
    # An attention's follow-up is pending while no later attention of that person exists.
    posterior = Atencion.objects.filter(persona=OuterRef("persona"), fecha_hora__gt=OuterRef("fecha_hora"))
    seguimientos = (
        Atencion.objects.filter(
            profesional=user,
            fecha_seguimiento__lte=hoy,
            fecha_seguimiento__gte=hoy - datetime.timedelta(days=VENTANA_SEGUIMIENTO_DIAS),
        )
        .filter(~Exists(posterior))
        .order_by("fecha_seguimiento", "pk")
    )
    derivaciones = (
        Derivacion.objects.abiertas()
        .filter(derivado_por=user)
        .select_related("departamento", "organizacion")
        .order_by("fecha_limite", "pk")
    )
    # The case plan's next steps due today or overdue (issue #13); persons joined by primary key.
    tareas = TareaCaso.objects.para_hoy_de(user, hoy).select_related("caso__persona").order_by("vence", "pk")
    bloques: dict[str, tuple[QuerySet[Any], int]] = {
        "atenciones_hoy": (atenciones_hoy, LIMITE_HOY),
        "casos": (casos, LIMITE_MI_DIA),
        "casos_seguimiento": (casos_seguimiento, LIMITE_MI_DIA),
        "seguimientos": (seguimientos, LIMITE_MI_DIA),
        "derivaciones": (derivaciones, LIMITE_MI_DIA),
        "tareas": (tareas, LIMITE_MI_DIA),
    }
    items = {clave: list(qs[:limite]) for clave, (qs, limite) in bloques.items()}
    _con_personas(items["casos"], items["casos_seguimiento"], items["seguimientos"], items["derivaciones"])
    # Only full blocks are counted, all in one query, each up to TOPE_CONTEO + 1.
    a_contar = {clave: qs for clave, (qs, limite) in bloques.items() if len(items[clave]) >= limite}
    if "derivaciones" in a_contar:
        a_contar["derivaciones_vencidas"] = derivaciones.filter(DerivacionQuerySet.q_vencidas(hoy))
    conteos = contar_hasta_varios(a_contar, TOPE_CONTEO + 1)
    contexto: dict[str, Any] = {"hoy": hoy}
    for clave, (_qs, limite) in bloques.items():
        contexto[clave] = _bloque(items[clave], limite, conteos.get(clave))
    if "derivaciones_vencidas" in conteos:
        contexto["derivaciones_vencidas"] = conteo_con_tope(conteos["derivaciones_vencidas"], TOPE_CONTEO)
    else:
        contexto["derivaciones_vencidas"] = sum(1 for d in items["derivaciones"] if d.vencida_el(hoy))
    return contexto


def mi_dia_enlace(user: User, hoy: datetime.date | None = None) -> dict[str, Any]:
    """A liaison's day: their inbox's open referrals, overdue first, and the counts by state."""
    from .derivaciones import bandeja_de, conteo_visible, conteos_por_estado

    hoy = hoy or timezone.localdate()
    qs = bandeja_de(user)
    conteos = conteos_por_estado(qs, hoy)
    items = list(qs.abiertas().prefetch_related("persona").order_by("fecha_limite", "id")[:LIMITE_MI_DIA])
    # Each count up to 1,000, then "más de 1.000" (as the inbox's tabs).
    return {
        "hoy": hoy,
        "bandeja_enlace": {
            "items": items,
            "total": conteo_visible(conteos["abiertas"]),
            "mas": conteos["abiertas"] > len(items),
        },
        "conteos_bandeja": {clave: conteo_visible(n) for clave, n in conteos.items()},
    }

"""The staff member's day ("Mi día"): attentions today, cases, follow-ups and referrals that wait."""

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..busqueda import contar_hasta
from ..models import Atencion, Caso, Derivacion, DerivacionQuerySet, TareaCaso

# How many items each block of "Mi día" lists (the block says how many there are in all).
LIMITE_MI_DIA = 15
LIMITE_HOY = 50
# Attention follow-ups older than this are no longer "pending" in Mi día.
VENTANA_SEGUIMIENTO_DIAS = 30
# Each block counts up to this many and then says "más de 1.000": a professional holding millions
# of attentions (issue 16) must not wait for them to be counted.
TOPE_CONTEO = 1000


def contar(qs: QuerySet[Any]) -> int | str:
    """How many rows, up to TOPE_CONTEO; above it the text "más de 1.000"."""
    n = contar_hasta(qs, TOPE_CONTEO + 1)
    if n > TOPE_CONTEO:
        return _("más de %(n)s") % {"n": number_format(TOPE_CONTEO, force_grouping=True)}
    return n


def _bloque(qs: QuerySet[Any], limite: int = LIMITE_MI_DIA) -> dict[str, Any]:
    """(first `limite` items, total) for a block of Mi día: two queries whatever the data size."""
    items = list(qs[:limite])
    if len(items) < limite:
        return {"items": items, "total": len(items), "n": len(items), "mas": False}
    total = contar(qs)
    # `n`: a number for plural forms ("más de 1.000" counts as many).
    n = total if isinstance(total, int) else TOPE_CONTEO + 1
    return {"items": items, "total": total, "n": n, "mas": n > len(items)}


def mi_dia(user: User, hoy: datetime.date | None = None) -> dict[str, Any]:
    hoy = hoy or timezone.localdate()
    inicio = timezone.make_aware(datetime.datetime.combine(hoy, datetime.time.min))
    fin = inicio + datetime.timedelta(days=1)
    atenciones_hoy = (
        Atencion.objects.filter(profesional=user, fecha_hora__gte=inicio, fecha_hora__lt=fin)
        .select_related("persona")
        .prefetch_related("temas")
        .order_by("-fecha_hora")
    )
    casos = (
        Caso.objects.abiertos()
        .filter(asignado_a=user)
        # Persons by primary key for the listed page only (a join would scan every person).
        .prefetch_related("persona")
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
        .prefetch_related("persona")
        .order_by("fecha_seguimiento", "pk")
    )
    derivaciones = (
        Derivacion.objects.abiertas()
        .filter(derivado_por=user)
        .select_related("departamento", "organizacion")
        .prefetch_related("persona")
        .order_by("fecha_limite", "pk")
    )
    # The case plan's next steps due today or overdue (issue #13); persons joined by primary key.
    tareas = TareaCaso.objects.para_hoy_de(user, hoy).select_related("caso__persona").order_by("vence", "pk")
    bloque_derivaciones, vencidas = _bloque_con_vencidas(derivaciones, hoy)
    return {
        "hoy": hoy,
        "atenciones_hoy": _bloque(atenciones_hoy, LIMITE_HOY),
        "casos": _bloque(casos),
        "casos_seguimiento": _bloque(casos_seguimiento),
        "seguimientos": _bloque(seguimientos),
        "derivaciones": bloque_derivaciones,
        "derivaciones_vencidas": vencidas,
        "tareas": _bloque(tareas),
    }


def _bloque_con_vencidas(qs: DerivacionQuerySet, hoy: datetime.date) -> tuple[dict[str, Any], int | str]:
    """A referrals block and how many are overdue: the overdue count comes with the total."""
    items = list(qs[:LIMITE_MI_DIA])
    if len(items) < LIMITE_MI_DIA:
        return {"items": items, "total": len(items), "mas": False}, sum(1 for d in items if d.vencida_el(hoy))
    # Both counted up to TOPE_CONTEO (two capped counts cost less than one over every referral).
    total = contar(qs)
    vencidas = contar(qs.filter(DerivacionQuerySet.q_vencidas(hoy)))
    return {"items": items, "total": total, "mas": not isinstance(total, int) or total > len(items)}, vencidas


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

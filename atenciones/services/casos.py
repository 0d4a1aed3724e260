"""Cases: open, edit, close, reopen, reassign; their plan (next steps) and what belongs to them."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from oficina.roles import es_profesional

from ..choices import EstadoCaso
from ..models import Atencion, Caso, Derivacion, Persona, TareaCaso
from ._auditoria import actualizar_con_historial, audita
from ._comun import comprobar_version, exigir_persona_activa, guardar


def _validar_asignado(asignado_a: User | None) -> User:
    if asignado_a is None or not es_profesional(asignado_a):
        raise ValidationError({"asignado_a": _("Asigne el caso a un profesional de la oficina.")})
    return asignado_a


@audita()
@transaction.atomic
def abrir_caso(
    *,
    persona: Persona,
    motivo: str,
    area: str,
    asignado_a: User | None,
    prioridad: str = "media",
    fecha_seguimiento: datetime.date | None = None,
    usuario: User | None = None,
) -> Caso:
    exigir_persona_activa(persona)
    caso = Caso(
        persona=persona,
        motivo=motivo,
        area=area,
        asignado_a=asignado_a,
        prioridad=prioridad,
        fecha_seguimiento=fecha_seguimiento,
        estado=EstadoCaso.ABIERTO,
        abierto_en=timezone.localdate(),
    )
    return guardar(caso)


@audita()
@transaction.atomic
def actualizar_caso(*, caso: Caso, usuario: User, version: str | None = None, **datos: Any) -> Caso:
    """Edit an open case's reason, area, priority, assignee, state or follow-up date."""
    actual = Caso.objects.select_for_update().get(pk=caso.pk)
    comprobar_version(actual, version, datos)
    if not actual.abierto:
        raise ValidationError(_("El caso está cerrado: reábralo para editarlo."))
    if datos.get("estado") == EstadoCaso.CERRADO:
        raise ValidationError({"estado": _("Para cerrar el caso use «Cerrar caso», con su motivo.")})
    if "asignado_a" in datos:
        _validar_asignado(datos["asignado_a"])
    for campo, valor in datos.items():
        setattr(caso, campo, valor)
    return guardar(caso)


@audita()
@transaction.atomic
def cerrar_caso(*, caso: Caso, motivo_cierre: str, nota: str = "", usuario: User | None = None) -> Caso:
    caso = Caso.objects.select_for_update().get(pk=caso.pk)
    if not caso.abierto:
        raise ValidationError(_("El caso ya está cerrado."))
    caso.estado = EstadoCaso.CERRADO
    caso.motivo_cierre = motivo_cierre
    caso.nota_cierre = nota
    caso.cerrado_en = timezone.localdate()
    caso.fecha_seguimiento = None
    return guardar(caso)


@audita()
@transaction.atomic
def reabrir_caso(*, caso: Caso, usuario: User | None = None) -> Caso:
    caso = Caso.objects.select_for_update().get(pk=caso.pk)
    if caso.abierto:
        raise ValidationError(_("Solo se puede reabrir un caso cerrado."))
    caso.estado = EstadoCaso.SEGUIMIENTO
    caso.cerrado_en = None
    caso.motivo_cierre = ""
    caso.nota_cierre = ""
    return guardar(caso)


def _rechazar_cerrados(casos: list[Caso]) -> None:
    cerrados = [c.pk for c in casos if not c.abierto]
    if cerrados:
        raise ValidationError(
            ngettext(
                "El caso %(ids)s está cerrado: reábralo antes de reasignarlo.",
                "Los casos %(ids)s están cerrados: reábralos antes de reasignarlos.",
                len(cerrados),
            )
            % {"ids": ", ".join(str(pk) for pk in sorted(cerrados))},
            code="cerrado",
        )


@audita()
@transaction.atomic
def reasignar_caso(*, caso: Caso, asignado_a: User | None, usuario: User | None = None) -> Caso:
    profesional = _validar_asignado(asignado_a)
    _rechazar_cerrados([Caso.objects.select_for_update().get(pk=caso.pk)])
    caso.asignado_a = profesional
    caso.full_clean()
    caso.save(update_fields=["asignado_a", "modificado"])
    return caso


@audita()
@transaction.atomic
def reasignar_casos(*, casos_ids: Iterable[int], asignado_a: User | None, usuario: User | None = None) -> int:
    """Reassign several open cases at once; returns how many changed hands.

    A closed case among them refuses the whole move (nothing changes): reopen it first.
    """
    _validar_asignado(asignado_a)
    casos = list(Caso.objects.select_for_update().filter(pk__in=list(casos_ids)).order_by("pk"))
    _rechazar_cerrados(casos)
    return actualizar_con_historial(
        Caso.objects.filter(pk__in=[c.pk for c in casos]),
        usuario=usuario,
        asignado_a=asignado_a,
        modificado=timezone.now(),
    )


# --- the case's plan (issue #13): next steps, and attaching what was logged -------------------


def _caso_abierto(caso: Caso) -> Caso:
    actual = Caso.objects.select_for_update().get(pk=caso.pk)
    if not actual.abierto:
        raise ValidationError(_("El caso está cerrado: reábralo para cambiarlo."))
    return actual


@audita()
@transaction.atomic
def crear_tarea(
    *, caso: Caso, descripcion: str, vence: datetime.date, responsable: User | None, usuario: User
) -> TareaCaso:
    """Add a next step to an open case; due today or later, for an office professional."""
    caso = _caso_abierto(caso)
    exigir_persona_activa(caso.persona)
    if vence is None or vence < timezone.localdate():
        raise ValidationError({"vence": _("La fecha de la tarea no puede estar en el pasado.")})
    if responsable is None or not es_profesional(responsable):
        raise ValidationError({"responsable": _("El responsable debe ser un profesional de la oficina.")})
    return guardar(
        TareaCaso(
            caso=caso,
            descripcion=(descripcion or "").strip(),
            vence=vence,
            responsable=responsable,
            creada_por=usuario,
        )
    )


@audita()
@transaction.atomic
def marcar_tarea(*, tarea: TareaCaso, usuario: User, hecha: bool = True) -> TareaCaso:
    """Tick a task as done (recording who), or untick it."""
    tarea = TareaCaso.objects.select_for_update().get(pk=tarea.pk)
    if hecha and tarea.hecha_en is None:
        tarea.hecha_en, tarea.hecha_por = timezone.now(), usuario
    elif not hecha:
        tarea.hecha_en, tarea.hecha_por = None, None
    tarea.full_clean()
    tarea.save(update_fields=["hecha_en", "hecha_por"])
    return tarea


def _modelo(tipo: str) -> type[Atencion] | type[Derivacion]:
    modelos: dict[str, type[Atencion] | type[Derivacion]] = {"atencion": Atencion, "derivacion": Derivacion}
    return modelos[tipo]


@audita()
@transaction.atomic
def vincular_a_caso(*, caso: Caso, tipo: str, objeto_id: int, usuario: User) -> Atencion | Derivacion:
    """Attach an attention or a referral of the case's person to the case (after the fact)."""
    caso = _caso_abierto(caso)
    exigir_persona_activa(caso.persona)
    objeto = _modelo(tipo).objects.select_for_update().filter(pk=objeto_id).first()
    if objeto is None or objeto.persona_id != caso.persona_id:
        raise ValidationError(_("Solo se pueden agregar atenciones y derivaciones de la persona del caso."))
    if objeto.caso_id == caso.pk:
        raise ValidationError(_("Ya es parte de este caso."))
    objeto.caso = caso
    objeto.save(update_fields=["caso"])
    return objeto


@audita()
@transaction.atomic
def desvincular_de_caso(*, caso: Caso, tipo: str, objeto_id: int, usuario: User) -> Atencion | Derivacion:
    """Detach an attention or a referral from the case (it stays in the person's record)."""
    caso = _caso_abierto(caso)
    objeto = _modelo(tipo).objects.select_for_update().filter(pk=objeto_id, caso=caso).first()
    if objeto is None:
        raise ValidationError(_("Eso no es parte de este caso."))
    objeto.caso = None
    objeto.save(update_fields=["caso"])
    return objeto

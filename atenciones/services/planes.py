"""A case's plan (next steps) and what belongs to a case: attach or detach attentions and referrals."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oficina.roles import es_profesional

from ..choices import EstadoCaso
from ..models import Atencion, Caso, Derivacion, TareaCaso
from ._comun import exigir_persona_activa, guardar


def _caso_abierto(caso: Caso) -> Caso:
    actual = Caso.objects.select_for_update().get(pk=caso.pk)
    if actual.estado == EstadoCaso.CERRADO:
        raise ValidationError(_("El caso está cerrado: reábralo para cambiarlo."))
    return actual


@transaction.atomic
def crear_tarea(*, caso: Caso, descripcion: str, vence: datetime.date, responsable, usuario) -> TareaCaso:
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


@transaction.atomic
def marcar_tarea(*, tarea: TareaCaso, usuario, hecha: bool = True) -> TareaCaso:
    """Tick a task as done (recording who), or untick it."""
    tarea = TareaCaso.objects.select_for_update().get(pk=tarea.pk)
    if hecha and tarea.hecha_en is None:
        tarea.hecha_en, tarea.hecha_por = timezone.now(), usuario
    elif not hecha:
        tarea.hecha_en, tarea.hecha_por = None, None
    tarea.full_clean()
    tarea.save(update_fields=["hecha_en", "hecha_por"])
    return tarea


def _modelo(tipo: str):
    return {"atencion": Atencion, "derivacion": Derivacion}[tipo]


@transaction.atomic
def vincular_a_caso(*, caso: Caso, tipo: str, objeto_id: int, usuario) -> Atencion | Derivacion:
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


@transaction.atomic
def desvincular_de_caso(*, caso: Caso, tipo: str, objeto_id: int, usuario) -> Atencion | Derivacion:
    """Detach an attention or a referral from the case (it stays in the person's record)."""
    caso = _caso_abierto(caso)
    objeto = _modelo(tipo).objects.select_for_update().filter(pk=objeto_id, caso=caso).first()
    if objeto is None:
        raise ValidationError(_("Eso no es parte de este caso."))
    objeto.caso = None
    objeto.save(update_fields=["caso"])
    return objeto

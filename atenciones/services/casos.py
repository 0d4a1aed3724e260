"""Cases: open, close, reopen, reassign."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import EstadoCaso
from ..models import Caso, Persona
from ._comun import exigir_persona_activa, guardar


@transaction.atomic
def abrir_caso(
    *, persona: Persona, motivo: str, area: str, asignado_a, prioridad: str = "media", fecha_seguimiento=None
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


@transaction.atomic
def cerrar_caso(*, caso: Caso, motivo_cierre: str, nota: str = "", usuario=None) -> Caso:
    caso = Caso.objects.select_for_update().get(pk=caso.pk)
    if caso.estado == EstadoCaso.CERRADO:
        raise ValidationError(_("El caso ya está cerrado."))
    caso.estado = EstadoCaso.CERRADO
    caso.motivo_cierre = motivo_cierre
    caso.nota_cierre = nota
    caso.cerrado_en = timezone.localdate()
    caso.fecha_seguimiento = None
    return guardar(caso)


@transaction.atomic
def reabrir_caso(*, caso: Caso, usuario=None) -> Caso:
    caso = Caso.objects.select_for_update().get(pk=caso.pk)
    if caso.estado != EstadoCaso.CERRADO:
        raise ValidationError(_("Solo se puede reabrir un caso cerrado."))
    caso.estado = EstadoCaso.SEGUIMIENTO
    caso.cerrado_en = None
    caso.motivo_cierre = ""
    caso.nota_cierre = ""
    return guardar(caso)


@transaction.atomic
def reasignar_caso(*, caso: Caso, asignado_a, usuario=None) -> Caso:
    caso.asignado_a = asignado_a
    caso.full_clean()
    caso.save(update_fields=["asignado_a", "modificado"])
    return caso

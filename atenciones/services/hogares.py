"""Households: create one, add and remove members, link a child to their guardian."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Hogar, Persona
from ._auditoria import actualizar_con_historial, audita
from ._comun import guardar

_CAMPOS_HOGAR = ["hogar", "relacion_hogar", "tutor", "modificado", "modificado_por", "busqueda"]


def _guardar_persona(persona: Persona, usuario: User) -> None:
    persona.modificado_por = usuario
    persona.full_clean()
    persona.save(update_fields=_CAMPOS_HOGAR)


@audita("creado_por")
@transaction.atomic
def crear_hogar(
    *,
    nombre: str,
    creado_por: User,
    direccion: str = "",
    persona: Persona | None = None,
    relacion: str = "",
) -> Hogar:
    """Create a household, with `persona` as its first member when given."""
    hogar = guardar(Hogar(nombre=nombre, direccion=direccion, creado_por=creado_por))
    if persona is not None:
        agregar_miembro(hogar=hogar, persona=persona, relacion=relacion or "jefatura", usuario=creado_por)
    return hogar


@audita()
@transaction.atomic
def agregar_miembro(*, hogar: Hogar, persona: Persona, relacion: str, usuario: User) -> Persona:
    persona = Persona.objects.select_for_update().get(pk=persona.pk)
    if persona.hogar_id and persona.hogar_id != hogar.pk:
        raise ValidationError(
            _("%(persona)s ya pertenece a otro hogar: quítela de ese hogar primero.") % {"persona": persona}
        )
    if not relacion:
        raise ValidationError({"relacion_hogar": _("Indique la relación con el hogar.")})
    persona.hogar = hogar
    persona.relacion_hogar = relacion
    _guardar_persona(persona, usuario)
    return persona


@audita()
@transaction.atomic
def quitar_miembro(*, persona: Persona, usuario: User) -> Persona:
    persona = Persona.objects.select_for_update().get(pk=persona.pk)
    persona.hogar = None
    persona.relacion_hogar = ""
    persona.tutor = None
    _guardar_persona(persona, usuario)
    # Children of the household no longer have this person as their guardian.
    actualizar_con_historial(
        Persona.objects.filter(tutor=persona),
        usuario=usuario,
        tutor=None,
        modificado_por=usuario,
        modificado=timezone.now(),
    )
    return persona


@audita()
@transaction.atomic
def asignar_tutor(*, persona: Persona, tutor: Persona | None, usuario: User) -> Persona:
    """Link a child to their guardian (an adult of the same household), or unlink with None."""
    persona = Persona.objects.select_for_update().get(pk=persona.pk)
    if tutor is not None:
        if tutor.pk == persona.pk:
            raise ValidationError({"tutor": _("Una persona no puede ser su propio adulto responsable.")})
        if not persona.hogar_id or tutor.hogar_id != persona.hogar_id:
            raise ValidationError({"tutor": _("El adulto responsable debe pertenecer al mismo hogar.")})
        if tutor.nna:
            raise ValidationError(
                {"tutor": _("El adulto responsable no puede ser un niño, niña o adolescente.")}
            )
    persona.tutor = tutor
    _guardar_persona(persona, usuario)
    return persona

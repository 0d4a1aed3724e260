"""Helpers shared by the service modules."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from ..models import Persona


class TransicionInvalida(ValidationError):
    """A referral move that the state machine does not allow, or a stale one."""


def guardar(instancia, **kwargs):
    """Validate (fields, clean, constraints) then save."""
    instancia.full_clean()
    instancia.save(**kwargs)
    return instancia


def exigir_persona_activa(persona):
    """Refuse to process a blocked (Ley 21.719) or anonymised person, reading the current state.

    The error is a form-wide one (NON_FIELD_ERRORS), so views that copy `message_dict` into a form show it.
    """
    estado = Persona.objects.filter(pk=persona.pk).values("bloqueada", "anonimizada_en").first()
    if estado is None:
        return
    if estado["anonimizada_en"] is not None:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Los datos de esta persona fueron anonimizados: no se pueden registrar cambios."
                )
            }
        )
    if estado["bloqueada"]:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "El tratamiento de los datos de esta persona está bloqueado por una solicitud de derechos: "
                    "no se puede editar ni registrar atenciones, casos o derivaciones."
                )
            }
        )

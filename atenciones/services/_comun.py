"""Helpers shared by the service modules."""

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from ..models import Persona

M = TypeVar("M", bound=models.Model)


class TransicionInvalida(ValidationError):
    """A referral move that the state machine does not allow, or a stale one."""


def guardar(instancia: M, **kwargs: Any) -> M:
    """Validate (fields, clean, constraints) then save."""
    instancia.full_clean()
    instancia.save(**kwargs)
    return instancia


class RegistroDesactualizado(ValidationError):
    """Someone else saved the record after the user opened the form (no lost update).

    `cambios` lists (field label, value now stored) where the stored value differs from the
    user's input; `actual` is the record as stored now.
    """

    def __init__(self, message: str, *, actual: models.Model, cambios: list[tuple[Any, Any]]) -> None:
        super().__init__(message, code="desactualizado")
        self.actual = actual
        self.cambios = cambios


def version_de(instancia: Any) -> str:
    """The token a form carries to detect a concurrent save: the `modificado` timestamp."""
    return instancia.modificado.isoformat() if instancia.modificado else ""


def comprobar_version(actual: models.Model, version: str | None, datos: dict[str, Any]) -> None:
    """Raise RegistroDesactualizado if `actual` (locked, fresh) changed since `version`."""
    if not version or version_de(actual) == version:
        return
    from django.utils.translation import gettext as _

    cambios: list[tuple[Any, Any]] = []
    for campo, valor in datos.items():
        guardado = getattr(actual, campo)
        if guardado != valor:
            field = cast(models.Field, actual._meta.get_field(campo))
            mostrado = getattr(actual, f"get_{campo}_display")() if field.choices else guardado
            cambios.append((field.verbose_name, mostrado))
    raise RegistroDesactualizado(
        _("Otra persona guardó este registro mientras usted lo editaba. Revise los valores actuales."),
        actual=actual,
        cambios=cambios,
    )


def exigir_persona_activa(persona: Persona) -> None:
    """Refuse to process a blocked (Ley 21.719) or anonimised person, reading the current state.

    The error is a form-wide one (NON_FIELD_ERRORS), so views that copy `message_dict` into a form show it.
    """
    estado = (
        Persona.objects.filter(pk=persona.pk).values("bloqueada", "anonimizada_en", "fusionada_en").first()
    )
    if estado is not None:
        revisar_estado_persona(estado)


def revisar_estado_persona(estado: Mapping[str, Any]) -> None:
    """`exigir_persona_activa` on a person's stored state (bloqueada, anonimizada_en, fusionada_en),
    read by the caller (the import reads a whole block's persons in one query)."""
    if estado["fusionada_en"] is not None:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _("Esta ficha se fusionó en la ficha N° %(id)s: registre los cambios allí.")
                % {"id": estado["fusionada_en"]}
            }
        )
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

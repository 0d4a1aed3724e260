"""Persons: register and update."""

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Persona
from ._auditoria import audita
from ._comun import comprobar_version, exigir_persona_activa, guardar
from .documentos import _sincronizar_documento_actual
from .duplicados import _recalcular_despues_de_guardar


def _guardar_persona(persona: Persona, usuario) -> Persona:
    """Save with the current document kept in step; a race on a unique document is a form error."""
    try:
        with transaction.atomic():
            guardar(persona)
            _sincronizar_documento_actual(persona=persona, usuario=usuario)
    except IntegrityError:
        # Two users registered the same document at the same moment: the second one loses.
        raise ValidationError(
            {"documento_numero": _("Ya existe una persona con ese documento.")}, code="documento_ajeno"
        ) from None
    _recalcular_despues_de_guardar(persona.pk)
    return persona


@audita("creado_por")
@transaction.atomic
def registrar_persona(*, creado_por: User, consentimiento: bool = False, **datos: Any) -> Persona:
    """Create a person; `consentimiento` records the data-processing consent now."""
    persona = Persona(**datos, creado_por=creado_por, modificado_por=creado_por)
    if consentimiento:
        persona.consentimiento_fecha = timezone.now()
        persona.consentimiento_version = settings.AVISO_PRIVACIDAD_VERSION
        persona.consentimiento_registrado_por = creado_por
    return _guardar_persona(persona, creado_por)


@audita()
@transaction.atomic
def actualizar_persona(
    *, persona: Persona, usuario: User, version: str | None = None, **datos: Any
) -> Persona:
    """Update a person; with `version` (the form's token) a concurrent save is refused."""
    exigir_persona_activa(persona)
    if persona.pk and version is not None:
        actual = Persona.objects.select_for_update().get(pk=persona.pk)
        comprobar_version(actual, version, datos)
    for campo, valor in datos.items():
        setattr(persona, campo, valor)
    persona.modificado_por = usuario
    return _guardar_persona(persona, usuario)

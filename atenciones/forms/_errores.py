"""Turn a service's ValidationError into messages beside the form's fields."""

from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError


def errores_a_formulario(
    form: forms.BaseForm, exc: ValidationError, mapa: Mapping[str, str] | None = None
) -> None:
    """Add `exc` to `form`: each field's message beside its field (renamed by `mapa`), others on top."""
    mapa = mapa or {}
    if hasattr(exc, "error_dict"):
        for campo, errores in exc.error_dict.items():
            destino = mapa.get(campo, campo)
            for error in errores:
                form.add_error(destino if destino in form.fields else None, error)
    else:
        for mensaje in exc.messages:
            form.add_error(None, mensaje)

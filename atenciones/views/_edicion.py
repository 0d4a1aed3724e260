"""The edit-form cycle shared by the person and case pages, with no lost update."""

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, QueryDict

from ..forms._errores import errores_a_formulario
from ..services._comun import RegistroDesactualizado, version_de


def editar_con_version(
    request: HttpRequest,
    *,
    form_class: type[forms.ModelForm],
    instancia: models.Model,
    recargar: Callable[[], models.Model],
    guardar: Callable[[Any], object],
) -> tuple[Any, RegistroDesactualizado | None, bool]:
    """Bind, validate and save an edit form that carries a `version` token.

    Returns (form, cambios, guardado). If someone saved the record meanwhile, `cambios` is the
    RegistroDesactualizado raised by the service and the user's input stays in the form with the
    new token, so saving again is deliberate. Service validation errors go beside the fields.
    """
    if request.method != "POST":
        return form_class(instance=instancia), None, False
    form = form_class(request.POST, instance=instancia)
    if not form.is_valid():
        return form, None, False
    try:
        guardar(form)
    except RegistroDesactualizado as exc:
        datos = cast(QueryDict, form.data).copy()
        datos["version"] = version_de(exc.actual)
        form = form_class(datos, instance=recargar())
        form.is_valid()
        return form, exc, False
    except ValidationError as exc:
        errores_a_formulario(form, exc)
        return form, None, False
    return form, None, True

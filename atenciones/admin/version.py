"""No lost update in the admin: the change form carries a token of the record as it was opened.

On save, the record is read again under a row lock (the admin saves inside one transaction) and,
if anyone saved it meanwhile (the staff pages, another admin tab), the save is refused: the typed
values stay in the form, the message lists the stored values that differ from them, and the token
is renewed, so saving again is a deliberate choice, like on the staff pages (views/_edicion.py).

The token is a hash of every column of the row (plus `version_extra`, e.g. an attention's topics),
so it works on models without a `modificado` timestamp too.
"""

import hashlib
import json
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

CAMPO_VERSION = "version_admin"

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]  # what VersionAdminMixin is mixed into
else:
    _ModelAdmin = object


def _texto(valor: Any) -> str:
    if valor in (None, ""):
        return "—"
    if isinstance(valor, bool):
        return _("sí") if valor else _("no")
    return str(valor)


class OcultoSinEtiqueta(forms.HiddenInput):
    """A hidden admin field: the admin prints a label for every field, this one points nowhere.

    A label's `for` must name a visible control (HTML checker), so the hidden input has none.
    """

    def id_for_label(self, id_: str) -> str:
        return ""


class VersionAdminMixin(_ModelAdmin):
    """For a ModelAdmin: refuse a stale change form (see the module docstring)."""

    def version_extra(self, obj: models.Model) -> list:
        """Related rows edited in the same form (inlines), as plain values."""
        return []

    def version_de(self, obj: models.Model) -> str:
        valores = [(f.attname, f.value_to_string(obj)) for f in obj._meta.concrete_fields]
        crudo = json.dumps([valores, self.version_extra(obj)], default=str, sort_keys=True)
        return hashlib.sha256(crudo.encode()).hexdigest()[:40]

    def _diferencias(self, form: forms.ModelForm, actual: models.Model) -> list[str]:
        lineas = []
        for nombre, valor in form.cleaned_data.items():
            try:
                campo = actual._meta.get_field(nombre)
            except Exception:  # noqa: S112 - a form-only field
                continue
            if not isinstance(campo, models.Field) or not getattr(campo, "concrete", False):
                continue  # a reverse relation or a generic foreign key
            if campo.many_to_many:
                continue
            guardado = getattr(actual, campo.attname)
            escrito = valor.pk if isinstance(valor, models.Model) else valor
            if guardado == escrito or (guardado in (None, "") and escrito in (None, "")):
                continue
            if campo.choices:
                mostrado = getattr(actual, f"get_{nombre}_display")()
            elif campo.is_relation:
                mostrado = getattr(actual, nombre)
            else:
                mostrado = guardado
            lineas.append(
                _("%(campo)s: ahora dice «%(valor)s».")
                % {"campo": str(campo.verbose_name).capitalize(), "valor": _texto(mostrado)}
            )
        return lineas

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None or obj.pk is None:
            return super().get_form(request, obj, change=change, **kwargs)
        model_admin = self
        base = kwargs.get("form") or self.form

        def __init__(form_self, *args, **kw):
            base.__init__(form_self, *args, **kw)
            form_self.fields[CAMPO_VERSION].initial = model_admin.version_de(form_self.instance)

        def clean(form_self):
            datos = base.clean(form_self)
            enviado = form_self.data.get(CAMPO_VERSION)
            if not enviado:
                return datos
            actual = (
                type(form_self.instance)._default_manager.select_for_update().get(pk=form_self.instance.pk)
            )
            vigente = model_admin.version_de(actual)
            if enviado == vigente:
                return datos
            # The next save of these values is deliberate: it carries the current token.
            renovado = form_self.data.copy()
            renovado[CAMPO_VERSION] = vigente
            form_self.data = renovado
            raise ValidationError(
                [
                    _("Otra persona guardó este registro mientras usted lo editaba: no se guardó nada."),
                    *model_admin._diferencias(form_self, actual),
                    _(
                        "Sus datos siguen en el formulario. Si guarda de nuevo, reemplazarán los valores actuales."
                    ),
                ],
                code="desactualizado",
            )

        atributos = {
            "__module__": __name__,
            CAMPO_VERSION: forms.CharField(required=False, widget=OcultoSinEtiqueta),
            "__init__": __init__,
            "clean": clean,
        }
        metaclase = type(base)
        kwargs["form"] = metaclase(f"{base.__name__}ConVersion", (base,), atributos)  # type: ignore[misc]  # mypy cannot call a metaclass obtained from type()
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.pk is None:
            return fieldsets
        presentes = {
            c
            for _n, opciones in fieldsets
            for f in opciones["fields"]
            for c in (f if isinstance(f, (list, tuple)) else [f])
        }
        if CAMPO_VERSION in presentes:
            return fieldsets
        (nombre, opciones), *resto = fieldsets
        return [(nombre, {**opciones, "fields": [*opciones["fields"], CAMPO_VERSION]}), *resto]

"""A guard for Django's admin autocomplete widget against hostile input.

To re-render a form, the widget looks up the posted value as an id; a value that is not one
(a space, text, a 20-digit number) makes that lookup raise ValueError or OverflowError: a 500
instead of the form's "select a valid choice". `instalar()` makes every autocomplete widget of
every admin (inlines included) skip such values. Installed once, when the admin modules load.
"""

from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError

_optgroups_de_django = AutocompleteMixin.optgroups


def _ids_validos(widget, valores):
    opts = widget.field.remote_field.model._meta
    campo = opts.get_field(getattr(widget.field.remote_field, "field_name", None) or opts.pk.attname)
    validos = []
    for valor in valores:
        try:
            id_ = campo.to_python(valor)
        except ValidationError:
            continue
        if isinstance(id_, int) and not -(2**63) <= id_ < 2**63:
            continue  # the database cannot even compare it
        validos.append(valor)
    return validos


def _optgroups_seguro(self, name, value, attr=None):
    return _optgroups_de_django(self, name, _ids_validos(self, value), attr)


def instalar():
    AutocompleteMixin.optgroups = _optgroups_seguro  # type: ignore[method-assign]  # the patch this module exists for

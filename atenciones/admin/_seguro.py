"""Admin widgets hardened against hostile input.

Django's autocomplete widget looks up the posted value to re-render the form; a value that is not
an id (a space, text, a 20-digit number) makes that lookup raise ValueError: a 500 instead of "select a valid choice".
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


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


class AutocompleteSeguro(AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _ids_validos(self, value), attr)


class AutocompleteMultipleSeguro(AutocompleteSelectMultiple):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _ids_validos(self, value), attr)


class AutocompleteSeguroMixin:
    """Use in a ModelAdmin with autocomplete_fields: bad ids give a form error, never a 500."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSeguro(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteMultipleSeguro(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

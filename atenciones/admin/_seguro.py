"""Guards for Django's admin against hostile input, installed once for every admin (inlines included).

- Autocomplete widgets: to re-render a form, the widget looks up the posted value as an id; a value
  that is not one (a space, text, a 20-digit number) would raise ValueError or OverflowError: a 500
  instead of the form's "select a valid choice". Such values are skipped.
- Date drill-down (date_hierarchy): a year, month or day out of range (`?fecha__year=99999999999`)
  raised OverflowError; it is now an invalid lookup (Django's "?e=1" page), never a 500.
- Search: the list search box and the autocomplete term keep at most MAX_PALABRAS words and
  MAX_CARACTERES characters, like the staff search: a 1,000-word search cannot hold a worker.
- Autocomplete results: a model admin may define `texto_autocompletar(obj)` to say more than
  `str(obj)` (persons: birth date, nationality, document), so namesakes can be told apart.
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.views.main import SEARCH_VAR, ChangeList, ChangeListSearchForm
from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError

MAX_PALABRAS = 10
MAX_CARACTERES = 200

_optgroups_de_django = AutocompleteMixin.optgroups
_get_filters_de_django = ChangeList.get_filters
_process_request_de_django = AutocompleteJsonView.process_request
_serialize_result_de_django = AutocompleteJsonView.serialize_result


def acotar_busqueda(texto: str) -> str:
    """At most MAX_PALABRAS words and MAX_CARACTERES characters of a search."""
    return " ".join((texto or "")[:MAX_CARACTERES].split()[:MAX_PALABRAS])


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


def _get_filters_seguro(self, request):
    try:
        return _get_filters_de_django(self, request)
    except OverflowError as exc:  # a drill-down date beyond what datetime or the database holds
        raise IncorrectLookupParameters(exc) from exc


class BusquedaAcotadaForm(ChangeListSearchForm):
    def clean(self):
        super().clean()
        datos = self.cleaned_data
        datos[SEARCH_VAR] = acotar_busqueda(datos.get(SEARCH_VAR) or "")
        return datos


def _process_request_seguro(self, request):
    term, *resto = _process_request_de_django(self, request)
    self.model_admin_autocompletar = resto[0]
    return (acotar_busqueda(term), *resto)


def _serialize_result_seguro(self, obj, to_field_name):
    resultado = _serialize_result_de_django(self, obj, to_field_name)
    texto = getattr(getattr(self, "model_admin_autocompletar", None), "texto_autocompletar", None)
    if texto is not None:
        resultado["text"] = str(texto(obj))
    return resultado


def instalar():
    # The patches this module exists for.
    AutocompleteMixin.optgroups = _optgroups_seguro  # type: ignore[method-assign]
    ChangeList.get_filters = _get_filters_seguro  # type: ignore[method-assign]
    ChangeList.search_form_class = BusquedaAcotadaForm
    AutocompleteJsonView.process_request = _process_request_seguro  # type: ignore[method-assign]
    AutocompleteJsonView.serialize_result = _serialize_result_seguro  # type: ignore[method-assign]

"""One encoding of a referral's destination in forms: "departamento:<id>" or "organizacion:<id>".

Every form that offers destinations (new referral, attention with referral, list filter) builds its
choices with `opcion_destino` and reads the answer with `CampoDestino`, which gives back the
department or organisation itself.
"""

from typing import Any, TypedDict

from django import forms
from django.utils.translation import gettext_lazy as _

from oficina.models import Departamento, Organizacion

Destino = Departamento | Organizacion

MODELOS: dict[str, type[Destino]] = {"departamento": Departamento, "organizacion": Organizacion}
# The short form of earlier pages ("d12", "o7"), still read so an open form keeps working.
_CORTOS = {"d": "departamento", "o": "organizacion"}


def valor_destino(destino: Destino) -> str:
    """The choice value of a destination."""
    return f"{'departamento' if isinstance(destino, Departamento) else 'organizacion'}:{destino.pk}"


def opcion_destino(destino: Destino, etiqueta: str | None = None) -> tuple[str, str]:
    return valor_destino(destino), etiqueta if etiqueta is not None else destino.nombre


class CamposDestino(TypedDict, total=False):
    departamento: Departamento
    organizacion: Organizacion


def campos_destino(destino: Destino) -> CamposDestino:
    """The referral's field for this destination: {"departamento": …} or {"organizacion": …}."""
    if isinstance(destino, Departamento):
        return {"departamento": destino}
    return {"organizacion": destino}


def _canonico(valor: str) -> str:
    if valor and valor[0] in _CORTOS and valor[1:].isdigit():
        return f"{_CORTOS[valor[0]]}:{valor[1:]}"
    return valor


class CampoDestino(forms.ChoiceField):
    """A choice of destination; `cleaned_data` holds the Departamento or Organizacion (or None)."""

    def to_python(self, value: Any) -> str:
        return _canonico(super().to_python(value))

    def clean(self, value: Any) -> Destino | None:
        valor = super().clean(value)
        if not valor:
            return None
        tipo, _sep, pk = valor.partition(":")
        modelo = MODELOS.get(tipo)
        if modelo is None or not pk.isdigit():
            raise forms.ValidationError(_("Elija un destino de la lista."))
        try:
            return modelo.objects.get(pk=int(pk))
        except modelo.DoesNotExist:
            raise forms.ValidationError(_("Elija un destino de la lista.")) from None

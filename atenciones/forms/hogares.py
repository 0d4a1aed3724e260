"""Households: create one, add a member, link a child to their guardian."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import RelacionHogar
from ..envios import TokenEnvioMixin
from ..models import Hogar, Persona


class HogarForm(TokenEnvioMixin, forms.ModelForm):
    formulario_envio = "hogar"
    relacion = forms.ChoiceField(
        label=_("Relación de la persona con el hogar"),
        choices=RelacionHogar.choices,
        initial=RelacionHogar.JEFATURA,
    )

    class Meta:
        model = Hogar
        fields = ["nombre", "direccion"]


class MiembroForm(forms.Form):
    persona = forms.ModelChoiceField(queryset=Persona.objects.all(), widget=forms.HiddenInput)
    relacion = forms.ChoiceField(label=_("Relación"), choices=RelacionHogar.choices)


class TutorForm(forms.Form):
    persona = forms.ModelChoiceField(queryset=Persona.objects.none(), widget=forms.HiddenInput)
    tutor = forms.ModelChoiceField(
        label=_("Adulto responsable"),
        queryset=Persona.objects.none(),
        required=False,
        empty_label=_("Sin adulto responsable"),
    )

    def __init__(self, *args: Any, hogar: Hogar, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        miembros = Persona.objects.filter(hogar=hogar)
        cast(forms.ModelChoiceField, self.fields["persona"]).queryset = miembros
        cast(forms.ModelChoiceField, self.fields["tutor"]).queryset = miembros.filter(nna=False)

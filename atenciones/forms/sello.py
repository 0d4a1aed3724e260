"""Forms of the Sello Migrante pages: evidence, narratives, enrolment and attendance."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oficina.models import NarrativaCompromiso

from ..models import Persona


class EvidenciaForm(forms.Form):
    titulo = forms.CharField(label=_("Título"), max_length=200)
    archivo = forms.FileField(label=_("Archivo"), required=False, max_length=200)
    enlace = forms.URLField(label=_("o enlace"), required=False, assume_scheme="https")

    def clean(self) -> dict[str, Any]:
        datos = super().clean() or {}
        if bool(datos.get("archivo")) == bool(datos.get("enlace")) and not self.errors:
            raise forms.ValidationError(_("Suba un archivo o indique un enlace (uno de los dos)."))
        return datos


class NarrativaForm(forms.Form):
    texto = forms.CharField(
        label=_("Texto"),
        required=False,
        max_length=NarrativaCompromiso._meta.get_field("texto").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class InscripcionForm(forms.Form):
    persona = forms.ModelChoiceField(
        label=_("N° de registro de la persona"),
        queryset=Persona.objects.all(),
        widget=forms.NumberInput,
        error_messages={"invalid_choice": _("No hay una persona con ese número de registro.")},
    )


class AsistenciaForm(forms.Form):
    personas = forms.ModelMultipleChoiceField(
        label=_("Presentes"),
        queryset=Persona.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Una de las personas marcadas no existe."),
            "required": _("Marque al menos una persona presente."),
        },
    )

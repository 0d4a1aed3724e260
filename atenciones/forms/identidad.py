"""Identity documents and merges."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ..choices import TipoDocumento
from ..models import Persona
from ..services.fusion import CAMPOS_ELEGIBLES


class DocumentoForm(forms.Form):
    tipo = forms.ChoiceField(
        label=_("Tipo"), choices=[c for c in TipoDocumento.choices if c[0] != TipoDocumento.NINGUNO]
    )
    numero = forms.CharField(label=_("Número"), max_length=30, help_text=_("Con o sin puntos y guion."))
    pais_emisor = CountryField(blank=True).formfield(label=_("País emisor"), required=False)
    fecha_emision = forms.DateField(
        label=_("Emisión"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    fecha_vencimiento = forms.DateField(
        label=_("Vencimiento"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    vigente = forms.BooleanField(label=_("Es su documento actual"), required=False)

    def clean(self):
        datos = super().clean()
        emision, vencimiento = datos.get("fecha_emision"), datos.get("fecha_vencimiento")
        if emision and vencimiento and vencimiento < emision:
            self.add_error("fecha_vencimiento", _("El vencimiento no puede ser anterior a la emisión."))
        return datos


def _mostrar(persona: Persona, campo: str) -> str:
    if campo == "documento":
        return f"{persona.get_tipo_documento_display()} {persona.documento_display}".strip()
    valor = getattr(persona, campo)
    field = Persona._meta.get_field(campo)
    if field.choices and valor:
        return str(getattr(persona, f"get_{campo}_display")())
    if campo == "nacionalidad" or campo == "pais_nacimiento":
        return valor.name if valor else ""
    if hasattr(valor, "strftime"):
        return valor.strftime("%d-%m-%Y")
    return "" if valor is None else str(valor)


class FusionForm(forms.Form):
    """Which record stays, and for each field that differs, whose value to keep."""

    queda = forms.ChoiceField(label=_("Ficha que queda"), widget=forms.RadioSelect)
    version_a = forms.CharField(widget=forms.HiddenInput)
    version_b = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, a: Persona, b: Persona, **kwargs):
        super().__init__(*args, **kwargs)
        self.a, self.b = a, b
        self.fields["queda"].choices = [
            ("a", _("N° %(id)s") % {"id": a.pk}),
            ("b", _("N° %(id)s") % {"id": b.pk}),
        ]
        self.initial.setdefault("queda", "a")
        self.filas = []
        for campo in CAMPOS_ELEGIBLES:
            va, vb = _mostrar(a, campo), _mostrar(b, campo)
            if va == vb:
                continue
            etiqueta = (
                _("Documento actual") if campo == "documento" else Persona._meta.get_field(campo).verbose_name
            )
            nombre = f"campo_{campo}"
            self.fields[nombre] = forms.ChoiceField(
                label=str(etiqueta).capitalize(),
                choices=[("a", va or "—"), ("b", vb or "—")],
                widget=forms.RadioSelect,
                # A field that appeared since the page was opened keeps the survivor's value (the
                # service then refuses the stale page anyway).
                required=False,
            )
            # Default: the first record's value, unless only the other one has a value.
            self.initial.setdefault(nombre, "b" if (not va and vb) else "a")
            self.filas.append((campo, nombre))

    def elegidos(self) -> tuple[Persona, Persona, list[str]]:
        """(survivor, absorbed, fields to take from the absorbed record)."""
        queda = self.cleaned_data["queda"]
        superviviente, absorbida = (self.a, self.b) if queda == "a" else (self.b, self.a)
        otra = "b" if queda == "a" else "a"
        elegidos = [campo for campo, nombre in self.filas if self.cleaned_data.get(nombre) == otra]
        return superviviente, absorbida, elegidos

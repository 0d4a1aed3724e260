"""Register and edit a person."""

import datetime
from functools import cached_property
from typing import Any, cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oficina.choices import Idioma

from ..envios import TokenEnvioMixin
from ..models import Persona
from ..models.personas import BANDERAS
from ..selectors.personas import posibles_duplicados


class FechaInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class PersonaForm(forms.ModelForm):
    edad = forms.IntegerField(
        label=_("o edad (años)"),
        required=False,
        min_value=0,
        max_value=120,
        help_text=_("Si no sabe la fecha: se guarda una fecha aproximada."),
    )
    idiomas = forms.MultipleChoiceField(
        label=_("Idiomas que habla"),
        choices=Idioma.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # The token of the version the user opened: a concurrent save is refused (no lost update).
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Persona
        fields = [
            "nombres",
            "apellidos",
            "nombre_social",
            "fecha_nacimiento",
            "sexo",
            "genero",
            "nacionalidad",
            "pais_nacimiento",
            "tipo_documento",
            "documento_numero",
            "telefono",
            "email",
            "direccion",
            "comuna",
            "sector",
            "fecha_llegada_chile",
            "situacion_migratoria",
            "idiomas",
            "requiere_interprete",
            *BANDERAS,
        ]
        widgets = {"fecha_nacimiento": FechaInput(), "fecha_llegada_chile": FechaInput()}
        error_messages = {"nombres": {"required": _("Indique al menos un nombre.")}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["documento_numero"].help_text = _("Con o sin puntos y guion.")
        for campo in ("nacionalidad", "pais_nacimiento"):
            # An explicit empty choice first (django-countries starts with the frequent countries).
            pais = cast(forms.ChoiceField, self.fields[campo])
            # The field holds a list here (stubs also allow enum types and callables).
            pais.choices = [("", _("Sin informar")), *cast(list, pais.choices)]
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.modificado.isoformat()
            if self.instance.fecha_nacimiento_aproximada:
                self.initial["edad"] = self.instance.edad()
                self.initial["fecha_nacimiento"] = None
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(*self._secciones())

    def _secciones(self) -> list[Any]:
        return [
            Fieldset(
                _("Identificación"),
                Row(Column("nombres"), Column("apellidos"), Column("nombre_social")),
                Row(Column("fecha_nacimiento"), Column("edad"), Column("sexo"), Column("genero")),
                Row(Column("nacionalidad"), Column("pais_nacimiento")),
                Row(Column("tipo_documento"), Column("documento_numero")),
            ),
            Fieldset(
                _("Contacto"),
                Row(Column("telefono"), Column("email")),
                Row(Column("direccion"), Column("comuna"), Column("sector")),
            ),
            Fieldset(
                _("Situación"),
                Row(Column("fecha_llegada_chile"), Column("situacion_migratoria")),
                Row(Column("idiomas"), Column("requiere_interprete")),
            ),
            Fieldset(_("Prioridad de atención"), Div(*BANDERAS, css_class="banderas")),
            "version",
        ]

    def _update_errors(self, errors: ValidationError) -> None:
        # A field that already failed (e.g. too long) is not also reported by the model's clean().
        if hasattr(errors, "error_dict"):
            for campo in [c for c in errors.error_dict if c in self.errors]:
                del errors.error_dict[campo]
            if not errors.error_dict:
                return
        super()._update_errors(errors)  # type: ignore[misc]  # ModelForm's hook, absent from django-stubs

    def clean_nombres(self) -> Any:
        nombres = self.cleaned_data["nombres"].strip()
        if not nombres:
            raise forms.ValidationError(_("Indique al menos un nombre."))
        return nombres

    def clean(self) -> dict[str, Any]:
        super().clean()
        datos = self.cleaned_data
        edad = datos.get("edad")
        hoy = timezone.localdate()
        if datos.get("fecha_nacimiento"):
            self.instance.fecha_nacimiento_aproximada = False
        elif edad is not None:
            try:
                fecha = hoy.replace(year=hoy.year - edad)
            except ValueError:  # 29 February
                fecha = hoy.replace(year=hoy.year - edad, day=28)
            datos["fecha_nacimiento"] = fecha - datetime.timedelta(days=182)
            self.instance.fecha_nacimiento_aproximada = True
        else:
            self.instance.fecha_nacimiento_aproximada = False
        return datos

    def datos_servicio(self) -> dict[str, Any]:
        """The fields the person services take (without the token and the helper fields)."""
        datos = {campo: self.cleaned_data.get(campo) for campo in self._meta.fields or ()}
        datos["fecha_nacimiento_aproximada"] = self.instance.fecha_nacimiento_aproximada
        for campo in (
            "email",
            "direccion",
            "sector",
            "nombre_social",
            "apellidos",
            "documento_numero",
            "telefono",
        ):
            datos[campo] = datos[campo] or ""
        # Keep values as the model normalised them (document, phone).
        for campo in ("nombres", "apellidos", "documento_numero", "telefono"):
            datos[campo] = getattr(self.instance, campo)
        return datos


class RegistroPersonaForm(TokenEnvioMixin, PersonaForm):
    formulario_envio = "persona"
    consentimiento = forms.BooleanField(
        label=_("La persona leyó o escuchó el aviso de privacidad y acepta el tratamiento de sus datos."),
        required=True,
        error_messages={"required": _("Registre el consentimiento de la persona para tratar sus datos.")},
    )
    # Set on the second submit, after the possible duplicates were shown: a deliberate choice.
    confirmar = forms.CharField(required=False, widget=forms.HiddenInput)

    def _secciones(self) -> list[Any]:
        return [*super()._secciones(), Fieldset(_("Consentimiento"), "consentimiento"), "confirmar"]

    # --- the duplicate-confirmation protocol ---
    # A submit whose data look like persons already registered shows them and registers nothing;
    # submitting the same data again (same likely duplicates) registers the person anyway.

    @cached_property
    def duplicados(self) -> list[dict]:
        """Likely duplicates of what was typed (cleaned where it could be)."""
        self.is_valid()  # cleans once; the check uses the cleaned values where there are some
        limpio = getattr(self, "cleaned_data", {})
        return posibles_duplicados(
            nombres=limpio.get("nombres") or self.data.get("nombres", ""),
            apellidos=limpio.get("apellidos") or self.data.get("apellidos", ""),
            fecha_nacimiento=limpio.get("fecha_nacimiento"),
            tipo_documento=limpio.get("tipo_documento") or self.data.get("tipo_documento", ""),
            documento_numero=limpio.get("documento_numero") or self.data.get("documento_numero", ""),
            telefono=limpio.get("telefono") or self.data.get("telefono", ""),
            sexo=limpio.get("sexo") or "",
            fecha_nacimiento_aproximada=self.instance.fecha_nacimiento_aproximada,
        )

    def _ficha(self) -> str:
        return ",".join(str(d["persona"].pk) for d in self.duplicados)

    def confirmado(self) -> bool:
        """Valid, and with no likely duplicate or with the same ones already shown and confirmed."""
        self._valido = self.is_valid()
        return self._valido and (not self.duplicados or self.cleaned_data["confirmar"] == self._ficha())

    def pedir_confirmacion(self) -> None:
        """After valid data with likely duplicates: the next submit of the same data registers anyway."""
        if self.duplicados and getattr(self, "_valido", False):
            datos = cast(QueryDict, self.data).copy()
            datos["confirmar"] = self._ficha()
            self.data = datos

    @property
    def confirmable(self) -> bool:
        return bool(self.duplicados) and self.is_bound and not self.errors

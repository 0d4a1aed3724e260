"""Log an attention, optionally opening a case and sending a referral in the same submit."""

import datetime
from typing import Any, cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oficina.choices import Area, Tema
from oficina.models import Departamento, Organizacion

from ..choices import Canal, Prioridad
from ..envios import TokenEnvioMixin
from ..models import Caso, Persona
from .destinos import CampoDestino, campos_destino, opcion_destino
from .personas import FechaInput

FORMATO_FECHA_HORA = "%Y-%m-%dT%H:%M"

# Service field → form field, for the messages of a refused referral or case.
MAPA_ERRORES = {
    "consentimiento": "der_consentimiento",
    "departamento": "destino",
    "organizacion": "destino",
    "motivo": "der_motivo",
    "tema": "der_tema",
    "area": "caso_area",
}


class FechaHoraInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=FORMATO_FECHA_HORA, **kwargs)


def opciones_destino() -> list[tuple[Any, Any]]:
    """Grouped choices: active departments, then organisations that accept referrals."""
    deptos = [opcion_destino(d) for d in Departamento.objects.filter(activo=True).order_by("nombre")]
    orgs = [
        opcion_destino(o)
        for o in Organizacion.objects.filter(activa=True, acepta_derivaciones=True).order_by("nombre")
    ]
    return [("", "—"), (_("Departamentos municipales"), deptos), (_("Red de apoyo"), orgs)]


class CasoChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        # Not str(caso), which would load the person once per option.
        return _("Caso %(id)s · %(area)s · abierto el %(fecha)s") % {
            "id": obj.pk,
            "area": obj.get_area_display(),
            "fecha": obj.abierto_en.strftime("%d-%m-%Y"),
        }


class AtencionForm(TokenEnvioMixin, forms.Form):
    formulario_envio = "atencion"
    fecha_hora = forms.DateTimeField(
        label=_("Fecha y hora"), widget=FechaHoraInput(), input_formats=[FORMATO_FECHA_HORA, "%Y-%m-%d %H:%M"]
    )
    canal = forms.ChoiceField(label=_("Canal"), choices=Canal.choices, initial=Canal.PRESENCIAL)
    temas = forms.MultipleChoiceField(
        label=_("Temas"),
        choices=Tema.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Elija al menos un tema.")},
    )
    notas = forms.CharField(
        label=_("Notas"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Breves: no registre detalles sensibles innecesarios."),
    )
    resultado = forms.CharField(label=_("Resultado"), required=False, max_length=500)
    fecha_seguimiento = forms.DateField(label=_("Fecha de seguimiento"), required=False, widget=FechaInput())
    caso = CasoChoiceField(
        label=_("Caso existente"), queryset=Caso.objects.none(), required=False, empty_label=_("Sin caso")
    )

    abrir_caso = forms.BooleanField(label=_("Abrir un caso con esta atención"), required=False)
    caso_motivo = forms.CharField(label=_("Motivo del caso"), required=False, max_length=2000)
    caso_area = forms.ChoiceField(
        label=_("Área del caso"), choices=[("", "—"), *Area.choices], required=False
    )
    caso_prioridad = forms.ChoiceField(
        label=_("Prioridad del caso"), choices=Prioridad.choices, initial=Prioridad.MEDIA, required=False
    )

    derivar = forms.BooleanField(label=_("Derivar con esta atención"), required=False)
    destino = CampoDestino(label=_("Destino"), choices=(), required=False)
    der_tema = forms.ChoiceField(
        label=_("Tema de la derivación"), choices=[("", "—"), *Tema.choices], required=False
    )
    der_motivo = forms.CharField(
        label=_("Motivo de la derivación"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    der_prioridad = forms.ChoiceField(
        label=_("Prioridad de la derivación"),
        choices=Prioridad.choices,
        initial=Prioridad.MEDIA,
        required=False,
    )
    der_consentimiento = forms.BooleanField(
        label=_("La persona consiente compartir sus datos con el destino."), required=False
    )

    def __init__(self, *args: Any, persona: Persona, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.persona = persona
        cast(forms.ModelChoiceField, self.fields["caso"]).queryset = Caso.objects.abiertos().filter(
            persona=persona
        )
        cast(forms.ChoiceField, self.fields["destino"]).choices = opciones_destino()
        if not self.is_bound:
            self.initial.setdefault("fecha_hora", timezone.localtime().replace(second=0, microsecond=0))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(Column("fecha_hora"), Column("canal"), Column("fecha_seguimiento")),
            "temas",
            "notas",
            Row(Column("resultado"), Column("caso")),
            Fieldset(
                _("Abrir un caso"),
                "abrir_caso",
                Row(Column("caso_motivo"), Column("caso_area"), Column("caso_prioridad")),
                css_class="border rounded p-2 mb-3",
            ),
            Fieldset(
                _("Derivar"),
                "derivar",
                Row(Column("destino"), Column("der_tema"), Column("der_prioridad")),
                "der_motivo",
                "der_consentimiento",
                css_class="border rounded p-2 mb-3",
            ),
        )

    def clean_fecha_hora(self) -> Any:
        fecha = self.cleaned_data["fecha_hora"]
        if fecha > timezone.now() + datetime.timedelta(minutes=5):
            raise forms.ValidationError(_("La atención no puede registrarse en el futuro."))
        return fecha

    def clean(self) -> dict[str, Any]:
        super().clean()
        datos = self.cleaned_data
        if datos.get("abrir_caso"):
            if datos.get("caso"):
                self.add_error("caso", _("Elija un caso existente o abra uno nuevo, no ambos."))
            if not (datos.get("caso_motivo") or "").strip():
                self.add_error("caso_motivo", _("Indique el motivo del caso."))
            if not datos.get("caso_area"):
                self.add_error("caso_area", _("Elija el área del caso."))
        if datos.get("derivar"):
            if not datos.get("destino") and "destino" not in self.errors:
                self.add_error("destino", _("Elija el departamento u organización de destino."))
            if not (datos.get("der_motivo") or "").strip():
                self.add_error("der_motivo", _("Indique el motivo de la derivación."))
            if not datos.get("der_tema"):
                self.add_error("der_tema", _("Elija el tema de la derivación."))
            if not datos.get("der_consentimiento"):
                self.add_error(
                    "der_consentimiento", _("Se requiere el consentimiento de la persona para derivar.")
                )
        return datos

    def datos_atencion(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "fecha_hora": d["fecha_hora"],
            "canal": d["canal"],
            "temas": d["temas"],
            "notas": d["notas"].strip(),
            "resultado": d["resultado"].strip(),
            "fecha_seguimiento": d["fecha_seguimiento"],
            "caso": d["caso"],
        }

    def datos_caso(self) -> dict[str, Any] | None:
        d = self.cleaned_data
        if not d.get("abrir_caso"):
            return None
        return {
            "motivo": d["caso_motivo"].strip(),
            "area": d["caso_area"],
            "prioridad": d["caso_prioridad"] or Prioridad.MEDIA,
            "fecha_seguimiento": d["fecha_seguimiento"],
        }

    def datos_derivacion(self) -> dict[str, Any] | None:
        d = self.cleaned_data
        if not d.get("derivar"):
            return None
        return {
            **campos_destino(d["destino"]),
            "tema": d["der_tema"],
            "motivo": d["der_motivo"].strip(),
            "prioridad": d["der_prioridad"] or Prioridad.MEDIA,
            "consentimiento": d["der_consentimiento"],
        }

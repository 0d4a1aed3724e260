"""Log an attention, optionally opening a case and sending a referral in the same submit."""

import datetime
from typing import Any, cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.db.models import Exists, OuterRef
from django.http import QueryDict
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


def opciones_destino(
    tema: str | None = None, hoy: datetime.date | None = None
) -> tuple[list[tuple[Any, Any]], list[str]]:
    """Grouped choices, as in the standalone referral form: the destinations proposed for the topic
    first, then the other departments and organisations (allowed, but shown as not matching it).
    Labels are the destinations' names (as before); the second value lists each proposed
    destination's response deadline.
    Two queries whatever the number of destinations.
    """
    from oficina.choices import AREA_DE_TEMA
    from oficina.models import Servicio

    from .derivaciones import _plazo

    hoy = hoy or timezone.localdate()
    area = AREA_DE_TEMA.get(tema) if tema else None
    departamentos = Departamento.objects.filter(activo=True).order_by("nombre")
    organizaciones = Organizacion.objects.filter(activa=True, acepta_derivaciones=True).order_by("nombre")
    if area:
        organizaciones = organizaciones.annotate(
            del_area=Exists(Servicio.objects.filter(organizacion=OuterRef("pk"), area=area))
        )
    propuestos: list[tuple[str, str]] = []
    deptos: list[tuple[str, str]] = []
    orgs: list[tuple[str, str]] = []
    plazos: list[str] = []
    for d in departamentos:
        propuesto = bool(area) and d.area == area
        (propuestos if propuesto else deptos).append(opcion_destino(d))
        if propuesto:
            plazos.append(f"{d.nombre}: {_plazo(d, hoy)}")
    for o in organizaciones:
        propuesto = getattr(o, "del_area", False)
        (propuestos if propuesto else orgs).append(opcion_destino(o))
        if propuesto:
            plazos.append(f"{o.nombre}: {_plazo(o, hoy)}")
    grupos: list[tuple[Any, Any]] = [("", "—")]
    if propuestos:
        grupos.append((_("Propuestos para el tema"), propuestos))
    otros = _(" (no corresponden al tema)") if area else ""
    grupos.append((f"{_('Departamentos municipales')}{otros}", deptos))
    grupos.append((f"{_('Red de apoyo')}{otros}", orgs))
    return grupos, plazos


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
        # The referral's topic: the one chosen, else the attention's first topic (proposed).
        if self.is_bound:
            tema = self.data.get("der_tema") or next(iter(cast(QueryDict, self.data).getlist("temas")), None)
        else:
            tema = self.initial.get("der_tema") or next(iter(self.initial.get("temas") or []), None)
        choices, plazos = opciones_destino(tema if tema in Tema.values else None)
        cast(forms.ChoiceField, self.fields["destino"]).choices = choices
        if plazos:
            # Each proposed destination's deadline, as the standalone referral form shows it.
            self.fields["destino"].help_text = _("Plazos de respuesta: %(plazos)s.") % {
                "plazos": "; ".join(plazos)
            }
        else:
            self.fields["destino"].help_text = _(
                "Elija el tema de la atención: los destinos propuestos para ese tema aparecen primero, con su plazo."
            )
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
                # The attention's topic is proposed for the referral.
                if datos.get("temas"):
                    datos["der_tema"] = datos["temas"][0]
                else:
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

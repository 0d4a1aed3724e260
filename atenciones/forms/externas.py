"""The external organisation's answer to one referral (signed link, no account)."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import MotivoRechazo, ResultadoDerivacion

# The organisation records any outcome but "referred onward": that one the office records.
RESULTADOS_EXTERNOS = [(v, e) for v, e in ResultadoDerivacion.choices if v != ResultadoDerivacion.DERIVADA]
ACCIONES = [("aceptar", _("Aceptar")), ("rechazar", _("Rechazar")), ("resultado", _("Registrar resultado"))]


class RespuestaExternaForm(forms.Form):
    accion = forms.ChoiceField(choices=ACCIONES, widget=forms.HiddenInput)
    motivo_rechazo = forms.ChoiceField(
        label=_("Motivo del rechazo"), choices=[("", "---------"), *MotivoRechazo.choices], required=False
    )
    resultado = forms.ChoiceField(
        label=_("Resultado"), choices=RESULTADOS_EXTERNOS, required=False, widget=forms.RadioSelect
    )
    resultado_detalle = forms.CharField(
        label=_("Detalle del resultado"),
        max_length=500,
        required=False,
        help_text=_("Obligatorio si el resultado es «Otro»."),
    )
    fecha_atendida = forms.DateField(
        label=_("Fecha en que se atendió"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Si la persona fue atendida y no la indica, se registra hoy."),
    )
    nota = forms.CharField(
        label=_("Comentario para la oficina"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("No escriba datos sensibles innecesarios."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        accion = self.data.get("accion") if self.is_bound else self.initial.get("accion")
        if accion == "rechazar":
            # Distinct labels: the page holds both forms.
            self.fields["nota"].label = _("Comentario sobre el rechazo")

    def clean(self) -> dict[str, Any] | None:
        datos = super().clean()
        if datos is None:
            return datos
        accion = datos.get("accion")
        if accion == "rechazar" and not datos.get("motivo_rechazo"):
            self.add_error("motivo_rechazo", _("Elija el motivo del rechazo."))
        if accion == "resultado":
            resultado = datos.get("resultado")
            if not resultado:
                self.add_error("resultado", _("Elija el resultado de la derivación."))
            elif resultado == ResultadoDerivacion.OTRO and not (datos.get("resultado_detalle") or "").strip():
                self.add_error("resultado_detalle", _("Describa el resultado «Otro»."))
            fecha = datos.get("fecha_atendida")
            if fecha and fecha > timezone.localdate():
                self.add_error("fecha_atendida", _("La fecha de atención no puede estar en el futuro."))
        return datos

"""Cases: open, edit, close, filter the list, reassign several."""

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from oficina import roles
from oficina.choices import Area

from ..choices import EstadoCaso, MotivoCierre, Prioridad
from ..envios import TokenEnvioMixin
from ..models import Caso
from .personas import FechaInput


def profesionales() -> QuerySet[User]:
    """Active office staff, who can be assigned cases."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=[roles.ENCARGADA, roles.PROFESIONAL]))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class ProfesionalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class CasoForm(TokenEnvioMixin, forms.ModelForm):
    formulario_envio = "caso"
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Caso
        fields = ["motivo", "area", "prioridad", "estado", "asignado_a", "fecha_seguimiento"]
        widgets = {"motivo": forms.Textarea(attrs={"rows": 3}), "fecha_seguimiento": FechaInput()}
        field_classes = {"asignado_a": ProfesionalChoiceField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["asignado_a"]).queryset = profesionales()
        if self.instance.pk:
            cast(forms.ChoiceField, self.fields["estado"]).choices = [
                (v, e) for v, e in EstadoCaso.choices if v != EstadoCaso.CERRADO
            ]
            if not self.is_bound:
                self.initial["version"] = self.instance.modificado.isoformat()
        else:
            del self.fields["estado"]
            del self.fields["version"]

    def datos_servicio(self) -> dict[str, Any]:
        return {c: self.cleaned_data[c] for c in self.fields if c not in ("version", "envio")}


class CerrarCasoForm(forms.Form):
    motivo_cierre = forms.ChoiceField(label=_("Motivo de cierre"), choices=[("", "—"), *MotivoCierre.choices])
    nota = forms.CharField(
        label=_("Nota de cierre"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class FiltroCasosForm(forms.Form):
    estado = forms.ChoiceField(
        label=_("Estado"),
        required=False,
        choices=[("", _("Abiertos y en seguimiento")), *EstadoCaso.choices, ("todos", _("Todos"))],
    )
    prioridad = forms.ChoiceField(
        label=_("Prioridad"), required=False, choices=[("", _("Todas")), *Prioridad.choices]
    )
    asignado = ProfesionalChoiceField(
        label=_("Profesional"), required=False, queryset=None, empty_label=_("Todos")
    )
    area = forms.ChoiceField(label=_("Área"), required=False, choices=[("", _("Todas")), *Area.choices])
    vencidos = forms.BooleanField(label=_("Solo con seguimiento vencido"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["asignado"]).queryset = profesionales()


class ReasignarForm(forms.Form):
    casos = forms.TypedMultipleChoiceField(
        coerce=int, label=_("Casos"), choices=(), error_messages={"required": _("Marque al menos un caso.")}
    )
    asignado_a = ProfesionalChoiceField(label=_("Reasignar a"), queryset=None)

    def __init__(self, *args: Any, ids: Iterable[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["asignado_a"]).queryset = profesionales()
        cast(forms.ChoiceField, self.fields["casos"]).choices = [(i, i) for i in ids]

"""Forms of a case's plan: a next step, and attaching an attention or referral."""

import datetime
from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oficina.roles import ENCARGADA, PROFESIONAL


def profesionales() -> QuerySet[User]:
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[PROFESIONAL, ENCARGADA])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class TareaForm(forms.Form):
    descripcion = forms.CharField(label=_("Próximo paso"), max_length=200)
    vence = forms.DateField(label=_("Vence el"), widget=forms.DateInput(attrs={"type": "date"}))
    responsable = forms.ModelChoiceField(label=_("Responsable"), queryset=get_user_model().objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        responsable = cast(forms.ModelChoiceField, self.fields["responsable"])  # declared above
        responsable.queryset = profesionales()
        # Per-instance label, as Django documents; the stubs only know the method.
        responsable.label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[method-assign,assignment]  # see above

    def clean_vence(self) -> datetime.date:
        vence = self.cleaned_data["vence"]
        if vence < timezone.localdate():
            raise forms.ValidationError(_("La fecha de la tarea no puede estar en el pasado."))
        return vence


class VincularForm(forms.Form):
    """`elemento` is "atencion:<id>" or "derivacion:<id>"."""

    elemento = forms.CharField(max_length=40)

    def clean_elemento(self) -> tuple[str, int]:
        tipo, _sep, pk = self.cleaned_data["elemento"].partition(":")
        if tipo not in ("atencion", "derivacion") or not (pk.isascii() and pk.isdigit()):
            raise forms.ValidationError(_("Elija una atención o derivación de la lista."))
        return tipo, int(pk)

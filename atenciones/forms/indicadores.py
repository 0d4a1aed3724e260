"""The period chooser of the indicators page (a GET form)."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..indicadores import Periodo

# A longer period is refused: the report is biennial, three years leave room for comparisons.
MAX_DIAS = 3 * 366
PRIMER_ANIO = 2000
FORMATOS_FECHA = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


class PeriodoForm(forms.Form):
    MES = "mes"
    TRIMESTRE = "trimestre"
    ANIO = "anio"
    PERSONALIZADO = "personalizado"

    tipo = forms.ChoiceField(
        label=_("Período"),
        choices=[
            (MES, _("Mes")),
            (TRIMESTRE, _("Trimestre")),
            (ANIO, _("Año")),
            (PERSONALIZADO, _("Fechas a elección")),
        ],
    )
    anio = forms.IntegerField(label=_("Año"), required=False)
    mes = forms.TypedChoiceField(
        label=_("Mes"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            (1, _("enero")),
            (2, _("febrero")),
            (3, _("marzo")),
            (4, _("abril")),
            (5, _("mayo")),
            (6, _("junio")),
            (7, _("julio")),
            (8, _("agosto")),
            (9, _("septiembre")),
            (10, _("octubre")),
            (11, _("noviembre")),
            (12, _("diciembre")),
        ],
    )
    trimestre = forms.TypedChoiceField(
        label=_("Trimestre"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            (1, _("1.º (ene–mar)")),
            (2, _("2.º (abr–jun)")),
            (3, _("3.º (jul–sep)")),
            (4, _("4.º (oct–dic)")),
        ],
    )
    desde = forms.DateField(
        label=_("Desde"),
        required=False,
        input_formats=FORMATOS_FECHA,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Escriba la fecha como dd-mm-aaaa.")},
    )
    hasta = forms.DateField(
        label=_("Hasta"),
        required=False,
        input_formats=FORMATOS_FECHA,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Escriba la fecha como dd-mm-aaaa.")},
    )

    @classmethod
    def inicial(cls) -> dict[str, int | str]:
        hoy = timezone.localdate()
        return {"tipo": cls.ANIO, "anio": hoy.year, "mes": hoy.month, "trimestre": (hoy.month - 1) // 3 + 1}

    def clean_anio(self) -> Any:
        anio = self.cleaned_data.get("anio")
        ultimo = timezone.localdate().year + 1
        if anio is not None and not PRIMER_ANIO <= anio <= ultimo:
            raise forms.ValidationError(
                _("Elija un año entre %(primero)s y %(ultimo)s."),
                params={"primero": PRIMER_ANIO, "ultimo": ultimo},
            )
        return anio

    def clean(self) -> dict[str, Any]:
        super().clean()
        datos = self.cleaned_data
        tipo = datos.get("tipo")
        anio = datos.get("anio") or timezone.localdate().year
        desde: datetime.date | None
        hasta: datetime.date | None
        if tipo == self.MES:
            if not datos.get("mes"):
                self.add_error("mes", _("Elija el mes."))
                return datos
            desde = datetime.date(anio, datos["mes"], 1)
            hasta = (desde + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        elif tipo == self.TRIMESTRE:
            if not datos.get("trimestre"):
                self.add_error("trimestre", _("Elija el trimestre."))
                return datos
            desde = datetime.date(anio, 3 * datos["trimestre"] - 2, 1)
            hasta = (desde + datetime.timedelta(days=95)).replace(day=1) - datetime.timedelta(days=1)
        elif tipo == self.ANIO:
            desde, hasta = datetime.date(anio, 1, 1), datetime.date(anio, 12, 31)
        elif tipo == self.PERSONALIZADO:
            desde, hasta = datos.get("desde"), datos.get("hasta")
            if "desde" in self.errors or "hasta" in self.errors:
                return datos
            if not desde:
                self.add_error("desde", _("Indique la fecha de inicio."))
            if not hasta:
                self.add_error("hasta", _("Indique la fecha de término."))
            if not (desde and hasta):
                return datos
            if hasta < desde:
                self.add_error("hasta", _("La fecha de término es anterior a la de inicio."))
                return datos
            if (hasta - desde).days + 1 > MAX_DIAS:
                self.add_error(
                    "hasta",
                    _("El período puede abarcar como máximo tres años: acorte las fechas."),
                )
                return datos
            if desde.year < PRIMER_ANIO:
                self.add_error("desde", _("Elija una fecha desde el año %(anio)s.") % {"anio": PRIMER_ANIO})
                return datos
            if hasta.year > timezone.localdate().year + 1:
                self.add_error("hasta", _("La fecha de término está demasiado lejos en el futuro."))
                return datos
        else:
            return datos
        datos["periodo"] = Periodo(desde=desde, hasta=hasta)
        return datos

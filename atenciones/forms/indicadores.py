"""The period chooser of the indicators page and the Sello page (a GET form).

One kind of period at a time: a month (year and month), a quarter (year and quarter), a year, or a
range of dates. The page shows only the chosen kind's fields; a field of another kind that comes
filled in (an old bookmark, a hand-made address) is refused with a message naming it, never
silently ignored. A valid form yields the period and the previous one of the same kind and length.
"""

import datetime
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..indicadores.periodo import ANIO, MES, PERSONALIZADO, TRIMESTRE, Periodo, periodo_anterior

# A longer period is refused: the report is biennial, three years leave room for comparisons.
MAX_DIAS = 3 * 366
PRIMER_ANIO = 2000
FORMATOS_FECHA = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


class PeriodoForm(forms.Form):
    MES = MES
    TRIMESTRE = TRIMESTRE
    ANIO = ANIO
    PERSONALIZADO = PERSONALIZADO
    # The fields each kind of period uses, in the order the page shows them.
    CAMPOS = {
        MES: ["anio", "mes"],
        TRIMESTRE: ["anio", "trimestre"],
        ANIO: ["anio"],
        PERSONALIZADO: ["desde", "hasta"],
    }

    TIPOS = [
        (MES, _("Mes")),
        (TRIMESTRE, _("Trimestre")),
        (ANIO, _("Año")),
        (PERSONALIZADO, _("Fechas a elección")),
    ]
    tipo = forms.ChoiceField(label=_("Período"), choices=TIPOS)
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
        return {"tipo": cls.ANIO, "anio": timezone.localdate().year}

    def tipo_elegido(self) -> str | None:
        tipo = self.data.get("tipo")
        return tipo if tipo in self.CAMPOS else None

    def campos_del_tipo(self) -> list[forms.BoundField]:
        """The fields the page shows: those of the chosen kind only."""
        return [self[nombre] for nombre in self.CAMPOS.get(self.tipo_elegido() or "", [])]

    def enlaces(self) -> list[dict[str, Any]]:
        """One link per kind of period, to a ready period of that kind: around the period shown
        (or today), so switching kind keeps the user near the dates they were looking at."""
        periodo = self.cleaned_data.get("periodo") if self.is_bound and self.is_valid() else None
        hoy = timezone.localdate()
        dia = periodo.desde if periodo else hoy
        consultas = {
            self.MES: {"tipo": self.MES, "anio": dia.year, "mes": dia.month},
            self.TRIMESTRE: {"tipo": self.TRIMESTRE, "anio": dia.year, "trimestre": (dia.month - 1) // 3 + 1},
            self.ANIO: {"tipo": self.ANIO, "anio": dia.year},
            self.PERSONALIZADO: {
                "tipo": self.PERSONALIZADO,
                "desde": (periodo.desde if periodo else hoy.replace(month=1, day=1)).isoformat(),
                "hasta": (periodo.hasta if periodo else hoy).isoformat(),
            },
        }
        elegido = self.tipo_elegido()
        return [
            {
                "tipo": valor,
                "etiqueta": etiqueta,
                "consulta": urlencode(consultas[valor]),
                "actual": valor == elegido,
            }
            for valor, etiqueta in self.TIPOS
        ]

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
        if tipo not in self.CAMPOS:
            return datos
        ajenos = [
            n
            for n in self.fields
            if n != "tipo" and n not in self.CAMPOS[tipo] and str(self.data.get(n) or "").strip()
        ]
        if ajenos:
            # Never silently ignored: the user learns which fields do not belong to the kind chosen.
            self.add_error(
                None,
                _(
                    "Con el período «%(tipo)s» no se usa %(campos)s: quite ese dato o elija el tipo de período que lo usa."
                )
                % {
                    "tipo": dict(self.TIPOS)[tipo],
                    "campos": ", ".join(f"«{self.fields[n].label}»" for n in ajenos),
                },
            )
            return datos
        if any(n in self.errors for n in self.CAMPOS[tipo]):
            return datos
        if tipo != self.PERSONALIZADO and datos.get("anio") is None:
            self.add_error("anio", _("Indique el año."))
            return datos
        anio = int(datos.get("anio") or 0)  # given for every kind but a range of dates
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
        else:
            desde, hasta = datos.get("desde"), datos.get("hasta")
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
        datos["periodo"] = Periodo(desde=desde, hasta=hasta)
        datos["anterior"] = periodo_anterior(datos["periodo"], tipo)
        return datos

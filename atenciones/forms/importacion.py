"""Forms of the import: the upload, and the column mapping."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..importacion.mapeo import CAMPOS
from ..models import LoteImportacion, MapeoImportacion


class SubirForm(forms.Form):
    archivo = forms.FileField(
        label=gettext_lazy("Planilla (.xlsx o .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xlsm,.csv,.txt"}),
    )
    mapeo_guardado = forms.ModelChoiceField(
        label=gettext_lazy("Usar un mapeo guardado"),
        queryset=MapeoImportacion.objects.all(),
        required=False,
        empty_label=gettext_lazy("— proponer desde los encabezados —"),
    )

    def clean_archivo(self) -> Any:
        archivo = self.cleaned_data["archivo"]
        if archivo.size > settings.IMPORTACION_TAMANO_MAXIMO:
            raise forms.ValidationError(
                _("El archivo pesa %(mb)s MB; el máximo es %(max)s MB. Divídalo en partes.")
                % {
                    "mb": archivo.size // (1024 * 1024),
                    "max": settings.IMPORTACION_TAMANO_MAXIMO // (1024 * 1024),
                }
            )
        return archivo


class MapeoForm(forms.Form):
    """One choice per column of the sheet (a field, or «ignore»), the sheet, and an optional name."""

    hoja = forms.ChoiceField(label=gettext_lazy("Hoja"))
    guardar_como = forms.CharField(
        label=gettext_lazy("Guardar este mapeo como"),
        required=False,
        max_length=120,
        help_text=gettext_lazy(
            "Por ejemplo «Planilla atenciones 2023», para reutilizarlo con el próximo archivo."
        ),
    )

    def __init__(self, *args: Any, lote: LoteImportacion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lote = lote
        cast(forms.ChoiceField, self.fields["hoja"]).choices = [(h, h) for h in lote.hojas]
        self.fields["hoja"].initial = lote.hoja
        opciones = [("", _("— no importar —"))] + [(c.clave, c.etiqueta) for c in CAMPOS]
        for i, encabezado in enumerate(lote.encabezados):
            self.fields[f"col_{i}"] = forms.ChoiceField(
                label=encabezado or _("Columna %(n)s") % {"n": i + 1},
                choices=opciones,
                required=False,
                initial=lote.mapeo.get(str(i), ""),
            )
        if lote.mapeo_guardado_id and lote.mapeo_guardado is not None:
            self.fields["guardar_como"].initial = lote.mapeo_guardado.nombre

    def columnas(self) -> list[forms.BoundField]:
        return [self[f"col_{i}"] for i in range(len(self.lote.encabezados))]

    def mapeo(self) -> dict[int, str]:
        return {
            i: self.cleaned_data[f"col_{i}"]
            for i in range(len(self.lote.encabezados))
            if self.cleaned_data.get(f"col_{i}")
        }

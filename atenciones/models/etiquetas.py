"""`get_<field>_display` without rebuilding the field's choices on every call.

Django's `Model._get_FIELD_display` turns the field's whole choice list into a dict (through
`make_hashable`) each time it is called: "Mi día" lists up to 50 attentions with their channel
and topics, and at 2,000,000 persons (issue 16) those calls were about a sixth of the page's
time. The dict is built once per field here; labels stay lazy, so each request still gets its
own language.
"""

from typing import Any

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


class EtiquetasRapidas(models.Model):
    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: Any) -> Any:  # noqa: N802 (Django's name)
        etiquetas = field.__dict__.get("_etiquetas_rapidas")
        if etiquetas is None:
            etiquetas = dict(make_hashable(field.flatchoices))
            field.__dict__["_etiquetas_rapidas"] = etiquetas
        valor = getattr(self, field.attname)
        return force_str(etiquetas.get(make_hashable(valor), valor), strings_only=True)

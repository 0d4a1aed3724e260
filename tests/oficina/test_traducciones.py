"""Every string of the public site is translated (not fuzzy) into Haitian Creole and English."""

import ast
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import override
from django.utils.translation.template import templatize

from oficina.choices import Area, Idioma
from oficina.models import Organizacion
from oficina.views import FiltroActividadesForm, FiltroRedForm

PLANTILLAS = Path(settings.BASE_DIR) / "templates" / "publico"
_LITERAL = r"u?'(?:[^'\\]|\\.)*'"
_LLAMADA = re.compile(rf"\b(n?)gettext\(({_LITERAL})(?:, ({_LITERAL}))?")


def _msgids_de_plantillas():
    """The msgids the public templates use, read from the templates themselves (not from the .po)."""
    msgids = set()
    for plantilla in sorted(PLANTILLAS.rglob("*.html")):
        for _plural, singular, plural in _LLAMADA.findall(
            templatize(plantilla.read_text(), origin=str(plantilla))
        ):
            msgids.add(
                (
                    ast.literal_eval(singular.lstrip("u")),
                    ast.literal_eval(plural.lstrip("u")) if plural else "",
                )
            )
    return msgids


def _msgids_de_codigo():
    """Labels the public pages show from Python: choices and filter forms."""
    etiquetas = [*Area.labels, *Idioma.labels, *Organizacion.Tipo.labels]
    for form in (FiltroRedForm(), FiltroActividadesForm()):
        for campo in form.fields.values():
            etiquetas.append(campo.label)
            etiquetas.extend(etiqueta for _valor, etiqueta in campo.choices)
    etiquetas.extend(["Saltar al contenido", "lunes", "domingo", "Español", "Kreyòl ayisyen", "English"])
    with override(settings.LANGUAGE_CODE):  # Spanish is the source: str() gives the msgid
        return {(str(etiqueta), "") for etiqueta in etiquetas}


def test_public_templates_use_translatable_strings():
    msgids = _msgids_de_plantillas()
    assert len(msgids) > 50
    assert ("Red de apoyo", "") in msgids
    assert ("%(total)s organización", "%(total)s organizaciones") in msgids


@pytest.mark.parametrize("idioma", ["ht", "en"])
def test_every_public_string_is_translated_and_not_fuzzy(idioma):
    po = polib.pofile(
        str(Path(settings.BASE_DIR) / "sello_migrante" / "locale" / idioma / "LC_MESSAGES" / "django.po")
    )
    assert not po.metadata_is_fuzzy
    entradas = {(e.msgid, e.msgid_plural): e for e in po if not e.obsolete}
    faltan = []
    for msgid in sorted(_msgids_de_plantillas() | _msgids_de_codigo()):
        entrada = entradas.get(msgid)
        if entrada is None or "fuzzy" in entrada.flags or not entrada.translated():
            faltan.append(msgid[0])
    assert faltan == [], f"sin traducir o difusas en {idioma}: {faltan}"

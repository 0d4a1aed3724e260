"""The printed referral slip: every Creole/English fragment marked with its language, labels that do
not run into their translation, every slip string translated, the referral's state shown."""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation import override, pgettext

from atenciones.choices import EstadoDerivacion, MotivoRechazo
from tests.factories import DerivacionFactory, PersonaFactory

PLANTILLA = Path(settings.BASE_DIR) / "templates" / "equipo" / "derivaciones" / "imprimir.html"
ETIQUETAS = [
    "Persona",
    "Nombre",
    "Documento",
    "Dónde presentarse",
    "Destino",
    "Dirección",
    "Teléfono",
    "Estado",
]


class _Textos(HTMLParser):
    """Each piece of text of <main> with the language it is in (the nearest `lang`)."""

    VACIOS = {"br", "img", "input", "link", "meta", "hr"}

    def __init__(self) -> None:
        super().__init__()
        self.pila: list[str | None] = []
        self.textos: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VACIOS:
            self.pila.append(dict(attrs).get("lang"))

    def handle_endtag(self, tag):
        if tag not in self.VACIOS:
            self.pila.pop()

    def handle_data(self, data):
        if data.strip():
            idioma = next((lang for lang in reversed(self.pila) if lang), None)
            self.textos.append((" ".join(data.split()), idioma))


def _ficha(client, usuario, derivacion) -> str:
    client.force_login(usuario)
    respuesta = client.get(reverse("equipo:derivacion_imprimir", args=[derivacion.pk]))
    assert respuesta.status_code == 200
    return respuesta.content.decode()


@pytest.mark.parametrize("idioma", ["ht", "en"])
def test_every_translated_fragment_of_the_slip_carries_its_language(client, profesional, salud, idioma):
    persona = PersonaFactory(idiomas=[idioma, "es"])
    html = _ficha(client, profesional, DerivacionFactory(departamento=salud, persona=persona))
    lector = _Textos()
    lector.feed(html)
    idiomas_de = {}
    for texto, lang in lector.textos:
        idiomas_de.setdefault(texto, set()).add(lang)
    with override(idioma):
        traducciones = [pgettext("ficha", etiqueta) for etiqueta in ETIQUETAS]
    for traduccion in traducciones:
        assert idiomas_de.get(traduccion) == {idioma}, traduccion
    with override("es"):
        assert idiomas_de["Nombre"] == {"es"}


def test_labels_and_their_translation_do_not_run_together(client, profesional, salud):
    persona = PersonaFactory(idiomas=["ht"])
    html = _ficha(client, profesional, DerivacionFactory(departamento=salud, persona=persona))
    texto = " ".join(re.sub(r"<[^>]+>", "", html).split())
    assert "Nombre / Non" in texto
    assert "Teléfono / Telefòn" in texto


@pytest.mark.parametrize(
    ("estado", "espanol", "kreyol"),
    [
        (EstadoDerivacion.ENVIADA, "Enviada", "Voye"),
        (EstadoDerivacion.RECIBIDA, "Recibida", "Resevwa"),
        (EstadoDerivacion.EN_ATENCION, "En atención", "Y ap okipe l"),
        (EstadoDerivacion.RESUELTA, "Resuelta", "Rezoud"),
        (EstadoDerivacion.RECHAZADA, "Rechazada", "Refize"),
        (EstadoDerivacion.CANCELADA, "Cancelada", "Anile"),
    ],
)
def test_slip_shows_the_referrals_state_in_both_languages(
    client, profesional, salud, estado, espanol, kreyol
):
    persona = PersonaFactory(idiomas=["ht"])
    cierre = {"respuesta": "Atendida."} if estado == EstadoDerivacion.RESUELTA else {}
    if estado == EstadoDerivacion.RECHAZADA:
        cierre = {"motivo_rechazo": MotivoRechazo.values[0]}
    derivacion = DerivacionFactory(departamento=salud, persona=persona, estado=estado, **cierre)
    html = _ficha(client, profesional, derivacion)
    lector = _Textos()
    lector.feed(html)
    assert (espanol, None) in lector.textos or (espanol, "es") in lector.textos
    assert (kreyol, "ht") in lector.textos


@pytest.mark.parametrize("idioma", ["ht", "en"])
def test_every_slip_string_is_translated(idioma):
    usadas = set(re.findall(r'\{% translate "([^"]+)" context "ficha" %\}', PLANTILLA.read_text()))
    usadas |= {str(etiqueta) for etiqueta in EstadoDerivacion.labels}
    assert len(usadas) > 15
    po = polib.pofile(
        str(Path(settings.BASE_DIR) / "sello_migrante" / "locale" / idioma / "LC_MESSAGES" / "django.po")
    )
    traducidas = {e.msgid for e in po if e.msgctxt == "ficha" and e.msgstr and "fuzzy" not in e.flags}
    assert usadas - traducidas == set()

"""How much of a page's visible text is in a given language, by a language identifier.

The page's visible text is cut into blocks (paragraphs, list items, headings, table cells…).
Proper names and addresses carry `translate="no"` in the templates (the HTML way to say "do not
translate this") and are left out, as are scripts and styles. Each block of at least
`LETRAS_MINIMAS` letters is classified by langid (its model ships inside the package; no
download) among Spanish, Haitian Creole and English; shorter blocks (labels such as
"Teléfono") are too short for any identifier and are not counted (the gettext test checks them).

Proper names inside running text ("nan Superintendencia de Educación", "sibvansyon SERVIU") are
taken out before classifying: capitalised words that do not start a sentence, with the small
words that join them. A parenthesised gloss ("fich pèman (liquidación de sueldo)") is classified
on its own, so a Spanish gloss counts as Spanish without turning its sentence Spanish.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from langid.langid import LanguageIdentifier, model

LETRAS_MINIMAS = 20
_BLOQUES = {
    "address", "article", "aside", "blockquote", "body", "button", "dd", "div", "dl", "dt", "figcaption",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "label", "li", "main", "nav", "ol",
    "option", "p", "section", "select", "summary", "table", "td", "th", "title", "tr", "ul",
}  # fmt: skip
_VACIOS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
# Not visible text of the page: the <head> (title, meta) and scripts.
_OCULTOS = {"head", "script", "style", "template", "noscript"}

_identificador = LanguageIdentifier.from_modelstring(model, norm_probs=True)
# The site publishes these three languages only; French is left out (langid often mistakes short
# Creole for French, and no page of the site is in French).
_identificador.set_languages(["es", "ht", "en"])


_MAYUSCULA = "A-ZÁÉÍÓÚÑÒÈÀÜ"
_NOMBRE_PROPIO = re.compile(
    rf"(?<![.:!?¿¡(·]\s)(?<!^)\b[{_MAYUSCULA}][\w'’-]*"
    rf"(?:\s+(?:(?:de|del|la|las|los|y|e|of|the|and)\s+)?[{_MAYUSCULA}][\w'’-]*)*",
)
_PARENTESIS = re.compile(r"\(([^()]*)\)")


def _segmentos(bloque: str) -> list[str]:
    """The block without proper names, and each parenthesised gloss apart."""
    glosas = _PARENTESIS.findall(bloque)
    principal = _PARENTESIS.sub(" ", bloque)
    return [" ".join(_NOMBRE_PROPIO.sub(" ", texto).split()) for texto in (principal, *glosas)]


class _Bloques(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bloques: list[str] = []
        self._actual: list[str] = []
        self._pila: list[tuple[str, bool]] = []  # (tag, excluded)

    def _excluido(self) -> bool:
        return bool(self._pila) and self._pila[-1][1]

    def _cerrar_bloque(self) -> None:
        texto = " ".join("".join(self._actual).split())
        if texto:
            self.bloques.append(texto)
        self._actual = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _BLOQUES:
            self._cerrar_bloque()
        if tag in _VACIOS:
            return
        atributos = dict(attrs)
        excluido = self._excluido() or tag in _OCULTOS or atributos.get("translate") == "no"
        self._pila.append((tag, excluido))

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOQUES:
            self._cerrar_bloque()
        # Pop up to the matching tag (tolerates unclosed <p>/<li>).
        for i in range(len(self._pila) - 1, -1, -1):
            if self._pila[i][0] == tag:
                del self._pila[i:]
                break

    def handle_data(self, data: str) -> None:
        if not self._excluido():
            self._actual.append(data)


@dataclass(frozen=True)
class Medida:
    en_idioma: int
    total: int
    otros: tuple[tuple[str, str], ...]  # (language found, block) of the blocks in another language

    @property
    def proporcion(self) -> float:
        return self.en_idioma / self.total if self.total else 1.0


def medir(html: str, idioma: str) -> Medida:
    """Letters of visible text in `idioma` over all letters of the counted blocks."""
    lector = _Bloques()
    lector.feed(html)
    lector.close()
    en_idioma = total = 0
    otros = []
    for segmento in (s for bloque in lector.bloques for s in _segmentos(bloque)):
        letras = sum(c.isalpha() for c in segmento)
        if letras < LETRAS_MINIMAS:
            continue
        encontrado, _ = _identificador.classify(segmento)
        total += letras
        if encontrado == idioma:
            en_idioma += letras
        else:
            otros.append((encontrado, segmento))
    return Medida(en_idioma, total, tuple(otros))

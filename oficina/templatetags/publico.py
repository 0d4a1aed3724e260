"""Template helpers of the public site: safe Markdown and the language switcher."""

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import markdown
import nh3
from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

register = template.Library()

ETIQUETAS = {
    "h2", "h3", "h4", "p", "br", "hr", "ul", "ol", "li", "strong", "em", "a", "blockquote", "code",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATRIBUTOS = {"a": {"href", "title"}, "th": {"scope"}}
LARGO_MAXIMO_ENLACE = 300
_H1 = re.compile(r"<(/?)h1\b", re.IGNORECASE)


@register.filter
def markdown_seguro(texto: str | None) -> SafeString:
    """Markdown → HTML, then sanitised with nh3: no script, no style, no raw attributes.

    A `# heading` in the content becomes an h2: the page title is the only h1.
    """
    html = markdown.markdown(texto or "", extensions=["sane_lists"], output_format="html")
    html = _H1.sub(r"<\1h2", html)
    return mark_safe(  # noqa: S308 (sanitised by nh3 on the line above)
        nh3.clean(html, tags=ETIQUETAS, attributes=ATRIBUTOS, url_schemes={"http", "https", "mailto", "tel"})
    )


@register.simple_tag(takes_context=True)
def enlaces_idioma(context: template.Context) -> list[dict[str, Any]]:
    """One link per language to the same page in that language (the home when there is none)."""
    request = context["request"]
    actual = context.get("LANGUAGE_CODE")
    ruta = request.get_full_path()
    if len(ruta) > LARGO_MAXIMO_ENLACE:  # a huge query string is not worth carrying over
        ruta = request.path
    try:
        resolve(request.path_info)
        existe = True
    except Resolver404:
        existe = False
    enlaces = []
    for codigo, nombre in settings.LANGUAGES:
        url = translate_url(ruta, codigo) if existe else None
        with override(codigo):
            url = url or reverse("publico:inicio")
            # Each language named in itself: "Español", "Kreyòl ayisyen", "English".
            enlaces.append({"codigo": codigo, "nombre": str(nombre), "url": url, "actual": codigo == actual})
    return enlaces


@register.filter
def whatsapp_url(numero: object) -> str:
    """`+56 9 1234 5678` → `https://wa.me/56912345678` (a plain link, nothing embedded)."""
    digitos = "".join(c for c in str(numero) if c.isdigit())
    return f"https://wa.me/{digitos}" if digitos else ""


@register.filter
def tel_url(numero: object) -> str:
    limpio = "".join(c for c in str(numero) if c.isdigit() or c == "+")
    return f"tel:{limpio}" if limpio else ""


DIAS = [_("lunes"), _("martes"), _("miércoles"), _("jueves"), _("viernes"), _("sábado"), _("domingo")]


@register.filter
def fecha_hora(valor: datetime | None) -> str:
    """`lunes 24/11/2026, 18:00` in local time: numbers read the same in every language."""
    if not valor:
        return ""
    local = timezone.localtime(valor)
    return f"{DIAS[local.weekday()]} {local:%d/%m/%Y, %H:%M}"


@dataclass(frozen=True)
class Texto:
    valor: str
    idioma: str


@register.simple_tag(takes_context=True)
def traducido(context: template.Context, objeto: object, campo: str) -> Texto:
    """`campo` of `objeto` in the reader's language (`<campo>_<idioma>`), Spanish when missing.

    Use: `{% traducido org "descripcion" as t %}<p lang="{{ t.idioma }}">{{ t.valor }}</p>`.
    """
    idioma = context.get("LANGUAGE_CODE") or settings.LANGUAGE_CODE
    if idioma != settings.LANGUAGE_CODE and (valor := getattr(objeto, f"{campo}_{idioma}", "")):
        return Texto(valor, idioma)
    return Texto(getattr(objeto, campo, ""), settings.LANGUAGE_CODE)

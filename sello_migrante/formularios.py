"""The project's form renderer: Django's form templates (overridable from templates/), with three fixes
applied to every form, staff and admin alike:

- Long texts are refused with a message, never cut by the browser. A `maxlength` attribute makes the
  browser drop whatever is typed or pasted past the limit, without a word. Textareas lose it here: the
  form's MaxLengthValidator refuses the over-long text with a clear message and keeps it for editing,
  and `templates/django/forms/widgets/textarea.html` shows the limit, which static/js/formularios.js
  turns into a live counter.
- Valid HTML (Nu Html Checker): hidden inputs carry no `aria-*` attribute (Django 5.2 adds
  `aria-describedby` to a field's hidden initial value); an empty option gets Django's usual dashes;
  a required select whose first option is a real choice, or that has none yet (the admin's
  autocomplete boxes render only the selected one) says it with `aria-required` instead of `required`.
"""

from typing import Any

from django.forms.renderers import TemplatesSetting
from django.http import HttpRequest
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

TEXTAREA = "django/forms/widgets/textarea.html"
OCULTO = "django/forms/widgets/hidden.html"
SELECT = "django/forms/widgets/select.html"
OPCION_VACIA = "---------"
OPCION = "django/forms/widgets/select_option.html"


def _textarea(widget: dict[str, Any]) -> dict[str, Any]:
    attrs = dict(widget["attrs"])
    limite = attrs.pop("maxlength")
    attrs["data-limite"] = limite
    widget = {**widget, "attrs": attrs, "limite": int(limite)}
    if attrs.get("id"):
        widget["id_limite"] = f"{attrs['id']}_limite"
        attrs["aria-describedby"] = f"{attrs.get('aria-describedby', '')} {widget['id_limite']}".strip()
    return widget


def _select(widget: dict[str, Any]) -> dict[str, Any]:
    opciones = [opcion for _grupo, grupo, _indice in widget.get("optgroups", []) for opcion in grupo]
    for opcion in opciones:
        if opcion["value"] in ("", None) and not opcion["label"]:
            opcion["label"] = OPCION_VACIA
    attrs = widget["attrs"]
    primera_es_real = not opciones or opciones[0]["value"] not in ("", None)
    if attrs.get("required") and not attrs.get("multiple") and primera_es_real:
        attrs = {clave: valor for clave, valor in attrs.items() if clave != "required"}
        attrs["aria-required"] = "true"
        widget = {**widget, "attrs": attrs}
    return widget


def _atributos(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html in Python."""
    partes = []
    for nombre, valor in attrs.items():
        if valor is False:
            continue
        partes.append(f" {nombre}" if valor is True else f' {nombre}="{conditional_escape(str(valor))}"')
    return "".join(partes)


def _html_select(widget: dict[str, Any]) -> SafeString | None:
    """select.html and select_option.html in Python, character for character: a country list
    rendered through the templates (an include per option, three of them on the person form) took
    most of the person form's time (issue 16). None when an option uses another template."""
    partes = [f'<select name="{conditional_escape(widget["name"])}"{_atributos(widget["attrs"])}>']
    for nombre_grupo, opciones, _indice in widget["optgroups"]:
        if nombre_grupo:
            partes.append(f'\n  <optgroup label="{conditional_escape(nombre_grupo)}">')
        for opcion in opciones:
            if opcion.get("template_name") != OPCION:
                return None
            partes.append(
                f'\n  <option value="{conditional_escape(str(opcion["value"]))}"{_atributos(opcion["attrs"])}>'
                f"{conditional_escape(opcion['label'])}</option>\n"
            )
        if nombre_grupo:
            partes.append("\n  </optgroup>")
    partes.append("\n</select>")  # the renderer strips the template's last newline
    return mark_safe("".join(partes))  # noqa: S308 (every value above is escaped)


class Renderizador(TemplatesSetting):
    def render(self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None) -> str:
        widget = context.get("widget")
        if widget:
            if template_name == TEXTAREA and widget["attrs"].get("maxlength"):
                context = {**context, "widget": _textarea(widget)}
            elif template_name == OCULTO and any(clave.startswith("aria-") for clave in widget["attrs"]):
                attrs = {k: v for k, v in widget["attrs"].items() if not k.startswith("aria-")}
                context = {**context, "widget": {**widget, "attrs": attrs}}
            elif template_name == SELECT:
                html = _html_select(_select(widget))
                if html is not None:
                    return html
                context = {**context, "widget": _select(widget)}
        return super().render(template_name, context, request)

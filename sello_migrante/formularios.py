"""The project's form renderer: long texts are refused with a message, never cut by the browser.

A `maxlength` attribute makes the browser drop whatever is typed or pasted past the limit, without a
word. Every textarea (staff forms and the admin alike) loses it here: the form's MaxLengthValidator
refuses the over-long text with a clear message and keeps it for editing, and the template
`django/forms/widgets/textarea.html` shows the limit, which static/js/formularios.js turns into a
live counter.
"""

from typing import Any

from django.forms.renderers import TemplatesSetting

PLANTILLA_TEXTAREA = "django/forms/widgets/textarea.html"


class Renderizador(TemplatesSetting):
    """Django's templates (overridable from templates/), with the textarea limit handled as above."""

    def render(self, template_name: str, context: dict[str, Any], request=None) -> str:
        widget = context.get("widget")
        if template_name == PLANTILLA_TEXTAREA and widget and widget["attrs"].get("maxlength"):
            attrs = dict(widget["attrs"])
            limite = attrs.pop("maxlength")
            attrs["data-limite"] = limite
            if attrs.get("id"):
                id_limite = f"{attrs['id']}_limite"
                attrs["aria-describedby"] = f"{attrs.get('aria-describedby', '')} {id_limite}".strip()
                widget = {**widget, "id_limite": id_limite}
            context = {**context, "widget": {**widget, "attrs": attrs, "limite": int(limite)}}
        return super().render(template_name, context, request)

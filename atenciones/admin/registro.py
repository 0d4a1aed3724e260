"""Persons added in the admin go through the registration service, like the staff page: the
data-processing consent is recorded and likely duplicates are shown before a second, deliberate
save creates the person anyway. And an attention keeps at least one topic in the admin too."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Persona
from ..selectors import personas as selectors
from ..services.personas import registrar_persona
from .version import OcultoSinEtiqueta

CAMPOS_REGISTRO = ["consentimiento", "confirmar_duplicados"]

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]  # what RegistroPersonaAdminMixin is mixed into
else:
    _ModelAdmin = object


def _describir(duplicado: dict) -> str:
    p = duplicado["persona"]
    return _("N° %(pk)s %(nombre)s (%(nacimiento)s, %(documento)s): %(motivo)s") % {
        "pk": p.pk,
        "nombre": p.nombre_para_mostrar,
        "nacimiento": p.fecha_nacimiento.strftime("%d-%m-%Y") if p.fecha_nacimiento else "—",
        "documento": p.documento_display or "—",
        "motivo": duplicado["motivo"],
    }


class RegistroPersonaAdminMixin(_ModelAdmin):
    """For the person admin: the add form asks for consent and checks for duplicates;
    saving calls atenciones.services.registrar_persona."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            return super().get_form(request, obj, change=change, **kwargs)
        base = kwargs.get("form") or self.form

        def clean(form_self):
            datos = base.clean(form_self)
            if datos is None:  # a clean() that returns nothing keeps the cleaned data
                datos = form_self.cleaned_data
            if form_self.errors:
                return datos
            duplicados = selectors.posibles_duplicados(
                nombres=datos.get("nombres") or "",
                apellidos=datos.get("apellidos") or "",
                fecha_nacimiento=datos.get("fecha_nacimiento"),
                tipo_documento=datos.get("tipo_documento") or "",
                documento_numero=datos.get("documento_numero") or "",
                telefono=datos.get("telefono") or "",
            )
            ficha = ",".join(str(d["persona"].pk) for d in duplicados)
            if duplicados and form_self.data.get("confirmar_duplicados") != ficha:
                renovado = form_self.data.copy()
                renovado["confirmar_duplicados"] = ficha
                form_self.data = renovado
                raise ValidationError(
                    [
                        _("Puede que esta persona ya esté registrada:"),
                        *[_describir(d) for d in duplicados],
                        _("Si es otra persona, guarde de nuevo para registrarla."),
                    ],
                    code="duplicado",
                )
            return datos

        atributos = {
            "__module__": __name__,
            "consentimiento": forms.BooleanField(
                label=gettext_lazy(
                    "La persona leyó o escuchó el aviso de privacidad y acepta el tratamiento de sus datos."
                ),
                required=True,
                error_messages={
                    "required": gettext_lazy(
                        "Registre el consentimiento de la persona para tratar sus datos."
                    )
                },
            ),
            "confirmar_duplicados": forms.CharField(required=False, widget=OcultoSinEtiqueta),
            "clean": clean,
        }
        metaclase = type(base)
        kwargs["form"] = metaclase(f"{base.__name__}Registro", (base,), atributos)  # type: ignore[misc]  # mypy cannot call a metaclass obtained from type()
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        return [*fieldsets, (gettext_lazy("Consentimiento"), {"fields": CAMPOS_REGISTRO})]

    def registrar(self, request, obj: Persona, form) -> None:
        """Create the person through the service and make `obj` the saved person."""
        campos = {f.name for f in Persona._meta.concrete_fields}
        datos = {n: v for n, v in form.cleaned_data.items() if n in campos}
        persona = registrar_persona(creado_por=request.user, consentimiento=True, **datos)
        obj.pk = persona.pk
        obj.__dict__.update({k: v for k, v in persona.__dict__.items() if not k.startswith("_")})


class AlMenosUnTemaFormSet(BaseInlineFormSet):
    """An attention keeps at least one topic (the indicators count attentions by topic)."""

    def clean(self):
        super().clean()
        quedan = [
            f
            for f in self.forms
            if f.has_changed() or f.instance.pk
            if not (self.can_delete and f.cleaned_data.get(DELETION_FIELD_NAME, False))
            and f.cleaned_data.get("tema")
        ]
        if not quedan:
            raise ValidationError(_("Una atención necesita al menos un tema."))

"""Staff accounts in the admin: the office head creates them, deactivates them, resets their
password and sets their role (professional, liaison with its department, office head), without
being a superuser and without seeing superuser status or raw permissions. The password policy
(AUTH_PASSWORD_VALIDATORS) applies to every password set here."""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import User as _Usuario
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .cuentas import asignar_rol, departamento_de, rol_de
from .models import Departamento
from .roles import ENLACE, ROLES, es_encargada

User = get_user_model()


class RolForm(forms.Form):
    instance: _Usuario  # set by the user ModelForm this form is mixed into

    rol = forms.ChoiceField(label=_("rol"), choices=list(ROLES.items()))
    departamento = forms.ModelChoiceField(
        label=_("departamento"),
        queryset=Departamento.objects.filter(activo=True).order_by("nombre"),
        required=False,
        help_text=_("Solo para enlaces de departamento: el departamento cuyas derivaciones recibe."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial.setdefault("rol", rol_de(self.instance))
            departamento = departamento_de(self.instance)
            self.initial.setdefault("departamento", departamento.pk if departamento else None)

    def clean(self) -> dict[str, Any]:
        super().clean()
        datos = self.cleaned_data
        if datos.get("rol") == ENLACE and not datos.get("departamento"):
            self.add_error("departamento", _("Indique el departamento del enlace."))
        elif datos.get("rol") and datos.get("rol") != ENLACE:
            datos["departamento"] = None
        return datos


class CuentaNuevaForm(RolForm, AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email")


class CuentaForm(RolForm, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


def _solo_encargada(request: HttpRequest) -> bool:
    """The office head without superuser status: the limited view of accounts."""
    return not request.user.is_superuser and es_encargada(request.user)


admin.site.unregister(User)


@admin.register(User)
class CuentaAdmin(UserAdmin):
    form = CuentaForm
    add_form = CuentaNuevaForm
    list_display = ["username", "first_name", "last_name", "email", "rol", "is_active", "last_login"]
    list_filter = ["is_active", "groups"]
    search_fields = ["username", "first_name", "last_name", "email"]
    ordering = ["username"]

    _rol = (_("Rol en la oficina"), {"fields": ["rol", "departamento"]})

    @admin.display(description=_("rol"))
    def rol(self, obj: _Usuario) -> str:
        return ", ".join(sorted(str(ROLES[g.name]) for g in obj.groups.all() if g.name in ROLES)) or "—"

    def get_queryset(self, request: HttpRequest) -> QuerySet[_Usuario]:
        qs = super().get_queryset(request).prefetch_related("groups")
        return qs.exclude(is_superuser=True) if _solo_encargada(request) else qs

    def get_fieldsets(self, request: HttpRequest, obj: _Usuario | None = None) -> Any:
        if obj is None:
            return [
                (None, {"fields": ["username", "usable_password", "password1", "password2"]}),
                (_("Datos personales"), {"fields": ["first_name", "last_name", "email"]}),
                self._rol,
            ]
        if _solo_encargada(request):
            return [
                (None, {"fields": ["username", "password"]}),
                (_("Datos personales"), {"fields": ["first_name", "last_name", "email"]}),
                (_("Rol en la oficina"), {"fields": ["rol", "departamento", "is_active"]}),
                (_("Fechas"), {"fields": ["last_login", "date_joined"]}),
            ]
        return [*super().get_fieldsets(request, obj), self._rol]

    def get_readonly_fields(
        self, request: HttpRequest, obj: _Usuario | None = None
    ) -> list[str] | tuple[str, ...]:
        return (
            ["last_login", "date_joined"]
            if _solo_encargada(request)
            else super().get_readonly_fields(request, obj)
        )

    def get_list_filter(self, request: HttpRequest) -> Any:
        return ["is_active"] if _solo_encargada(request) else self.list_filter

    # The office head: every non-superuser account, never deleted (deactivated instead).
    def has_module_permission(self, request: HttpRequest) -> bool:
        return _solo_encargada(request) or super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: _Usuario | None = None) -> bool:
        if _solo_encargada(request):
            return obj is None or not obj.is_superuser
        return super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _solo_encargada(request) or super().has_add_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: _Usuario | None = None) -> bool:
        if _solo_encargada(request):
            return obj is None or not obj.is_superuser
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: _Usuario | None = None) -> bool:
        return False if _solo_encargada(request) else super().has_delete_permission(request, obj)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: Any) -> None:
        super().save_related(request, form, formsets, change)  # a superuser's group choice first
        if not isinstance(request.user, _Usuario):  # the admin lets only signed-in staff in
            raise PermissionDenied
        obj = form.instance
        asignar_rol(
            usuario=obj,
            rol=form.cleaned_data["rol"],
            departamento=form.cleaned_data.get("departamento"),
            actor=request.user,
        )

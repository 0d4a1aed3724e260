"""List filters the office head asks for: by staff member, by nationality, overdue or not."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oficina import roles


def usuarios_del_equipo():
    User = get_user_model()
    return (
        User.objects.filter(groups__name__in=[roles.ENCARGADA, roles.PROFESIONAL], is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def filtro_profesional(campo, titulo):
    """A list filter by a staff member (only office staff are listed, not every user)."""

    class ProfesionalFilter(admin.SimpleListFilter):
        title = titulo
        parameter_name = f"{campo}_id"

        def lookups(self, request, model_admin):
            return [(u.pk, u.get_full_name() or u.username) for u in usuarios_del_equipo()]

        def queryset(self, request, queryset):
            if self.value():
                try:
                    return queryset.filter(**{f"{campo}_id": int(self.value() or "")})
                except ValueError:
                    return queryset.none()
            return queryset

    return ProfesionalFilter


class NacionalidadFilter(admin.SimpleListFilter):
    """The most frequent nationalities (settings.COUNTRIES_FIRST) and "others", without a DISTINCT scan."""

    title = _("nacionalidad")
    parameter_name = "nacionalidad"
    campo = "nacionalidad"
    OTRAS = "otras"

    def lookups(self, request, model_admin):
        from django.conf import settings
        from django_countries import countries

        primeras = list(getattr(settings, "COUNTRIES_FIRST", []))
        return [(c, countries.name(c)) for c in primeras] + [
            (self.OTRAS, _("Otras")),
            ("sin", _("Sin dato")),
        ]

    def queryset(self, request, queryset):
        from django.conf import settings

        valor = self.value()
        if not valor:
            return queryset
        if valor == self.OTRAS:
            return queryset.exclude(**{f"{self.campo}__in": [*settings.COUNTRIES_FIRST, ""]})
        if valor == "sin":
            return queryset.filter(**{self.campo: ""})
        return queryset.filter(**{self.campo: valor})


def filtro_vencidas(titulo, condicion, parametro="vencida"):
    """A yes/no filter on an "overdue" condition (a function returning a Q for today)."""

    class VencidaFilter(admin.SimpleListFilter):
        title = titulo
        parameter_name = parametro

        def lookups(self, request, model_admin):
            return [("si", _("Sí")), ("no", _("No"))]

        def queryset(self, request, queryset):
            q = condicion(timezone.localdate())
            if self.value() == "si":
                return queryset.filter(q)
            if self.value() == "no":
                return queryset.exclude(q)
            return queryset

    return VencidaFilter

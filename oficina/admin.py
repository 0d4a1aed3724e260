from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from atenciones.models import DerivacionQuerySet

from .choices import CampoPersona
from .models import (
    Actividad,
    AsistenteCapacitacion,
    Capacitacion,
    Departamento,
    Membresia,
    Organizacion,
    PaginaInformativa,
    Programa,
    Servicio,
)

admin.site.site_header = f"{settings.OFICINA_NOMBRE} · {settings.COMUNA}"
admin.site.site_title = settings.OFICINA_NOMBRE
admin.site.index_title = _("Administración de la oficina")


class MembresiaInline(admin.TabularInline):
    model = Membresia
    extra = 0
    autocomplete_fields = ["usuario"]


class ConDerivacionesPendientes:
    """List columns: the destination's open referrals and how many are overdue (one query)."""

    def get_queryset(self, request):
        abiertas = DerivacionQuerySet.q_abiertas("derivaciones__")
        vencidas = DerivacionQuerySet.q_vencidas(prefijo="derivaciones__")
        return (
            super()
            .get_queryset(request)
            .annotate(
                # distinct: a filter on services joins more rows per organisation.
                n_abiertas=Count("derivaciones", filter=abiertas, distinct=True),
                n_vencidas=Count(
                    "derivaciones",
                    filter=vencidas,
                    distinct=True,
                ),
            )
        )

    @admin.display(description=_("derivaciones abiertas"), ordering="n_abiertas")
    def abiertas(self, obj):
        return obj.n_abiertas

    @admin.display(description=_("vencidas"), ordering="n_vencidas")
    def vencidas(self, obj):
        return obj.n_vencidas


class CamposPersonaForm(forms.ModelForm):
    """The person fields a destination sees, as checkboxes (stored as a JSON list)."""

    campos_persona = forms.MultipleChoiceField(
        label=_("datos de la persona que ve"),
        choices=CampoPersona.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Además del nombre, teléfono, correo, idiomas e intérprete. Solo lo que el destino necesita; "
            "cada vez que un enlace ve una derivación queda registrado."
        ),
    )


@admin.register(Departamento)
class DepartamentoAdmin(ConDerivacionesPendientes, admin.ModelAdmin):
    form = CamposPersonaForm
    list_display = [
        "nombre",
        "sigla",
        "area",
        "email",
        "plazo_respuesta_dias",
        "plazo_en_dias_habiles",
        "activo",
        "abiertas",
        "vencidas",
    ]
    list_filter = ["area", "activo"]
    search_fields = ["nombre", "sigla"]
    inlines = [MembresiaInline]


class ServicioInline(admin.StackedInline):
    model = Servicio
    extra = 0


@admin.register(Organizacion)
class OrganizacionAdmin(ConDerivacionesPendientes, admin.ModelAdmin):
    form = CamposPersonaForm
    list_display = [
        "nombre",
        "sigla",
        "tipo",
        "publica",
        "acepta_derivaciones",
        "responde_por_enlace",
        "activa",
        "abiertas",
        "vencidas",
    ]
    list_filter = ["tipo", "publica", "acepta_derivaciones", "activa", "servicios__area"]
    search_fields = ["nombre", "sigla"]
    inlines = [ServicioInline]


@admin.register(Programa)
class ProgramaAdmin(admin.ModelAdmin):
    list_display = ["nombre", "area", "organizacion", "activo"]
    list_filter = ["area", "activo"]
    list_select_related = ["organizacion"]
    search_fields = ["nombre"]
    autocomplete_fields = ["organizacion"]


@admin.register(Actividad)
class ActividadAdmin(admin.ModelAdmin):
    list_display = ["titulo", "programa", "inicio", "lugar", "publica", "asistentes"]
    list_filter = ["publica", "programa__area"]
    list_select_related = ["programa"]
    search_fields = ["titulo", "lugar"]
    date_hierarchy = "inicio"
    autocomplete_fields = ["programa"]


class AsistenteInline(admin.TabularInline):
    model = AsistenteCapacitacion
    extra = 1
    autocomplete_fields = ["usuario", "departamento"]


@admin.register(Capacitacion)
class CapacitacionAdmin(admin.ModelAdmin):
    list_display = ["titulo", "fecha", "tema", "relator", "horas", "asistentes"]
    list_filter = ["tema"]
    search_fields = ["titulo", "relator"]
    date_hierarchy = "fecha"
    inlines = [AsistenteInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_asistentes=Count("asistentes"))

    @admin.display(description=_("asistentes"), ordering="n_asistentes")
    def asistentes(self, obj):
        return obj.n_asistentes


@admin.register(PaginaInformativa)
class PaginaInformativaAdmin(admin.ModelAdmin):
    list_display = ["titulo", "clave", "idioma", "tema", "publicada", "actualizada"]
    list_filter = ["idioma", "publicada", "tema"]
    search_fields = ["titulo", "clave"]


@admin.register(Membresia)
class MembresiaAdmin(admin.ModelAdmin):
    list_display = ["usuario", "departamento", "activa", "desde"]
    list_filter = ["departamento", "activa"]
    list_select_related = ["usuario", "departamento"]
    autocomplete_fields = ["usuario", "departamento"]

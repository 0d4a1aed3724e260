"""Admin for attentions (corrected here; logged through registrar_atencion)."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from oficina.choices import Tema

from ..models import Atencion, AtencionTema
from .exportacion import ExportarMixin
from .filtros import filtro_profesional, usuarios_del_equipo
from .listas import AdminRapido, fecha_corta, nombre_usuario
from .registro import AlMenosUnTemaFormSet
from .version import VersionAdminMixin


class AtencionTemaInline(admin.TabularInline):
    model = AtencionTema
    extra = 1
    formset = AlMenosUnTemaFormSet


class TemaFilter(admin.SimpleListFilter):
    title = _("tema")
    parameter_name = "tema"

    def lookups(self, request, model_admin):
        return Tema.choices

    def queryset(self, request, queryset):
        if self.value():
            # EXISTS rather than a join: no duplicate rows, no DISTINCT over the table.
            return queryset.filter(
                Exists(AtencionTema.objects.filter(atencion_id=OuterRef("pk"), tema=self.value()))
            )
        return queryset


@admin.register(Atencion)
class AtencionAdmin(VersionAdminMixin, ExportarMixin, AdminRapido):
    list_display = [
        "fecha_hora",
        "persona",
        "canal",
        "lista_temas",
        "profesional",
        "caso_link",
        "fecha_seguimiento",
    ]
    list_filter = [
        "canal",
        TemaFilter,
        filtro_profesional("profesional", _("profesional")),
        ("fecha_hora", admin.DateFieldListFilter),
    ]
    list_select_related = ["persona", "profesional"]
    search_fields = ["persona__nombres", "persona__apellidos", "=persona__documento_numero"]
    date_hierarchy = "fecha_hora"
    autocomplete_fields = ["persona", "caso"]
    inlines = [AtencionTemaInline]
    readonly_fields = ["creado", "origen"]
    actions = ["exportar_seleccion"]

    columnas_exportar = [
        (_("id"), lambda a: a.pk),
        (_("fecha y hora"), lambda a: a.fecha_hora),
        (_("persona (id)"), lambda a: a.persona_id),
        (_("persona"), lambda a: str(a.persona)),
        (_("canal"), lambda a: a.get_canal_display()),
        (_("temas"), lambda a: ", ".join(str(t) for t in a.temas.all())),
        (_("profesional"), lambda a: nombre_usuario(a.profesional)),
        (_("caso"), lambda a: a.caso_id or ""),
        (_("resultado"), lambda a: a.resultado),
        (_("fecha de seguimiento"), lambda a: a.fecha_seguimiento),
    ]
    columnas_notas = [(_("notas"), lambda a: a.notas)]
    exportar_select_related = ["persona", "profesional"]
    exportar_prefetch_related = ["temas"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("temas")

    def version_extra(self, obj):
        # The topics are edited in the same form (inline): a change to them is a change too.
        return sorted(AtencionTema.objects.filter(atencion_id=obj.pk).values_list("tema", flat=True))

    def has_add_permission(self, request):
        # Attentions are logged through atenciones.services.registrar_atencion (staff workspace);
        # the admin corrects existing ones.
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "profesional":
            kwargs["queryset"] = usuarios_del_equipo()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("origen"))
    def origen(self, obj):
        """Where an imported attention came from (file, sheet, row); empty for one logged here."""
        fila = getattr(obj, "origen_importacion", None) if obj and obj.pk else None
        return fila.origen if fila else _("Registrada en el sistema")

    @admin.display(description=_("temas"))
    def lista_temas(self, obj):
        return ", ".join(str(t) for t in obj.temas.all())

    @admin.display(description=_("fecha y hora"), ordering="fecha_hora")
    def fecha(self, obj):
        return fecha_corta(obj.fecha_hora)

    @admin.display(description=_("caso"), ordering="caso")
    def caso_link(self, obj):
        if not obj.caso_id:
            return "—"
        url = reverse("admin:atenciones_caso_change", args=[obj.caso_id])
        return format_html('<a href="{}">{}</a>', url, obj.caso_id)

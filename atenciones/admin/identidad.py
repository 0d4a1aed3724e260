"""Admin of identity documents, likely duplicates and merges: read-only lists for the office head.

Documents are added and merges made in the staff workspace (services keep the person's current
document, the duplicate queue and the audit trail in step); here they are only looked up.
"""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ..choices import TipoDocumento
from ..documentos import normalizar_documento
from ..models import DocumentoIdentidad, Fusion, ParDuplicado
from .listas import fecha_corta, nombre_usuario
from .privacidad import PersonaIdFilter, SoloLecturaMixin


@admin.register(DocumentoIdentidad)
class DocumentoIdentidadAdmin(SoloLecturaMixin, admin.ModelAdmin):
    list_display = ["numero", "tipo", "pais_emisor", "vigente", "persona", "persona_id"]
    list_filter = [PersonaIdFilter, "vigente", "tipo"]
    list_select_related = ["persona"]
    search_fields = ["numero"]
    search_help_text = _("Número de documento, con o sin puntos y guion.")
    ordering = ["-pk"]
    fields = readonly_fields = (
        "persona",
        "tipo",
        "numero",
        "pais_emisor",
        "fecha_emision",
        "fecha_vencimiento",
        "vigente",
        "creado",
        "creado_por",
    )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[DocumentoIdentidad], search_term: str
    ) -> tuple[QuerySet[DocumentoIdentidad], bool]:
        # Numbers are stored without dots, dashes or spaces, in upper case: search them the same way.
        termino = normalizar_documento(TipoDocumento.OTRO, search_term)
        if not termino:
            return queryset, False
        return queryset.filter(numero__startswith=termino), False


class FiltroParPersona(PersonaIdFilter):
    def filtrar(self, queryset: QuerySet[Any], pk: int) -> QuerySet[Any]:
        return queryset.filter(persona_a_id=pk) | queryset.filter(persona_b_id=pk)


@admin.register(ParDuplicado)
class ParDuplicadoAdmin(SoloLecturaMixin, admin.ModelAdmin):
    list_display = ["persona_a", "persona_b", "probabilidad", "estado", "calculado_corto", "revisado_por"]
    list_filter = [FiltroParPersona, "estado"]
    list_select_related = ["persona_a", "persona_b", "revisado_por"]
    ordering = ["-probabilidad", "pk"]
    fields = readonly_fields = (
        "persona_a",
        "persona_b",
        "probabilidad",
        "evidencia",
        "estado",
        "calculado",
        "revisado_por",
        "revisado",
    )

    @admin.display(description=_("calculado"), ordering="calculado")
    def calculado_corto(self, obj: ParDuplicado) -> str:
        return fecha_corta(obj.calculado)


class FiltroFusionPersona(PersonaIdFilter):
    def filtrar(self, queryset: QuerySet[Any], pk: int) -> QuerySet[Any]:
        return queryset.filter(superviviente_id=pk) | queryset.filter(absorbida_id=pk)


@admin.register(Fusion)
class FusionAdmin(SoloLecturaMixin, admin.ModelAdmin):
    list_display = ["fecha_hora", "superviviente", "absorbida", "hecha_por"]
    list_filter = [FiltroFusionPersona]
    list_select_related = ["superviviente", "absorbida", "usuario"]
    ordering = ["-fecha", "-pk"]
    fields = readonly_fields = (
        "fecha",
        "superviviente",
        "absorbida",
        "usuario",
        "elegidos",
        "valores_superviviente",
        "valores_absorbida",
        "movidos",
    )

    @admin.display(description=_("fecha"), ordering="fecha")
    def fecha_hora(self, obj: Fusion) -> str:
        return fecha_corta(obj.fecha)

    @admin.display(description=_("usuario"), ordering="usuario")
    def hecha_por(self, obj: Fusion) -> str:
        return nombre_usuario(obj.usuario)

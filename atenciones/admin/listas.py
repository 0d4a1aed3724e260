"""Admin lists that stay fast at a million rows: a paginator without a full COUNT(*), a date
drill-down from the table's date range, and the compact date column."""

import datetime
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.db.models import Max, Min, QuerySet
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext

from sello_migrante.routers import desde_replica

from ..paginacion import PaginadorRapido, estimar_filas  # noqa: F401 (used by other admins)

if TYPE_CHECKING:
    _QuerySet = QuerySet[Any]  # what _FechasRapidas is mixed into
    _ModelAdmin = admin.ModelAdmin[Any]  # what CasillaRapida is mixed into
else:
    _QuerySet = object
    _ModelAdmin = object


class _FechasRapidas(_QuerySet):
    """QuerySet mixin for the admin's date_hierarchy: its year/month/day links come from the table's
    date range (MIN/MAX of an indexed column: two index lookups), clamped to the year and month being
    viewed, instead of SELECT DISTINCT over every matching row. Some links may lead to empty lists."""

    _jerarquia: tuple[str, int | None, int | None] | None = None  # (field, year, month) set by ListaRapida

    def _rango(self) -> tuple[Any, Any]:
        campo, anio, mes = self._jerarquia or ("", None, None)
        if not hasattr(self, "_rango_memo"):
            tabla = self.model._default_manager.aggregate(primero=Min(campo), ultimo=Max(campo))
            primero, ultimo = tabla["primero"], tabla["ultimo"]
            if primero is not None and isinstance(primero, datetime.datetime):
                primero, ultimo = timezone.localtime(primero).date(), timezone.localtime(ultimo).date()
            if primero is not None and anio:
                desde = datetime.date(anio, mes or 1, 1)
                hasta = (
                    (desde + datetime.timedelta(days=32)).replace(day=1)
                    if mes
                    else datetime.date(anio + 1, 1, 1)
                ) - datetime.timedelta(days=1)
                primero, ultimo = max(primero, desde), min(ultimo, hasta)
                if primero > ultimo:
                    primero = ultimo = None
            self._rango_memo = (primero, ultimo)
        return self._rango_memo

    def aggregate(self, *args, **kwargs):
        if self._jerarquia and set(kwargs) == {"first", "last"} and not args:
            primero, ultimo = self._rango()
            es_fecha_hora = isinstance(self.model._meta.get_field(self._jerarquia[0]), models.DateTimeField)
            if es_fecha_hora and primero is not None:
                zona = timezone.get_current_timezone()
                primero = datetime.datetime.combine(primero, datetime.time(0), tzinfo=zona)
                ultimo = datetime.datetime.combine(ultimo, datetime.time(0), tzinfo=zona)
            return {"first": primero, "last": ultimo}
        return super().aggregate(*args, **kwargs)

    def _fechas(self, tipo):
        primero, ultimo = self._rango()
        if primero is None:
            return []
        if tipo == "year":
            return [datetime.date(anio, 1, 1) for anio in range(primero.year, ultimo.year + 1)]
        if tipo == "month":
            meses, mes = [], primero.replace(day=1)
            while mes <= ultimo:
                meses.append(mes)
                mes = (mes + datetime.timedelta(days=32)).replace(day=1)
            return meses
        return [primero + datetime.timedelta(days=i) for i in range((ultimo - primero).days + 1)]

    def dates(self, field_name, kind, order="ASC"):
        return self._fechas(kind)

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        zona = tzinfo or timezone.get_current_timezone()
        return [datetime.datetime.combine(d, datetime.time(0), tzinfo=zona) for d in self._fechas(kind)]


_clases_rapidas: dict[type, type] = {}


def con_fechas_rapidas(qs, campo, anio=None, mes=None):
    clase = qs.__class__
    if clase not in _clases_rapidas:
        _clases_rapidas[clase] = type(f"Rapido{clase.__name__}", (_FechasRapidas, clase), {})
    qs = qs._chain()
    qs.__class__ = _clases_rapidas[clase]
    qs._jerarquia = (campo, anio, mes)
    return qs


def _entero(valor):
    try:
        return int(valor)
    except (TypeError, ValueError):
        return None


class ListaRapida(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        # Only the date_hierarchy tag reads cl.queryset after this point.
        if self.date_hierarchy:
            campo = self.date_hierarchy
            anio = _entero(self.params.get(f"{campo}__year"))
            mes = _entero(self.params.get(f"{campo}__month")) if anio else None
            if mes is not None and not 1 <= mes <= 12:
                mes = None
            self.queryset = con_fechas_rapidas(self.queryset, campo, anio, mes)


class CasillaRapida(_ModelAdmin):
    """The action checkbox of each row as the same <input> Django renders, without a template
    render per row: the 50 checkboxes of a page took a fifth of the person list's time through
    the form renderer (issue 16)."""

    def action_checkbox(self, obj):
        etiqueta = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            etiqueta,
        )


class AdminRapido(CasillaRapida, admin.ModelAdmin):
    """Base of the big tables' admins: fixed query count, no full COUNT(*), fast date drill-down."""

    paginator = PaginadorRapido
    show_full_result_count = False
    # Facet counts would run a COUNT per filter choice over the whole table.
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 50

    def get_changelist(self, request, **kwargs):
        return ListaRapida

    def changelist_view(self, request, extra_context=None):
        if request.method != "GET":  # actions write: they read what they change from the primary
            return super().changelist_view(request, extra_context)
        with desde_replica(request):
            respuesta = super().changelist_view(request, extra_context)
            if hasattr(respuesta, "render"):
                respuesta.render()  # the template reads the rows: inside, on the replica
            return respuesta


def fecha_corta(valor):
    """A compact date for list columns (dd-mm-yyyy; a datetime in local time)."""
    if valor is None:
        return "—"
    if isinstance(valor, datetime.datetime):
        valor = timezone.localtime(valor)
        return valor.strftime("%d-%m-%Y %H:%M")
    return valor.strftime("%d-%m-%Y")


def nombre_usuario(u) -> str:
    """A staff member's name for list columns and exports ("" when there is none)."""
    return (u.get_full_name() or u.username) if u else ""

"""Admin building blocks: a paginator and a date drill-down that stay fast at a million rows,
list filters the office head asks for, read-only inlines and the export action."""

import datetime
from functools import cached_property

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import connection, models
from django.db.models import Max, Min, QuerySet
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from oficina import roles

from ..exportar import CSV, XLSX, Hoja, exportar

# --- counting and drilling down without scanning the table ----------------------------------------


class PaginadorRapido(Paginator):
    """A paginator that never runs a full COUNT(*) on a big table.

    - Unfiltered list on PostgreSQL: the planner's estimate (`pg_class.reltuples`, kept fresh by
      autovacuum/ANALYZE) when it is above TOPE; the count is shown as approximate.
    - Anything else: a capped count (`SELECT COUNT(*) FROM (… LIMIT TOPE + 1)`); above TOPE the list
      says "more than TOPE" and offers TOPE / per_page pages: a filter narrows it down.
    """

    TOPE = 10_000

    aproximado = False
    truncado = False

    @cached_property
    def count(self):
        qs = self.object_list
        if not isinstance(qs, QuerySet):
            return len(qs)
        if connection.vendor == "postgresql" and not qs.query.where:
            estimado = estimar_filas(qs.model)
            if estimado > self.TOPE:
                self.aproximado = True
                return estimado
        n = qs.order_by().values("pk")[: self.TOPE + 1].count()
        if n > self.TOPE:
            self.truncado = True
            return self.TOPE
        return n


def estimar_filas(modelo) -> int:
    """PostgreSQL's estimate of a table's rows (-1 when never analysed)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [modelo._meta.db_table]
        )
        fila = cursor.fetchone()
    return fila[0] if fila else -1


class _FechasRapidas:
    """QuerySet mixin for the admin's date_hierarchy: its year/month/day links come from the table's
    date range (MIN/MAX of an indexed column: two index lookups), clamped to the year and month being
    viewed, instead of SELECT DISTINCT over every matching row. Some links may lead to empty lists."""

    _jerarquia = None  # (field name, year, month) set by ListaRapida

    def _rango(self):
        campo, anio, mes = self._jerarquia
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


_clases_rapidas = {}


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


class AdminRapido(admin.ModelAdmin):
    """Base of the big tables' admins: fixed query count, no full COUNT(*), fast date drill-down."""

    paginator = PaginadorRapido
    show_full_result_count = False
    # Facet counts would run a COUNT per filter choice over the whole table.
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 50

    def get_changelist(self, request, **kwargs):
        return ListaRapida


def fecha_corta(valor):
    """A compact date for list columns (dd-mm-yyyy; a datetime in local time)."""
    if valor is None:
        return "—"
    if isinstance(valor, datetime.datetime):
        valor = timezone.localtime(valor)
        return valor.strftime("%d-%m-%Y %H:%M")
    return valor.strftime("%d-%m-%Y")


# --- filters ----------------------------------------------------------------------------------------


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
                    return queryset.filter(**{f"{campo}_id": int(self.value())})
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


# --- read-only, limited inlines ---------------------------------------------------------------------


class FormsetLimitado(BaseInlineFormSet):
    def get_queryset(self):
        # Evaluated once: the formset asks for it several times.
        if not hasattr(self, "_limitado"):
            self._limitado = super().get_queryset()[: self.limite]
            list(self._limitado)
        return self._limitado


class InlineSoloLectura(admin.TabularInline):
    """A read-only, limited list of related rows (the latest `limite`), with links to each."""

    extra = 0
    can_delete = False
    show_change_link = True
    limite = 10
    select_related = ()
    prefetch_related = ()

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["formset"] = type("Formset", (FormsetLimitado,), {"limite": self.limite})
        return super().get_formset(request, obj, **kwargs)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- export -----------------------------------------------------------------------------------------

PERMISO_EXPORTAR = "atenciones.exportar_datos"
TOPE_EXPORTAR = 50_000


class ExportarForm(forms.Form):
    formato = forms.ChoiceField(
        label=_("Formato"),
        choices=[(XLSX, _("Excel (XLSX)")), (CSV, _("Texto separado por comas (CSV)"))],
        initial=XLSX,
        widget=forms.RadioSelect,
    )
    incluir_notas = forms.BooleanField(
        label=_("Incluir notas y datos sensibles"),
        required=False,
        help_text=_("Por defecto se omiten: exporte solo lo que necesite (Ley 21.719)."),
    )


class ExportarMixin:
    """Admin action: export the selected rows (XLSX or CSV) through atenciones.exportar.exportar.

    Subclasses set `columnas_exportar` and `columnas_notas`: lists of (header, function of the row);
    the notes columns are written only when the user asks for them.
    """

    columnas_exportar = []
    columnas_notas = []
    exportar_select_related = ()
    exportar_prefetch_related = ()

    def has_exportar_permission(self, request):
        return request.user.has_perm(PERMISO_EXPORTAR)

    @admin.action(description=_("Exportar las filas seleccionadas (XLSX o CSV)…"), permissions=["exportar"])
    def exportar_seleccion(self, request, queryset):
        form = ExportarForm(request.POST if "confirmar" in request.POST else None)
        if form.is_bound and form.is_valid():
            if queryset.order_by().values("pk")[: TOPE_EXPORTAR + 1].count() > TOPE_EXPORTAR:
                self.message_user(
                    request,
                    gettext(
                        "Se pueden exportar hasta %(n)s filas a la vez: filtre la lista y vuelva a intentar."
                    )
                    % {"n": f"{TOPE_EXPORTAR:,}".replace(",", ".")},
                    messages.ERROR,
                )
                return None
            return self.exportar_filas(
                request,
                queryset,
                formato=form.cleaned_data["formato"],
                notas=form.cleaned_data["incluir_notas"],
            )
        return TemplateResponse(
            request,
            "admin/exportar.html",
            {
                **self.admin_site.each_context(request),
                "title": gettext("Exportar %(modelo)s") % {"modelo": self.model._meta.verbose_name_plural},
                "opts": self.model._meta,
                "form": form,
                "seleccion": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
                "select_across": request.POST.get("select_across", "0"),
                "accion": "exportar_seleccion",
                "cantidad": len(request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME)),
            },
        )

    def exportar_filas(self, request, queryset, *, formato, notas):
        columnas = list(self.columnas_exportar) + (list(self.columnas_notas) if notas else [])
        qs = queryset.select_related(*self.exportar_select_related)
        if self.exportar_prefetch_related:
            qs = qs.prefetch_related(*self.exportar_prefetch_related)
        filas = ([funcion(obj) for _titulo, funcion in columnas] for obj in qs.iterator(chunk_size=2000))
        nombre = str(self.model._meta.verbose_name_plural)
        return exportar(
            usuario=request.user,
            nombre=nombre,
            formato=formato,
            hojas=[Hoja(nombre, [str(titulo) for titulo, _f in columnas], filas)],
            motivo=f"admin:{self.model._meta.label_lower}:{'con_notas' if notas else 'sin_notas'}",
        )

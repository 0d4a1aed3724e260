"""Read-only inlines that list only the latest related rows."""

from collections.abc import Sequence

from django.contrib import admin
from django.forms.models import BaseInlineFormSet


class FormsetLimitado(BaseInlineFormSet):
    limite: int  # set by InlineSoloLectura.get_formset

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
    select_related: Sequence[str] = ()
    prefetch_related: Sequence[str] = ()

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

"""Public pages: no personal data is ever read here (see oficina/selectors.py).

Pages never touch the session or the CSRF token (the only form, search and filters, uses GET),
so anonymous responses set no cookie and do not vary on cookies; they are cached per URL, which
already carries the language.
"""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from . import selectors, traducciones
from .cache_publico import cache_publico
from .choices import Area, Idioma
from .templatetags.publico import Texto

AREAS_CALENDARIO = [Area.CULTURA, Area.SALUD, Area.EDUCACION]
# The guide linked first from the home page, in every language.
CLAVE_EMERGENCIAS = "emergencias"
POR_PAGINA = 15


def _en_idioma(nombre: str) -> Texto:
    """Setting `nombre` in the reader's language (`<nombre>_HT` / `_EN`), Spanish when empty."""
    idioma = get_language()
    if idioma != settings.LANGUAGE_CODE and (valor := getattr(settings, f"{nombre}_{idioma.upper()}", "")):
        return Texto(valor, idioma)
    return Texto(getattr(settings, nombre), settings.LANGUAGE_CODE)


def _contacto() -> dict[str, object]:
    return {
        "direccion": _en_idioma("OFICINA_DIRECCION"),
        "horario": _en_idioma("OFICINA_HORARIO"),
        "telefono": settings.OFICINA_TELEFONO,
        "whatsapp": settings.OFICINA_WHATSAPP,
        "correo": settings.OFICINA_CORREO,
        "mapa_url": settings.OFICINA_MAPA_URL,
    }


class FiltroRedForm(forms.Form):
    area = forms.ChoiceField(
        label=_("Tema"), required=False, choices=[("", _("Todos los temas")), *Area.choices]
    )
    idioma = forms.ChoiceField(
        label=_("Idioma en que atienden"),
        required=False,
        choices=[("", _("Todos los idiomas")), *Idioma.choices],
    )

    def valor(self, campo: str) -> str:
        return self.cleaned_data.get(campo, "") if self.is_valid() else ""


class FiltroActividadesForm(forms.Form):
    area = forms.ChoiceField(
        label=_("Área"),
        required=False,
        choices=[("", _("Todas las áreas")), *[(a.value, a.label) for a in AREAS_CALENDARIO]],
    )


@require_safe
@cache_publico
def inicio(request: HttpRequest) -> HttpResponse:
    idioma = get_language()
    return render(
        request,
        "publico/inicio.html",
        {
            "seccion": "inicio",
            "contacto": _contacto(),
            "emergencias": selectors.guia(CLAVE_EMERGENCIAS, idioma),
            "guias": selectors.guias(idioma)[:6],
            "actividades": list(selectors.actividades_proximas()[:3]),
        },
    )


@require_safe
@cache_publico
def guias(request: HttpRequest) -> HttpResponse:
    return render(
        request, "publico/guias.html", {"seccion": "guias", "guias": selectors.guias(get_language())}
    )


@require_safe
@cache_publico
def guia(request: HttpRequest, clave: str) -> HttpResponse:
    encontrada = selectors.guia(clave, get_language())
    if encontrada is None or clave == selectors.CLAVE_PRIVACIDAD:
        raise Http404
    return render(request, "publico/guia.html", {"seccion": "guias", "guia": encontrada})


@require_safe
@cache_publico
def red_de_apoyo(request: HttpRequest) -> HttpResponse:
    form = FiltroRedForm(request.GET or None)
    organizaciones = selectors.organizaciones_publicas(area=form.valor("area"), idioma=form.valor("idioma"))
    pagina = Paginator(organizaciones, POR_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "publico/red_de_apoyo.html",
        {
            "seccion": "red",
            "form": form,
            "pagina": pagina,
            "filtrado": bool(form.valor("area") or form.valor("idioma")),
            "hay_respaldo": traducciones.hay_respaldo(pagina, get_language()),
        },
    )


@require_safe
@cache_publico
def actividades(request: HttpRequest) -> HttpResponse:
    form = FiltroActividadesForm(request.GET or None)
    area = form.cleaned_data.get("area", "") if form.is_valid() else ""
    pagina = Paginator(selectors.actividades_proximas(area=area), POR_PAGINA).get_page(
        request.GET.get("pagina")
    )
    contexto = {
        "seccion": "actividades",
        "form": form,
        "pagina": pagina,
        "hay_respaldo": traducciones.hay_respaldo(pagina, get_language()),
    }
    return render(request, "publico/actividades.html", contexto)


@require_safe
@cache_publico
def privacidad(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "publico/privacidad.html",
        {
            "aviso": selectors.aviso_privacidad(get_language()),
            "version": settings.AVISO_PRIVACIDAD_VERSION,
            "retencion_anos": getattr(settings, "RETENCION_ANOS", 5),
            "plazo_respuesta_dias": 30,
            "contacto": _contacto(),
        },
    )


@require_safe
def buscar(request: HttpRequest) -> HttpResponse:
    q = selectors.limpiar_busqueda(request.GET.get("q", ""))
    guias_encontradas, organizaciones = selectors.buscar(q, get_language()) if q else ([], [])
    return render(
        request,
        "publico/buscar.html",
        {
            "seccion": "buscar",
            "q": q,
            "guias": guias_encontradas,
            "organizaciones": organizaciones[: selectors.MAXIMO_ORGANIZACIONES_BUSQUEDA],
            "hay_mas_organizaciones": len(organizaciones) > selectors.MAXIMO_ORGANIZACIONES_BUSQUEDA,
        },
    )

"""Duplicate review (office head) and a person's identity documents."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..acceso import equipo_requerido, persona_para
from ..forms._errores import errores_a_formulario
from ..forms.identidad import DocumentoForm, FusionForm
from ..models import DocumentoIdentidad, ParDuplicado
from ..selectors.duplicados import EVIDENCIAS, etiqueta
from ..services._comun import version_de
from ..services.documentos import agregar_documento
from ..services.duplicados import marcar_distintas
from ..services.fusion import PERMISO, fusionar_personas

POR_PAGINA = 20


def _exigir_permiso(request: HttpRequest) -> None:
    # Office head by default (a permission she can grant); others get 404, like every staff page.
    if not request.user.has_perm(PERMISO):
        raise Http404


@equipo_requerido
def lista(request: HttpRequest) -> HttpResponse:
    """Likely duplicate pairs across the registry, computed in the background, most likely first."""
    _exigir_permiso(request)
    pares = (
        ParDuplicado.objects.filter(estado=ParDuplicado.Estado.PENDIENTE)
        .select_related("persona_a", "persona_b")
        .order_by("-probabilidad", "pk")
    )
    pagina = Paginator(pares, POR_PAGINA).get_page(request.GET.get("page"))
    for par in pagina:
        par.etiqueta = etiqueta(par.probabilidad)
        par.evidencia_texto = [EVIDENCIAS.get(e, e) for e in par.evidencia]
    return render(request, "equipo/duplicados/lista.html", {"pagina": pagina})


def _par(pk: int) -> ParDuplicado:
    return get_object_or_404(ParDuplicado.objects.select_related("persona_a", "persona_b"), pk=pk)


@equipo_requerido
def fusionar(request: HttpRequest, pk: int) -> HttpResponse:
    """Both records side by side: which one stays and, field by field, which value to keep."""
    _exigir_permiso(request)
    par = _par(pk)
    a, b = par.persona_a, par.persona_b
    if request.method == "POST":
        form = FusionForm(request.POST, a=a, b=b)
        if form.is_valid():
            superviviente, absorbida, elegidos = form.elegidos()
            versiones = {a.pk: form.cleaned_data["version_a"], b.pk: form.cleaned_data["version_b"]}
            try:
                fusion = fusionar_personas(
                    superviviente=superviviente,
                    absorbida=absorbida,
                    usuario=request.user,
                    elegidos=elegidos,
                    version_superviviente=versiones[superviviente.pk],
                    version_absorbida=versiones[absorbida.pk],
                )
            except ValidationError as exc:
                errores_a_formulario(form, exc)
            else:
                messages.success(
                    request,
                    _("Fichas fusionadas: la ficha N° %(b)s quedó dentro de la ficha N° %(a)s.")
                    % {"a": fusion.superviviente_id, "b": fusion.absorbida_id},
                )
                return redirect("equipo:persona", pk=fusion.superviviente_id)
    else:
        form = FusionForm(a=a, b=b, initial={"version_a": version_de(a), "version_b": version_de(b)})
    return render(
        request,
        "equipo/duplicados/fusionar.html",
        {"par": par, "a": a, "b": b, "form": form, "etiqueta": etiqueta(par.probabilidad)},
    )


@require_POST
@equipo_requerido
def distintas(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Not the same person": remembered, the pair is not proposed again."""
    _exigir_permiso(request)
    try:
        marcar_distintas(par=_par(pk), usuario=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Anotado: no son la misma persona. El par no se volverá a proponer."))
    return redirect("equipo:duplicados")


@equipo_requerido
def documentos(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's documents, current and past, and a form to add one."""
    persona = persona_para(request.user, pk)
    if persona.fusionada_en_id:
        return redirect("equipo:persona_documentos", pk=persona.fusionada_en_id)
    form = DocumentoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agregar_documento(persona=persona, usuario=request.user, **form.cleaned_data)
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(request, _("Documento agregado."))
            return redirect("equipo:persona_documentos", pk=persona.pk)
    lista_documentos = DocumentoIdentidad.objects.filter(persona=persona)
    pares = ParDuplicado.objects.filter(
        Q(persona_a=persona) | Q(persona_b=persona), estado=ParDuplicado.Estado.PENDIENTE
    ).count()
    return render(
        request,
        "equipo/personas/documentos.html",
        {"persona": persona, "documentos": lista_documentos, "form": form, "pares": pares},
    )

"""A case's plan and contents: next steps (add, tick) and attaching or detaching attentions/referrals."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..acceso import SolicitudEquipo, equipo_requerido, persona_para
from ..forms.planes import TareaForm, VincularForm
from ..models import Atencion, Caso, Derivacion, TareaCaso
from ..services.casos import crear_tarea, desvincular_de_caso, marcar_tarea, vincular_a_caso


def _volver(request: HttpRequest, caso: Caso) -> HttpResponse:
    """Back to where the form was (the case or the person page), never off-site."""
    destino = request.POST.get("volver", "")
    if destino and url_has_allowed_host_and_scheme(destino, allowed_hosts={request.get_host()}):
        return redirect(destino)
    return redirect("equipo:caso", pk=caso.pk)


def _errores(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@require_POST
@equipo_requerido
def tarea_nueva(request: SolicitudEquipo, pk: int) -> HttpResponse:
    caso = get_object_or_404(Caso.objects.select_related("persona"), pk=pk)
    form = TareaForm(request.POST)
    if not form.is_valid():
        # The case page shows the form again with what was typed (kept in the session for one view).
        request.session[f"tarea_caso_{caso.pk}"] = request.POST.dict()
        for errores in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errores))
        return redirect("equipo:caso", pk=caso.pk)
    try:
        crear_tarea(caso=caso, usuario=request.user, **form.cleaned_data)
    except ValidationError as exc:
        request.session[f"tarea_caso_{caso.pk}"] = request.POST.dict()
        _errores(request, exc)
    else:
        messages.success(request, _("Próximo paso agregado al plan del caso."))
    return redirect("equipo:caso", pk=caso.pk)


@require_POST
@equipo_requerido
def tarea_hecha(request: SolicitudEquipo, pk: int) -> HttpResponse:
    tarea = get_object_or_404(TareaCaso.objects.select_related("caso"), pk=pk)
    hecha = request.POST.get("hecha", "1") == "1"
    marcar_tarea(tarea=tarea, usuario=request.user, hecha=hecha)
    messages.success(request, _("Tarea marcada como hecha.") if hecha else _("Tarea marcada como pendiente."))
    return _volver(request, tarea.caso)


@require_POST
@equipo_requerido
def vincular(request: SolicitudEquipo, pk: int) -> HttpResponse:
    """Attach (accion=agregar) or detach (accion=quitar) an attention or referral."""
    caso = get_object_or_404(Caso.objects.select_related("persona"), pk=pk)
    form = VincularForm(request.POST)
    if not form.is_valid():
        for errores in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errores))
        return _volver(request, caso)
    tipo, objeto_id = form.cleaned_data["elemento"]
    servicio = desvincular_de_caso if request.POST.get("accion") == "quitar" else vincular_a_caso
    try:
        servicio(caso=caso, tipo=tipo, objeto_id=objeto_id, usuario=request.user)
    except ValidationError as exc:
        _errores(request, exc)
    else:
        if servicio is vincular_a_caso:
            messages.success(request, _("Agregado al caso %(id)s.") % {"id": caso.pk})
        else:
            messages.success(request, _("Quitado del caso %(id)s.") % {"id": caso.pk})
    return _volver(request, caso)


@require_POST
@equipo_requerido
def vincular_desde_persona(request: SolicitudEquipo, pk: int) -> HttpResponse:
    """From the person page: attach a loose attention/referral to one of the person's cases, or detach it."""
    persona = persona_para(request.user, pk)
    volver = redirect("equipo:persona", pk=persona.pk)
    pagina = request.POST.get("page", "")
    if pagina.isascii() and pagina.isdigit():
        volver["Location"] += f"?page={pagina}"
    form = VincularForm(request.POST)
    caso_id = request.POST.get("caso", "")
    caso = None
    if caso_id.isascii() and caso_id.isdigit():
        caso = Caso.objects.select_related("persona").filter(persona=persona, pk=int(caso_id)).first()
    if not form.is_valid() or caso is None:
        messages.error(request, _("Elija un caso de la persona y una atención o derivación de su historial."))
        return volver
    tipo, objeto_id = form.cleaned_data["elemento"]
    quitar = request.POST.get("accion") == "quitar"
    if not quitar:
        # A stale page: the item was attached meanwhile; moving it silently would lose that choice.
        modelo = Atencion if tipo == "atencion" else Derivacion
        actual = (
            modelo.objects.filter(pk=objeto_id, persona=persona).values_list("caso_id", flat=True).first()
        )
        if actual is not None:
            messages.error(
                request, _("Ya es parte del caso %(id)s: quítela de ese caso primero.") % {"id": actual}
            )
            return volver
    servicio = desvincular_de_caso if quitar else vincular_a_caso
    try:
        servicio(caso=caso, tipo=tipo, objeto_id=objeto_id, usuario=request.user)
    except ValidationError as exc:
        _errores(request, exc)
    else:
        if quitar:
            messages.success(request, _("Quitado del caso %(id)s.") % {"id": caso.pk})
        else:
            messages.success(request, _("Agregado al caso %(id)s.") % {"id": caso.pk})
    return volver

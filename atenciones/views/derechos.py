"""Executing data-subject requests (Ley 21.719): the office head only, every step audited."""

from django import forms
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from ..acceso import SolicitudEquipo, encargada_requerida
from ..auditoria import registrar_acceso
from ..models import Persona, RegistroAcceso, SolicitudDerecho
from ..selectors.privacidad import datos_del_titular, datos_para_imprimir
from ..services.privacidad import anonimizar_persona, bloquear_persona, desbloquear_persona


class ConfirmarAnonimizacionForm(forms.Form):
    confirmo = forms.BooleanField(
        label=gettext_lazy("Entiendo que la anonimización es definitiva y no se puede deshacer."),
        required=True,
    )


def _solicitud(pk: int) -> SolicitudDerecho:
    return get_object_or_404(SolicitudDerecho.objects.select_related("persona"), pk=pk)


def _solicitud_con_persona(pk: int) -> tuple[SolicitudDerecho, Persona]:
    """A request about a person who is on record; 404 for a request without one."""
    solicitud = _solicitud(pk)
    if solicitud.persona is None:
        raise Http404
    return solicitud, solicitud.persona


def _en_curso(solicitud: SolicitudDerecho) -> None:
    if solicitud.estado == SolicitudDerecho.Estado.RECIBIDA:
        SolicitudDerecho.objects.filter(pk=solicitud.pk).update(estado=SolicitudDerecho.Estado.EN_CURSO)


def _exportar_datos(request: SolicitudEquipo, pk: int, formato: str) -> tuple[SolicitudDerecho, dict]:
    """The request and everything held about its person; the export is logged, the request in progress."""
    solicitud, persona = _solicitud_con_persona(pk)
    datos = datos_del_titular(persona)
    registrar_acceso(
        usuario=request.user,
        accion=RegistroAcceso.Accion.EXPORTAR_DATOS_TITULAR,
        objeto=persona,
        detalle=f"solicitud {solicitud.pk} · {formato}",
    )
    _en_curso(solicitud)
    return solicitud, datos


@never_cache
@encargada_requerida
@require_GET
def solicitud(request: SolicitudEquipo, pk: int) -> HttpResponse:
    return render(request, "equipo/derechos/solicitud.html", {"solicitud": _solicitud(pk)})


@never_cache
@encargada_requerida
@require_GET
def datos_json(request: SolicitudEquipo, pk: int) -> HttpResponse:
    """Everything held about the person, as a JSON download (access and portability)."""
    solicitud, datos = _exportar_datos(request, pk, "JSON")
    respuesta = JsonResponse(
        datos, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    respuesta["Content-Disposition"] = f'attachment; filename="datos-persona-{solicitud.persona_id}.json"'
    return respuesta


@never_cache
@encargada_requerida
@require_GET
def datos_imprimible(request: SolicitudEquipo, pk: int) -> HttpResponse:
    """The same data as a readable page, to print or hand over."""
    solicitud, datos = _exportar_datos(request, pk, "impresión")
    return render(
        request,
        "equipo/derechos/datos_titular.html",
        {"solicitud": solicitud, "datos": datos_para_imprimir(datos), "generado_el": datos["generado_el"]},
    )


@never_cache
@encargada_requerida
@require_http_methods(["GET", "POST"])
def anonimizar(request: SolicitudEquipo, pk: int) -> HttpResponse:
    """Erasure: confirm, then anonymise the person (indicators unchanged)."""
    solicitud, persona = _solicitud_con_persona(pk)
    if persona.anonimizada_en:
        messages.info(request, _("Los datos de esta persona ya fueron anonimizados."))
        return redirect("equipo:derecho_solicitud", pk=solicitud.pk)
    form = ConfirmarAnonimizacionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        anonimizar_persona(persona=persona, usuario=request.user, solicitud=solicitud)
        _en_curso(solicitud)
        messages.success(
            request,
            _("La persona fue anonimizada. Registre el resultado y la fecha de respuesta en la solicitud."),
        )
        return redirect("equipo:derecho_solicitud", pk=solicitud.pk)
    return render(request, "equipo/derechos/anonimizar.html", {"solicitud": solicitud, "form": form})


@never_cache
@encargada_requerida
@require_http_methods(["GET", "POST"])
def bloqueo(request: SolicitudEquipo, pk: int) -> HttpResponse:
    """Blocking: freeze (or release) the person's record."""
    solicitud, persona = _solicitud_con_persona(pk)
    if persona.anonimizada_en:
        raise Http404
    if request.method == "POST":
        if persona.bloqueada:
            desbloquear_persona(persona=persona, usuario=request.user, solicitud=solicitud)
            messages.success(request, _("El registro de la persona fue desbloqueado."))
        else:
            bloquear_persona(persona=persona, usuario=request.user, solicitud=solicitud)
            _en_curso(solicitud)
            messages.success(request, _("El registro de la persona quedó bloqueado."))
        return redirect("equipo:derecho_solicitud", pk=solicitud.pk)
    return render(request, "equipo/derechos/bloqueo.html", {"solicitud": solicitud, "persona": persona})

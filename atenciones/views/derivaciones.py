"""Referral pages: the office's list, one referral, its moves, follow-ups, printed slip, new referral."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from oficina.roles import es_enlace, es_profesional

from ..acceso import (
    SolicitudEquipo,
    departamentos_de,
    derivacion_para,
    enlace_o_equipo_requerido,
    equipo_requerido,
    persona_para,
)
from ..choices import EstadoDerivacion
from ..envios import EnvioRepetido, crear_una_vez
from ..forms._errores import errores_a_formulario
from ..forms.derivaciones import (
    CambioEstadoForm,
    FiltroDerivacionesForm,
    NuevaDerivacionForm,
    SeguimientoForm,
)
from ..forms.destinos import campos_destino
from ..models import Derivacion, EventoDerivacion, Persona, SeguimientoDerivacion
from ..selectors.derivaciones import (
    acciones_permitidas,
    con_proximo_seguimiento,
    externas_esperando,
)
from ..services import TransicionInvalida, cambiar_estado_derivacion, derivar, registrar_seguimiento

E = EstadoDerivacion
POR_PAGINA = 25

# Button labels of each move, as the destination or the office sees it.
ETIQUETAS_ACCION: dict[str, Promise] = {
    E.RECIBIDA: gettext_lazy("Marcar como recibida"),
    E.EN_ATENCION: gettext_lazy("Iniciar atención"),
    E.RESUELTA: gettext_lazy("Resolver"),
    E.RECHAZADA: gettext_lazy("Rechazar"),
    E.CANCELADA: gettext_lazy("Cancelar derivación"),
}


@equipo_requerido
def lista(request: SolicitudEquipo) -> HttpResponse:
    """All referrals for office staff, filtered by destination, state, overdue, date range."""
    filtro = FiltroDerivacionesForm(request.GET or None)
    base = Derivacion.objects.all()
    qs = filtro.filtrar(base) if filtro.is_bound else base
    # Related rows are fetched for the page only (joins before the LIMIT would touch every row).
    qs = con_proximo_seguimiento(qs).prefetch_related(
        "persona", "departamento", "organizacion", "derivado_por"
    )
    if (
        filtro.is_bound
        and filtro.is_valid()
        and (filtro.cleaned_data["vencidas"] or filtro.cleaned_data["externas"])
    ):
        # Waiting for an answer: the oldest due date first.
        qs = qs.order_by("fecha_limite", "id")
    else:
        qs = qs.order_by("-fecha_envio", "-id")
    pagina = Paginator(qs, POR_PAGINA).get_page(request.GET.get("pagina"))
    parametros = request.GET.copy()
    parametros.pop("pagina", None)
    return render(
        request,
        "equipo/derivaciones/lista.html",
        {
            "filtro": filtro,
            "pagina": pagina,
            "parametros": parametros.urlencode(),
            "externas_esperando": externas_esperando().count(),
        },
    )


def _contexto_detalle(
    request: SolicitudEquipo,
    derivacion: Derivacion,
    *,
    form_estado: CambioEstadoForm | None = None,
    form_seguimiento: SeguimientoForm | None = None,
) -> dict[str, Any]:
    user = request.user
    departamentos = departamentos_de(user) if es_enlace(user) else []
    equipo = es_profesional(user)
    con_error = form_estado.data.get("nuevo_estado") if form_estado is not None else None
    acciones = [
        (
            estado,
            ETIQUETAS_ACCION[estado],
            form_estado
            if estado == con_error
            else CambioEstadoForm(initial={"nuevo_estado": estado, "estado_esperado": derivacion.estado}),
        )
        for estado in acciones_permitidas(user, derivacion, departamentos)
    ]
    return {
        "derivacion": derivacion,
        "equipo": equipo,
        "acciones": acciones,
        "form_seguimiento": form_seguimiento
        or (SeguimientoForm() if equipo and derivacion.abierta else None),
    }


def _derivacion_con_historial(user: User, pk: int) -> Derivacion:
    eventos = EventoDerivacion.objects.select_related("usuario")
    seguimientos = SeguimientoDerivacion.objects.select_related("usuario")
    qs = Derivacion.objects.prefetch_related(Prefetch("eventos", queryset=eventos))
    if es_profesional(user):
        # Only office staff see the follow-ups and the case.
        qs = qs.select_related("caso").prefetch_related(Prefetch("seguimientos", queryset=seguimientos))
    return derivacion_para(user, pk, qs)


def _detalle_rechazado(request: SolicitudEquipo, pk: int, **formularios: Any) -> HttpResponse:
    """The referral page again, with the refused form and its messages (400)."""
    derivacion = _derivacion_con_historial(request.user, pk)
    contexto = _contexto_detalle(request, derivacion, **formularios)
    return render(request, "equipo/derivaciones/detalle.html", contexto, status=400)


def _aplicar(
    request: SolicitudEquipo,
    pk: int,
    form: forms.Form,
    nombre_form: str,
    accion: Callable[[dict], object],
    exito: Callable[[], str],
) -> HttpResponse:
    """Run a referral service with a valid form's data. Done, or refused because the referral moved
    meanwhile: back to its page with a message. Otherwise the page again with the form's errors."""
    if form.is_valid():
        try:
            accion(form.cleaned_data)
        except EnvioRepetido as repetido:
            return redirect(repetido.url)
        except TransicionInvalida as exc:
            messages.error(request, exc.messages[0])
            return redirect("equipo:derivacion", pk=pk)
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(request, exito())
            return redirect("equipo:derivacion", pk=pk)
    return _detalle_rechazado(request, pk, **{nombre_form: form})


@enlace_o_equipo_requerido
def detalle(request: SolicitudEquipo, pk: int) -> HttpResponse:
    """One referral. A liaison sees only what the referral needs; office staff see it all."""
    derivacion = _derivacion_con_historial(request.user, pk)
    return render(request, "equipo/derivaciones/detalle.html", _contexto_detalle(request, derivacion))


@require_POST
@enlace_o_equipo_requerido
def mover(request: SolicitudEquipo, pk: int) -> HttpResponse:
    """Move a referral through the single state-change service; stale pages are refused."""
    derivacion = derivacion_para(request.user, pk)
    form = CambioEstadoForm(request.POST)
    nuevo = request.POST.get("nuevo_estado")
    departamentos = departamentos_de(request.user) if es_enlace(request.user) else []
    if nuevo not in acciones_permitidas(request.user, derivacion, departamentos):
        esperado = request.POST.get("estado_esperado")
        if esperado and esperado != derivacion.estado:
            messages.error(
                request,
                _(
                    "La derivación cambió mientras usted la revisaba: ahora está «%(estado)s». Revise y vuelva a intentar."
                )
                % {"estado": derivacion.get_estado_display()},
            )
        else:
            messages.error(request, _("Esa acción no está disponible para esta derivación."))
        return redirect("equipo:derivacion", pk=pk)
    return _aplicar(
        request,
        pk,
        form,
        "form_estado",
        lambda datos: cambiar_estado_derivacion(
            derivacion=derivacion,
            nuevo_estado=datos["nuevo_estado"],
            usuario=request.user,
            nota=datos["nota"],
            respuesta=datos["respuesta"],
            motivo_rechazo=datos["motivo_rechazo"],
            estado_esperado=datos["estado_esperado"],
        ),
        lambda: (
            _("Derivación %(codigo)s: ahora está «%(estado)s».")
            % {"codigo": derivacion.codigo, "estado": derivacion.get_estado_display()}
        ),
    )


@require_POST
@equipo_requerido
def seguimiento(request: SolicitudEquipo, pk: int) -> HttpResponse:
    """Log a follow-up contact (office staff), with the next follow-up date."""
    derivacion = derivacion_para(request.user, pk)
    form = SeguimientoForm(request.POST)
    return _aplicar(
        request,
        pk,
        form,
        "form_seguimiento",
        # One-time token (atenciones.envios): a repeated submit records nothing more.
        lambda datos: crear_una_vez(
            token=datos.get("envio", ""),
            formulario=form.formulario_envio,
            usuario=request.user,
            crear=lambda: registrar_seguimiento(
                derivacion=derivacion,
                usuario=request.user,
                **{k: v for k, v in datos.items() if k != "envio"},
            ),
            url=lambda _seguimiento: reverse("equipo:derivacion", args=[pk]),
        ),
        lambda: _("Seguimiento registrado."),
    )


def idioma_de_la_ficha(persona: Persona) -> str | None:
    """The second language of the printed slip: Haitian Creole or English, when the person speaks it."""
    for codigo in ("ht", "en"):
        if codigo in (persona.idiomas or []):
            return codigo
    return None


@equipo_requerido
def imprimir(request: SolicitudEquipo, pk: int) -> HttpResponse:
    """The printed slip the person takes to the destination (one page)."""
    derivacion = derivacion_para(request.user, pk)
    idioma_extra = idioma_de_la_ficha(derivacion.persona)
    tema_extra = None
    if idioma_extra:
        with translation.override(idioma_extra):
            tema_extra = str(derivacion.get_tema_display())
    with translation.override("es"):
        tema = str(derivacion.get_tema_display())
        return render(
            request,
            "equipo/derivaciones/imprimir.html",
            {
                "derivacion": derivacion,
                "idioma_extra": idioma_extra,
                # Shown only once the topic list is translated into that language.
                "tema_extra": tema_extra if tema_extra != tema else None,
            },
        )


@equipo_requerido
def nueva(request: SolicitudEquipo, persona_pk: int) -> HttpResponse:
    """Refer a person: topic first, then the proposed destinations with their deadlines."""
    persona = persona_para(request.user, persona_pk)
    if request.method == "POST":
        if "proponer" in request.POST:
            # Re-offer the destinations for the chosen topic, keeping what was typed (works with JS off).
            form = NuevaDerivacionForm(initial=request.POST.dict(), persona=persona, usuario=request.user)
            return render(request, "equipo/derivaciones/nueva.html", {"form": form, "persona": persona})
        form = NuevaDerivacionForm(request.POST, persona=persona, usuario=request.user)
        if form.is_valid():
            datos = form.cleaned_data
            destino = datos["destino"]
            try:
                derivacion = crear_una_vez(
                    token=datos["envio"],
                    formulario=form.formulario_envio,
                    usuario=request.user,
                    crear=lambda: derivar(
                        persona=persona,
                        derivado_por=request.user,
                        tema=datos["tema"],
                        motivo=datos["motivo"],
                        prioridad=datos["prioridad"],
                        caso=datos["caso"],
                        consentimiento=datos["consentimiento"],
                        consentimiento_omitido_motivo=datos.get("consentimiento_omitido_motivo", ""),
                        **campos_destino(destino),
                    ),
                    url=lambda derivacion: reverse("equipo:derivacion", args=[derivacion.pk]),
                )
            except EnvioRepetido as repetido:
                return redirect(repetido.url)
            except ValidationError as exc:
                errores_a_formulario(form, exc)
            else:
                messages.success(
                    request,
                    _("Derivación %(codigo)s enviada a %(destino)s.")
                    % {"codigo": derivacion.codigo, "destino": destino.nombre},
                )
                return redirect("equipo:derivacion", pk=derivacion.pk)
    else:
        tema = request.GET.get("tema", "")
        form = NuevaDerivacionForm(initial={"tema": tema}, persona=persona, usuario=request.user)
    return render(request, "equipo/derivaciones/nueva.html", {"form": form, "persona": persona})

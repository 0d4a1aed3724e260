"""Referral pages: the office's list, one referral, its moves, follow-ups, printed slip, new referral."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from oficina.choices import CampoPersona
from oficina.roles import es_enlace, es_profesional

from ..acceso import (
    SolicitudEquipo,
    departamentos_de,
    derivacion_para,
    enlace_o_equipo_requerido,
    equipo_requerido,
    persona_para,
)
from ..auditoria import Accion, registrar_acceso
from ..busqueda import contar_hasta
from ..choices import EstadoDerivacion, ResultadoDerivacion
from ..envios import EnvioRepetido, crear_una_vez
from ..forms._errores import errores_a_formulario
from ..forms.derivaciones import (
    CambioEstadoForm,
    FiltroDerivacionesForm,
    NuevaDerivacionForm,
    SeguimientoForm,
)
from ..forms.destinos import campos_destino
from ..models import Derivacion, EnlaceExterno, EventoDerivacion, Persona, SeguimientoDerivacion
from ..paginacion import PaginadorAcotado
from ..selectors.derivaciones import (
    acciones_permitidas,
    con_proximo_seguimiento,
    con_respuesta_externa,
    datos_compartidos,
    externas_esperando,
    siguiente_abierta,
)
from ..services import (
    TransicionInvalida,
    aceptar_derivacion,
    cambiar_estado_derivacion,
    derivar,
    registrar_seguimiento,
)

E = EstadoDerivacion
POR_PAGINA = 25
TOPE_EXTERNAS = 1000

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
    filtradas = filtro.filtrar(base) if filtro.is_bound else base
    # Related rows are fetched for the page only (joins before the LIMIT would touch every row).
    qs: QuerySet[Derivacion] = con_respuesta_externa(con_proximo_seguimiento(filtradas)).prefetch_related(
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
    # Counted up to 1,000: a full count of 666,000 referrals grows with the data.
    pagina = PaginadorAcotado(qs, POR_PAGINA).get_page(request.GET.get("pagina"))
    parametros = request.GET.copy()
    parametros.pop("pagina", None)
    # Counted up to 1,000 ("más de 1.000"), not over every open external referral.
    externas = contar_hasta(externas_esperando(), TOPE_EXTERNAS + 1)
    muchas_externas = number_format(TOPE_EXTERNAS, force_grouping=True) if externas > TOPE_EXTERNAS else ""
    return render(
        request,
        "equipo/derivaciones/lista.html",
        {
            "filtro": filtro,
            "pagina": pagina,
            "parametros": parametros.urlencode(),
            "externas_esperando": externas,
            "externas_muchas": muchas_externas,
        },
    )


def _auto_id(estado: str) -> str:
    """Field ids per action form: the page shows one form per state, and ids must stay unique."""
    return f"id_{estado}_%s"


# Session key of the typed move kept when a move is refused as stale (issue #13, point 2).
BORRADOR = "borrador_derivacion_%s"
CAMPOS_BORRADOR = ("nuevo_estado", "nota", "respuesta", "motivo_rechazo", "resultado", "resultado_detalle")


def _form_accion(
    derivacion: Derivacion, estado: str, borrador: dict[str, str] | None = None
) -> CambioEstadoForm:
    inicial = {"nuevo_estado": estado, "estado_esperado": derivacion.estado}
    if borrador and borrador.get("nuevo_estado") == estado:
        inicial.update({k: v for k, v in borrador.items() if k != "nuevo_estado" and v})
    # One id prefix per form: the page holds one form per move with the same fields.
    return CambioEstadoForm(
        initial=inicial, tema=derivacion.tema, con_destinos=estado == E.RESUELTA, auto_id=_auto_id(estado)
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
    borrador = request.session.pop(BORRADOR % derivacion.pk, None) if form_estado is None else None
    permitidas = acciones_permitidas(user, derivacion, departamentos)
    acciones = [
        (
            estado,
            ETIQUETAS_ACCION[estado],
            form_estado if estado == con_error else _form_accion(derivacion, estado, borrador),
        )
        for estado in permitidas
    ]
    return {
        "derivacion": derivacion,
        "equipo": equipo,
        "acciones": acciones,
        "borrador": borrador,
        # One action for "received and in attention" (the liaison's day).
        "puede_aceptar": derivacion.estado == E.ENVIADA and E.RECIBIDA in permitidas,
        "enlace": es_enlace(user),
        # What this destination sees of the person beyond the minimum (its campos_persona).
        "datos_compartidos": [] if equipo else datos_compartidos(derivacion),
        # Onward referrals exist only for the outcome "referred onward": no query otherwise.
        "siguientes": list(derivacion.derivaciones_siguientes.only("pk", "codigo"))
        if derivacion.resultado == ResultadoDerivacion.DERIVADA
        else [],
        # External referrals: the organisation's links (latest first), for the office only.
        "enlaces_externos": list(derivacion.enlaces_externos.all())
        if equipo and derivacion.organizacion_id
        else [],
        "form_seguimiento": form_seguimiento
        or (SeguimientoForm() if equipo and derivacion.abierta else None),
    }


def _derivacion_con_historial(user: User, pk: int) -> Derivacion:
    eventos = EventoDerivacion.objects.select_related("usuario", "organizacion")
    seguimientos = SeguimientoDerivacion.objects.select_related("usuario")
    qs = Derivacion.objects.select_related("derivada_desde").prefetch_related(
        Prefetch("eventos", queryset=eventos)
    )
    if es_profesional(user):
        # Only office staff see the follow-ups and the case.
        qs = qs.select_related("caso").prefetch_related(
            Prefetch("seguimientos", queryset=seguimientos),
            Prefetch("enlaces_externos", queryset=EnlaceExterno.objects.order_by("-creado", "-id")),
        )
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
    despues: Callable[[], HttpResponse] | None = None,
) -> HttpResponse:
    """Run a referral service with a valid form's data. Done (then `despues`, or back to its page), or
    refused because the referral moved meanwhile: back to its page with a message and what was typed
    kept for the form. Otherwise the page again with the form's errors."""
    if form.is_valid():
        try:
            accion(form.cleaned_data)
        except EnvioRepetido as repetido:
            return redirect(repetido.url)
        except TransicionInvalida as exc:
            messages.error(request, exc.messages[0])
            if exc.code == "desactualizada":
                _guardar_borrador(request, pk)
            return redirect("equipo:derivacion", pk=pk)
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(request, exito())
            return despues() if despues is not None else redirect("equipo:derivacion", pk=pk)
    return _detalle_rechazado(request, pk, **{nombre_form: form})


@enlace_o_equipo_requerido
def detalle(request: SolicitudEquipo, pk: int) -> HttpResponse:
    """One referral. A liaison sees only what the referral needs; office staff see it all."""
    derivacion = _derivacion_con_historial(request.user, pk)
    if not es_profesional(request.user):
        # A destination's liaison reading the person's data: logged (the office's reads are logged
        # on the person page).
        registrar_acceso(usuario=request.user, accion=Accion.VER_DERIVACION, objeto=derivacion)
    return render(request, "equipo/derivaciones/detalle.html", _contexto_detalle(request, derivacion))


@require_POST
@enlace_o_equipo_requerido
def mover(request: SolicitudEquipo, pk: int) -> HttpResponse:
    """Move a referral through the single state-change service; stale pages are refused."""
    derivacion = derivacion_para(request.user, pk)
    nuevo = request.POST.get("nuevo_estado")
    form = CambioEstadoForm(
        request.POST,
        tema=derivacion.tema,
        con_destinos=nuevo == E.RESUELTA,
        auto_id=_auto_id(nuevo if nuevo in E.values else "x"),
    )
    departamentos = departamentos_de(request.user) if es_enlace(request.user) else []
    if nuevo not in acciones_permitidas(request.user, derivacion, departamentos):
        esperado = request.POST.get("estado_esperado")
        if esperado and esperado != derivacion.estado:
            _guardar_borrador(request, pk)
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
            **form.argumentos_resultado(),
        ),
        lambda: (
            _("Derivación %(codigo)s: ahora está «%(estado)s».")
            % {"codigo": derivacion.codigo, "estado": derivacion.get_estado_display()}
        ),
        despues=lambda: _despues_de_actuar(request, derivacion),
    )


def _guardar_borrador(request: SolicitudEquipo, pk: int) -> None:
    """Keep what the user typed in a move refused as stale, to offer it again on the page."""
    request.session[BORRADOR % pk] = {c: request.POST.get(c, "")[:2000] for c in CAMPOS_BORRADOR}


def _despues_de_actuar(request: SolicitudEquipo, derivacion: Derivacion) -> HttpResponse:
    """Stay on the referral, or ("siguiente") go to the liaison's next open one, or to the inbox."""
    if "siguiente" not in request.POST:
        return redirect("equipo:derivacion", pk=derivacion.pk)
    siguiente = siguiente_abierta(request.user, excluir=derivacion.pk)
    if siguiente is None:
        messages.info(request, _("No quedan derivaciones por atender en su bandeja."))
        return redirect("equipo:bandeja" if es_enlace(request.user) else "equipo:derivaciones")
    return redirect("equipo:derivacion", pk=siguiente)


@require_POST
@enlace_o_equipo_requerido
def aceptar(request: SolicitudEquipo, pk: int) -> HttpResponse:
    """Accept a referral in one action (received and in attention)."""
    derivacion = derivacion_para(request.user, pk)
    departamentos = departamentos_de(request.user) if es_enlace(request.user) else []
    if derivacion.estado != E.ENVIADA or E.RECIBIDA not in acciones_permitidas(
        request.user, derivacion, departamentos
    ):
        messages.error(
            request,
            _("La derivación ya no está «Enviada» (ahora está «%(estado)s»): revísela antes de actuar.")
            % {"estado": derivacion.get_estado_display()},
        )
        return redirect("equipo:derivacion", pk=pk)
    try:
        aceptar_derivacion(derivacion=derivacion, usuario=request.user, nota=request.POST.get("nota", ""))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("equipo:derivacion", pk=pk)
    messages.success(
        request,
        _("Derivación %(codigo)s aceptada: ahora está «%(estado)s».")
        % {"codigo": derivacion.codigo, "estado": E.EN_ATENCION.label},
    )
    if request.POST.get("volver") == "bandeja":
        return redirect("equipo:bandeja")
    return redirect("equipo:derivacion", pk=pk)


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


# The referral's state on the printed slip, in the slip's own catalogue (context "ficha"): the person
# reads it in Creole or English, while the staff pages keep the Spanish labels.
ESTADO_EN_FICHA: dict[str, Promise] = {
    EstadoDerivacion.ENVIADA: pgettext_lazy("ficha", "Enviada"),
    EstadoDerivacion.RECIBIDA: pgettext_lazy("ficha", "Recibida"),
    EstadoDerivacion.EN_ATENCION: pgettext_lazy("ficha", "En atención"),
    EstadoDerivacion.RESUELTA: pgettext_lazy("ficha", "Resuelta"),
    EstadoDerivacion.RECHAZADA: pgettext_lazy("ficha", "Rechazada"),
    EstadoDerivacion.CANCELADA: pgettext_lazy("ficha", "Cancelada"),
}


def idioma_de_la_ficha(persona: Persona) -> str | None:
    """The second language of the printed slip: Haitian Creole or English, when the person speaks it."""
    for codigo in ("ht", "en"):
        if codigo in (persona.idiomas or []):
            return codigo
    return None


@enlace_o_equipo_requerido
def imprimir(request: SolicitudEquipo, pk: int) -> HttpResponse:
    """The printed slip the person takes to the destination (one page).

    Office staff, and a liaison for their own department's referrals (issue #13); a liaison's slip
    shows the document only if the department sees it (its `campos_persona`).
    """
    derivacion = derivacion_para(request.user, pk)
    equipo = es_profesional(request.user)
    if not equipo:
        registrar_acceso(
            usuario=request.user, accion=Accion.VER_DERIVACION, objeto=derivacion, detalle="hoja"
        )
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
                "estado": ESTADO_EN_FICHA[derivacion.estado],
                "idioma_extra": idioma_extra,
                "muestra_documento": equipo
                or (
                    derivacion.consentimiento
                    and CampoPersona.DOCUMENTO in (derivacion.destino.campos_persona or [])
                ),
                "OFICINA_TELEFONO": settings.OFICINA_TELEFONO,
                "OFICINA_WHATSAPP": settings.OFICINA_WHATSAPP,
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

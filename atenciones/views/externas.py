"""The page an external organisation opens from its signed link: one referral, no sign-in.

It shows only what the person consented to share and what the organisation needs, and lets the
organisation accept, reject with a reason or record the outcome. Every opening is logged; openings
are rate-limited per address; an expired, revoked, tampered or used link shows a page with no data.
"""

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sello_migrante.seguridad import ip_cliente

from ..acceso import SolicitudEquipo, derivacion_para, equipo_requerido
from ..choices import EstadoDerivacion
from ..enlaces_externos import EnlaceNoDisponible, enlace_desde_token, registrar_apertura
from ..forms.externas import RespuestaExternaForm
from ..models import EnlaceExterno
from ..selectors.derivaciones import datos_compartidos
from ..services.derivaciones import emitir_enlace, responder_externo, revocar_enlace

E = EstadoDerivacion
VENTANA_SEGUNDOS = 600
# Status of each "not available" reason: a tampered or unknown token is a plain 404.
ESTADO_HTTP = {"invalido": 404, "expirado": 410, "revocado": 410, "cerrada": 410, "limite": 429}


def _privada(respuesta: HttpResponse) -> HttpResponse:
    # The token is in the address: never send it to another site as a referrer (same-origin keeps the
    # Origin header that CSRF checks), never index or cache the page.
    respuesta["Referrer-Policy"] = "same-origin"
    respuesta["X-Robots-Tag"] = "noindex, nofollow"
    return respuesta


def _no_disponible(request: HttpRequest, motivo: str) -> HttpResponse:
    return _privada(
        render(
            request,
            "externa/no_disponible.html",
            {
                "motivo": motivo,
                "OFICINA_TELEFONO": settings.OFICINA_TELEFONO,
                "OFICINA_CORREO": settings.OFICINA_CORREO,
            },
            status=ESTADO_HTTP[motivo],
        )
    )


def _excede_limite(request: HttpRequest) -> bool:
    clave = f"externa:aperturas:{ip_cliente(request)}"
    cache.add(clave, 0, VENTANA_SEGUNDOS)
    try:
        n = cache.incr(clave)
    except ValueError:  # expired between add and incr
        cache.set(clave, 1, VENTANA_SEGUNDOS)
        n = 1
    return n > settings.ENLACE_EXTERNO_LIMITE


@never_cache
@require_http_methods(["GET", "POST"])
def externa(request: HttpRequest, token: str) -> HttpResponse:
    if _excede_limite(request):
        return _no_disponible(request, "limite")
    try:
        enlace = enlace_desde_token(token)
    except EnlaceNoDisponible as exc:
        return _no_disponible(request, exc.motivo)
    derivacion = enlace.derivacion
    form = None
    if request.method == "POST":
        accion = request.POST.get("accion", "")
        form = RespuestaExternaForm(request.POST, auto_id=f"{accion if accion.isalpha() else 'x'}_%s")
        if form.is_valid():
            datos = form.cleaned_data
            try:
                derivacion = responder_externo(
                    enlace=enlace,
                    accion=datos["accion"],
                    nota=datos["nota"],
                    motivo_rechazo=datos["motivo_rechazo"],
                    resultado=datos["resultado"],
                    resultado_detalle=datos["resultado_detalle"],
                    fecha_atendida=datos["fecha_atendida"],
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for campo, errores in exc.message_dict.items():
                        form.add_error(campo if campo in form.fields else None, errores)
                else:
                    form.add_error(None, exc.messages)
            else:
                messages.success(
                    request,
                    _("Gracias: su respuesta quedó registrada. La derivación está «%(estado)s».")
                    % {"estado": derivacion.get_estado_display()},
                )
                if derivacion.abierta:
                    return redirect("externa", token=token)
                return _privada(
                    render(
                        request,
                        "externa/respondida.html",
                        {"derivacion": derivacion, "organizacion": enlace.organizacion},
                    )
                )
    if form is not None and "accion" in form.errors:
        messages.error(request, _("Acción desconocida: use los botones de la página."))
    registrar_apertura(enlace=enlace, ip=ip_cliente(request) or "")
    accion_con_error = form.data.get("accion") if form is not None else None

    def form_de(accion: str) -> RespuestaExternaForm:
        if form is not None and accion_con_error == accion:
            return form
        # One id prefix per form: the page holds three forms with the same fields.
        return RespuestaExternaForm(initial={"accion": accion}, auto_id=f"{accion}_%s")

    persona = derivacion.persona if derivacion.consentimiento else None
    return _privada(
        render(
            request,
            "externa/derivacion.html",
            {
                "enlace": enlace,
                "derivacion": derivacion,
                "organizacion": enlace.organizacion,
                "persona": persona,
                "datos_compartidos": datos_compartidos(derivacion),
                "puede_aceptar": derivacion.estado in (E.ENVIADA, E.RECIBIDA),
                "form_aceptar": form_de("aceptar"),
                "form_rechazar": form_de("rechazar"),
                "form_resultado": form_de("resultado"),
                "OFICINA_TELEFONO": settings.OFICINA_TELEFONO,
                "OFICINA_WHATSAPP": settings.OFICINA_WHATSAPP,
                "OFICINA_CORREO": settings.OFICINA_CORREO,
            },
            status=400 if form is not None and form.errors else 200,
        )
    )


@require_POST
@equipo_requerido
def enlace_oficina(request: SolicitudEquipo, pk: int) -> HttpResponse:
    """The office re-sends (a new link; earlier ones revoked) or revokes the organisation's link."""
    derivacion = derivacion_para(request.user, pk)
    accion = request.POST.get("accion")
    try:
        if accion == "reenviar":
            enlace = emitir_enlace(derivacion=derivacion, usuario=request.user)
            messages.success(
                request,
                _("Se envió un nuevo enlace a %(email)s; los anteriores quedaron revocados.")
                % {"email": enlace.email},
            )
        elif accion == "revocar":
            vigentes = list(EnlaceExterno.objects.vigentes().filter(derivacion=derivacion))
            for enlace in vigentes:
                revocar_enlace(enlace=enlace, usuario=request.user)
            if vigentes:
                messages.success(request, _("Enlace revocado: la organización ya no puede abrirlo."))
            else:
                messages.info(request, _("No había un enlace vigente."))
        else:
            messages.error(request, _("Acción desconocida."))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("equipo:derivacion", pk=pk)

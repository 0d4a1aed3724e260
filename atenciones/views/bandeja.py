"""The liaison's inbox: referrals sent to their departments, overdue first, by state."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from oficina.roles import es_enlace

from ..acceso import SolicitudEquipo
from ..choices import EstadoDerivacion
from ..selectors import derivaciones as selectors
from ..selectors.derivaciones import bandeja_de, conteo_visible, conteos_por_estado
from .derivaciones import POR_PAGINA

E = EstadoDerivacion
# Tabs: (key, label). "abiertas" (the default) is everything still waiting for the department.
PESTANAS = [
    ("abiertas", _("Por atender")),
    ("vencidas", _("Vencidas")),
    (E.ENVIADA, _("Nuevas")),
    (E.RECIBIDA, E.RECIBIDA.label),
    (E.EN_ATENCION, E.EN_ATENCION.label),
    (E.RESUELTA, E.RESUELTA.label),
    (E.RECHAZADA, E.RECHAZADA.label),
    (E.CANCELADA, E.CANCELADA.label),
]


@login_required
def bandeja(request: SolicitudEquipo) -> HttpResponse:
    if not es_enlace(request.user):
        raise Http404
    qs = bandeja_de(request.user)
    # Each tab counted up to 1,000 ("más de 1.000"): a full count groups every referral of the department.
    conteos = conteos_por_estado(qs)
    pestana = request.GET.get("estado", "abiertas")
    if pestana not in dict(PESTANAS):
        pestana = "abiertas"
    # Open tabs: by due date, so overdue ones come first. Closed tabs: the latest due date first
    # (an ordered scan of derivacion_bandeja_idx). Related rows are fetched for the page only.
    if pestana == "abiertas":
        qs = qs.abiertas().order_by("fecha_limite", "id")
    elif pestana == "vencidas":
        qs = qs.vencidas().order_by("fecha_limite", "id")
    else:
        qs = qs.filter(estado=pestana).order_by("-fecha_limite", "-id")
    qs = qs.prefetch_related("persona", "derivado_por")
    paginador = Paginator(qs, POR_PAGINA)
    # Already counted above: spare the COUNT query. Above the tope, the first 1,000 are paged.
    paginador.count = min(conteos[pestana], selectors.TOPE_CONTEO)
    pagina = paginador.get_page(request.GET.get("pagina"))
    return render(
        request,
        "equipo/bandeja/bandeja.html",
        {
            "pestanas": [(clave, etiqueta, conteo_visible(conteos[clave])) for clave, etiqueta in PESTANAS],
            "pestana": pestana,
            "pagina": pagina,
        },
    )

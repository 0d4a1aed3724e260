"""Cases: list with filters and bulk reassign, open, page, edit, close, reopen."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..acceso import SolicitudEquipo, equipo_requerido, persona_para
from ..envios import EnvioRepetido, crear_una_vez
from ..forms._errores import errores_a_formulario
from ..forms.casos import CasoForm, CerrarCasoForm, FiltroCasosForm, ReasignarForm
from ..forms.planes import TareaForm
from ..models import Atencion, Caso, CasoQuerySet, Derivacion, TareaCaso
from ..paginacion import PaginadorAcotado
from ..services.casos import abrir_caso, actualizar_caso, cerrar_caso, reabrir_caso, reasignar_casos
from ._edicion import editar_con_version

POR_PAGINA = 25


def _caso(pk: int) -> Caso:
    return get_object_or_404(Caso.objects.select_related("persona", "asignado_a"), pk=pk)


def _casos_filtrados(filtro: FiltroCasosForm) -> CasoQuerySet:
    # Persons by primary key for the page only: a join would make PostgreSQL scan every person.
    qs = Caso.objects.select_related("asignado_a").prefetch_related("persona")
    datos = filtro.cleaned_data if filtro.is_valid() else {}
    estado = datos.get("estado")
    if not estado:
        qs = qs.abiertos()
    elif estado != "todos":
        qs = qs.filter(estado=estado)
    if datos.get("prioridad"):
        qs = qs.filter(prioridad=datos["prioridad"])
    if datos.get("asignado"):
        qs = qs.filter(asignado_a=datos["asignado"])
    if datos.get("area"):
        qs = qs.filter(area=datos["area"])
    if datos.get("vencidos"):
        qs = qs.seguimiento_vencido()
    return qs.order_by("-abierto_en", "-pk")


@equipo_requerido
def lista(request: SolicitudEquipo) -> HttpResponse:
    filtro = FiltroCasosForm(request.GET or None)
    # Counted up to 1,000 ("más de 1.000 casos"): a full count of the open cases grows with the data.
    pagina = PaginadorAcotado(_casos_filtrados(filtro), POR_PAGINA).get_page(request.GET.get("page"))
    consulta = request.GET.copy()
    consulta.pop("page", None)
    return render(
        request,
        "equipo/casos/lista.html",
        {
            "filtro": filtro,
            "pagina": pagina,
            "reasignar": ReasignarForm(),
            "consulta": consulta.urlencode(),
        },
    )


@require_POST
@equipo_requerido
def reasignar(request: SolicitudEquipo) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("casos") if i.isdigit()]
    form = ReasignarForm(request.POST, ids=ids)
    volver = request.POST.get("volver", "")
    destino = reverse("equipo:casos") + (f"?{volver}" if volver else "")
    if form.is_valid():
        try:
            n = reasignar_casos(
                casos_ids=form.cleaned_data["casos"],
                asignado_a=form.cleaned_data["asignado_a"],
                usuario=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Casos reasignados: %(n)s.") % {"n": n})
    else:
        for errores in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errores))
    return redirect(destino)


@equipo_requerido
def nuevo(request: SolicitudEquipo, persona_pk: int) -> HttpResponse:
    persona = persona_para(request.user, persona_pk)
    if request.method == "POST":
        form = CasoForm(request.POST)
        if form.is_valid():
            try:
                caso = crear_una_vez(
                    token=form.cleaned_data["envio"],
                    formulario=form.formulario_envio,
                    usuario=request.user,
                    crear=lambda: abrir_caso(persona=persona, usuario=request.user, **form.datos_servicio()),
                    url=lambda caso: reverse("equipo:caso", args=[caso.pk]),
                )
            except EnvioRepetido as repetido:
                return redirect(repetido.url)
            except ValidationError as exc:
                errores_a_formulario(form, exc)
            else:
                messages.success(request, _("Caso abierto."))
                return redirect("equipo:caso", pk=caso.pk)
    else:
        form = CasoForm(initial={"asignado_a": request.user.pk})
    return render(request, "equipo/casos/nuevo.html", {"persona": persona, "form": form})


@equipo_requerido
def detalle(request: SolicitudEquipo, pk: int) -> HttpResponse:
    caso = _caso(pk)
    atenciones = (
        Atencion.objects.filter(caso=caso).select_related("profesional").prefetch_related("temas")[:20]
    )
    derivaciones = Derivacion.objects.filter(caso=caso).select_related("departamento", "organizacion")[:20]
    tareas = TareaCaso.objects.filter(caso=caso).select_related("responsable", "hecha_por")
    # The person's attentions and referrals not in this case, to attach them (the latest 20 of each):
    # listed on demand (?agregar=1), so the case page keeps its query count.
    agregar = request.GET.get("agregar") == "1" and caso.abierto
    sueltas: QuerySet[Atencion] | list[Atencion] = (
        Atencion.objects.filter(persona_id=caso.persona_id)
        .exclude(caso=caso)
        .only("pk", "fecha_hora", "canal", "caso_id")
        .order_by("-fecha_hora")[:20]
    )
    derivaciones_sueltas: QuerySet[Derivacion] | list[Derivacion] = (
        Derivacion.objects.filter(persona_id=caso.persona_id)
        .exclude(caso=caso)
        .select_related("departamento", "organizacion")
        .order_by("-fecha_envio")[:20]
    )
    if not agregar:
        sueltas = []
        derivaciones_sueltas = []
    borrador = request.session.pop(f"tarea_caso_{caso.pk}", None)
    return render(
        request,
        "equipo/casos/detalle.html",
        {
            "caso": caso,
            "atenciones": atenciones,
            "derivaciones": derivaciones,
            "tareas": tareas,
            "form_tarea": TareaForm(initial=borrador or {"responsable": caso.asignado_a_id}),
            # The task's responsible: the case's professional or the signed-in one (no query).
            "responsables": {caso.asignado_a, request.user},
            "agregar": agregar,
            "atenciones_sueltas": sueltas,
            "derivaciones_sueltas": derivaciones_sueltas,
            "cerrar": CerrarCasoForm(),
        },
    )


@equipo_requerido
def editar(request: SolicitudEquipo, pk: int) -> HttpResponse:
    caso = _caso(pk)
    if not caso.abierto:
        messages.error(request, _("El caso está cerrado: reábralo para editarlo."))
        return redirect("equipo:caso", pk=caso.pk)
    form, cambios, guardado = editar_con_version(
        request,
        form_class=CasoForm,
        instancia=caso,
        recargar=lambda: _caso(pk),
        guardar=lambda form: actualizar_caso(
            caso=caso, usuario=request.user, version=form.cleaned_data["version"], **form.datos_servicio()
        ),
    )
    if guardado:
        messages.success(request, _("Caso guardado."))
        return redirect("equipo:caso", pk=caso.pk)
    return render(request, "equipo/casos/editar.html", {"caso": caso, "form": form, "cambios": cambios})


@equipo_requerido
def cerrar(request: SolicitudEquipo, pk: int) -> HttpResponse:
    caso = _caso(pk)
    form = CerrarCasoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cerrar_caso(
                caso=caso,
                motivo_cierre=form.cleaned_data["motivo_cierre"],
                nota=form.cleaned_data["nota"].strip(),
                usuario=request.user,
            )
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(request, _("Caso cerrado."))
            return redirect("equipo:caso", pk=caso.pk)
    return render(request, "equipo/casos/cerrar.html", {"caso": caso, "form": form})


@require_POST
@equipo_requerido
def reabrir(request: SolicitudEquipo, pk: int) -> HttpResponse:
    caso = _caso(pk)
    try:
        reabrir_caso(caso=caso, usuario=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Caso reabierto: queda en seguimiento."))
    return redirect("equipo:caso", pk=caso.pk)

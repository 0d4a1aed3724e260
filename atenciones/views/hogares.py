"""Households: create, add and remove members, link a child to their guardian."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..acceso import SolicitudEquipo, equipo_requerido, persona_para
from ..busqueda import consulta_valida, contar_coincidencias, filtrar_personas, ordenar_resultados
from ..envios import EnvioRepetido, crear_una_vez
from ..forms._errores import errores_a_formulario
from ..forms.hogares import HogarForm, MiembroForm, TutorForm
from ..models import Hogar, Persona
from ..services.hogares import agregar_miembro, asignar_tutor, crear_hogar, quitar_miembro

CANDIDATOS = 10


@equipo_requerido
def nuevo(request: SolicitudEquipo) -> HttpResponse:
    persona = None
    persona_id = request.GET.get("persona") or request.POST.get("persona")
    if persona_id and str(persona_id).isascii() and str(persona_id).isdigit():
        persona = persona_para(request.user, int(persona_id))
    form = HogarForm(
        request.POST or None,
        initial={"nombre": _("Familia %(apellido)s") % {"apellido": persona.apellidos.split()[0]}}
        if persona and persona.apellidos
        else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            hogar = crear_una_vez(
                token=form.cleaned_data["envio"],
                formulario=form.formulario_envio,
                usuario=request.user,
                crear=lambda: crear_hogar(
                    nombre=form.cleaned_data["nombre"],
                    direccion=form.cleaned_data["direccion"],
                    creado_por=request.user,
                    persona=persona,
                    relacion=form.cleaned_data["relacion"],
                ),
                url=lambda hogar: reverse("equipo:hogar", args=[hogar.pk]),
            )
        except EnvioRepetido as repetido:
            return redirect(repetido.url)
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(request, _("Hogar creado."))
            return redirect("equipo:hogar", pk=hogar.pk)
    return render(request, "equipo/hogares/nuevo.html", {"form": form, "persona": persona})


@equipo_requerido
def detalle(request: SolicitudEquipo, pk: int) -> HttpResponse:
    hogar = get_object_or_404(Hogar, pk=pk)
    miembros = list(hogar.miembros.select_related("tutor").order_by("nna", "pk"))
    adultos = [m for m in miembros if not m.nna]
    consulta = request.GET.get("q", "").strip()[:200]
    candidatos = []
    if consulta and consulta_valida(consulta):
        encontradas = filtrar_personas(Persona.objects.exclude(hogar=hogar), consulta)
        # Counted only up to the limit: "maria" matches a tenth of 2,000,000 persons.
        _total, muchas = contar_coincidencias(encontradas)
        candidatos = list(ordenar_resultados(encontradas, consulta, muchas)[:CANDIDATOS])
    return render(
        request,
        "equipo/hogares/detalle.html",
        {
            "hogar": hogar,
            "miembros": miembros,
            "adultos": adultos,
            "q": consulta,
            "candidatos": candidatos,
            "form_miembro": MiembroForm(),
        },
    )


@require_POST
@equipo_requerido
def agregar(request: SolicitudEquipo, pk: int) -> HttpResponse:
    hogar = get_object_or_404(Hogar, pk=pk)
    form = MiembroForm(request.POST)
    if form.is_valid():
        try:
            persona = agregar_miembro(
                hogar=hogar,
                persona=form.cleaned_data["persona"],
                relacion=form.cleaned_data["relacion"],
                usuario=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(persona)s se agregó al hogar.") % {"persona": persona})
    else:
        messages.error(request, _("Elija una persona y su relación con el hogar."))
    return redirect("equipo:hogar", pk=hogar.pk)


@equipo_requerido
def quitar(request: SolicitudEquipo, pk: int) -> HttpResponse:
    """Confirm first (GET), then remove the member (POST)."""
    hogar = get_object_or_404(Hogar, pk=pk)
    persona_id = request.POST.get("persona") or request.GET.get("persona") or ""
    persona = get_object_or_404(
        Persona, pk=persona_id if persona_id.isascii() and persona_id.isdigit() else 0, hogar=hogar
    )
    if request.method != "POST":
        return render(request, "equipo/hogares/quitar.html", {"hogar": hogar, "persona": persona})
    try:
        quitar_miembro(persona=persona, usuario=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(persona)s ya no pertenece al hogar.") % {"persona": persona})
    return redirect("equipo:hogar", pk=hogar.pk)


@require_POST
@equipo_requerido
def tutor(request: SolicitudEquipo, pk: int) -> HttpResponse:
    hogar = get_object_or_404(Hogar, pk=pk)
    form = TutorForm(request.POST, hogar=hogar)
    if form.is_valid():
        try:
            asignar_tutor(
                persona=form.cleaned_data["persona"], tutor=form.cleaned_data["tutor"], usuario=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Adulto responsable guardado."))
    else:
        messages.error(request, _("Elija un adulto del hogar."))
    return redirect("equipo:hogar", pk=hogar.pk)

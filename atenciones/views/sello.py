"""Sello Migrante: the dossier (printable report and XLSX), the work plan with its evidence and
narratives, program enrolment and attendance. Staff only; narratives are the office head's."""

import mimetypes
import os
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oficina.models import Actividad, Compromiso, Evidencia, LineaPlan, PlanTrabajo, Programa
from oficina.roles import es_encargada
from sello_migrante.routers import lee_de_replica

from ..acceso import SolicitudEquipo, encargada_requerida, equipo_requerido
from ..auditoria import registrar_acceso
from ..dossier import C, Dossier, Tabla, construir
from ..dossier_xlsx import NOMBRE_HOJA, dossier_xlsx, nota_enmascarado
from ..exportar import TIPO_CONTENIDO, XLSX
from ..forms._errores import errores_a_formulario
from ..forms.indicadores import PeriodoForm
from ..forms.sello import AsistenciaForm, EvidenciaForm, InscripcionForm, NarrativaForm
from ..models import Inscripcion, RegistroAcceso
from ..services.sello import (
    adjuntar_evidencia,
    guardar_narrativa,
    inscribir_en_programa,
    registrar_asistencia,
)
from .indicadores import grafico


def _periodo_form(request: SolicitudEquipo) -> PeriodoForm:
    if "tipo" in request.GET:
        return PeriodoForm(request.GET)
    plan = PlanTrabajo.objects.filter(desde__lte=timezone.localdate()).order_by("-desde").first()
    if plan is None:
        return PeriodoForm(PeriodoForm.inicial())
    return PeriodoForm({"tipo": PeriodoForm.PERSONALIZADO, "desde": plan.desde, "hasta": plan.hasta})


@equipo_requerido
def sello(request: SolicitudEquipo) -> HttpResponse:
    form = _periodo_form(request)
    planes = PlanTrabajo.objects.all()
    programas = Programa.objects.filter(activo=True)
    consulta = ""
    if form.is_valid():
        p = form.cleaned_data["periodo"]
        consulta = f"tipo=personalizado&desde={p.desde:%Y-%m-%d}&hasta={p.hasta:%Y-%m-%d}"
    return render(
        request,
        "equipo/sello/sello.html",
        {"form": form, "planes": planes, "programas": programas, "consulta": consulta},
        status=200 if form.is_valid() else 400,
    )


def _graficos(d: Dossier, tabla: Tabla) -> dict | None:
    """A chart of the table's charted column, published values only (masked rows are left out)."""
    if tabla.grafico is None:
        return None
    filas = []
    for fila in tabla.filas:
        celda = fila[tabla.grafico]
        valor = d.mostrar(celda)
        if isinstance(celda, C) and isinstance(valor, int) and str(fila[0]) != _("Total"):
            filas.append({"etiqueta": str(fila[0]), "valor": valor})
    if not any(f["valor"] for f in filas):
        return None
    return grafico(f"g-{id(tabla)}", tabla.titulo, filas, "valor", tabla.columnas[tabla.grafico].lower())


@equipo_requerido
@lee_de_replica
def informe(request: SolicitudEquipo) -> HttpResponse:
    """The printable dossier (print to PDF from the browser)."""
    form = _periodo_form(request)
    if not form.is_valid():
        return render(request, "equipo/sello/sello.html", {"form": form}, status=400)
    d = construir(form.cleaned_data["periodo"])
    partes = [
        {
            "parte": parte,
            "hoja": NOMBRE_HOJA[parte.compromiso],
            "tablas": [{"t": t, "filas": d.filas(t), "g": _graficos(d, t)} for t in parte.tablas],
        }
        for parte in d.partes
    ]
    resumen = [(etiqueta, d.mostrar(valor)) for etiqueta, valor in d.resumen]
    registrar_acceso(
        usuario=request.user,
        accion=RegistroAcceso.Accion.EXPORTAR,
        detalle=f"dossier sello · html · {d.periodo.desde}–{d.periodo.hasta}",
    )
    return render(
        request,
        "equipo/sello/informe.html",
        {
            "d": d,
            "partes": partes,
            "resumen": resumen,
            "nota": nota_enmascarado(),
            "generado": timezone.localtime(),
        },
    )


@equipo_requerido
@lee_de_replica
def dossier(request: SolicitudEquipo) -> HttpResponse:
    """The dossier as an XLSX workbook."""
    form = _periodo_form(request)
    if not form.is_valid():
        return render(request, "equipo/sello/sello.html", {"form": form}, status=400)
    d = construir(form.cleaned_data["periodo"])
    contenido = dossier_xlsx(d, oficina=settings.OFICINA_NOMBRE, comuna=settings.COMUNA)
    registrar_acceso(
        usuario=request.user,
        accion=RegistroAcceso.Accion.EXPORTAR,
        detalle=f"dossier sello · xlsx · {d.periodo.desde}–{d.periodo.hasta}",
    )
    respuesta = HttpResponse(contenido, content_type=TIPO_CONTENIDO[XLSX])
    nombre = f"dossier-sello-migrante-{d.periodo.desde:%Y%m%d}-{d.periodo.hasta:%Y%m%d}.xlsx"
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    respuesta["Cache-Control"] = "no-store"
    return respuesta


def _contexto_plan(request: SolicitudEquipo, plan: PlanTrabajo, **extra: Any) -> dict:
    lineas = list(plan.lineas.select_related("departamento").prefetch_related("evidencias"))
    narrativas = {n.compromiso: n.texto for n in plan.narrativas.all()}
    compromisos = [
        {
            "clave": c.value,
            "titulo": c.label,
            "lineas": [x for x in lineas if x.compromiso == c.value],
            "form": extra.pop(f"narrativa_{c.value}", None)
            or NarrativaForm(initial={"texto": narrativas.get(c.value, "")}),
        }
        for c in Compromiso
    ]
    return {
        "plan": plan,
        "compromisos": compromisos,
        "puede_narrar": es_encargada(request.user),
        "form_evidencia": extra.pop("form_evidencia", None) or EvidenciaForm(),
        "linea_con_error": extra.pop("linea_con_error", None),
        **extra,
    }


@equipo_requerido
def plan(request: SolicitudEquipo, pk: int) -> HttpResponse:
    plan = get_object_or_404(PlanTrabajo, pk=pk)
    return render(request, "equipo/sello/plan.html", _contexto_plan(request, plan))


@require_POST
@equipo_requerido
def evidencia_subir(request: SolicitudEquipo, pk: int) -> HttpResponse:
    linea = get_object_or_404(LineaPlan.objects.select_related("plan"), pk=pk)
    form = EvidenciaForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            adjuntar_evidencia(
                linea=linea,
                titulo=form.cleaned_data["titulo"],
                archivo=form.cleaned_data["archivo"],
                enlace=form.cleaned_data["enlace"],
                subida_por=request.user,
            )
        except ValidationError as error:
            errores_a_formulario(form, error)
        else:
            messages.success(request, _("Evidencia agregada a «%(linea)s».") % {"linea": linea.titulo})
            return redirect("equipo:sello_plan", linea.plan_id)
    contexto = _contexto_plan(request, linea.plan, form_evidencia=form, linea_con_error=linea.pk)
    return render(request, "equipo/sello/plan.html", contexto, status=400)


@equipo_requerido
def evidencia_descargar(request: SolicitudEquipo, pk: int) -> HttpResponse:
    """Stream an evidence file to staff after the access check (files are never public)."""
    evidencia = get_object_or_404(Evidencia, pk=pk)
    if not evidencia.archivo:
        raise Http404
    try:
        archivo = evidencia.archivo.storage.open(evidencia.archivo.name or "", "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    nombre = evidencia.nombre_original or os.path.basename(evidencia.archivo.name or "")
    tipo = mimetypes.guess_type(nombre)[0] or "application/octet-stream"
    respuesta = FileResponse(archivo, as_attachment=True, filename=nombre, content_type=tipo)
    respuesta["X-Content-Type-Options"] = "nosniff"
    respuesta["Cache-Control"] = "private, no-store"
    return respuesta  # type: ignore[return-value]  # a streaming response, same protocol


@require_POST
@encargada_requerida
def narrativa(request: SolicitudEquipo, pk: int, compromiso: str) -> HttpResponse:
    plan = get_object_or_404(PlanTrabajo, pk=pk)
    if compromiso not in Compromiso.values:
        raise Http404
    form = NarrativaForm(request.POST)
    if form.is_valid():
        guardar_narrativa(
            plan=plan, compromiso=compromiso, texto=form.cleaned_data["texto"], usuario=request.user
        )
        messages.success(request, _("Texto guardado."))
        return redirect(f"{plan.get_absolute_url()}#narrativa-{compromiso}")
    contexto = _contexto_plan(request, plan, **{f"narrativa_{compromiso}": form})
    return render(request, "equipo/sello/plan.html", contexto, status=400)


@equipo_requerido
def programa(request: SolicitudEquipo, pk: int) -> HttpResponse:
    programa = get_object_or_404(Programa, pk=pk)
    form = InscripcionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            inscribir_en_programa(
                programa=programa, persona=form.cleaned_data["persona"], usuario=request.user
            )
        except ValidationError as error:
            errores_a_formulario(form, error)
        else:
            messages.success(request, _("Persona inscrita."))
            return redirect("equipo:sello_programa", programa.pk)
    inscritas = (
        Inscripcion.objects.filter(programa=programa).select_related("persona").order_by("persona__apellidos")
    )
    sesiones = programa.actividades.order_by("-inicio")[:50]
    return render(
        request,
        "equipo/sello/programa.html",
        {"programa": programa, "form": form, "inscritas": inscritas, "sesiones": sesiones},
        status=400 if form.errors else 200,
    )


@equipo_requerido
def asistencia(request: SolicitudEquipo, pk: int) -> HttpResponse:
    sesion = get_object_or_404(Actividad.objects.select_related("programa"), pk=pk)
    form = AsistenciaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registrar_asistencia(
                actividad=sesion, personas=form.cleaned_data["personas"], usuario=request.user
            )
        except ValidationError as error:
            errores_a_formulario(form, error)
        else:
            messages.success(request, _("Asistencia registrada."))
            return redirect("equipo:sello_asistencia", sesion.pk)
    inscritas = (
        Inscripcion.objects.filter(programa=sesion.programa)
        .select_related("persona")
        .order_by("persona__apellidos")
    )
    presentes = set(sesion.asistencias.values_list("persona_id", flat=True))
    return render(
        request,
        "equipo/sello/asistencia.html",
        {"sesion": sesion, "form": form, "inscritas": inscritas, "presentes": presentes},
        status=400 if form.errors else 200,
    )

"""Persons: search, register (with duplicate warning), page with timeline, edit, log an attention."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..acceso import SolicitudEquipo, equipo_requerido, persona_para
from ..auditoria import registrar_acceso
from ..busqueda import LARGO_MINIMO, limite_conteo, terminos
from ..envios import EnvioRepetido, crear_una_vez, envio_previo
from ..forms._errores import errores_a_formulario
from ..forms.atenciones import MAPA_ERRORES, AtencionForm
from ..forms.personas import PersonaForm, RegistroPersonaForm
from ..models import Caso, Persona, RegistroAcceso
from ..selectors import personas as selectors
from ..selectors.duplicados import destino_final, resultados_busqueda
from ..services.atenciones import registrar_atencion_completa
from ..services.personas import actualizar_persona, registrar_persona
from ._edicion import editar_con_version

POR_PAGINA = 20
POR_PAGINA_LINEA = 15


@equipo_requerido
def lista(request: SolicitudEquipo) -> HttpResponse:
    consulta = request.GET.get("q", "").strip()[:200]
    contexto: dict[str, Any] = {"q": consulta, "pagina": None, "aviso": ""}
    if not consulta:
        contexto["aviso"] = _("Escriba un nombre, apellido, número de documento o teléfono para buscar.")
    elif len("".join(terminos(consulta))) < LARGO_MINIMO:
        contexto["aviso"] = _("Escriba al menos %(n)s letras o números para buscar.") % {"n": LARGO_MINIMO}
    else:
        registrar_acceso(usuario=request.user, accion=RegistroAcceso.Accion.BUSCAR, detalle=consulta)
        # Exact matches first; under a page of them, typo-tolerant, sound-alike matches follow.
        resultados, total, muchas = resultados_busqueda(consulta, POR_PAGINA)
        paginador = Paginator(resultados, POR_PAGINA)
        paginador.count = total  # already counted (up to the limit): the ordering depends on it
        pagina = paginador.get_page(request.GET.get("page"))
        ultimas = selectors.ultimas_atenciones(p.pk for p in pagina)
        contexto["filas"] = [(persona, ultimas.get(persona.pk)) for persona in pagina]
        contexto["pagina"] = pagina
        contexto["muchas"] = muchas
        contexto["limite"] = number_format(limite_conteo(), force_grouping=True)
        contexto["consulta"] = urlencode({"q": consulta})
    return render(request, "equipo/personas/lista.html", contexto)


MENSAJE_REPETIDO = gettext_lazy(
    "Este formulario ya se había enviado: se muestra lo que se registró entonces."
)


@equipo_requerido
def nueva(request: SolicitudEquipo) -> HttpResponse:
    duplicados = []
    if request.method == "POST":
        # A repeat of a submit that already registered the person goes to that person.
        previo = envio_previo(token=request.POST.get("envio", ""), usuario=request.user)
        if previo:
            messages.info(request, MENSAJE_REPETIDO)
            return redirect(previo)
        form = RegistroPersonaForm(request.POST)
        if form.confirmado():
            datos = form.datos_servicio()
            try:
                persona = crear_una_vez(
                    token=form.cleaned_data["envio"],
                    formulario=form.formulario_envio,
                    usuario=request.user,
                    crear=lambda: registrar_persona(
                        creado_por=request.user, consentimiento=form.cleaned_data["consentimiento"], **datos
                    ),
                    url=lambda persona: reverse("equipo:persona", args=[persona.pk]),
                )
            except EnvioRepetido as repetido:
                messages.info(request, MENSAJE_REPETIDO)
                return redirect(repetido.url)
            except ValidationError as exc:
                errores_a_formulario(form, exc)
                # Someone registered the same document meanwhile: look again, to show who holds it.
                form.__dict__.pop("duplicados", None)
            else:
                messages.success(request, _("Persona registrada: %(nombre)s.") % {"nombre": persona})
                return redirect("equipo:persona", pk=persona.pk)
        form.pedir_confirmacion()
        duplicados = form.duplicados
    else:
        inicial = {}
        consulta = request.GET.get("q", "").strip()
        if consulta and not any(c.isdigit() for c in consulta):
            partes = consulta.split()
            inicial = {"nombres": " ".join(partes[:1]), "apellidos": " ".join(partes[1:])}
        form = RegistroPersonaForm(initial=inicial)
    return render(
        request,
        "equipo/personas/nueva.html",
        {
            "form": form,
            "duplicados": duplicados,
            "confirmable": form.is_bound and form.confirmable,
        },
    )


def _persona_con_relaciones(request: SolicitudEquipo, pk: int) -> Persona:
    return persona_para(
        request.user,
        pk,
        Persona.objects.select_related(
            "hogar", "tutor", "creado_por", "modificado_por", "consentimiento_registrado_por"
        ),
    )


@equipo_requerido
def detalle(request: SolicitudEquipo, pk: int) -> HttpResponse:
    persona = _persona_con_relaciones(request, pk)
    if persona.fusionada_en_id:
        # A merged record's old address leads to the record that absorbed it.
        messages.info(request, _("La ficha N° %(id)s se fusionó con esta ficha.") % {"id": persona.pk})
        return redirect("equipo:persona", pk=destino_final(persona).pk)
    registrar_acceso(usuario=request.user, accion=RegistroAcceso.Accion.VER_PERSONA, objeto=persona)
    miembros = []
    if persona.hogar is not None:
        miembros = list(persona.hogar.miembros.exclude(pk=persona.pk).order_by("-nna", "pk"))
    tutelados = list(persona.tutelados.all()) if not persona.nna else []
    casos_abiertos = list(Caso.objects.abiertos().filter(persona=persona).select_related("asignado_a"))
    pagina = Paginator(selectors.linea_de_tiempo(persona), POR_PAGINA_LINEA).get_page(request.GET.get("page"))
    return render(
        request,
        "equipo/personas/detalle.html",
        {
            "persona": persona,
            "miembros": miembros,
            "tutelados": tutelados,
            "casos_abiertos": casos_abiertos,
            "ids_abiertos": {c.pk for c in casos_abiertos},
            "pagina": pagina,
            "linea": selectors.cargar_linea_de_tiempo(list(pagina)),
        },
    )


@equipo_requerido
def editar(request: SolicitudEquipo, pk: int) -> HttpResponse:
    persona = _persona_con_relaciones(request, pk)
    form, cambios, guardado = editar_con_version(
        request,
        form_class=PersonaForm,
        instancia=persona,
        recargar=lambda: Persona.objects.get(pk=persona.pk),
        guardar=lambda form: actualizar_persona(
            persona=persona,
            usuario=request.user,
            version=form.cleaned_data["version"],
            **form.datos_servicio(),
        ),
    )
    if guardado:
        messages.success(request, _("Datos de la persona guardados."))
        return redirect("equipo:persona", pk=persona.pk)
    return render(
        request, "equipo/personas/editar.html", {"persona": persona, "form": form, "cambios": cambios}
    )


@equipo_requerido
def atencion(request: SolicitudEquipo, pk: int) -> HttpResponse:
    persona = persona_para(request.user, pk)
    if request.method == "POST":
        form = AtencionForm(request.POST, persona=persona)
        if form.is_valid():
            try:
                _registrada, caso, derivacion = crear_una_vez(
                    token=form.cleaned_data["envio"],
                    formulario=form.formulario_envio,
                    usuario=request.user,
                    crear=lambda: registrar_atencion_completa(
                        persona=persona,
                        profesional=request.user,
                        atencion=form.datos_atencion(),
                        nuevo_caso=form.datos_caso(),
                        derivacion=form.datos_derivacion(),
                    ),
                    url=lambda _resultado: reverse("equipo:persona", args=[persona.pk]),
                )
            except EnvioRepetido as repetido:
                messages.info(request, MENSAJE_REPETIDO)
                return redirect(repetido.url)
            except ValidationError as exc:
                errores_a_formulario(form, exc, MAPA_ERRORES)
            else:
                mensaje = _("Atención registrada.")
                if form.datos_caso() and caso is not None:
                    mensaje += " " + _("Caso %(id)s abierto.") % {"id": caso.pk}
                if derivacion:
                    mensaje += " " + _("Derivación %(codigo)s enviada a %(destino)s.") % {
                        "codigo": derivacion.codigo,
                        "destino": derivacion.destino.nombre,
                    }
                messages.success(request, mensaje)
                return redirect("equipo:persona", pk=persona.pk)
    else:
        inicial = {}
        caso_id = request.GET.get("caso", "")
        if caso_id.isdigit():
            inicial["caso"] = int(caso_id)
        form = AtencionForm(persona=persona, initial=inicial)
    return render(request, "equipo/personas/atencion.html", {"persona": persona, "form": form})

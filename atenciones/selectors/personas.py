"""Reads about persons: their timeline, their last attentions, likely duplicates at registration."""

import difflib

from django.db.models import CharField, F, Max, Prefetch, Q, Value
from django.utils.translation import gettext_lazy as _

from ..busqueda import normalizar_texto
from ..choices import TipoDocumento
from ..documentos import normalizar_documento, normalizar_telefono
from ..models import Atencion, AtencionTema, Caso, Derivacion, EventoDerivacion, Persona


def ultimas_atenciones(persona_ids):
    """{person id: date and time of their last attention}, in one query for a page of persons."""
    filas = (
        Atencion.objects.filter(persona_id__in=list(persona_ids))
        .values("persona_id")
        .annotate(ultima=Max("fecha_hora"))
        .order_by()
    )
    return {fila["persona_id"]: fila["ultima"] for fila in filas}


def linea_de_tiempo(persona):
    """Keys (kind, id, date) of a person's attentions, cases and referrals, newest first.

    A union queryset: paginate it, then load the page with `cargar_linea_de_tiempo`.
    """
    atenciones = (
        Atencion.objects.filter(persona=persona)
        .annotate(tipo=Value("atencion", output_field=CharField()), fecha=F("fecha_hora"))
        .values_list("tipo", "pk", "fecha")
        .order_by()
    )
    casos = (
        Caso.objects.filter(persona=persona)
        .annotate(tipo=Value("caso", output_field=CharField()), fecha=F("creado"))
        .values_list("tipo", "pk", "fecha")
        .order_by()
    )
    derivaciones = (
        Derivacion.objects.filter(persona=persona)
        .annotate(
            tipo=Value("derivacion", output_field=CharField()),
            fecha=F("fecha_envio"),
        )
        .values_list("tipo", "pk", "fecha")
        .order_by()
    )
    return atenciones.union(casos, derivaciones, all=True).order_by("-fecha", "-pk")


def cargar_linea_de_tiempo(claves):
    """The objects of one page of `linea_de_tiempo`, in order: three queries at most (+ topics)."""
    ids = {"atencion": [], "caso": [], "derivacion": []}
    for tipo, pk, _fecha in claves:
        ids[tipo].append(pk)
    objetos = {}
    if ids["atencion"]:
        for a in (
            Atencion.objects.filter(pk__in=ids["atencion"])
            .select_related("profesional", "caso")
            .prefetch_related(Prefetch("temas", queryset=AtencionTema.objects.order_by("tema")))
        ):
            objetos["atencion", a.pk] = a
    if ids["caso"]:
        for c in Caso.objects.filter(pk__in=ids["caso"]).select_related("asignado_a"):
            objetos["caso", c.pk] = c
    if ids["derivacion"]:
        eventos = EventoDerivacion.objects.select_related("usuario").order_by("fecha", "id")
        for d in (
            Derivacion.objects.filter(pk__in=ids["derivacion"])
            .select_related("departamento", "organizacion", "derivado_por")
            # The referral partial shows each referral's history.
            .prefetch_related(Prefetch("eventos", queryset=eventos))
        ):
            objetos["derivacion", d.pk] = d
    return [
        {"tipo": tipo, "objeto": objetos[tipo, pk], "fecha": fecha}
        for tipo, pk, fecha in claves
        if (tipo, pk) in objetos
    ]


# Duplicate detection at registration.
PROBABILIDAD_ALTA = _("Muy probable")
PROBABILIDAD_MEDIA = _("Probable")
PROBABILIDAD_BAJA = _("Posible")


def _similitud_nombres(a, b):
    a, b = normalizar_texto(a), normalizar_texto(b)
    if not a or not b:
        return 0.0
    orden = difflib.SequenceMatcher(None, " ".join(sorted(a.split())), " ".join(sorted(b.split()))).ratio()
    return max(orden, difflib.SequenceMatcher(None, a, b).ratio())


def posibles_duplicados(
    *,
    nombres="",
    apellidos="",
    fecha_nacimiento=None,
    tipo_documento="",
    documento_numero="",
    telefono="",
    excluir=None,
    limite=8,
):
    """Persons that are likely the same one, each with a likelihood (percent) and the reason.

    Rules: same document (very likely); same names and birth date (very likely); similar names
    and the same phone (likely); same names, different or unknown birth date (possible).
    """
    doc = normalizar_documento(tipo_documento, documento_numero) if documento_numero else ""
    tel = normalizar_telefono(telefono)
    nombre = f"{nombres} {apellidos}".strip()
    palabras = normalizar_texto(nombre).split()
    condiciones = []
    if doc and tipo_documento != TipoDocumento.NINGUNO:
        condiciones.append(Q(documento_numero=doc))
    if tel and len(tel.lstrip("+")) >= 6:
        condiciones.append(Q(telefono=tel))
    if len(palabras) >= 2:
        # Candidates by name: every word of the first name and first surname in the search text.
        primero = normalizar_texto(nombres).split()[:1]
        apellido = normalizar_texto(apellidos).split()[:1]
        if primero and apellido:
            condiciones.append(Q(busqueda__contains=primero[0]) & Q(busqueda__contains=apellido[0]))
    if not condiciones:
        return []
    filtro = condiciones[0]
    for condicion in condiciones[1:]:
        filtro |= condicion
    candidatos = Persona.objects.filter(filtro)
    if excluir is not None:
        candidatos = candidatos.exclude(pk=excluir)
    resultados = []
    for p in candidatos.order_by("pk")[:200]:
        similitud = _similitud_nombres(nombre, p.nombre_completo)
        if doc and p.documento_numero == doc and tipo_documento != TipoDocumento.NINGUNO:
            resultados.append((p, 99, _("Mismo número de documento.")))
        elif fecha_nacimiento and p.fecha_nacimiento == fecha_nacimiento and similitud >= 0.9:
            resultados.append((p, 90, _("Mismo nombre y fecha de nacimiento.")))
        elif tel and p.telefono == tel and similitud >= 0.6:
            resultados.append((p, 75, _("Nombre parecido y mismo teléfono.")))
        elif similitud >= 0.95:
            resultados.append((p, 40, _("Mismo nombre, otra fecha de nacimiento.")))
    resultados.sort(key=lambda r: (-r[1], r[0].pk))
    return [
        {"persona": p, "probabilidad": prob, "motivo": motivo, "etiqueta": _etiqueta(prob)}
        for p, prob, motivo in resultados[:limite]
    ]


def _etiqueta(prob):
    if prob >= 90:
        return PROBABILIDAD_ALTA
    if prob >= 70:
        return PROBABILIDAD_MEDIA
    return PROBABILIDAD_BAJA

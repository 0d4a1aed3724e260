"""Data-subject rights (Ley 21.719): anonymise (erasure), block and unblock a person.

Anonymisation removes what identifies the person and every free text written about them, and keeps
what the indicators count (dates, topics, channels, states, destinations, nationality, sex, birth
date for the age group, arrival date, vulnerability flags, comuna), so every indicator of every
period is unchanged. The change history (django-auditlog, Django admin log) of the person's records
keeps who changed which field and when, with the values redacted.
"""

import datetime
from typing import Any

from auditlog.models import LogEntry as RegistroCambio
from django.contrib.admin.models import LogEntry as RegistroAdmin
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..auditoria import registrar_acceso
from ..busqueda import terminos, texto_busqueda
from ..choices import TipoDocumento
from ..identidad import claves_persona
from ..models import (
    Atencion,
    Caso,
    Derivacion,
    DocumentoIdentidad,
    EventoDerivacion,
    Hogar,
    ParDuplicado,
    Persona,
    RegistroAcceso,
    SeguimientoDerivacion,
    SolicitudDerecho,
)
from ._auditoria import actualizar_con_historial, audita

ANONIMIZADO = "[anonimizado]"
NOMBRE_ANONIMO = "Persona anonimizada"

# What identifies the person, and its anonymous value. Everything else on Persona is kept.
_PERSONA_BORRAR = {
    "nombres": NOMBRE_ANONIMO,
    "apellidos": "",
    "nombre_social": "",
    "tipo_documento": TipoDocumento.NINGUNO,
    "documento_numero": "",
    "telefono": "",
    "email": "",
    "direccion": "",
    "sector": "",
    "sermig_numero_solicitud": "",
    "sermig_fecha_solicitud": None,
    "sermig_numero_resolucion": "",
    "sermig_fecha_resolucion": None,
    "cedula_vencimiento": None,
    "hogar": None,
    "relacion_hogar": "",
    "tutor": None,
}
# Free text on the person's records, per model, redacted in the change history too.
_TEXTOS: dict[type[Caso] | type[Atencion] | type[Derivacion], tuple[str, ...]] = {
    Caso: ("motivo", "nota_cierre"),
    Atencion: ("notas", "resultado"),
    Derivacion: ("motivo", "respuesta", "consentimiento_omitido_motivo"),
}


def _redactar_historial(modelo: Any, pks: list, campos: set[str]) -> None:
    """Blank the values of `campos` (and the record's name) in the change history of `modelo` rows."""
    if not pks:
        return
    tipo = ContentType.objects.get_for_model(modelo)
    claves = [str(pk) for pk in pks]
    entradas = list(RegistroCambio.objects.filter(content_type=tipo, object_pk__in=claves))
    for entrada in entradas:
        cambios = entrada.changes if isinstance(entrada.changes, dict) else {}
        entrada.changes = {
            campo: [ANONIMIZADO, ANONIMIZADO] if campo in campos else valores
            for campo, valores in cambios.items()
        }
        entrada.object_repr = ANONIMIZADO
        entrada.changes_text = ""
        entrada.serialized_data = None
    RegistroCambio.objects.bulk_update(
        entradas, ["changes", "object_repr", "changes_text", "serialized_data"], batch_size=500
    )
    RegistroAdmin.objects.filter(content_type=tipo, object_id__in=claves).update(object_repr=ANONIMIZADO)


def _redactado(*campos: str) -> dict[str, list[str]]:
    return {campo: [ANONIMIZADO, ANONIMIZADO] for campo in campos}


def _busqueda_la_encontraria(consulta: str, texto_persona: str) -> bool:
    """True if a search typed as `consulta` matches the person (every word, accents and case ignored)."""
    palabras = terminos(consulta)
    return bool(palabras) and all(palabra in texto_persona for palabra in palabras)


def _redactar_busquedas(texto_persona: str) -> int:
    """Redact the typed text of every logged search that would have found the person."""
    if not texto_persona:
        return 0
    busquedas = (
        RegistroAcceso.objects.filter(accion=RegistroAcceso.Accion.BUSCAR)
        .exclude(detalle__in=["", ANONIMIZADO])
        .values_list("pk", "detalle")
    )
    ids = [pk for pk, detalle in busquedas.iterator() if _busqueda_la_encontraria(detalle, texto_persona)]
    for inicio in range(0, len(ids), 500):
        # Queryset update: the log is append-only for instances, redaction is the one allowed change.
        RegistroAcceso.objects.filter(pk__in=ids[inicio : inicio + 500]).update(detalle=ANONIMIZADO)
    return len(ids)


@audita()
@transaction.atomic
def anonimizar_persona(
    *, persona: Persona, usuario: User | None = None, solicitud: SolicitudDerecho | None = None
) -> Persona:
    """Erase what identifies `persona` and the free texts about them; keep everything indicators count.

    `usuario` is None when the retention command runs it (the system user acts). Idempotent: an
    anonymised person is left as is.
    """
    persona = Persona.objects.select_for_update().get(pk=persona.pk)
    if persona.anonimizada_en is not None:
        return persona
    hogar_id = persona.hogar_id
    texto_antes = persona.busqueda or texto_busqueda(persona)
    for campo, valor in _PERSONA_BORRAR.items():
        setattr(persona, campo, valor)
    persona.bloqueada = False
    persona.anonimizada_en = timezone.now()
    persona.modificado_por = usuario
    persona.busqueda = texto_busqueda(persona)
    persona.claves = claves_persona(persona)
    persona.save(
        update_fields=[
            *_PERSONA_BORRAR,
            "busqueda",
            "claves",
            "bloqueada",
            "anonimizada_en",
            "modificado",
            "modificado_por",
        ]
    )

    # Links from other persons and an emptied household would point back at the person.
    ahora = timezone.now()
    actualizar_con_historial(
        Persona.objects.filter(tutor=persona),
        usuario=usuario,
        tutor=None,
        modificado_por=usuario,
        modificado=ahora,
    )
    if hogar_id and not Persona.objects.filter(hogar_id=hogar_id).exists():
        actualizar_con_historial(
            Hogar.objects.filter(pk=hogar_id),
            usuario=usuario,
            registrar=_redactado("nombre", "direccion"),
            nombre="Hogar anonimizado",
            direccion="",
        )
        _redactar_historial(Hogar, [hogar_id], {"nombre", "direccion"})

    # Free texts. Required ones (a resolved referral's answer…) get the marker instead of blank.
    casos = Caso.objects.filter(persona=persona)
    actualizar_con_historial(
        casos.filter(motivo__gt=""), usuario=usuario, registrar=_redactado("motivo"), motivo=ANONIMIZADO
    )
    actualizar_con_historial(casos, usuario=usuario, registrar=_redactado("nota_cierre"), nota_cierre="")
    actualizar_con_historial(
        Atencion.objects.filter(persona=persona),
        usuario=usuario,
        registrar=_redactado("notas", "resultado"),
        notas="",
        resultado="",
    )
    derivaciones = Derivacion.objects.filter(persona=persona)
    for campo in _TEXTOS[Derivacion]:
        actualizar_con_historial(
            derivaciones.filter(**{f"{campo}__gt": ""}),
            usuario=usuario,
            registrar=_redactado(campo),
            **{campo: ANONIMIZADO},
        )
    EventoDerivacion.objects.filter(derivacion__persona=persona).update(nota="")
    seguimientos = SeguimientoDerivacion.objects.filter(derivacion__persona=persona)
    actualizar_con_historial(seguimientos, usuario=usuario, registrar=_redactado("nota"), nota="")
    SolicitudDerecho.objects.filter(persona=persona).update(solicitante=ANONIMIZADO)
    SolicitudDerecho.objects.filter(persona=persona, documento_verificacion__gt="").update(
        documento_verificacion=ANONIMIZADO
    )

    # Every document the person held, and its history; no duplicate pair may point at them.
    documentos = list(DocumentoIdentidad.objects.filter(persona=persona).values_list("pk", flat=True))
    for documento in DocumentoIdentidad.objects.filter(pk__in=documentos):
        documento.delete()
    _redactar_historial(DocumentoIdentidad, documentos, {"numero", "persona", "pais_emisor", "tipo"})
    ParDuplicado.objects.filter(
        Q(persona_a=persona) | Q(persona_b=persona), estado=ParDuplicado.Estado.PENDIENTE
    ).delete()

    _redactar_historial(Persona, [persona.pk], set(_PERSONA_BORRAR) | {"busqueda", "claves"})
    for modelo, campos in _TEXTOS.items():
        pks = list(modelo.objects.filter(persona=persona).values_list("pk", flat=True))
        _redactar_historial(modelo, pks, set(campos))
    _redactar_historial(SeguimientoDerivacion, list(seguimientos.values_list("pk", flat=True)), {"nota"})
    # What staff typed to find the person is personal data too.
    _redactar_busquedas(texto_antes)

    registrar_acceso(
        usuario=usuario,
        accion=RegistroAcceso.Accion.ANONIMIZAR,
        objeto=persona,
        detalle=f"solicitud {solicitud.pk}" if solicitud else "retención",
    )
    return persona


@audita()
@transaction.atomic
def purgar_registro_accesos(*, anos: int, usuario: User | None = None) -> int:
    """Delete access-log rows older than `anos` years; the purge itself is kept in the change history."""
    hoy = timezone.localdate()
    try:
        limite = hoy.replace(year=hoy.year - anos)
    except ValueError:  # 29 February
        limite = hoy.replace(year=hoy.year - anos, day=28)
    desde = timezone.make_aware(datetime.datetime.combine(limite, datetime.time.min))
    # Queryset delete: the log is append-only for instances; its retention is the one allowed deletion.
    borrados, _detalle = RegistroAcceso.objects.filter(fecha__lt=desde).delete()
    RegistroCambio.objects.create(
        content_type=ContentType.objects.get_for_model(RegistroAcceso),
        object_pk="",
        object_repr=f"registro de accesos anterior al {limite:%Y-%m-%d}",
        action=RegistroCambio.Action.DELETE,
        changes={"filas": [str(borrados), "0"]},
        actor=usuario,
    )
    return borrados


@audita()
@transaction.atomic
def bloquear_persona(
    *, persona: Persona, usuario: User, solicitud: SolicitudDerecho | None = None
) -> Persona:
    """Freeze the person's record: no edits, attentions, cases or referrals until unblocked."""
    return _cambiar_bloqueo(persona=persona, usuario=usuario, bloqueada=True, solicitud=solicitud)


@audita()
@transaction.atomic
def desbloquear_persona(
    *, persona: Persona, usuario: User, solicitud: SolicitudDerecho | None = None
) -> Persona:
    return _cambiar_bloqueo(persona=persona, usuario=usuario, bloqueada=False, solicitud=solicitud)


def _cambiar_bloqueo(
    *, persona: Persona, usuario: User, bloqueada: bool, solicitud: SolicitudDerecho | None
) -> Persona:
    persona = Persona.objects.select_for_update().get(pk=persona.pk)
    if persona.bloqueada != bloqueada:
        persona.bloqueada = bloqueada
        persona.modificado_por = usuario
        persona.save(update_fields=["bloqueada", "modificado", "modificado_por"])
    registrar_acceso(
        usuario=usuario,
        accion=RegistroAcceso.Accion.BLOQUEAR if bloqueada else RegistroAcceso.Accion.DESBLOQUEAR,
        objeto=persona,
        detalle=f"solicitud {solicitud.pk}" if solicitud else "",
    )
    return persona

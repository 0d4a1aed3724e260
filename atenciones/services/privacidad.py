"""Data-subject rights (Ley 21.719): anonymise (erasure), block and unblock a person.

Anonymisation removes what identifies the person and every free text written about them, and keeps
what the indicators count (dates, topics, channels, states, destinations, nationality, sex, birth
date for the age group, arrival date, vulnerability flags, comuna), so every indicator of every
period is unchanged. The change history (django-auditlog, Django admin log) of the person's records
keeps who changed which field and when, with the values redacted.
"""

from auditlog.models import LogEntry as RegistroCambio
from django.contrib.admin.models import LogEntry as RegistroAdmin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..auditoria import registrar_acceso
from ..busqueda import texto_busqueda
from ..choices import TipoDocumento
from ..models import (
    Atencion,
    Caso,
    Derivacion,
    EventoDerivacion,
    Hogar,
    Persona,
    RegistroAcceso,
    SeguimientoDerivacion,
    SolicitudDerecho,
)

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
_TEXTOS = {
    Caso: ("motivo", "nota_cierre"),
    Atencion: ("notas", "resultado"),
    Derivacion: ("motivo", "respuesta", "consentimiento_omitido_motivo"),
}


def _redactar_historial(modelo, pks, campos):
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


@transaction.atomic
def anonimizar_persona(
    *, persona: Persona, usuario=None, solicitud: SolicitudDerecho | None = None
) -> Persona:
    """Erase what identifies `persona` and the free texts about them; keep everything indicators count.

    `usuario` is None when the retention command runs it. Idempotent: an anonymised person is left as is.
    """
    persona = Persona.objects.select_for_update().get(pk=persona.pk)
    if persona.anonimizada_en is not None:
        return persona
    hogar_id = persona.hogar_id
    for campo, valor in _PERSONA_BORRAR.items():
        setattr(persona, campo, valor)
    persona.bloqueada = False
    persona.anonimizada_en = timezone.now()
    persona.modificado_por = usuario
    persona.busqueda = texto_busqueda(persona)
    persona.save(
        update_fields=[
            *_PERSONA_BORRAR,
            "busqueda",
            "bloqueada",
            "anonimizada_en",
            "modificado",
            "modificado_por",
        ]
    )

    # Links from other persons and an emptied household would point back at the person.
    Persona.objects.filter(tutor=persona).update(tutor=None)
    if hogar_id and not Persona.objects.filter(hogar_id=hogar_id).exists():
        Hogar.objects.filter(pk=hogar_id).update(nombre="Hogar anonimizado", direccion="")

    # Free texts. Required ones (a resolved referral's answer…) get the marker instead of blank.
    casos = Caso.objects.filter(persona=persona)
    casos.filter(motivo__gt="").update(motivo=ANONIMIZADO)
    casos.update(nota_cierre="")
    Atencion.objects.filter(persona=persona).update(notas="", resultado="")
    derivaciones = Derivacion.objects.filter(persona=persona)
    for campo in _TEXTOS[Derivacion]:
        derivaciones.filter(**{f"{campo}__gt": ""}).update(**{campo: ANONIMIZADO})
    EventoDerivacion.objects.filter(derivacion__persona=persona).update(nota="")
    SeguimientoDerivacion.objects.filter(derivacion__persona=persona).update(nota="")
    SolicitudDerecho.objects.filter(persona=persona).update(solicitante=ANONIMIZADO)
    SolicitudDerecho.objects.filter(persona=persona, documento_verificacion__gt="").update(
        documento_verificacion=ANONIMIZADO
    )

    _redactar_historial(Persona, [persona.pk], set(_PERSONA_BORRAR) | {"busqueda"})
    for modelo, campos in _TEXTOS.items():
        pks = list(modelo.objects.filter(persona=persona).values_list("pk", flat=True))
        _redactar_historial(modelo, pks, set(campos))

    registrar_acceso(
        usuario=usuario,
        accion=RegistroAcceso.Accion.ANONIMIZAR,
        objeto=persona,
        detalle=f"solicitud {solicitud.pk}" if solicitud else "retención",
    )
    return persona


@transaction.atomic
def bloquear_persona(*, persona: Persona, usuario, solicitud: SolicitudDerecho | None = None) -> Persona:
    """Freeze the person's record: no edits, attentions, cases or referrals until unblocked."""
    return _cambiar_bloqueo(persona=persona, usuario=usuario, bloqueada=True, solicitud=solicitud)


@transaction.atomic
def desbloquear_persona(*, persona: Persona, usuario, solicitud: SolicitudDerecho | None = None) -> Persona:
    return _cambiar_bloqueo(persona=persona, usuario=usuario, bloqueada=False, solicitud=solicitud)


def _cambiar_bloqueo(*, persona, usuario, bloqueada, solicitud):
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


# The moves a data-subject request may make; an answered or rejected request is closed.
_E = SolicitudDerecho.Estado
TRANSICIONES_SOLICITUD = {
    _E.RECIBIDA: {_E.EN_CURSO, _E.RESPONDIDA, _E.RECHAZADA},
    _E.EN_CURSO: {_E.RESPONDIDA, _E.RECHAZADA},
    _E.RESPONDIDA: set(),
    _E.RECHAZADA: set(),
}


def validar_cambio_solicitud(desde: str, hacia: str) -> None:
    """Raise a ValidationError on `estado` if a request cannot move from `desde` to `hacia`."""
    if desde != hacia and hacia not in TRANSICIONES_SOLICITUD[desde]:
        raise ValidationError(
            {
                "estado": _("Una solicitud %(desde)s no puede pasar a %(hacia)s.")
                % {"desde": _E(desde).label, "hacia": _E(hacia).label}
            }
        )


@transaction.atomic
def cambiar_estado_solicitud(
    *, solicitud: SolicitudDerecho, usuario, estado: str, resultado: str = "", respondida_el=None
) -> SolicitudDerecho:
    """Move a data-subject request to `estado` (closing it records the date and outcome); logged."""
    actual = SolicitudDerecho.objects.select_for_update().get(pk=solicitud.pk)
    if actual.estado == estado:
        return actual
    desde = actual.estado
    validar_cambio_solicitud(desde, estado)
    actual.estado = estado
    if estado in (_E.RESPONDIDA, _E.RECHAZADA):
        actual.resultado = resultado or actual.resultado
        actual.respondida_el = respondida_el or actual.respondida_el or timezone.localdate()
    actual.full_clean()
    actual.save(update_fields=["estado", "resultado", "respondida_el"])
    registrar_acceso(
        usuario=usuario,
        accion=RegistroAcceso.Accion.ESTADO_SOLICITUD,
        objeto=actual,
        detalle=f"{desde} → {estado}",
    )
    return actual


def poner_en_curso(*, solicitud: SolicitudDerecho, usuario) -> None:
    """A received request is "en curso" once the office head starts executing it (the export,
    anonymisation or block that does so is logged by its own service): one conditional UPDATE."""
    if solicitud.estado == _E.RECIBIDA:
        SolicitudDerecho.objects.filter(pk=solicitud.pk, estado=_E.RECIBIDA).update(estado=_E.EN_CURSO)
        solicitud.estado = _E.EN_CURSO

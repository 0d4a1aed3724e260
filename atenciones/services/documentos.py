"""Identity documents: keep a person's documents and their current one in step."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ..choices import DOCUMENTOS_CHILENOS, TipoDocumento
from ..documentos import validar_documento
from ..models import DocumentoIdentidad, Persona
from ._auditoria import audita
from ._comun import exigir_persona_activa, guardar


def _pais_emisor_para(tipo: str, nacionalidad: str = "") -> str:
    """Chilean documents are issued in CL; a foreign one is assumed issued by the nationality's country."""
    if tipo in DOCUMENTOS_CHILENOS:
        return "CL"
    if tipo in (TipoDocumento.PASAPORTE, TipoDocumento.DNI_EXTRANJERO, TipoDocumento.ID_NACIONAL):
        return str(nacionalidad or "")
    return ""


def _mensaje_documento_ajeno(titular: Persona) -> str:
    return _("Ese documento ya está registrado a nombre de %(nombre)s (ficha N° %(id)s: %(url)s).") % {
        "nombre": titular.nombre_completo,
        "id": titular.pk,
        "url": reverse("equipo:persona", args=[titular.pk]),
    }


def _titular(tipo: str, numero: str, pais: str, persona: Persona) -> Persona | None:
    doc = (
        DocumentoIdentidad.objects.filter(tipo=tipo, numero=numero, pais_emisor=pais)
        .exclude(persona=persona)
        .select_related("persona")
        .first()
    )
    return doc.persona if doc else None


def _sincronizar_documento_actual(*, persona: Persona, usuario) -> None:
    """Make the person's current document (Persona.tipo_documento/documento_numero) a DocumentoIdentidad.

    A number the person held before becomes current again; a new one is added and the previous
    one kept as history. "Without document" leaves the history and marks none current.
    """
    tipo, numero = persona.tipo_documento, persona.documento_numero
    propios = DocumentoIdentidad.objects.filter(persona=persona)
    if tipo == TipoDocumento.NINGUNO or not numero:
        propios.filter(vigente=True).update(vigente=False)
        return
    existente = propios.filter(tipo=tipo, numero=numero).first()
    if existente and existente.vigente:
        return
    pais = existente.pais_emisor if existente else _pais_emisor_para(tipo, persona.nacionalidad)
    titular = _titular(tipo, numero, pais, persona)
    if titular is not None:
        raise ValidationError({"documento_numero": _mensaje_documento_ajeno(titular)}, code="documento_ajeno")
    propios.filter(vigente=True).update(vigente=False)
    if existente:
        existente.vigente = True
        existente.save(update_fields=["vigente"])
        return
    try:
        with transaction.atomic():
            guardar(
                DocumentoIdentidad(
                    persona=persona,
                    tipo=tipo,
                    numero=numero,
                    pais_emisor=pais,
                    vigente=True,
                    creado_por=usuario,
                )
            )
    except IntegrityError:
        # Another user registered the same document a moment ago (both passed the check above).
        titular = _titular(tipo, numero, pais, persona)
        mensaje = _mensaje_documento_ajeno(titular) if titular else _("Ese documento ya está registrado.")
        raise ValidationError({"documento_numero": mensaje}, code="documento_ajeno") from None


@audita()
@transaction.atomic
def agregar_documento(
    *,
    persona: Persona,
    usuario,
    tipo: str,
    numero: str,
    pais_emisor: str = "",
    fecha_emision=None,
    fecha_vencimiento=None,
    vigente: bool = False,
) -> DocumentoIdentidad:
    """Add a document to a person's history; `vigente` makes it their current document."""
    exigir_persona_activa(persona)
    try:
        numero = validar_documento(tipo, numero)
    except ValidationError as exc:
        raise ValidationError({"numero": exc.messages}) from None
    if tipo in DOCUMENTOS_CHILENOS:
        pais_emisor = "CL"
    titular = _titular(tipo, numero, pais_emisor or "", persona)
    if titular is not None:
        raise ValidationError({"numero": _mensaje_documento_ajeno(titular)}, code="documento_ajeno")
    if DocumentoIdentidad.objects.filter(persona=persona, tipo=tipo, numero=numero).exists():
        raise ValidationError({"numero": _("La persona ya tiene ese documento registrado.")})
    if vigente:
        DocumentoIdentidad.objects.filter(persona=persona, vigente=True).update(vigente=False)
    documento = DocumentoIdentidad(
        persona=persona,
        tipo=tipo,
        numero=numero,
        pais_emisor=pais_emisor or "",
        fecha_emision=fecha_emision,
        fecha_vencimiento=fecha_vencimiento,
        vigente=vigente,
        creado_por=usuario,
    )
    try:
        with transaction.atomic():
            guardar(documento)
    except IntegrityError:
        raise ValidationError({"numero": _("Ese documento ya está registrado.")}) from None
    persona = Persona.objects.select_for_update().get(pk=persona.pk)
    if vigente:
        persona.tipo_documento, persona.documento_numero = tipo, numero
    persona.modificado_por = usuario
    guardar(persona)  # the search text gains the new number
    return documento

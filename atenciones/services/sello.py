"""Sello Migrante evidence: attach files and links to the work plan, enrol persons in programs,
take attendance, record procedures started in regularisation operations, edit the narratives."""

import datetime
import os
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oficina.models import (
    Actividad,
    Compromiso,
    Evidencia,
    LineaPlan,
    NarrativaCompromiso,
    PlanTrabajo,
    Programa,
)

from ..models import Asistencia, Inscripcion, Persona, TramiteOperativo
from ._auditoria import audita
from ._comun import exigir_persona_activa, guardar
from ._evidencias import TIPO_POR_EXTENSION, revisar_archivo


@audita("subida_por")
@transaction.atomic
def adjuntar_evidencia(
    *,
    linea: LineaPlan,
    titulo: str,
    subida_por: User,
    archivo: UploadedFile | None = None,
    enlace: str = "",
) -> Evidencia:
    """Attach a file (stored through the default storage) or a link to a work-plan line."""
    if bool(archivo) == bool(enlace):
        raise ValidationError({NON_FIELD_ERRORS: _("Suba un archivo o indique un enlace (uno de los dos).")})
    evidencia = Evidencia(linea=linea, titulo=titulo, subida_por=subida_por)
    if archivo:
        nombre = revisar_archivo(archivo)
        extension = os.path.splitext(nombre)[1]
        evidencia.tipo = TIPO_POR_EXTENSION.get(extension, Evidencia.Tipo.DOCUMENTO)
        evidencia.nombre_original = nombre
        evidencia.tamano = archivo.size or 0
        archivo.name = nombre
        evidencia.archivo = archivo
    else:
        evidencia.tipo = Evidencia.Tipo.ENLACE
        evidencia.enlace = enlace
    evidencia.full_clean()
    try:
        evidencia.save()  # writes the file through the default storage, then the row
    except Exception:
        if evidencia.archivo.name and evidencia.archivo.storage.exists(evidencia.archivo.name):
            evidencia.archivo.storage.delete(evidencia.archivo.name)
        raise
    return evidencia


@audita()
@transaction.atomic
def inscribir_en_programa(
    *, programa: Programa, persona: Persona, usuario: User, fecha: datetime.date | None = None
) -> Inscripcion:
    """Enrol a person from the registry in a program (once)."""
    exigir_persona_activa(persona)
    if Inscripcion.objects.filter(programa=programa, persona=persona).exists():
        raise ValidationError({NON_FIELD_ERRORS: _("La persona ya está inscrita en este programa.")})
    return guardar(
        Inscripcion(
            programa=programa, persona=persona, fecha=fecha or timezone.localdate(), inscrita_por=usuario
        )
    )


@audita()
@transaction.atomic
def registrar_asistencia(
    *, actividad: Actividad, personas: Iterable[Persona], usuario: User
) -> list[Asistencia]:
    """Mark enrolled persons present at a session; all or nothing.

    Refused as a whole when one of them is not enrolled in the session's program or is blocked.
    """
    personas = list(personas)
    inscritas = set(
        Inscripcion.objects.filter(programa_id=actividad.programa_id, persona__in=personas).values_list(
            "persona_id", flat=True
        )
    )
    faltan = [p for p in personas if p.pk not in inscritas]
    if faltan:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _("No están inscritas en el programa: %(nombres)s. Inscríbalas primero.")
                % {"nombres": ", ".join(str(p) for p in faltan)}
            }
        )
    for persona in personas:
        exigir_persona_activa(persona)
    ya = set(Asistencia.objects.filter(actividad=actividad).values_list("persona_id", flat=True))
    nuevas = []
    for persona in personas:
        if persona.pk in ya:
            continue
        nuevas.append(guardar(Asistencia(actividad=actividad, persona=persona, registrada_por=usuario)))
    return nuevas


@audita()
@transaction.atomic
def registrar_tramite_operativo(
    *,
    actividad: Actividad,
    persona: Persona,
    tipo: str,
    usuario: User,
    numero_solicitud: str = "",
) -> TramiteOperativo:
    """A procedure started for a person in a regularisation operation.

    A SERMIG residence application's number is also written to the person's SERMIG details when
    they have none yet (their documents).
    """
    exigir_persona_activa(persona)
    tramite = guardar(
        TramiteOperativo(
            actividad=actividad,
            persona=persona,
            tipo=tipo,
            numero_solicitud=numero_solicitud,
            registrado_por=usuario,
        )
    )
    if tipo == TramiteOperativo.Tipo.SOLICITUD_RESIDENCIA and numero_solicitud:
        persona = Persona.objects.select_for_update().get(pk=persona.pk)
        if not persona.sermig_numero_solicitud:
            persona.sermig_numero_solicitud = numero_solicitud
            persona.sermig_fecha_solicitud = timezone.localdate(actividad.inicio)
            persona.modificado_por = usuario
            persona.save(
                update_fields=[
                    "sermig_numero_solicitud",
                    "sermig_fecha_solicitud",
                    "modificado_por",
                    "modificado",
                ]
            )
    return tramite


@audita()
@transaction.atomic
def guardar_narrativa(
    *, plan: PlanTrabajo, compromiso: str, texto: str, usuario: User
) -> NarrativaCompromiso:
    """The office head's text for one commitment of a plan's period (created or updated in place)."""
    if compromiso not in Compromiso.values:
        raise ValidationError({"compromiso": _("Compromiso desconocido.")})
    narrativa, _creada = NarrativaCompromiso.objects.select_for_update().get_or_create(
        plan=plan, compromiso=compromiso
    )
    narrativa.texto = texto
    narrativa.full_clean()
    narrativa.save(update_fields=["texto", "actualizada"])
    return narrativa

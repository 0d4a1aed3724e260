"""Merge two records of one person: everything moves to the survivor, the other stays as a tombstone."""

import json
from typing import Any

from django.contrib.auth.models import User
from django.core import serializers
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import ForeignObjectRel, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import resumenes
from ..choices import TipoDocumento
from ..models import DocumentoIdentidad, Fusion, ParDuplicado, Persona
from ..models.personas import BANDERAS as BANDERAS_PERSONA
from ._auditoria import audita
from ._comun import guardar, version_de
from .documentos import _sincronizar_documento_actual
from .duplicados import _recalcular_despues_de_guardar

PERMISO = "atenciones.fusionar_personas"

# Fields the office head chooses one by one (the survivor's value unless the other one is chosen).
# "documento" stands for the pair (tipo_documento, documento_numero): the current document.
CAMPOS_ELEGIBLES = [
    "nombres",
    "apellidos",
    "nombre_social",
    "fecha_nacimiento",
    "sexo",
    "genero",
    "nacionalidad",
    "pais_nacimiento",
    "documento",
    "telefono",
    "email",
    "direccion",
    "comuna",
    "sector",
    "fecha_llegada_chile",
    "situacion_migratoria",
    "hogar",
    "relacion_hogar",
    "tutor",
]
# Vulnerability flags (and the interpreter need): set on the survivor if set on either record (a
# merge never hides a need).
BANDERAS = [*BANDERAS_PERSONA, "requiere_interprete"]
# Reverse links that a merge must not move: the merge's own records and the tombstone pointer.
_NO_MOVER = {(Fusion, "superviviente"), (Fusion, "absorbida"), (Persona, "fusionada_en")}

MENSAJE_DESACTUALIZADO = gettext_lazy(
    "Alguien modificó una de las dos fichas después de abrir esta página: no se fusionó nada. "
    "Revise los datos actuales e intente de nuevo."
)


def _valores(persona: Persona) -> dict[str, Any]:
    """The record's stored values, as JSON (for the merge's audit row)."""
    return json.loads(serializers.serialize("json", [persona]))[0]["fields"]


def _comprobar(superviviente: Persona, absorbida: Persona, usuario: User) -> None:
    if not usuario.has_perm(PERMISO):
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Solo la encargada de la oficina puede fusionar personas.")}
        )
    if superviviente.pk == absorbida.pk:
        raise ValidationError({NON_FIELD_ERRORS: _("No se puede fusionar una ficha consigo misma.")})
    for p in (superviviente, absorbida):
        if p.fusionada_en_id:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: _(
                        "La ficha N° %(id)s ya fue fusionada en la ficha N° %(destino)s: no se puede volver a fusionar."
                    )
                    % {"id": p.pk, "destino": p.fusionada_en_id}
                }
            )
        if p.anonimizada_en:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: _("La ficha N° %(id)s está anonimizada: no se puede fusionar.")
                    % {"id": p.pk}
                }
            )
        if p.bloqueada:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: _(
                        "La ficha N° %(id)s está bloqueada por una solicitud de derechos: no se puede fusionar."
                    )
                    % {"id": p.pk}
                }
            )


def _mover_relaciones(desde: Persona, hacia: Persona) -> dict[str, list[Any]]:
    """Point every row that refers to `desde` at `hacia`; {model.field: [moved ids]}."""
    movidos: dict[str, list[Any]] = {}
    # One current document per person: the survivor's stays current unless chosen otherwise.
    DocumentoIdentidad.objects.filter(persona=desde).update(vigente=False)
    # Pairs between the two are settled by the merge; the tombstone's other pairs go away.
    ParDuplicado.objects.filter(
        Q(persona_a=desde, persona_b=hacia) | Q(persona_a=hacia, persona_b=desde)
    ).update(estado=ParDuplicado.Estado.FUSIONADO)
    ParDuplicado.objects.filter(Q(persona_a=desde) | Q(persona_b=desde)).exclude(
        estado=ParDuplicado.Estado.FUSIONADO
    ).delete()
    for campo in Persona._meta.get_fields(include_hidden=True):
        # Reverse one-to-many / one-to-one links: a foreign key on another model pointing here.
        if not isinstance(campo, ForeignObjectRel) or not (campo.one_to_many or campo.one_to_one):
            continue
        modelo, nombre = campo.field.model, campo.field.name
        if (modelo, nombre) in _NO_MOVER or modelo is ParDuplicado:
            continue
        filas = modelo._base_manager.filter(**{nombre: desde})
        ids = list(filas.values_list("pk", flat=True))
        if ids:
            # A queryset update: append-only rows (access log) and referral history move as they are.
            modelo._base_manager.filter(pk__in=ids).update(**{nombre: hacia})
            movidos[f"{modelo._meta.label}.{nombre}"] = ids
    # A ward of the absorbed record may be the survivor itself.
    Persona.objects.filter(pk=hacia.pk, tutor=hacia).update(tutor=None)
    return movidos


@audita()
@transaction.atomic
def fusionar_personas(
    *,
    superviviente: Persona,
    absorbida: Persona,
    usuario: User,
    elegidos: list[str] | None = None,
    version_superviviente: str | None = None,
    version_absorbida: str | None = None,
) -> Fusion:
    """Merge `absorbida` into `superviviente`.

    `elegidos` are the fields (CAMPOS_ELEGIBLES) whose value is taken from `absorbida`. With the
    versions the page was opened with, a record edited since is refused and nothing moves.
    Everything pointing at `absorbida` (attentions, cases, referrals, documents, household and
    guardianship links, consents, rights requests, access log) moves; `absorbida` stays as a
    tombstone (its page redirects to the survivor). Audited: Fusion row with both records' values.
    """
    elegidos = [c for c in (elegidos or []) if c in CAMPOS_ELEGIBLES]
    primero, segundo = sorted((superviviente.pk, absorbida.pk))
    bloqueadas = {
        p.pk: p for p in Persona.objects.select_for_update().filter(pk__in=[primero, segundo]).order_by("pk")
    }
    if len(bloqueadas) != len({primero, segundo}) and superviviente.pk != absorbida.pk:
        raise ValidationError({NON_FIELD_ERRORS: _("Una de las fichas ya no existe.")})
    superviviente = bloqueadas.get(superviviente.pk, superviviente)
    absorbida = bloqueadas.get(absorbida.pk, absorbida)
    _comprobar(superviviente, absorbida, usuario)
    if (version_superviviente is not None and version_de(superviviente) != version_superviviente) or (
        version_absorbida is not None and version_de(absorbida) != version_absorbida
    ):
        raise ValidationError({NON_FIELD_ERRORS: MENSAJE_DESACTUALIZADO}, code="desactualizado")

    antes_superviviente, antes_absorbida = _valores(superviviente), _valores(absorbida)
    nuevos: dict[str, Any] = {}
    for campo in elegidos:
        if campo == "documento":
            nuevos["tipo_documento"] = absorbida.tipo_documento
            nuevos["documento_numero"] = absorbida.documento_numero
        else:
            nuevos[campo] = getattr(absorbida, campo)
    for bandera in BANDERAS:
        if getattr(absorbida, bandera):
            nuevos[bandera] = True
    if not superviviente.consentimiento_fecha and absorbida.consentimiento_fecha:
        for campo in ("consentimiento_fecha", "consentimiento_version", "consentimiento_registrado_por"):
            nuevos[campo] = getattr(absorbida, campo)

    # The tombstone gives up its current document first (one holder per document).
    absorbida.tipo_documento, absorbida.documento_numero = TipoDocumento.NINGUNO, ""
    absorbida.save(update_fields=["tipo_documento", "documento_numero"])
    movidos = _mover_relaciones(absorbida, superviviente)

    superviviente.refresh_from_db()
    for campo, valor in nuevos.items():
        setattr(superviviente, campo, valor)
    if superviviente.tutor_id == superviviente.pk:
        superviviente.tutor = None
    superviviente.modificado_por = usuario
    guardar(superviviente)
    _sincronizar_documento_actual(persona=superviviente, usuario=usuario)

    absorbida.refresh_from_db()
    absorbida.fusionada_en = superviviente
    absorbida.hogar, absorbida.relacion_hogar, absorbida.tutor = None, "", None
    absorbida.busqueda, absorbida.claves = "", ""
    absorbida.modificado_por = usuario
    absorbida.save(
        update_fields=[
            "fusionada_en",
            "hogar",
            "relacion_hogar",
            "tutor",
            "busqueda",
            "claves",
            "modificado",
            "modificado_por",
        ]
    )
    fusion = Fusion.objects.create(
        superviviente=superviviente,
        absorbida=absorbida,
        usuario=usuario,
        fecha=timezone.now(),
        valores_superviviente=antes_superviviente,
        valores_absorbida=antes_absorbida,
        elegidos=elegidos,
        movidos=movidos,
    )
    _recalcular_despues_de_guardar(superviviente.pk)
    # The attentions moved with update() (no signals): the indicators' person rows follow them.
    resumenes.recalcular_personas([superviviente.pk, absorbida.pk])
    return fusion

"""The duplicate review queue: recompute a person's likely pairs, and the head's "not the same person"."""

import logging

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sello_migrante.tareas import encolar

from ..models import DocumentoIdentidad, ParDuplicado, Persona
from ..selectors.duplicados import UMBRAL_COLA, ficha_de_persona, parecidos
from ._auditoria import audita

logger = logging.getLogger(__name__)


def _recalcular_despues_de_guardar(persona_id: int) -> None:
    """After the caller's transaction commits, refresh the person's pairs in the background."""
    encolar(recalcular_pares, persona_id, nombre="duplicados")


def _recalcular_despues_de_importar(personas: list[int]) -> None:
    """After the import's block commits, refresh its new persons' pairs in one background job."""
    if personas:
        encolar(_recalcular_varias, personas, nombre="duplicados")


def _recalcular_varias(personas: list[int]) -> int:
    """The job of `_recalcular_despues_de_importar`: each person's pairs (audited per person)."""
    return sum(recalcular_pares(pk) for pk in personas)


@audita()
@transaction.atomic
def recalcular_pares(persona_id: int, *, usuario: User | None = None) -> int:
    """Refresh the review queue's pairs of one person; returns how many pending pairs it has.

    A pair marked "not the same person" is never proposed again; pending pairs that no longer
    match are removed. Merged (tombstone) and anonymised persons have no pending pairs.
    """
    persona = Persona.objects.filter(pk=persona_id).first()
    suyos = ParDuplicado.objects.filter(Q(persona_a_id=persona_id) | Q(persona_b_id=persona_id))
    if persona is None or persona.fusionada_en_id or persona.anonimizada_en:
        suyos.filter(estado=ParDuplicado.Estado.PENDIENTE).delete()
        return 0
    numeros = set(DocumentoIdentidad.objects.filter(persona=persona).values_list("numero", flat=True))
    encontrados = {}
    for r in parecidos(ficha_de_persona(persona, numeros), minimo=UMBRAL_COLA):
        a, b = sorted((persona_id, r["persona"].pk))
        encontrados[a, b] = r
    existentes = {(p.persona_a_id, p.persona_b_id): p for p in suyos}
    ahora = timezone.now()
    nuevos = []
    for clave, r in encontrados.items():
        par = existentes.get(clave)
        if par is None:
            nuevos.append(
                ParDuplicado(
                    persona_a_id=clave[0],
                    persona_b_id=clave[1],
                    probabilidad=r["probabilidad"],
                    evidencia=r["evidencia"],
                    calculado=ahora,
                )
            )
        elif par.estado == ParDuplicado.Estado.PENDIENTE and (
            par.probabilidad != r["probabilidad"] or par.evidencia != r["evidencia"]
        ):
            par.probabilidad, par.evidencia, par.calculado = r["probabilidad"], r["evidencia"], ahora
            par.save(update_fields=["probabilidad", "evidencia", "calculado"])
    for par in nuevos:
        # One by one, so each new pair has its history row; a concurrent refresh may have added it.
        try:
            with transaction.atomic():
                par.save()
        except IntegrityError:
            pass
    vencidos = [
        p.pk
        for clave, p in existentes.items()
        if clave not in encontrados and p.estado == ParDuplicado.Estado.PENDIENTE
    ]
    ParDuplicado.objects.filter(pk__in=vencidos).delete()
    return len([c for c in encontrados if existentes.get(c) is None or existentes[c].estado == "pendiente"])


@audita()
def recalcular_todos(*, desde_pk: int = 0, usuario: User | None = None) -> int:
    """Rebuild the whole queue (a command; never on a page load). Returns the persons visited."""
    n = 0
    for pk in (
        Persona.objects.filter(pk__gt=desde_pk, fusionada_en__isnull=True, anonimizada_en__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
        .iterator(chunk_size=2000)
    ):
        recalcular_pares(pk, usuario=usuario)
        n += 1
    return n


@audita()
@transaction.atomic
def marcar_distintas(*, par: ParDuplicado, usuario: User) -> ParDuplicado:
    """The office head says the two records are different persons: the pair is not proposed again."""
    par = ParDuplicado.objects.select_for_update().get(pk=par.pk)
    if par.estado != ParDuplicado.Estado.PENDIENTE:
        raise ValidationError(_("Este par ya fue revisado."))
    par.estado = ParDuplicado.Estado.DISTINTAS
    par.revisado_por = usuario
    par.revisado = timezone.now()
    par.save(update_fields=["estado", "revisado_por", "revisado"])
    return par

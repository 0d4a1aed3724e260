"""Attentions: log one contact with its topics, optionally opening a case and referring."""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oficina.choices import Tema

from .. import resumenes
from ..models import Atencion, AtencionTema, Caso, Derivacion, Persona
from ._auditoria import audita
from ._comun import exigir_persona_activa, guardar
from .casos import abrir_caso
from .derivaciones import derivar


def _temas_validos(temas: list[str]) -> list[str]:
    """An attention's topics without repeats; ValidationError if none or one is unknown."""
    temas = list(dict.fromkeys(temas))
    if not temas:
        raise ValidationError({"temas": _("Elija al menos un tema.")})
    invalidos = [t for t in temas if t not in Tema.values]
    if invalidos:
        raise ValidationError({"temas": _("Tema desconocido: %(tema)s.") % {"tema": ", ".join(invalidos)}})
    return temas


@audita("profesional")
@transaction.atomic
def registrar_atencion(
    *,
    persona: Persona,
    profesional: User,
    temas: list[str],
    canal: str,
    fecha_hora: datetime.datetime | None = None,
    notas: str = "",
    resultado: str = "",
    caso: Caso | None = None,
    fecha_seguimiento: datetime.date | None = None,
) -> Atencion:
    exigir_persona_activa(persona)
    temas = _temas_validos(temas)
    atencion = Atencion(
        persona=persona,
        profesional=profesional,
        canal=canal,
        fecha_hora=fecha_hora or timezone.now(),
        notas=notas,
        resultado=resultado,
        caso=caso,
        fecha_seguimiento=fecha_seguimiento,
    )
    guardar(atencion)
    AtencionTema.objects.bulk_create(AtencionTema(atencion=atencion, tema=tema) for tema in temas)
    resumenes.temas_agregados(atencion, temas)  # bulk_create sends no signal
    return atencion


@audita("profesional")
@transaction.atomic
def registrar_atencion_completa(
    *,
    persona: Persona,
    profesional: User,
    atencion: dict,
    nuevo_caso: dict | None = None,
    derivacion: dict | None = None,
) -> tuple[Atencion, Caso | None, Derivacion | None]:
    """One submit of the attention form: the attention, and optionally a new case and a referral.

    All or nothing: if any part is refused, nothing is saved. Returns (atencion, caso, derivacion).
    """
    caso = atencion.pop("caso", None)
    if nuevo_caso:
        caso = abrir_caso(persona=persona, asignado_a=profesional, usuario=profesional, **nuevo_caso)
    registrada = registrar_atencion(persona=persona, profesional=profesional, caso=caso, **atencion)
    enviada = None
    if derivacion:
        enviada = derivar(
            persona=persona, derivado_por=profesional, caso=caso, atencion=registrada, **derivacion
        )
    return registrada, caso, enviada

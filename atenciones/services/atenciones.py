"""Attentions: log one contact with its topics."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oficina.choices import Tema

from ..models import Atencion, AtencionTema, Caso, Persona
from ._comun import exigir_persona_activa, guardar


@transaction.atomic
def registrar_atencion(
    *,
    persona: Persona,
    profesional,
    temas: list[str],
    canal: str,
    fecha_hora=None,
    notas: str = "",
    resultado: str = "",
    caso: Caso | None = None,
    fecha_seguimiento=None,
) -> Atencion:
    exigir_persona_activa(persona)
    temas = list(dict.fromkeys(temas))
    if not temas:
        raise ValidationError({"temas": _("Elija al menos un tema.")})
    invalidos = [t for t in temas if t not in Tema.values]
    if invalidos:
        raise ValidationError({"temas": _("Tema desconocido: %(tema)s.") % {"tema": ", ".join(invalidos)}})
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
    return atencion

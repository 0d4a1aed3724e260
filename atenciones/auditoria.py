"""Access log: every read of personal data that matters (person page, search, export) leaves a row.

Changes to the casework are logged separately by django-auditlog (settings.AUDITLOG_INCLUDE_TRACKING_MODELS).
"""

from django.db import transaction

from .models import Persona, RegistroAcceso

Accion = RegistroAcceso.Accion
_LARGO_DETALLE = RegistroAcceso._meta.get_field("detalle").max_length


def _persona_de(objeto):
    if isinstance(objeto, Persona):
        return objeto
    persona = getattr(objeto, "persona", None)
    return persona if isinstance(persona, Persona) else None


# One INSERT: no savepoint needed inside a caller's transaction.
@transaction.atomic(savepoint=False)
def registrar_acceso(*, usuario, accion: str, objeto=None, detalle: str = "") -> RegistroAcceso:
    """Record that `usuario` did `accion` (a RegistroAcceso.Accion) on `objeto` (optional).

    The person concerned is taken from `objeto` (a Persona, or anything with a `persona`), so the
    office head can list every access to one person. `detalle` is cut to the column's length.
    """
    if accion not in Accion.values:
        raise ValueError(f"acción de acceso desconocida: {accion!r}")
    persona = _persona_de(objeto)
    return RegistroAcceso.objects.create(
        usuario=usuario if getattr(usuario, "is_authenticated", False) else None,
        accion=accion,
        persona=persona,
        objeto_tipo=objeto._meta.model_name if objeto is not None else "",
        objeto_id=str(objeto.pk) if objeto is not None and objeto.pk is not None else "",
        detalle=(detalle or "").replace("\x00", "")[:_LARGO_DETALLE],
    )

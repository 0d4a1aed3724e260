"""Business operations of the casework: one function each, keyword-only and atomic.

Views, admin actions and management commands call these; nothing else writes the state
fields of cases and referrals. One module per concern; import from the module
(`from atenciones.services.derivaciones import derivar`) or from this package.
"""

from ._comun import TransicionInvalida
from .atenciones import registrar_atencion
from .casos import abrir_caso, cerrar_caso, reabrir_caso, reasignar_caso
from .derivaciones import cambiar_estado_derivacion, derivar, registrar_seguimiento
from .personas import actualizar_persona, registrar_persona

__all__ = [
    "TransicionInvalida",
    "abrir_caso",
    "actualizar_persona",
    "cambiar_estado_derivacion",
    "cerrar_caso",
    "derivar",
    "reabrir_caso",
    "reasignar_caso",
    "registrar_atencion",
    "registrar_persona",
    "registrar_seguimiento",
]

"""Business operations of the casework: one function each, keyword-only and atomic.

Views, admin actions and management commands call these; nothing else writes the state
fields of cases and referrals. One module per concern; import from the module
(`from atenciones.services.derivaciones import derivar`) or from this package.
"""

from ._comun import RegistroDesactualizado, TransicionInvalida
from .atenciones import registrar_atencion, registrar_atencion_completa
from .casos import (
    abrir_caso,
    actualizar_caso,
    cerrar_caso,
    crear_tarea,
    desvincular_de_caso,
    marcar_tarea,
    reabrir_caso,
    reasignar_caso,
    reasignar_casos,
    vincular_a_caso,
)
from .derivaciones import (
    aceptar_derivacion,
    cambiar_estado_derivacion,
    derivar,
    emitir_enlace,
    registrar_seguimiento,
    responder_externo,
    revocar_enlace,
)
from .hogares import agregar_miembro, asignar_tutor, crear_hogar, quitar_miembro
from .personas import actualizar_persona, registrar_persona

__all__ = [
    "RegistroDesactualizado",
    "TransicionInvalida",
    "abrir_caso",
    "aceptar_derivacion",
    "actualizar_caso",
    "actualizar_persona",
    "agregar_miembro",
    "asignar_tutor",
    "cambiar_estado_derivacion",
    "cerrar_caso",
    "crear_hogar",
    "crear_tarea",
    "derivar",
    "desvincular_de_caso",
    "emitir_enlace",
    "marcar_tarea",
    "quitar_miembro",
    "reabrir_caso",
    "reasignar_caso",
    "reasignar_casos",
    "registrar_atencion",
    "registrar_atencion_completa",
    "registrar_persona",
    "registrar_seguimiento",
    "responder_externo",
    "revocar_enlace",
    "vincular_a_caso",
]

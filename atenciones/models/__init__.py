"""The casework's models, one module per concern; import them from `atenciones.models`."""

from .casos import Atencion, AtencionTema, Caso
from .correos import CorreoSaliente
from .derivaciones import Derivacion, EventoDerivacion, SeguimientoDerivacion
from .personas import Hogar, Persona, _comuna_por_defecto
from .privacidad import BrechaSeguridad, RegistroAcceso, SolicitudDerecho
from .solo_agregar import SoloAgregar

__all__ = [
    "Atencion",
    "AtencionTema",
    "BrechaSeguridad",
    "Caso",
    "CorreoSaliente",
    "Derivacion",
    "EventoDerivacion",
    "Hogar",
    "Persona",
    "RegistroAcceso",
    "SeguimientoDerivacion",
    "SolicitudDerecho",
    "SoloAgregar",
    "_comuna_por_defecto",  # referenced by migration 0001
]

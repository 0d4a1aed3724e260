"""The casework's models, one module per concern; import them from `atenciones.models`."""

from .casos import Atencion, AtencionTema, Caso
from .derivaciones import CorreoSaliente, Derivacion, EventoDerivacion, SeguimientoDerivacion, SoloAgregar
from .externas import EnlaceExterno
from .personas import Hogar, Persona, _comuna_por_defecto
from .planes import TareaCaso
from .privacidad import BrechaSeguridad, RegistroAcceso, SolicitudDerecho

__all__ = [
    "Atencion",
    "AtencionTema",
    "BrechaSeguridad",
    "Caso",
    "CorreoSaliente",
    "Derivacion",
    "EnlaceExterno",
    "EventoDerivacion",
    "Hogar",
    "Persona",
    "RegistroAcceso",
    "SeguimientoDerivacion",
    "SolicitudDerecho",
    "SoloAgregar",
    "TareaCaso",
    "_comuna_por_defecto",  # referenced by migration 0001
]

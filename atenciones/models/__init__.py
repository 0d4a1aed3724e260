"""The casework's models, one module per concern; import them from `atenciones.models`."""

from .casos import Atencion, AtencionTema, Caso
from .derivaciones import CorreoSaliente, Derivacion, EventoDerivacion, SeguimientoDerivacion, SoloAgregar
from .personas import Hogar, Persona, _comuna_por_defecto
from .privacidad import BrechaSeguridad, RegistroAcceso, SolicitudDerecho
from .programas import Asistencia, Inscripcion, TramiteOperativo

__all__ = [
    "Asistencia",
    "Inscripcion",
    "TramiteOperativo",
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

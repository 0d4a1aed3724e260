"""The casework's models, one module per concern; import them from `atenciones.models`."""

from .casos import Atencion, AtencionTema, Caso
from .derivaciones import CorreoSaliente, Derivacion, EventoDerivacion, SeguimientoDerivacion, SoloAgregar
from .identidad import DocumentoIdentidad, EnvioFormulario, Fusion, ParDuplicado
from .personas import Hogar, Persona, _comuna_por_defecto
from .privacidad import BrechaSeguridad, RegistroAcceso, SolicitudDerecho

__all__ = [
    "Atencion",
    "AtencionTema",
    "BrechaSeguridad",
    "Caso",
    "CorreoSaliente",
    "DocumentoIdentidad",
    "EnvioFormulario",
    "Fusion",
    "ParDuplicado",
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

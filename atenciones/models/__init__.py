"""The casework's models, one module per concern; import them from `atenciones.models`."""

from .casos import Atencion, AtencionTema, Caso, CasoQuerySet
from .correos import CorreoSaliente
from .derivaciones import Derivacion, DerivacionQuerySet, EventoDerivacion, SeguimientoDerivacion
from .externas import EnlaceExterno
from .identidad import DocumentoIdentidad, EnvioFormulario, Fusion, ParDuplicado
from .importacion import FilaImportacion, LoteImportacion, MapeoImportacion
from .personas import Hogar, Persona, PersonaQuerySet, _comuna_por_defecto
from .planes import TareaCaso
from .privacidad import BrechaSeguridad, RegistroAcceso, SolicitudDerecho, SolicitudDerechoQuerySet
from .programas import Asistencia, Inscripcion, TramiteOperativo
from .resumenes import (
    PRIMERA,
    ResumenAtencionDia,
    ResumenDimensionDia,
    ResumenDimensionMes,
    ResumenPersonaDia,
    ResumenTemaDia,
)
from .solo_agregar import SoloAgregar

__all__ = [
    "Asistencia",
    "Inscripcion",
    "TramiteOperativo",
    "Atencion",
    "AtencionTema",
    "BrechaSeguridad",
    "Caso",
    "CasoQuerySet",
    "CorreoSaliente",
    "DocumentoIdentidad",
    "EnvioFormulario",
    "Fusion",
    "ParDuplicado",
    "Derivacion",
    "EnlaceExterno",
    "DerivacionQuerySet",
    "EventoDerivacion",
    "FilaImportacion",
    "Hogar",
    "LoteImportacion",
    "MapeoImportacion",
    "Persona",
    "PersonaQuerySet",
    "RegistroAcceso",
    "PRIMERA",
    "ResumenAtencionDia",
    "ResumenDimensionDia",
    "ResumenDimensionMes",
    "ResumenPersonaDia",
    "ResumenTemaDia",
    "SeguimientoDerivacion",
    "SolicitudDerecho",
    "SolicitudDerechoQuerySet",
    "SoloAgregar",
    "TareaCaso",
    "_comuna_por_defecto",  # referenced by migration 0001
]

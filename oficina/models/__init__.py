"""The office's models: the office and its public face (`base`), Sello Migrante evidence (`sello`)."""

from .base import (
    Actividad,
    AsistenteCapacitacion,
    Capacitacion,
    Departamento,
    DestinoDerivacion,
    Membresia,
    Organizacion,
    PaginaInformativa,
    Programa,
    Servicio,
)
from .sello import (
    AccionNoDiscriminacion,
    Compromiso,
    Eje,
    EspacioParticipacion,
    Evidencia,
    LineaPlan,
    NarrativaCompromiso,
    PlanCapacitacion,
    PlanTrabajo,
    ReunionParticipacion,
)

__all__ = [
    "AccionNoDiscriminacion",
    "Actividad",
    "AsistenteCapacitacion",
    "Capacitacion",
    "Compromiso",
    "Departamento",
    "DestinoDerivacion",
    "Eje",
    "EspacioParticipacion",
    "Evidencia",
    "LineaPlan",
    "Membresia",
    "NarrativaCompromiso",
    "Organizacion",
    "PaginaInformativa",
    "PlanCapacitacion",
    "PlanTrabajo",
    "Programa",
    "ReunionParticipacion",
    "Servicio",
]

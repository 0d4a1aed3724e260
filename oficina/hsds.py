"""The public support-network directory as Open Referral HSDS 3.0 (Human Services Data Specification).

Only organisations shown on the public site (`publica` and `activa`) and their services; nothing
about persons. Mapping:

- Organizacion → organization (sigla as `alternate_name`, phones, its location, its services);
- its address → a physical location with one address (country CL) and the organisation's hours
  as a schedule `description` (hours are free text here, not RRULEs), and its languages;
- Servicio → service (eligibility, fees, required documents, hours as a schedule, languages),
  linked to the organisation's location through a service_at_location.

Identifiers are UUIDs derived from the row's primary key and kind, so they are stable and need no
column. HSDS 3.0 has no multilingual text fields: records are in Spanish, and `?lang=ht` or
`?lang=en` returns the same records with the texts that have a translation in that language.
"""

import math
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils.translation import override

from .choices import Idioma
from .models import Organizacion, Servicio

PAIS = "CL"
POR_PAGINA = 50
POR_PAGINA_MAXIMO = 200
IDIOMAS = {"es", "ht", "en"}

# Kind of record, in the third group of each identifier.
ORGANIZACION, SERVICIO, UBICACION, DIRECCION, HORARIO_UBICACION, HORARIO_SERVICIO = 1, 2, 3, 4, 5, 6
TELEFONO, WHATSAPP, IDIOMA_SERVICIO, IDIOMA_UBICACION, SERVICIO_EN_UBICACION, DOCUMENTO = 7, 8, 9, 10, 11, 12
_PREFIJO = "5e110000"


def id_hsds(tipo: int, pk: int, indice: int = 0) -> str:
    """A stable UUID (version 8, custom) for row `pk` of `tipo` (and its `indice`-th part)."""
    return str(uuid.UUID(f"{_PREFIJO}-{tipo:04x}-8{indice:03x}-8000-{pk:012x}"))


def pk_de(identificador: str, tipo: int) -> int | None:
    """The primary key behind an identifier of `tipo`, or None if it is not one of ours."""
    try:
        valor = str(uuid.UUID(identificador))
    except ValueError:
        return None
    if not valor.startswith(f"{_PREFIJO}-{tipo:04x}-8000-8000-"):
        return None
    return int(valor[-12:], 16)


def organizaciones() -> QuerySet[Organizacion]:
    servicios = Servicio.objects.order_by("nombre", "pk")
    return (
        Organizacion.objects.filter(publica=True, activa=True)
        .prefetch_related(Prefetch("servicios", queryset=servicios))
        .order_by("nombre", "pk")
    )


def servicios() -> QuerySet[Servicio]:
    return (
        Servicio.objects.filter(organizacion__publica=True, organizacion__activa=True)
        .select_related("organizacion")
        .order_by("organizacion__nombre", "nombre", "pk")
    )


def ubicaciones() -> QuerySet[Organizacion]:
    """Organisations with an address: each is one physical location."""
    return organizaciones().exclude(direccion="")


class Exportador:
    """Builds HSDS objects with texts in `idioma` (Spanish where there is no translation)."""

    def __init__(self, idioma: str = settings.LANGUAGE_CODE):
        self.idioma = idioma if idioma in IDIOMAS else settings.LANGUAGE_CODE

    def texto(self, objeto: object, campo: str) -> str:
        if self.idioma != settings.LANGUAGE_CODE and (valor := getattr(objeto, f"{campo}_{self.idioma}", "")):
            return valor
        return getattr(objeto, campo) or ""

    @staticmethod
    def _sin_vacios(datos: dict) -> dict:
        """HSDS fields are typed (no null): an unknown value is left out."""
        return {clave: valor for clave, valor in datos.items() if valor not in (None, "")}

    def _idiomas(self, codigos: list[str], tipo: int, pk: int, campo: str) -> list[dict]:
        with override("es"):
            nombres = {codigo: str(nombre) for codigo, nombre in Idioma.choices}
        return [
            {
                "id": id_hsds(tipo, pk, i),
                campo: id_hsds_de_campo(campo, pk),
                "name": nombres.get(c, c),
                "code": c,
            }
            for i, c in enumerate(codigos)
        ]

    # organization
    def organizacion_lista(self, org: Organizacion) -> dict:
        datos = self._sin_vacios(
            {
                "id": id_hsds(ORGANIZACION, org.pk),
                "name": org.nombre,
                "alternate_name": org.sigla if org.sigla != org.nombre else "",
                "website": org.web,
            }
        )
        datos["description"] = self.texto(org, "descripcion")  # required, even when empty
        return datos

    def telefonos(self, org: Organizacion) -> list[dict]:
        organizacion_id = id_hsds(ORGANIZACION, org.pk)
        telefonos = []
        if org.telefono:
            telefonos.append(
                {
                    "id": id_hsds(TELEFONO, org.pk),
                    "organization_id": organizacion_id,
                    "number": org.telefono,
                    "type": "voice",
                }
            )
        if org.whatsapp:
            telefonos.append(
                {
                    "id": id_hsds(WHATSAPP, org.pk),
                    "organization_id": organizacion_id,
                    "number": org.whatsapp,
                    "type": "text",
                    "description": "WhatsApp",
                }
            )
        return telefonos

    def organizacion(self, org: Organizacion) -> dict:
        datos = self.organizacion_lista(org)
        datos["phones"] = self.telefonos(org)
        datos["locations"] = [self.ubicacion(org)] if org.direccion else []
        datos["services"] = [self.servicio_lista(s, org) for s in org.servicios.all()]
        return datos

    # location
    def ubicacion(self, org: Organizacion) -> dict:
        ubicacion_id = id_hsds(UBICACION, org.pk)
        horario = self.texto(org, "horario")
        return self._sin_vacios(
            {
                "id": ubicacion_id,
                "location_type": "physical",
                "organization_id": id_hsds(ORGANIZACION, org.pk),
                "name": org.nombre,
                "url": org.web,
            }
        ) | {
            "addresses": [
                {
                    "id": id_hsds(DIRECCION, org.pk),
                    "location_id": ubicacion_id,
                    "address_1": org.direccion,
                    "city": org.comuna,
                    # Not recorded in the directory; required by HSDS, so empty.
                    "state_province": "",
                    "postal_code": "",
                    "country": PAIS,
                    "address_type": "physical",
                }
            ],
            "phones": self.telefonos(org),
            "schedules": (
                [
                    {
                        "id": id_hsds(HORARIO_UBICACION, org.pk),
                        "location_id": ubicacion_id,
                        "description": horario,
                    }
                ]
                if horario
                else []
            ),
            "languages": self._idiomas(org.idiomas, IDIOMA_UBICACION, org.pk, "location_id"),
        }

    # service
    def servicio_lista(self, servicio: Servicio, org: Organizacion) -> dict:
        return self._sin_vacios(
            {
                "id": id_hsds(SERVICIO, servicio.pk),
                "organization_id": id_hsds(ORGANIZACION, org.pk),
                "name": self.texto(servicio, "nombre"),
                "description": self.texto(servicio, "descripcion"),
                "url": org.web,
                "status": "active",
                "eligibility_description": self.texto(servicio, "elegibilidad"),
                "fees_description": self.texto(servicio, "costo"),
            }
        )

    def servicio(self, servicio: Servicio) -> dict:
        org = servicio.organizacion
        datos = self.servicio_lista(servicio, org)
        horario = self.texto(servicio, "horario")
        documentos = self.texto(servicio, "documentos_requeridos")
        servicio_id = datos["id"]
        datos["organization"] = self.organizacion_lista(org)
        datos["schedules"] = (
            [
                {
                    "id": id_hsds(HORARIO_SERVICIO, servicio.pk),
                    "service_id": servicio_id,
                    "description": horario,
                }
            ]
            if horario
            else []
        )
        datos["languages"] = self._idiomas(servicio.idiomas, IDIOMA_SERVICIO, servicio.pk, "service_id")
        datos["required_documents"] = (
            [{"id": id_hsds(DOCUMENTO, servicio.pk), "service_id": servicio_id, "document": documentos}]
            if documentos
            else []
        )
        datos["service_at_locations"] = (
            [
                {
                    "id": id_hsds(SERVICIO_EN_UBICACION, servicio.pk),
                    "service_id": servicio_id,
                    "location_id": id_hsds(UBICACION, org.pk),
                }
            ]
            if org.direccion
            else []
        )
        return datos


def id_hsds_de_campo(campo: str, pk: int) -> str:
    """The id of the parent a language row points to (`service_id` or `location_id`)."""
    return id_hsds(SERVICIO if campo == "service_id" else UBICACION, pk)


def pagina(consulta: QuerySet, numero: int, tamano: int, convertir: Callable[[Any], dict]) -> dict:
    """The HSDS API page envelope: page `numero` (1-based) of `consulta`, each row through `convertir`."""
    total = consulta.count()
    paginas = max(1, math.ceil(total / tamano))
    contenido = (
        [convertir(fila) for fila in consulta[(numero - 1) * tamano : numero * tamano]] if total else []
    )
    return {
        "total_items": total,
        "total_pages": paginas,
        "page_number": numero,
        "size": len(contenido),
        "first_page": numero == 1,
        "last_page": numero >= paginas,
        "empty": not contenido,
        "contents": contenido,
    }

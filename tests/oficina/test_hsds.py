"""The directory as Open Referral HSDS 3.0, validated against the official schemas.

The schemas in tests/datos/hsds_3_0/ are copied from openreferral/specification (branch 3.0,
commit 279fd2e, folder schema/; licence CC BY-SA 4.0 in the same folder). The full compiled
service and organization schemas (2-3 MB each) are left out: the detail responses are validated
against the modular organization.json / service.json / location.json they are compiled from.
"""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from oficina import hsds
from tests.factories import OrganizacionFactory, ServicioFactory

pytestmark = pytest.mark.django_db

ESQUEMAS = Path(__file__).resolve().parent.parent / "datos" / "hsds_3_0"


def _registro() -> Registry:
    recursos = []
    for archivo in sorted(ESQUEMAS.rglob("*.json")):
        nombre = archivo.relative_to(ESQUEMAS).as_posix()
        recursos.append((nombre, DRAFT202012.create_resource(json.loads(archivo.read_text()))))
    return Registry().with_resources(recursos)


REGISTRO = _registro()
PAGINA = json.loads((ESQUEMAS / "openapi.json").read_text())["components"]["schemas"]["Page"]
CAMPOS_PAGINA = [
    "total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents",
]  # fmt: skip


def _validar(datos: dict, esquema: dict) -> None:
    validador = Draft202012Validator(esquema, registry=REGISTRO, format_checker=FormatChecker())
    errores = [f"{list(e.absolute_path)}: {e.message}" for e in validador.iter_errors(datos)]
    assert errores == []


def _validar_pagina(datos: dict, elemento: str) -> None:
    """An HSDS API page (openapi.json `Page`) whose contents are `elemento` records."""
    esquema = {
        "allOf": [PAGINA],
        "required": CAMPOS_PAGINA,
        "properties": {"contents": {"type": "array", "items": {"$ref": elemento}}},
    }
    _validar(datos, esquema)


@pytest.fixture
def red():
    fonasa = OrganizacionFactory(
        nombre="Fondo Nacional de Salud",
        sigla="FONASA",
        tipo="servicio_publico",
        descripcion="Seguro público de salud.",
        descripcion_ht="Asirans sante piblik.",
        direccion="Calle Ejemplo 123",
        comuna="Valparaíso",
        horario="Lunes a viernes, 8:30 a 14:00",
        horario_en="Monday to Friday, 8:30 am to 2:00 pm",
        telefono="600 360 3000",
        whatsapp="+56 9 1234 5678",
        web="https://www.fonasa.cl",
        email="derivaciones@fonasa.example",
        idiomas=["es", "ht"],
    )
    ServicioFactory(
        organizacion=fonasa,
        nombre="Afiliación",
        nombre_en="Enrolment",
        descripcion="Inscripción en el seguro.",
        elegibilidad="Personas migrantes.",
        documentos_requeridos="Pasaporte.",
        horario="Martes",
        costo="Gratuito",
        idiomas=["es"],
    )
    sin_direccion = OrganizacionFactory(nombre="Agencia sin oficina", descripcion="")
    ServicioFactory(organizacion=sin_direccion, nombre="Orientación")
    oculta = OrganizacionFactory(nombre="Organización interna", publica=False, direccion="Oculta 1")
    ServicioFactory(organizacion=oculta, nombre="Servicio interno")
    OrganizacionFactory(nombre="Organización cerrada", activa=False)
    return fonasa


def test_organizations_page_is_valid_hsds_and_lists_only_public_organisations(client, red):
    respuesta = client.get("/datos/hsds/organizations/")
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/json"
    datos = respuesta.json()
    _validar_pagina(datos, "compiled/organization_list.json")
    assert [o["name"] for o in datos["contents"]] == ["Agencia sin oficina", "Fondo Nacional de Salud"]
    assert datos["total_items"] == 2
    assert (datos["page_number"], datos["total_pages"], datos["size"]) == (1, 1, 2)
    assert datos["first_page"] and datos["last_page"] and not datos["empty"]


def test_organization_detail_is_valid_hsds_with_phones_location_and_services(client, red):
    lista = client.get("/datos/hsds/organizations/").json()["contents"]
    fonasa_id = next(o["id"] for o in lista if o.get("alternate_name") == "FONASA")
    datos = client.get(f"/datos/hsds/organizations/{fonasa_id}/").json()
    _validar(datos, {"$ref": "organization.json"})
    assert datos["website"] == "https://www.fonasa.cl"
    assert [(t["number"], t["type"]) for t in datos["phones"]] == [
        ("600 360 3000", "voice"),
        ("+56 9 1234 5678", "text"),
    ]
    [ubicacion] = datos["locations"]
    assert ubicacion["addresses"][0]["address_1"] == "Calle Ejemplo 123"
    assert ubicacion["addresses"][0]["country"] == "CL"
    assert ubicacion["schedules"][0]["description"] == "Lunes a viernes, 8:30 a 14:00"
    assert [i["code"] for i in ubicacion["languages"]] == ["es", "ht"]
    assert [s["name"] for s in datos["services"]] == ["Afiliación"]
    # The referral email is not a public contact.
    assert "derivaciones@fonasa.example" not in json.dumps(datos)


def test_services_page_and_detail_are_valid_hsds(client, red):
    datos = client.get("/datos/hsds/services/").json()
    _validar_pagina(datos, "compiled/service_list.json")
    assert sorted(s["name"] for s in datos["contents"]) == ["Afiliación", "Orientación"]
    afiliacion = next(s for s in datos["contents"] if s["name"] == "Afiliación")
    detalle = client.get(f"/datos/hsds/services/{afiliacion['id']}/").json()
    _validar(detalle, {"$ref": "service.json"})
    assert detalle["fees_description"] == "Gratuito"
    assert detalle["eligibility_description"] == "Personas migrantes."
    assert detalle["required_documents"][0]["document"] == "Pasaporte."
    assert detalle["schedules"][0]["description"] == "Martes"
    assert detalle["organization"]["name"] == "Fondo Nacional de Salud"
    assert detalle["service_at_locations"][0]["location_id"] == hsds.id_hsds(hsds.UBICACION, red.pk)


def test_locations_page_and_detail_are_valid_hsds(client, red):
    datos = client.get("/datos/hsds/locations/").json()
    _validar_pagina(datos, "location.json")
    # Only public organisations with an address are locations.
    assert [u["name"] for u in datos["contents"]] == ["Fondo Nacional de Salud"]
    detalle = client.get(f"/datos/hsds/locations/{datos['contents'][0]['id']}/").json()
    _validar(detalle, {"$ref": "location.json"})


def test_translations_are_served_with_lang_and_fall_back_to_spanish(client, red):
    organizacion_id = hsds.id_hsds(hsds.ORGANIZACION, red.pk)
    respuesta = client.get(f"/datos/hsds/organizations/{organizacion_id}/", {"lang": "ht"})
    assert respuesta["Content-Language"] == "ht"
    datos = respuesta.json()
    assert datos["description"] == "Asirans sante piblik."
    assert datos["locations"][0]["schedules"][0]["description"] == "Lunes a viernes, 8:30 a 14:00"
    ingles = client.get(f"/datos/hsds/organizations/{organizacion_id}/", {"lang": "en"}).json()
    assert ingles["description"] == "Seguro público de salud."
    assert ingles["locations"][0]["schedules"][0]["description"] == "Monday to Friday, 8:30 am to 2:00 pm"
    assert ingles["services"][0]["name"] == "Enrolment"


def test_pages_follow_page_and_per_page(client, red):
    OrganizacionFactory.create_batch(3)
    primera = client.get("/datos/hsds/organizations/", {"per_page": 2}).json()
    assert (primera["total_items"], primera["total_pages"], primera["size"]) == (5, 3, 2)
    assert primera["first_page"] and not primera["last_page"]
    ultima = client.get("/datos/hsds/organizations/", {"per_page": 2, "page": 3}).json()
    assert (ultima["page_number"], ultima["size"], ultima["last_page"]) == (3, 1, True)
    fuera = client.get("/datos/hsds/organizations/", {"per_page": 2, "page": 9}).json()
    assert fuera["empty"] and fuera["contents"] == []
    _validar_pagina(fuera, "compiled/organization_list.json")


@pytest.mark.parametrize("parametros", [{"page": "0"}, {"page": "x"}, {"per_page": "500"}, {"page": "-1"}])
def test_bad_paging_is_a_clear_400(client, red, parametros):
    respuesta = client.get("/datos/hsds/organizations/", parametros)
    assert respuesta.status_code == 400
    assert "page" in respuesta.json()["error"]


def test_hidden_unknown_or_malformed_ids_are_404(client, red):
    oculta = hsds.id_hsds(hsds.ORGANIZACION, red.pk + 2)  # "Organización interna"
    for ruta in [
        f"/datos/hsds/organizations/{oculta}/",
        f"/datos/hsds/organizations/{hsds.id_hsds(hsds.SERVICIO, red.pk)}/",
        "/datos/hsds/organizations/no-es-un-uuid/",
        "/datos/hsds/services/00000000-0000-0000-0000-000000000000/",
        f"/datos/hsds/locations/{hsds.id_hsds(hsds.UBICACION, red.pk + 1)}/",
    ]:
        assert client.get(ruta).status_code == 404, ruta


def test_open_data_is_public_cookie_free_and_cached(client, red, django_assert_num_queries):
    respuesta = client.get("/datos/hsds/organizations/")
    assert respuesta["Access-Control-Allow-Origin"] == "*"
    assert "Set-Cookie" not in respuesta
    with django_assert_num_queries(0):
        assert client.get("/datos/hsds/organizations/").status_code == 200


def test_identifiers_are_stable_and_reversible():
    identificador = hsds.id_hsds(hsds.SERVICIO, 42)
    assert identificador == hsds.id_hsds(hsds.SERVICIO, 42)
    assert hsds.pk_de(identificador, hsds.SERVICIO) == 42
    assert hsds.pk_de(identificador, hsds.ORGANIZACION) is None


def test_the_vendored_schemas_do_reject_a_wrong_record():
    """Guard for the validation above: a record missing required fields fails it."""
    with pytest.raises(AssertionError):
        _validar(
            {"id": "no-es-uuid", "locations": [{"id": hsds.id_hsds(3, 1)}]}, {"$ref": "organization.json"}
        )

"""Several identity documents per person: the data migration, the unique rule, search by any document."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from atenciones.choices import TipoDocumento
from atenciones.models import DocumentoIdentidad, Persona
from atenciones.services.documentos import agregar_documento
from atenciones.services.personas import actualizar_persona, registrar_persona
from tests.factories import PersonaFactory, run_valido

pytestmark = pytest.mark.django_db

ANTES = [("atenciones", "0005_i7_proteccion_datos")]
DESPUES = [("atenciones", "0006_i11_documentos")]


@pytest.mark.django_db(transaction=True)
def test_migration_moves_each_persons_single_document_without_loss():
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(ANTES)
        apps = executor.loader.project_state(ANTES).apps
        Persona0005 = apps.get_model("atenciones", "Persona")
        run = Persona0005.objects.create(nombres="Rosa", tipo_documento="run", documento_numero="123456785")
        pasaporte = Persona0005.objects.create(
            nombres="Marie", tipo_documento="pasaporte", documento_numero="HT998877", nacionalidad="HT"
        )
        sin = Persona0005.objects.create(nombres="Ana", tipo_documento="ninguno", documento_numero="")
        executor = MigrationExecutor(connection)
        executor.migrate(DESPUES)
        apps = executor.loader.project_state(DESPUES).apps
        Documento = apps.get_model("atenciones", "DocumentoIdentidad")
        filas = {d.persona_id: (d.tipo, d.numero, d.pais_emisor, d.vigente) for d in Documento.objects.all()}
        assert filas == {
            run.pk: ("run", "123456785", "CL", True),
            pasaporte.pk: ("pasaporte", "HT998877", "HT", True),
        }
        assert sin.pk not in filas
        Persona0006 = apps.get_model("atenciones", "Persona")
        # The person keeps the document as their current one (fast list display).
        assert Persona0006.objects.get(pk=run.pk).documento_numero == "123456785"
        assert Persona0006.objects.get(pk=run.pk).claves.strip() == "RS"
    finally:
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_registering_a_person_makes_their_document_a_current_identity_document(profesional):
    persona = registrar_persona(
        creado_por=profesional,
        nombres="Rosa",
        apellidos="Quispe",
        tipo_documento="run",
        documento_numero="12.345.678-5",
    )
    documento = DocumentoIdentidad.objects.get(persona=persona)
    assert (documento.tipo, documento.numero, documento.pais_emisor.code, documento.vigente) == (
        "run",
        "123456785",
        "CL",
        True,
    )


def test_a_new_document_keeps_the_old_one_as_history_and_both_find_the_person(client, profesional):
    persona = registrar_persona(
        creado_por=profesional,
        nombres="Marie",
        apellidos="Joseph",
        nacionalidad="HT",
        tipo_documento="pasaporte",
        documento_numero="HT123456",
    )
    actualizar_persona(
        persona=persona, usuario=profesional, tipo_documento="run", documento_numero=run_valido(26_000_001)
    )
    documentos = list(DocumentoIdentidad.objects.filter(persona=persona).order_by("pk"))
    assert [(d.tipo, d.vigente) for d in documentos] == [("pasaporte", False), ("run", True)]
    client.force_login(profesional)
    for consulta in ("HT123456", run_valido(26_000_001)):
        respuesta = client.get(reverse("equipo:personas"), {"q": consulta})
        assert [p.pk for p in respuesta.context["pagina"]] == [persona.pk], consulta
    pagina = client.get(reverse("equipo:persona", args=[persona.pk])).content.decode()
    assert "HT123456" in pagina and "anterior" in pagina


def test_a_document_is_unique_per_type_number_and_country_across_persons(profesional):
    una, otra = PersonaFactory(), PersonaFactory()
    DocumentoIdentidad.objects.create(persona=una, tipo="pasaporte", numero="VE111222", pais_emisor="VE")
    # Same number issued by another country: another document.
    DocumentoIdentidad.objects.create(
        persona=otra, tipo="pasaporte", numero="VE111222", pais_emisor="CO", vigente=False
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentoIdentidad.objects.create(
            persona=otra, tipo="pasaporte", numero="VE111222", pais_emisor="VE", vigente=False
        )


def test_a_document_held_by_another_person_is_refused_naming_the_holder(profesional):
    titular = PersonaFactory(nombres="Rosa", apellidos="Quispe")
    DocumentoIdentidad.objects.create(persona=titular, tipo="fonasa", numero="F123", pais_emisor="CL")
    otra = PersonaFactory()
    with pytest.raises(ValidationError) as error:
        agregar_documento(persona=otra, usuario=profesional, tipo="fonasa", numero="f-123")
    mensaje = error.value.message_dict["numero"][0]
    assert "Rosa Quispe" in mensaje and reverse("equipo:persona", args=[titular.pk]) in mensaje
    assert not DocumentoIdentidad.objects.filter(persona=otra).exists()


@pytest.mark.parametrize(
    ("tipo", "numero", "mensaje"),
    [
        ("run", "12.345.678-9", "dígito verificador"),
        ("run", "abc", "formato"),
        ("pasaporte", "V#12!", "5 a 20 letras"),
        ("pasaporte", "AB1", "5 a 20 letras"),
        ("fonasa", "12*34", "letras y números"),
    ],
)
def test_malformed_numbers_are_refused_per_type_on_the_documents_page(
    client, profesional, tipo, numero, mensaje
):
    persona = PersonaFactory()
    client.force_login(profesional)
    url = reverse("equipo:persona_documentos", args=[persona.pk])
    respuesta = client.post(url, {"tipo": tipo, "numero": numero})
    assert respuesta.status_code == 200
    assert mensaje in respuesta.content.decode()
    assert numero in respuesta.content.decode()  # the typed value is kept
    assert not DocumentoIdentidad.objects.filter(persona=persona).exists()


def test_documents_page_adds_a_current_document_and_updates_the_person(client, profesional):
    persona = PersonaFactory(tipo_documento=TipoDocumento.NINGUNO, documento_numero="")
    client.force_login(profesional)
    url = reverse("equipo:persona_documentos", args=[persona.pk])
    respuesta = client.post(url, {"tipo": "sermig", "numero": "S-2026-0001", "vigente": "on"})
    assert respuesta.status_code == 302
    persona.refresh_from_db()
    assert (persona.tipo_documento, persona.documento_numero) == ("sermig", "S20260001")
    assert "S20260001" in client.get(url).content.decode()


def test_registration_form_refuses_a_document_already_held_showing_the_holder(client, profesional):
    titular = PersonaFactory(
        nombres="Rosa", apellidos="Quispe", tipo_documento="run", documento_numero="123456785"
    )
    client.force_login(profesional)
    respuesta = client.post(
        reverse("equipo:persona_nueva"),
        {
            "nombres": "Otra",
            "apellidos": "Persona",
            "tipo_documento": "run",
            "documento_numero": "12.345.678-5",
            "sexo": "no_informa",
            "genero": "no_informa",
            "comuna": "Valparaíso",
            "situacion_migratoria": "no_informa",
            "consentimiento": "on",
        },
    )
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Mismo número de documento" in html
    assert reverse("equipo:persona", args=[titular.pk]) in html
    assert Persona.objects.count() == 1

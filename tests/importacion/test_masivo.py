"""The bulk path gives exactly the outcomes of the audited per-row services, with a number of
queries per block that does not grow with its rows; the summaries stay exact, the undo complete."""

import datetime
import functools
import io
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from atenciones import resumenes
from atenciones.importacion import motor
from atenciones.management.commands.benchmark_importacion import generar
from atenciones.models import (
    Atencion,
    DocumentoIdentidad,
    FilaImportacion,
    LoteImportacion,
    Persona,
    ResumenAtencionDia,
    ResumenDimensionMes,
    ResumenPersonaDia,
    ResumenTemaDia,
)
from atenciones.services.importacion import (
    crear_lote,
    ejecutar_lote,
    importar_lote,
    simular_lote,
)
from tests.factories import PersonaFactory

from .ayudas import deshecho, importado
from .muestra import CSV, XLSX

pytestmark = pytest.mark.django_db
R = FilaImportacion.Resultado
PROCESAR = motor.procesar

# Rows that take each road of the matching and of the checks (headings the mapping proposes).
CASOS = (
    "Nombre;Apellidos;RUT;F. Nacimiento;Fecha;Canal;Motivo;Correo\r\n"
    # New, then the same person with a typo and a passport: found among this file's new persons.
    "María José;Pérez Soto;;01-01-1990;02-02-2023;Presencial;Salud;\r\n"
    "María José;Peres Soto;AB998877;01-01-1990;03-02-2023;WhatsApp;Clases de español;\r\n"
    # A blocked person's RUN: found, but no attention is logged for her (twice).
    "Ana;Rojas;22.222.222-2;;04-02-2023;Presencial;Trabajo;\r\n"
    "Ana;Rojas;22.222.222-2;;05-02-2023;Presencial;Vivienda;\r\n"
    # An e-mail the person's record refuses, then the same person written right.
    "Pedro;Soto;;;06-02-2023;Presencial;Salud;no-es-correo\r\n"
    "Pedro;Soto;;;07-02-2023;Presencial;Salud;pedro@example.org\r\n"
    # Name and birth date of a registered person without a document.
    "Jean Baptiste;Pierre;;12-08-1985;08-02-2023;Terreno;Regularización;\r\n"
    # A past document of a registered person; a merged person's RUN (leads to the survivor).
    "Rosa;Flores;P7654321;;09-02-2023;Presencial;Salud;\r\n"
    "Carla;Mena;11.111.111-1;;10-02-2023;Presencial;Salud;\r\n"
    # The first row again (already seen in this batch) and an impossible date.
    "María José;Pérez Soto;;01-01-1990;02-02-2023;Presencial;Salud;\r\n"
    "Luis;Vega;;;31-02-2023;Presencial;Salud;\r\n"
)


def _registro_existente(encargada):
    PersonaFactory(
        nombres="Ana", apellidos="Rojas", tipo_documento="run", documento_numero="222222222", bloqueada=True
    )
    PersonaFactory(
        nombres="Jean Baptiste",
        apellidos="Pierre",
        fecha_nacimiento=datetime.date(1985, 8, 12),
        tipo_documento="ninguno",
        documento_numero="",
    )
    rosa = PersonaFactory(nombres="Rosa", apellidos="Flores", tipo_documento="ninguno", documento_numero="")
    DocumentoIdentidad.objects.create(persona=rosa, tipo="pasaporte", numero="P7654321", vigente=False)
    superviviente = PersonaFactory(
        nombres="Carla", apellidos="Mena", tipo_documento="ninguno", documento_numero=""
    )
    PersonaFactory(
        nombres="Carla",
        apellidos="Mena Ruiz",
        tipo_documento="run",
        documento_numero="111111111",
        fusionada_en=superviviente,
    )


def _quien(pk):
    if pk is None:
        return None
    p = Persona.objects.get(pk=pk)
    return (p.nombres, p.apellidos, p.documento_numero)


def _filas(lote):
    return [
        (
            f.numero,
            f.resultado,
            f.probabilidad,
            _quien(f.persona_id),
            f.persona_creada,
            f.atencion_id is not None,
            f.columna,
            f.mensaje,
        )
        for f in lote.filas.order_by("numero")
    ]


def _conteos(lote):
    return (
        lote.estado,
        lote.filas_leidas,
        lote.personas_nuevas,
        lote.personas_encontradas,
        lote.atenciones_nuevas,
        lote.repetidas,
        lote.errores,
    )


def _registro():
    """What the database holds, without pks (they differ between the two runs)."""
    return {
        "personas": sorted(
            Persona.objects.values_list(
                "nombres",
                "apellidos",
                "tipo_documento",
                "documento_numero",
                "telefono",
                "email",
                "fecha_nacimiento",
                "sexo",
                "nacionalidad",
                "creado_por__username",
                "busqueda",
                "claves",
            )
        ),  # fmt: skip
        "documentos": sorted(
            DocumentoIdentidad.objects.values_list(
                "persona__nombres", "persona__apellidos", "tipo", "numero", "pais_emisor", "vigente"
            )
        ),
        "atenciones": sorted(
            (
                a.persona.nombres,
                a.persona.apellidos,
                a.fecha_hora,
                a.canal,
                a.notas,
                a.resultado,
                a.profesional.username,
                tuple(sorted(a.temas.values_list("tema", flat=True))),
            )
            for a in Atencion.objects.select_related("persona", "profesional")
        ),  # fmt: skip
        "por_dia": sorted(ResumenAtencionDia.objects.values_list("dia", "canal", "atenciones")),
        "por_tema": sorted(ResumenTemaDia.objects.values_list("dia", "tema", "atenciones")),
        # The person-level summaries (distinct, new and returning persons) of the imported rows.
        "por_persona": sorted(
            ResumenPersonaDia.objects.values_list(
                "persona__nombres", "dia", "previo", "atenciones", "nacionalidad", "sexo", "fecha_nacimiento"
            ),
            key=str,
        ),
        "por_dimension": sorted(
            ResumenDimensionMes.objects.exclude(personas=0, atenciones=0).values_list(
                "mes", "mes_previo", "dimension", "valor", "personas", "atenciones"
            )
        ),
    }


def _correr(encargada, monkeypatch, archivos, por_fila: bool) -> list:
    """Dry run and import of each file in turn, by one path; rolled back afterwards."""
    monkeypatch.setattr(motor, "procesar", functools.partial(PROCESAR, por_fila=por_fila))
    salida: list[tuple] = []
    with transaction.atomic():
        for nombre, contenido, hoja in archivos:
            lote = crear_lote(archivo=io.BytesIO(contenido), nombre=nombre, usuario=encargada, hoja=hoja)
            simular_lote(lote=lote, usuario=encargada, en_segundo_plano=False)
            ejecutar_lote(lote.pk)
            lote.refresh_from_db()
            salida.append(("simulación", nombre, hoja, _conteos(lote), _filas(lote)))
            importar_lote(lote=lote, usuario=encargada, en_segundo_plano=False)
            ejecutar_lote(lote.pk)
            lote.refresh_from_db()
            salida.append(("importación", nombre, hoja, _conteos(lote), _filas(lote), _registro()))
        transaction.set_rollback(True)
    return salida


def _muestra():
    return [
        (XLSX.name, XLSX.read_bytes(), "Atenciones 2023"),
        (XLSX.name, XLSX.read_bytes(), "Atenciones 2024"),
        (CSV.name, CSV.read_bytes(), ""),  # the same rows again: all already imported
        ("casos.csv", CASOS.encode(), ""),
    ]


def test_the_bulk_path_gives_exactly_the_per_row_outcomes(encargada, monkeypatch):
    _registro_existente(encargada)
    por_fila = _correr(encargada, monkeypatch, _muestra(), por_fila=True)
    masivo = _correr(encargada, monkeypatch, _muestra(), por_fila=False)
    for esperado, obtenido in zip(por_fila, masivo, strict=True):
        assert obtenido == esperado, esperado[:3]


def test_the_cases_file_turns_into_what_an_office_head_expects(encargada, monkeypatch):
    """Written out by hand: the outcome of each row of CASOS, imported by the bulk path."""
    _registro_existente(encargada)
    lote = importado(encargada, Path("casos.csv"), contenido=CASOS.encode())
    filas = {f.numero: f for f in lote.filas.select_related("persona")}
    assert filas[2].resultado == R.PERSONA_NUEVA and filas[2].persona_creada
    # Row 3 misspells row 2's new person: the same new person (as the dry run says, too).
    assert filas[3].resultado == R.PERSONA_NUEVA and not filas[3].persona_creada
    assert filas[3].persona == filas[2].persona and filas[3].mensaje == "Misma persona que la fila 2."
    assert filas[3].probabilidad >= 90
    assert [filas[n].resultado for n in (4, 5)] == [R.ERROR, R.ERROR]
    assert "bloqueado" in filas[4].mensaje
    assert filas[6].resultado == R.ERROR and filas[6].columna == "email"
    assert filas[7].resultado == R.PERSONA_NUEVA and filas[7].persona.email == "pedro@example.org"
    assert filas[8].resultado == R.PERSONA_ENCONTRADA and filas[8].probabilidad == 90
    assert filas[9].persona.nombres == "Rosa" and filas[9].probabilidad == 100
    assert filas[10].persona.apellidos == "Mena" and filas[10].persona.fusionada_en is None
    assert filas[11].resultado == R.REPETIDA
    assert filas[12].resultado == R.ERROR and "31-02-2023" in filas[12].mensaje
    # An import never edits a found person's record (her passport in row 3 is not added).
    assert not DocumentoIdentidad.objects.filter(numero="AB998877").exists()


def test_the_summaries_stay_equal_to_the_raw_rows_and_the_undo_removes_everything(encargada):
    antes = PersonaFactory()
    lote = importado(encargada)
    assert Atencion.objects.count() == 5
    # Each new person with a document holds it as her current one, as the person form keeps it.
    assert sorted(
        DocumentoIdentidad.objects.values_list("persona__nombres", "tipo", "numero", "vigente")
    ) == [
        ("Luis Alberto", "run", "259876540", True),
        ("Rosángela", "otro", "AB1234567", True),
        ("Yusmary", "run", "261234564", True),
    ]
    resumen = _registro()
    resumenes.reconstruir()
    assert _registro() == resumen
    deshecho(lote, encargada)
    assert list(Persona.objects.all()) == [antes]
    assert Atencion.objects.count() == 0 and DocumentoIdentidad.objects.filter(persona__in=[]).count() == 0
    assert DocumentoIdentidad.objects.exclude(persona=antes).count() == 0
    assert not ResumenAtencionDia.objects.exclude(atenciones=0).exists()
    assert not ResumenTemaDia.objects.exclude(atenciones=0).exists()
    assert not ResumenPersonaDia.objects.exists()
    assert not ResumenDimensionMes.objects.exclude(personas=0, atenciones=0).exists()


def test_each_block_leaves_one_history_entry_on_the_batch_with_its_counts(encargada, monkeypatch):
    monkeypatch.setattr(motor, "TAMANO_BLOQUE", 2)
    lote = crear_lote(archivo=io.BytesIO(XLSX.read_bytes()), nombre=XLSX.name, usuario=encargada)
    simular_lote(lote=lote, usuario=encargada, en_segundo_plano=False)
    ejecutar_lote(lote.pk)
    importar_lote(lote=lote, usuario=encargada, en_segundo_plano=False)
    desde = timezone.now()
    ejecutar_lote(lote.pk)
    entradas = LogEntry.objects.filter(
        content_type__model="loteimportacion", object_id=lote.pk, timestamp__gte=desde
    ).order_by("pk")
    # 5 rows in blocks of 2: three blocks, then the batch marked imported; all by the office head.
    assert {e.actor for e in entradas} == {encargada}
    datos = [e.additional_data for e in entradas if e.additional_data]
    assert [d["filas_leidas"] for d in datos][-4:] == [2, 4, 5, 5]
    assert datos[-1] == {
        "simulacion": False,
        "filas_leidas": 5,
        "personas_nuevas": 4,
        "personas_encontradas": 0,
        "atenciones_nuevas": 5,
        "repetidas": 0,
        "errores": 0,
        "deshacer_hechos": 0,
    }


def test_the_running_counts_equal_the_row_records(encargada):
    lote = importado(encargada, Path("casos.csv"), contenido=CASOS.encode())
    corridos = _conteos(lote)
    motor._contar(lote)
    assert _conteos(lote) == corridos


def _consultas_de_un_bloque(encargada, tmp_path: Path, filas: int, simulacion: bool) -> int:
    ruta = tmp_path / f"g{filas}.xlsx"
    generar(filas, ruta, semilla=filas)
    lote = crear_lote(archivo=io.BytesIO(ruta.read_bytes()), nombre=ruta.name, usuario=encargada)
    simular_lote(lote=lote, usuario=encargada, en_segundo_plano=False)
    if not simulacion:
        ejecutar_lote(lote.pk)
        importar_lote(lote=lote, usuario=encargada, en_segundo_plano=False)
    with CaptureQueriesContext(connection) as consultas:
        ejecutar_lote(lote.pk)
    lote.refresh_from_db()
    assert lote.estado == (
        LoteImportacion.Estado.SIMULADO if simulacion else LoteImportacion.Estado.IMPORTADO
    )
    assert lote.filas_leidas == filas
    if connection.vendor == "postgresql":
        return len(consultas)
    # Django splits a bulk insert on SQLite into statements of at most 999 parameters (a person
    # has ~50 columns): count each table's inserts once there.
    otras = [q["sql"] for q in consultas if not q["sql"].startswith("INSERT")]
    tablas = {q["sql"].split('"')[1] for q in consultas if q["sql"].startswith("INSERT")}
    return len(otras) + len(tablas)


@pytest.mark.parametrize("simulacion", [True, False], ids=["dry-run", "import"])
def test_the_queries_of_a_block_do_not_grow_with_its_rows(encargada, tmp_path, simulacion):
    # A first import (the system user, persons that the next files find again), then one block
    # each (the default block is larger): 60 rows and 600 rows cost the same queries.
    _consultas_de_un_bloque(encargada, tmp_path, 30, simulacion=False)
    pocas = _consultas_de_un_bloque(encargada, tmp_path, 60, simulacion)
    muchas = _consultas_de_un_bloque(encargada, tmp_path, 600, simulacion)
    assert muchas == pocas
    assert pocas <= 40  # the whole job: claim the batch, one block, mark it done


def test_a_block_the_database_refuses_in_bulk_is_imported_row_by_row(encargada, monkeypatch):
    from django.db import IntegrityError

    from atenciones.importacion import masivo

    escribir = masivo._Bloque._escribir

    def rechazar(self):
        escribir(self)  # written, then refused: everything of the block is rolled back
        raise IntegrityError("simulada")

    monkeypatch.setattr(masivo._Bloque, "_escribir", rechazar)
    lote = crear_lote(archivo=io.BytesIO(XLSX.read_bytes()), nombre=XLSX.name, usuario=encargada)
    simular_lote(lote=lote, usuario=encargada, en_segundo_plano=False)
    ejecutar_lote(lote.pk)
    importar_lote(lote=lote, usuario=encargada, en_segundo_plano=False)
    ejecutar_lote(lote.pk)
    lote.refresh_from_db()
    assert _conteos(lote) == ("importado", 5, 4, 0, 5, 0, 0)
    assert Persona.objects.count() == 4 and Atencion.objects.count() == 5
    # The per-row services left their usual history: one entry per person and attention created.
    assert LogEntry.objects.filter(content_type__model="atencion").count() == 5


def test_a_nationality_code_that_does_not_exist_is_refused_like_the_person_form_does():
    from django.core.exceptions import ValidationError

    from atenciones.importacion.masivo import _revisar_pais

    _revisar_pais(Persona(nombres="Ana", nacionalidad="VE"))
    with pytest.raises(ValidationError) as exc:
        _revisar_pais(Persona(nombres="Ana", nacionalidad="XX"))
    assert list(exc.value.message_dict) == ["nacionalidad"]

"""The import end to end on the sample: dry run, import, re-import, matching, undo, the command."""

import datetime
import io
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management import call_command

from atenciones.models import Atencion, DocumentoIdentidad, FilaImportacion, LoteImportacion, Persona
from atenciones.services import registrar_atencion
from atenciones.services.importacion import (
    ajustar_mapeo,
    crear_lote,
    deshacer_lote,
    ejecutar_lote,
    importar_lote,
    simular_lote,
)
from oficina.choices import Tema
from tests.factories import PersonaFactory

from .muestra import CSV, XLSX

pytestmark = pytest.mark.django_db
Estado = LoteImportacion.Estado
R = FilaImportacion.Resultado


@pytest.fixture(autouse=True)
def media(settings, tmp_path, django_capture_on_commit_callbacks):
    """Uploaded files in a temporary folder; queued jobs run when each service's transaction commits."""
    settings.MEDIA_ROOT = tmp_path
    global _captura
    _captura = django_capture_on_commit_callbacks


_captura = None


def ya(servicio, **kw):
    """Call a service and run what it queued (the worker, synchronous in tests), as after a commit."""
    with _captura(execute=True):
        return servicio(**kw)


def _lote(usuario, ruta: Path = XLSX, hoja: str = "", contenido: bytes | None = None) -> LoteImportacion:
    datos = contenido if contenido is not None else ruta.read_bytes()
    return crear_lote(archivo=io.BytesIO(datos), nombre=ruta.name, usuario=usuario, hoja=hoja)


def _simular_e_importar(usuario, **kw) -> LoteImportacion:
    lote = _lote(usuario, **kw)
    ya(simular_lote, lote=lote, usuario=usuario)
    lote.refresh_from_db()
    assert lote.estado == Estado.SIMULADO, lote.error
    ya(importar_lote, lote=lote, usuario=usuario)
    lote.refresh_from_db()
    assert lote.estado == Estado.IMPORTADO, lote.error
    return lote


def test_upload_finds_the_header_row_below_the_titles_and_proposes_the_mapping(encargada):
    lote = _lote(encargada)
    assert lote.hoja == "Atenciones 2023"
    assert lote.hojas == ["Atenciones 2023", "Atenciones 2024", "Resumen"]
    assert lote.fila_encabezado == 4
    campos = set(lote.mapeo.values())
    assert {"fecha_atencion", "nombres", "apellidos", "documento", "fecha_nacimiento", "sexo"} <= campos
    assert default_storage.exists(lote.archivo.name)


def test_dry_run_reports_each_row_and_writes_nothing(encargada):
    lote = _lote(encargada)
    ya(simular_lote, lote=lote, usuario=encargada)
    lote.refresh_from_db()
    assert lote.estado == Estado.SIMULADO
    assert Persona.objects.count() == 0 and Atencion.objects.count() == 0
    resultados = dict(lote.filas.values_list("numero", "resultado"))
    # Yusmary's two rows (merged cells) are one new person; Jean Baptiste has no document.
    assert list(resultados.values()).count(R.PERSONA_NUEVA) == 5
    assert lote.personas_nuevas == 4
    assert lote.atenciones_nuevas == 5
    assert lote.errores == 0
    assert lote.total_filas == 5


def test_the_report_shows_each_rows_cells_as_typed_without_empty_cells(encargada, client):
    lote = _lote(encargada)
    ya(simular_lote, lote=lote, usuario=encargada)
    client.force_login(encargada)
    pagina = client.get(f"/equipo/importaciones/{lote.pk}/").content.decode()
    # Row 5: the date read from the sheet shown as a day; row 8 (Jean Baptiste, no document): no "None".
    assert "1 · 06-03-2023 · Yusmary · Peña González · 26.123.456-4 · 14-05-1990" in pagina
    assert "3 · 20-03-2023 · Jean Baptiste · Pierre · 12/08/85" in pagina
    assert "None" not in pagina and "T00:00:00" not in pagina


def test_import_creates_persons_and_attentions_with_the_sheet_dates_and_the_system_as_professional(encargada):
    lote = _simular_e_importar(encargada)
    assert (lote.personas_nuevas, lote.atenciones_nuevas, lote.errores) == (4, 5, 0)
    yusmary = Persona.objects.get(nombres="Yusmary")
    assert yusmary.documento_numero == "261234564"
    fechas = sorted(a.fecha_hora.date() for a in yusmary.atenciones.all())
    assert fechas[0] == datetime.date(2023, 3, 6)
    assert len(fechas) == 2
    atencion = yusmary.atenciones.first()
    assert atencion.profesional.username == "sistema"
    assert atencion.origen_importacion.lote == lote
    assert "Atenciones 2023" in atencion.origen_importacion.origen
    # Audited: the batch's upload, dry run and import name the office head.
    entradas = LogEntry.objects.filter(content_type__model="loteimportacion", object_id=lote.pk)
    assert entradas.count() >= 3 and {e.actor for e in entradas} == {encargada}


def test_reimporting_the_same_file_creates_nothing(encargada):
    _simular_e_importar(encargada)
    antes = (Persona.objects.count(), Atencion.objects.count())
    otra = _simular_e_importar(encargada)
    assert (Persona.objects.count(), Atencion.objects.count()) == antes
    assert otra.repetidas == 5 and otra.atenciones_nuevas == 0


def test_a_later_sheet_matches_known_persons_by_document_and_reports_bad_rows(encargada):
    _simular_e_importar(encargada)
    lote = _simular_e_importar(encargada, hoja="Atenciones 2024")
    filas = {f.numero: f for f in lote.filas.all()}
    yusmary = Persona.objects.get(nombres="Yusmary")
    encontrada = next(f for f in filas.values() if f.persona_id == yusmary.pk)
    assert encontrada.resultado == R.PERSONA_ENCONTRADA and encontrada.probabilidad == 100
    errores = [f for f in filas.values() if f.resultado == R.ERROR]
    assert len(errores) == 2
    mensajes = " ".join(f"{f.columna}: {f.mensaje}" for f in errores)
    assert "31-02-2024" in mensajes and "Fecha" in mensajes
    assert "12.345.678-9" in mensajes and "RUT" in mensajes
    assert not Persona.objects.filter(nombres__in=["Marie", "Carlos"]).exists()
    assert yusmary.atenciones.count() == 3


def test_a_past_document_matches_exactly(encargada):
    persona = PersonaFactory(nombres="Ana", apellidos="Rojas", tipo_documento="ninguno", documento_numero="")
    DocumentoIdentidad.objects.create(persona=persona, tipo="run", numero="261234564", vigente=False)
    lote = _simular_e_importar(encargada)
    fila = lote.filas.get(numero=5)
    assert fila.persona == persona and fila.resultado == R.PERSONA_ENCONTRADA


def test_name_and_birth_date_match_an_existing_person_without_document(encargada):
    jean = PersonaFactory(
        nombres="Jean Baptiste",
        apellidos="Pierre",
        fecha_nacimiento=datetime.date(1985, 8, 12),
        tipo_documento="ninguno",
        documento_numero="",
    )
    lote = _simular_e_importar(encargada)
    fila = next(f for f in lote.filas.all() if f.valores[2] == "Jean Baptiste")
    assert fila.persona == jean and fila.probabilidad == 90


def test_the_csv_twin_imports_the_same_rows(encargada):
    lote = _simular_e_importar(encargada, ruta=CSV)
    assert (lote.personas_nuevas, lote.atenciones_nuevas, lote.errores) == (4, 5, 0)


def test_undo_removes_everything_the_batch_created_and_its_file(encargada):
    existente = PersonaFactory()
    lote = _simular_e_importar(encargada)
    nombre = lote.archivo.name
    ya(deshacer_lote, lote=lote, usuario=encargada)
    lote.refresh_from_db()
    assert lote.estado == Estado.DESHECHO
    assert list(Persona.objects.all()) == [existente] and Atencion.objects.count() == 0
    assert not default_storage.exists(nombre) and not lote.archivo
    # After an undo the same file imports again.
    otra = _simular_e_importar(encargada)
    assert otra.atenciones_nuevas == 5


def test_undo_is_refused_listing_what_was_done_since(encargada, profesional):
    lote = _simular_e_importar(encargada)
    yusmary = Persona.objects.get(nombres="Yusmary")
    registrar_atencion(persona=yusmary, profesional=profesional, temas=[Tema.SALUD], canal="presencial")
    with pytest.raises(ValidationError) as exc:
        deshacer_lote(lote=lote, usuario=encargada)
    assert "Yusmary" in " ".join(exc.value.messages)
    assert Atencion.objects.count() == 6


def test_a_mapping_with_a_column_twice_is_refused(encargada):
    lote = _lote(encargada)
    with pytest.raises(ValidationError) as exc:
        ajustar_mapeo(lote=lote, usuario=encargada, mapeo={1: "fecha_atencion", 2: "nombres", 3: "nombres"})
    assert "dos columnas" in " ".join(exc.value.messages)


def test_a_saved_mapping_is_reused_for_the_next_file(encargada):
    lote = _lote(encargada)
    mapeo = {int(k): c for k, c in lote.mapeo.items()}
    mapeo[12] = "resultado"  # «Observaciones» as the result, by the office's choice
    ajustar_mapeo(lote=lote, usuario=encargada, mapeo=mapeo, guardar_como="Planilla atenciones 2023")
    otro = crear_lote(
        archivo=io.BytesIO(XLSX.read_bytes()),
        nombre=XLSX.name,
        usuario=encargada,
        mapeo_guardado=lote.mapeo_guardado,
    )
    assert otro.mapeo["12"] == "resultado"


@pytest.mark.parametrize(
    ("nombre", "contenido", "mensaje"),
    [
        ("notas.pdf", b"%PDF-1.4", "Excel"),
        ("planilla.xlsx", b"esto no es un zip", "no lo es"),
        ("planilla.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "contraseña"),
        ("planilla.csv", b"", "vac"),
        ("planilla.csv", b"hola;mundo\r\n1;2\r\n", "encabezados"),
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_with_a_clear_message(
    encargada, nombre, contenido, mensaje
):
    with pytest.raises(ValidationError) as exc:
        crear_lote(archivo=io.BytesIO(contenido), nombre=nombre, usuario=encargada)
    assert mensaje in " ".join(exc.value.messages)
    assert LoteImportacion.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(encargada, settings):
    settings.IMPORTACION_TAMANO_MAXIMO = 1024
    with pytest.raises(ValidationError) as exc:
        _lote(encargada)
    assert "máximo" in " ".join(exc.value.messages)


def test_a_million_empty_rows_stop_the_reading_and_import_the_data(encargada):
    cuerpo = (
        "Nombre;Apellidos;Fecha\r\nAna;Rojas;01-02-2023\r\n"
        + ";;\r\n" * 1_000_000
        + "Luis;Soto;02-02-2023\r\n"
    )
    lote = _lote(encargada, ruta=Path("vacias.csv"), contenido=cuerpo.encode())
    ya(simular_lote, lote=lote, usuario=encargada)
    lote.refresh_from_db()
    assert lote.estado == Estado.SIMULADO and lote.filas_leidas == 1 and lote.cortada_en


def test_a_job_that_stopped_midway_resumes_without_repeating_rows(encargada):
    lote = _lote(encargada)
    ya(simular_lote, lote=lote, usuario=encargada)
    ya(importar_lote, lote=lote, usuario=encargada)
    lote.refresh_from_db()
    # Simulate a worker killed after the first two rows: undo rows 3.. and put the batch back.
    for fila in lote.filas.filter(numero__gt=7):
        atencion = fila.atencion
        persona = fila.persona if fila.persona_creada else None
        fila.delete()
        atencion.delete()
        if persona:
            persona.delete()
    LoteImportacion.objects.filter(pk=lote.pk).update(estado=Estado.IMPORTANDO, latido=None)
    ejecutar_lote(lote.pk)
    lote.refresh_from_db()
    assert lote.estado == Estado.IMPORTADO
    assert Atencion.objects.count() == 5 and Persona.objects.count() == 4


def test_the_command_imports_and_prints_one_summary_line(encargada, capsys):
    salida = io.StringIO()
    call_command("importar", str(XLSX), "--dry-run", stdout=salida, stderr=io.StringIO())
    assert "5 filas leídas, 4 personas nuevas, 0 personas encontradas, 5 atenciones" in salida.getvalue()
    assert Atencion.objects.count() == 0
    salida = io.StringIO()
    call_command("importar", str(XLSX), "--hoja", "Atenciones 2024", stdout=salida, stderr=io.StringIO())
    assert "4 filas leídas, 2 personas nuevas, 0 personas encontradas, 2 atenciones" in salida.getvalue()
    assert salida.getvalue().count("\n") == 1


def test_the_timeline_and_the_admin_say_where_an_imported_attention_came_from(encargada, client):
    _simular_e_importar(encargada)
    yusmary = Persona.objects.get(nombres="Yusmary")
    client.force_login(encargada)
    pagina = client.get(f"/equipo/personas/{yusmary.pk}/").content.decode()
    assert "Importada de planilla_atenciones_muestra.xlsx, hoja «Atenciones 2023», fila 5" in pagina
    atencion = yusmary.atenciones.order_by("fecha_hora").first()
    from django.conf import settings

    admin = client.get(f"/{settings.ADMIN_URL}atenciones/atencion/{atencion.pk}/change/").content.decode()
    assert "hoja «Atenciones 2023», fila 5" in admin


def test_the_pages_take_a_file_through_mapping_dry_run_import_and_undo(encargada, client):
    client.force_login(encargada)
    with XLSX.open("rb") as f:
        r = client.post("/equipo/importaciones/", {"archivo": f})
    lote = LoteImportacion.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/equipo/importaciones/{lote.pk}/"
    pagina = client.get(r["Location"])
    form = pagina.context["form"]
    datos = {c.html_name: c.value() or "" for c in form.columnas()}
    datos.update(hoja=lote.hoja, guardar_como="Planilla atenciones 2023")
    with _captura(execute=True):
        r = client.post(r["Location"], datos)
    assert r.status_code == 302
    pagina = client.get(r["Location"])
    assert pagina.context["lote"].estado == Estado.SIMULADO
    assert "Persona nueva" in pagina.content.decode()
    assert list(client.get(f"/equipo/importaciones/{lote.pk}/?resultado=error").context["pagina"]) == []
    xlsx = client.get(f"/equipo/importaciones/{lote.pk}/reporte.xlsx")
    assert xlsx.status_code == 200 and xlsx.getvalue()[:2] == b"PK"
    with _captura(execute=True):
        client.post(f"/equipo/importaciones/{lote.pk}/importar/")
    assert client.get(f"/equipo/importaciones/{lote.pk}/progreso.json").json()["estado"] == Estado.IMPORTADO
    assert Atencion.objects.count() == 5
    with _captura(execute=True):
        client.post(f"/equipo/importaciones/{lote.pk}/deshacer/")
    assert Atencion.objects.count() == 0


def test_a_mapping_with_a_field_twice_shows_the_message_on_the_page(encargada, client):
    client.force_login(encargada)
    with XLSX.open("rb") as f:
        r = client.post("/equipo/importaciones/", {"archivo": f})
    datos = {f"col_{i}": "" for i in range(13)}
    datos.update(
        {"col_1": "fecha_atencion", "col_2": "nombres", "col_3": "nombres", "hoja": "Atenciones 2023"}
    )
    pagina = client.post(r["Location"], datos)
    assert pagina.status_code == 200
    assert "está asignado a dos columnas" in pagina.content.decode()


def test_an_upload_that_is_not_a_spreadsheet_shows_the_reason_in_the_form(encargada, client):
    client.force_login(encargada)
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("notas.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    pagina = client.post("/equipo/importaciones/", {"archivo": pdf})
    assert pagina.status_code == 200
    assert "Suba una planilla Excel (.xlsx) o un archivo CSV." in pagina.content.decode()
    assert LoteImportacion.objects.count() == 0


MISMA_PERSONA_MAL_ESCRITA = (
    "N°;Fecha;Nombre;Apellidos;RUT/Pasaporte;F. Nacimiento;Sexo;Nacionalidad;Canal;Motivo de consulta\n"
    "1;06-03-2023;Jean Baptiste;Pierre;;12-08-1985;M;Haití;Presencial;Salud\n"
    "2;07-03-2023;Ana;Rojas;;01-01-1990;F;Chile;Presencial;Salud\n"
    "3;08-03-2023;Jean Batiste;Pierre;;12-08-1985;M;Haití;Terreno;Salud\n"
    "4;09-03-2023;Jean Batiste;Pierre;;12-08-1985;M;Haití;Terreno;Salud\n"
).encode()


@pytest.mark.parametrize("bloque", [1000, 1])
def test_the_dry_run_matches_a_misspelled_person_new_in_the_same_file_as_the_import_does(
    encargada, monkeypatch, bloque
):
    from atenciones.importacion import motor

    monkeypatch.setattr(motor, "TAMANO_BLOQUE", bloque)  # one block, or each row its own block
    lote = _lote(encargada, ruta=Path("misma_persona.csv"), contenido=MISMA_PERSONA_MAL_ESCRITA)
    ya(simular_lote, lote=lote, usuario=encargada)
    lote.refresh_from_db()
    simulacion = sorted(lote.filas.values_list("numero", "resultado", "probabilidad", "mensaje"))
    conteos = (lote.personas_nuevas, lote.personas_encontradas, lote.atenciones_nuevas)
    ya(importar_lote, lote=lote, usuario=encargada)
    lote.refresh_from_db()
    importacion = sorted(lote.filas.values_list("numero", "resultado", "probabilidad", "mensaje"))
    assert (
        simulacion
        == importacion
        == [
            (2, R.PERSONA_NUEVA, None, ""),
            (3, R.PERSONA_NUEVA, None, ""),
            (4, R.PERSONA_NUEVA, 90, "Misma persona que la fila 2."),
            (5, R.PERSONA_NUEVA, None, "Misma persona que la fila 4."),
        ]
    )
    assert conteos == (lote.personas_nuevas, lote.personas_encontradas, lote.atenciones_nuevas) == (2, 0, 4)
    assert Persona.objects.count() == 2
    assert set(lote.filas.exclude(numero=3).values_list("persona__nombres", flat=True)) == {"Jean Baptiste"}

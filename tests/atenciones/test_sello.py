"""Sello Migrante evidence: uploads, downloads, narratives, enrolment, attendance and bad input."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from atenciones.models import Asistencia, Inscripcion, TramiteOperativo
from atenciones.services._evidencias import nombre_seguro
from atenciones.services.sello import (
    adjuntar_evidencia,
    inscribir_en_programa,
    registrar_asistencia,
    registrar_tramite_operativo,
)
from oficina.models import Evidencia, LineaPlan, NarrativaCompromiso, PlanTrabajo
from tests.factories import ActividadFactory, PersonaFactory, ProgramaFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 acta de la mesa"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _almacen(settings, tmp_path):
    # Each test its own storage folder, so "nothing stored" is checked on this test's files only.
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def linea():
    plan = PlanTrabajo.objects.create(
        nombre="Plan", desde=datetime.date(2026, 1, 1), hasta=datetime.date(2027, 12, 31)
    )
    return LineaPlan.objects.create(
        plan=plan, compromiso="marco", eje="transversal", titulo="Unidad que lidera"
    )


def _cliente(usuario):
    cliente = Client()
    cliente.force_login(usuario)
    return cliente


def _subir(cliente, linea, nombre, contenido, **extra):
    archivo = SimpleUploadedFile(nombre, contenido)
    return cliente.post(
        f"/equipo/sello/lineas/{linea.pk}/evidencia/",
        {"titulo": "Acta de la mesa", "archivo": archivo, **extra},
    )


def _archivos_guardados():
    try:
        return default_storage.listdir("evidencias")[0]
    except FileNotFoundError:
        return []


def test_staff_attach_a_pdf_and_download_it_through_the_portal(linea, profesional):
    cliente = _cliente(profesional)
    respuesta = _subir(cliente, linea, "acta.pdf", PDF)
    assert respuesta.status_code == 302
    evidencia = Evidencia.objects.get()
    assert evidencia.tipo == Evidencia.Tipo.DOCUMENTO and evidencia.nombre_original == "acta.pdf"
    # The storage key is not the uploader's choice: a random folder under the plan's.
    assert evidencia.archivo.name.startswith(f"evidencias/{linea.plan_id}/")
    descarga = cliente.get(f"/equipo/sello/evidencias/{evidencia.pk}/")
    assert descarga.status_code == 200
    assert b"".join(descarga.streaming_content) == PDF
    assert descarga["Content-Disposition"].startswith('attachment; filename="acta.pdf"')
    assert descarga["X-Content-Type-Options"] == "nosniff"


def test_a_photo_is_recorded_as_a_photo(linea, encargada):
    evidencia = adjuntar_evidencia(
        linea=linea, titulo="Operativo", archivo=SimpleUploadedFile("foto.png", PNG), subida_por=encargada
    )
    assert evidencia.tipo == Evidencia.Tipo.FOTO


def test_liaisons_and_strangers_cannot_download_evidence(linea, encargada, enlace_salud):
    evidencia = adjuntar_evidencia(
        linea=linea, titulo="Acta", archivo=SimpleUploadedFile("acta.pdf", PDF), subida_por=encargada
    )
    url = f"/equipo/sello/evidencias/{evidencia.pk}/"
    assert _cliente(enlace_salud).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the login page


@pytest.mark.parametrize(
    ("nombre", "contenido", "mensaje"),
    [
        ("virus.exe", b"MZ\x90\x00", "Tipo de archivo no permitido"),
        ("pagina.html", b"<html>", "Tipo de archivo no permitido"),
        ("dibujo.svg", b"<svg onload=alert(1)>", "Tipo de archivo no permitido"),
        ("acta.pdf.html", b"%PDF-1.4", "Tipo de archivo no permitido"),
        ("<script>alert(1)</script>.pdf", PDF, "caracteres no permitidos"),
        ("falso.pdf", b"<html><script>alert(1)</script>", "no corresponde a su extensión"),
        ("vacio.pdf", b"", "está vacío"),
    ],
)
def test_a_bad_upload_is_refused_with_a_message_and_nothing_saved(
    linea, profesional, nombre, contenido, mensaje
):
    respuesta = _subir(_cliente(profesional), linea, nombre, contenido)
    assert respuesta.status_code == 400
    assert mensaje in respuesta.content.decode()
    assert "Acta de la mesa" in respuesta.content.decode()  # the typed title is kept
    assert not Evidencia.objects.exists()
    assert _archivos_guardados() == []


def test_a_file_over_the_size_limit_is_refused(linea, profesional, settings):
    settings.EVIDENCIA_MAX_MB = 1
    respuesta = _subir(_cliente(profesional), linea, "grande.pdf", PDF + b"0" * (1024 * 1024))
    assert respuesta.status_code == 400
    assert "pesa más de 1 MB" in respuesta.content.decode()
    assert not Evidencia.objects.exists()


@pytest.mark.parametrize(
    ("nombre", "aceptado"),
    [
        ("acta.pdf", "acta.pdf"),
        ("Acta de la mesa.PDF", "Acta_de_la_mesa.pdf"),
        ("../../etc/passwd.pdf", None),
        ("..\\\\windows\\\\win.ini.pdf", None),
        ("/etc/acta.pdf", None),
        (".oculto.pdf", None),
        ("acta.php", None),
    ],
)
def test_evidence_file_names_are_cleaned_or_refused(nombre, aceptado):
    if aceptado is None:
        with pytest.raises(ValidationError):
            nombre_seguro(nombre)
    else:
        assert nombre_seguro(nombre) == aceptado


def test_a_file_and_a_link_together_are_refused(linea, profesional):
    respuesta = _subir(_cliente(profesional), linea, "acta.pdf", PDF, enlace="https://example.org/acta")
    assert respuesta.status_code == 400
    assert "uno de los dos" in respuesta.content.decode()
    assert not Evidencia.objects.exists()


def test_a_link_is_evidence_too(linea, profesional):
    cliente = _cliente(profesional)
    respuesta = cliente.post(
        f"/equipo/sello/lineas/{linea.pk}/evidencia/",
        {"titulo": "Nota de prensa", "enlace": "https://example.org/n"},
    )
    assert respuesta.status_code == 302
    assert Evidencia.objects.get().tipo == Evidencia.Tipo.ENLACE


def test_the_office_head_writes_the_narrative_that_the_report_prints(linea, encargada, profesional):
    url = f"/equipo/sello/planes/{linea.plan_id}/narrativa/marco/"
    assert _cliente(profesional).post(url, {"texto": "No"}).status_code == 404
    respuesta = _cliente(encargada).post(url, {"texto": "La Oficina Comunal de Migrantes lidera el trabajo."})
    assert respuesta.status_code == 302
    assert NarrativaCompromiso.objects.get().texto.startswith("La Oficina Comunal")
    informe = _cliente(encargada).get(
        "/equipo/sello/informe/", {"tipo": "personalizado", "desde": "2026-01-01", "hasta": "2027-12-31"}
    )
    assert "La Oficina Comunal de Migrantes lidera el trabajo." in informe.content.decode()


def test_a_narrative_too_long_is_refused_with_the_text_kept(linea, encargada):
    texto = "x" * 6001
    respuesta = _cliente(encargada).post(
        f"/equipo/sello/planes/{linea.plan_id}/narrativa/marco/", {"texto": texto}
    )
    assert respuesta.status_code == 400
    assert texto in respuesta.content.decode()
    assert not NarrativaCompromiso.objects.exists()


@pytest.mark.parametrize(
    ("desde", "hasta", "mensaje"),
    [
        ("2027-01-01", "2026-01-01", "anterior a la de inicio"),
        ("2020-01-01", "2026-12-31", "como máximo tres años"),
        ("01-13-2026", "2026-12-31", "dd-mm-aaaa"),
    ],
)
def test_a_dossier_period_backwards_or_too_long_is_refused(profesional, desde, hasta, mensaje):
    for url in ("/equipo/sello/informe/", "/equipo/sello/dossier.xlsx", "/equipo/sello/"):
        respuesta = _cliente(profesional).get(url, {"tipo": "personalizado", "desde": desde, "hasta": hasta})
        assert respuesta.status_code == 400
        assert mensaje in respuesta.content.decode()


def test_a_work_plan_backwards_or_over_three_years_is_refused():
    with pytest.raises(ValidationError, match="anterior a su inicio"):
        PlanTrabajo(nombre="P", desde=datetime.date(2026, 1, 1), hasta=datetime.date(2025, 1, 1)).full_clean()
    with pytest.raises(ValidationError, match="tres años"):
        PlanTrabajo(nombre="P", desde=datetime.date(2020, 1, 1), hasta=datetime.date(2026, 1, 1)).full_clean()
    assert PlanTrabajo.hasta_por_defecto(datetime.date(2026, 1, 1)) == datetime.date(2027, 12, 31)


def test_enrolment_and_attendance_through_the_pages(profesional):
    sesion = ActividadFactory()
    persona = PersonaFactory()
    cliente = _cliente(profesional)
    respuesta = cliente.post(f"/equipo/sello/programas/{sesion.programa_id}/", {"persona": persona.pk})
    assert respuesta.status_code == 302
    again = cliente.post(f"/equipo/sello/programas/{sesion.programa_id}/", {"persona": persona.pk})
    assert again.status_code == 400 and "ya está inscrita" in again.content.decode()
    respuesta = cliente.post(f"/equipo/sello/sesiones/{sesion.pk}/asistencia/", {"personas": [persona.pk]})
    assert respuesta.status_code == 302
    assert Asistencia.objects.filter(actividad=sesion, persona=persona).count() == 1


def test_attendance_for_a_person_not_enrolled_saves_nobody(profesional):
    sesion = ActividadFactory()
    inscrita, ajena = PersonaFactory(), PersonaFactory(nombres="Ajena")
    inscribir_en_programa(programa=sesion.programa, persona=inscrita, usuario=profesional)
    respuesta = _cliente(profesional).post(
        f"/equipo/sello/sesiones/{sesion.pk}/asistencia/", {"personas": [inscrita.pk, ajena.pk]}
    )
    assert respuesta.status_code == 400
    assert "No están inscritas en el programa" in respuesta.content.decode()
    assert not Asistencia.objects.exists()


def test_a_blocked_person_cannot_be_enrolled_nor_marked_present(profesional):
    sesion = ActividadFactory()
    persona = PersonaFactory()
    inscribir_en_programa(programa=sesion.programa, persona=persona, usuario=profesional)
    type(persona).objects.filter(pk=persona.pk).update(bloqueada=True)
    with pytest.raises(ValidationError, match="bloqueado"):
        registrar_asistencia(actividad=sesion, personas=[persona], usuario=profesional)
    otra = PersonaFactory(bloqueada=True)
    respuesta = _cliente(profesional).post(
        f"/equipo/sello/programas/{sesion.programa_id}/", {"persona": otra.pk}
    )
    assert respuesta.status_code == 400 and "bloqueado" in respuesta.content.decode()
    assert not Asistencia.objects.exists()
    assert Inscripcion.objects.count() == 1


def test_a_residence_application_in_an_operation_reaches_the_persons_sermig_details(profesional):
    operativo = ActividadFactory(programa=ProgramaFactory(area="regularizacion"))
    persona = PersonaFactory()
    registrar_tramite_operativo(
        actividad=operativo,
        persona=persona,
        tipo="solicitud_residencia",
        numero_solicitud="S-2026-77",
        usuario=profesional,
    )
    persona.refresh_from_db()
    assert persona.sermig_numero_solicitud == "S-2026-77"
    assert TramiteOperativo.objects.get().persona == persona


def test_the_plan_page_keeps_its_query_count_with_more_lines(linea, encargada, django_assert_max_num_queries):
    cliente = _cliente(encargada)
    for i in range(5):
        extra = LineaPlan.objects.create(
            plan=linea.plan, compromiso="capacitacion", eje="crisis", titulo=f"L{i}"
        )
        adjuntar_evidencia(linea=extra, titulo=f"E{i}", enlace="https://example.org/e", subida_por=encargada)
    # Lines and their evidence are read in two queries, whatever their number.
    with django_assert_max_num_queries(14):
        assert cliente.get(f"/equipo/sello/planes/{linea.plan_id}/").status_code == 200


def test_staff_trained_without_an_account_count_one_each(encargada):
    from atenciones.indicadores import Periodo, personal_capacitado
    from oficina.models import AsistenteCapacitacion, Capacitacion

    cap = Capacitacion.objects.create(titulo="Ley 21.325", fecha=datetime.date(2026, 3, 1))
    for nombre in ("Ana Díaz", "Luis Soto", "Ana Díaz"):
        AsistenteCapacitacion.objects.create(capacitacion=cap, nombre=nombre)
    AsistenteCapacitacion.objects.create(capacitacion=cap, nombre="Carolina", usuario=encargada)
    # Ana (twice), Luis and the office head's account: three persons.
    assert personal_capacitado(Periodo(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))) == 3


def test_the_dossier_command_builds_the_workbook_and_refuses_a_backwards_period(tmp_path):
    import io

    from django.core.management import CommandError, call_command

    salida = io.StringIO()
    archivo = tmp_path / "dossier.xlsx"
    call_command("dossier_sello", desde="2026-01-01", hasta="2026-12-31", salida=str(archivo), stdout=salida)
    assert "total" in salida.getvalue() and archivo.read_bytes().startswith(b"PK")
    with pytest.raises(CommandError, match="hacia atrás"):
        call_command("dossier_sello", desde="2026-12-31", hasta="2026-01-01")


def test_the_printable_dossier_reads_a_fixed_number_of_queries(
    linea, encargada, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from oficina.models import EspacioParticipacion, PlanCapacitacion, ReunionParticipacion

    cliente = _cliente(encargada)
    consulta = {"tipo": "personalizado", "desde": "2026-01-01", "hasta": "2027-12-31"}

    def consultas():
        with CaptureQueriesContext(connection) as capturadas:
            assert cliente.get("/equipo/sello/informe/", consulta).status_code == 200
        return len(capturadas)

    espacio = EspacioParticipacion.objects.create(nombre="Consejo", tipo="consejo")

    def agregar(n):
        for i in range(n):
            extra = LineaPlan.objects.create(
                plan=linea.plan, compromiso="participacion", eje="sujetos", titulo=f"L{i}"
            )
            adjuntar_evidencia(
                linea=extra, titulo=f"E{i}", enlace="https://example.org/e", subida_por=encargada
            )
            ReunionParticipacion.objects.create(
                espacio=espacio, fecha=datetime.date(2026, 3, i + 1), acuerdos="A"
            )
            PlanCapacitacion.objects.create(
                plan=linea.plan, tema=f"T{i}", fecha_prevista=datetime.date(2026, 5, 1)
            )
            sesion = ActividadFactory()
            inscribir_en_programa(programa=sesion.programa, persona=PersonaFactory(), usuario=encargada)

    agregar(1)
    antes = consultas()
    # More of everything the dossier lists: the number of queries stays the same.
    agregar(4)
    assert consultas() == antes
    # Session, user and menu, the aggregates of the five commitments, the access log entry
    # (55 on SQLite and PostgreSQL alike).
    with django_assert_max_num_queries(55):
        assert cliente.get("/equipo/sello/informe/", consulta).status_code == 200

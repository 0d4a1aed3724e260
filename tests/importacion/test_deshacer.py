"""The undo of an import: a background job deleting in chunks, exact summaries, progress, crashes."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from atenciones import resumenes
from atenciones.importacion import deshacer
from atenciones.indicadores import Periodo, calcular
from atenciones.management.commands.benchmark_importacion import generar
from atenciones.models import (
    Atencion,
    AtencionTema,
    DocumentoIdentidad,
    FilaImportacion,
    LoteImportacion,
    ParDuplicado,
    Persona,
    ResumenAtencionDia,
    ResumenDimensionDia,
    ResumenDimensionMes,
    ResumenPersonaDia,
    ResumenTemaDia,
)
from atenciones.services import registrar_atencion
from atenciones.services.importacion import (
    ajustar_mapeo,
    deshacer_lote,
    ejecutar_deshacer,
    importar_lote,
    simular_lote,
)
from oficina.choices import Tema

from .ayudas import deshecho, importado
from .muestra import XLSX

pytestmark = pytest.mark.django_db
Estado = LoteImportacion.Estado
# The indicators' keys the summary tables feed (tests/atenciones/test_resumenes.py).
CLAVES = ["personas", "por_mes", "por_tema", "por_canal", "por_nacionalidad", "por_sexo", "por_edad"]


def _generado(carpeta: Path, filas: int) -> Path:
    ruta = carpeta / f"generada_{filas}.xlsx"
    generar(filas, ruta)
    return ruta


def _estado() -> dict:
    """The raw rows and the summary tables (rows left at zero count nothing)."""
    return {
        "personas": sorted(Persona.objects.values_list("pk", "nombres", "apellidos", "documento_numero")),
        "documentos": sorted(DocumentoIdentidad.objects.values_list("persona_id", "numero", "vigente")),
        "atenciones": sorted(Atencion.objects.values_list("pk", "persona_id", "fecha_hora", "canal")),
        "temas": sorted(AtencionTema.objects.values_list("atencion_id", "tema")),
        "pares": sorted(ParDuplicado.objects.values_list("persona_a_id", "persona_b_id")),
        "por_dia": sorted(
            ResumenAtencionDia.objects.exclude(atenciones=0).values_list("dia", "canal", "atenciones")
        ),
        "por_tema": sorted(
            ResumenTemaDia.objects.exclude(atenciones=0).values_list("dia", "tema", "atenciones")
        ),
        "por_persona": sorted(
            ResumenPersonaDia.objects.values_list(
                "persona_id", "dia", "previo", "atenciones", "nacionalidad", "sexo", "fecha_nacimiento"
            ),
            key=str,
        ),
        "por_dimension_mes": sorted(
            ResumenDimensionMes.objects.exclude(personas=0, atenciones=0).values_list(
                "mes", "mes_previo", "dimension", "valor", "personas", "atenciones"
            )
        ),
        "por_dimension_dia": sorted(
            ResumenDimensionDia.objects.exclude(personas=0, atenciones=0).values_list(
                "dia", "mes_previo", "dimension", "valor", "personas", "atenciones"
            )
        ),
    }


def _resumenes_igual_que_crudo() -> None:
    """The indicators read from the summaries equal those computed from the raw rows, and a
    rebuild from the raw rows gives the same summary rows."""
    for desde, hasta in [
        (datetime.date(2019, 1, 1), datetime.date(2019, 12, 31)),
        (datetime.date(2020, 3, 1), datetime.date(2020, 3, 31)),
        (datetime.date(2021, 2, 10), datetime.date(2022, 7, 9)),
        (datetime.date(2019, 1, 1), datetime.date(2026, 12, 31)),
    ]:
        resumido, crudo = calcular(Periodo(desde, hasta)), calcular(Periodo(desde, hasta), crudo=True)
        for clave in CLAVES:
            assert resumido[clave] == crudo[clave], (desde, hasta, clave)
    mantenido = _estado()
    resumenes.reconstruir()
    assert _estado() == mantenido


def test_the_undo_deletes_in_chunks_and_leaves_the_summaries_equal_to_the_raw_rows(
    encargada, profesional, tmp_path, monkeypatch
):
    monkeypatch.setattr(deshacer, "TAMANO_TANDA", 7)  # many chunks of each kind
    # The office's history before the batch: an earlier file and attentions logged by hand.
    importado(encargada, _generado(tmp_path, 60))
    conocidas = list(Persona.objects.order_by("pk")[:4])
    for i, persona in enumerate(conocidas):
        registrar_atencion(
            persona=persona,
            profesional=profesional,
            temas=[Tema.SALUD, Tema.EDUCACION][: 1 + i % 2],
            canal="presencial",
            fecha_hora=timezone.make_aware(datetime.datetime(2021, 5, 3 + i, 23, 30)),
        )
    antes = _estado()

    lote = importado(encargada, _generado(tmp_path, 150))
    # The batch added attentions to persons known before (matched) and created others.
    assert lote.personas_encontradas > 0 and lote.personas_nuevas > 0
    creadas = lote.filas.filter(persona_creada=True).count()
    assert Persona.objects.count() == len(antes["personas"]) + creadas
    assert lote.atenciones_nuevas > 100
    _resumenes_igual_que_crudo()

    lote = deshecho(lote, encargada)
    assert lote.estado == Estado.DESHECHO and lote.deshecho is not None and lote.deshecho_por == encargada
    assert lote.deshacer_hechos == lote.deshacer_total == lote.atenciones_nuevas + creadas
    assert _estado() == antes
    _resumenes_igual_que_crudo()
    # The row records stay (the report), pointing at nothing the undo removed.
    assert lote.filas.count() == lote.filas_leidas
    assert not lote.filas.filter(atencion__isnull=False).exists()
    assert not lote.filas.filter(persona_creada=True, persona__isnull=False).exists()


def test_the_undo_is_a_job_whose_progress_and_outcome_the_page_shows(
    encargada, client, django_capture_on_commit_callbacks
):
    lote = importado(encargada)
    nombre = lote.archivo.name
    deshacer_lote(lote=lote, usuario=encargada, en_segundo_plano=False)
    client.force_login(encargada)
    url = f"/equipo/importaciones/{lote.pk}/"
    pagina = client.get(url).content.decode()
    # 5 attentions and 4 persons to delete, none deleted yet.
    assert "Deshaciendo…" in pagina
    assert '<span id="progreso-filas">0</span> / 9 registros eliminados' in pagina
    assert client.get(url + "progreso.json").json() == {
        "estado": "deshaciendo",
        "en_curso": True,
        "filas": 0,
        "total": 9,
    }
    # Records are still there until the worker takes the job.
    assert Atencion.objects.count() == 5

    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the job commits
        ejecutar_deshacer(lote.pk)
    assert client.get(url + "progreso.json").json() == {
        "estado": "deshecho",
        "en_curso": False,
        "filas": 9,
        "total": 9,
    }
    pagina = client.get(url).content.decode()
    assert "Importación deshecha el" in pagina and "se eliminaron los 9 registros" in pagina
    assert "Deshacer esta importación" not in pagina
    assert Atencion.objects.count() == 0 and Persona.objects.count() == 0
    assert not default_storage.exists(nombre)


def test_a_second_undo_while_the_first_runs_changes_nothing(
    encargada, client, django_capture_on_commit_callbacks
):
    lote = importado(encargada)
    client.force_login(encargada)
    with django_capture_on_commit_callbacks() as colas:
        client.post(f"/equipo/importaciones/{lote.pk}/deshacer/")
    assert len(colas) == 1  # one job queued
    with django_capture_on_commit_callbacks() as colas:
        r = client.post(f"/equipo/importaciones/{lote.pk}/deshacer/", follow=True)
    assert colas == []  # no second job
    assert "ya se está deshaciendo" in r.content.decode()
    lote.refresh_from_db()
    assert lote.estado == Estado.DESHACIENDO and lote.deshacer_total == 9
    # A second delivery of the job while a worker is on it (fresh heartbeat) does nothing either.
    LoteImportacion.objects.filter(pk=lote.pk).update(latido=timezone.now())
    ejecutar_deshacer(lote.pk)
    assert Atencion.objects.count() == 5
    lote.refresh_from_db()
    assert lote.estado == Estado.DESHACIENDO
    with django_capture_on_commit_callbacks() as colas:
        r = client.post(f"/equipo/importaciones/{lote.pk}/deshacer/", follow=True)
    assert colas == [] and "ya se está deshaciendo" in r.content.decode()


def test_an_undo_whose_worker_went_silent_is_queued_again_by_a_new_click(
    encargada, client, django_capture_on_commit_callbacks
):
    lote = importado(encargada)
    deshacer_lote(lote=lote, usuario=encargada, en_segundo_plano=False)
    LoteImportacion.objects.filter(pk=lote.pk).update(latido=timezone.now() - datetime.timedelta(minutes=10))
    client.force_login(encargada)
    with django_capture_on_commit_callbacks(execute=True) as colas:
        client.post(f"/equipo/importaciones/{lote.pk}/deshacer/")
    assert len(colas) == 2  # the job, and the file's deletion once it is undone
    lote.refresh_from_db()
    assert lote.estado == Estado.DESHECHO and lote.deshacer_hechos == 9
    assert Atencion.objects.count() == 0 and Persona.objects.count() == 0


def test_a_worker_killed_mid_undo_is_resumed_and_nothing_is_taken_away_twice(
    encargada, tmp_path, monkeypatch
):
    monkeypatch.setattr(deshacer, "TAMANO_TANDA", 10)
    antes = _estado()
    lote = importado(encargada, _generado(tmp_path, 90))
    deshacer_lote(lote=lote, usuario=encargada, en_segundo_plano=False)
    lote.refresh_from_db()
    # The worker deleted three chunks, then died: its heartbeat goes stale.
    for _ in range(3):
        deshacer._tanda_atenciones(lote)
    assert lote.deshacer_hechos == 30
    LoteImportacion.objects.filter(pk=lote.pk).update(latido=timezone.now() - datetime.timedelta(minutes=10))
    ejecutar_deshacer(lote.pk)  # the job handed out again
    lote.refresh_from_db()
    assert lote.estado == Estado.DESHECHO
    assert lote.deshacer_hechos == lote.deshacer_total
    assert _estado() == antes
    _resumenes_igual_que_crudo()


def test_an_error_mid_undo_marks_the_batch_failed_and_a_new_undo_finishes_it(
    encargada, client, tmp_path, monkeypatch
):
    monkeypatch.setattr(deshacer, "TAMANO_TANDA", 10)
    antes = _estado()
    lote = importado(encargada, _generado(tmp_path, 60))
    tanda_personas = deshacer._tanda_personas

    def falla(lote):
        raise RuntimeError("se perdió la conexión con la base de datos")

    monkeypatch.setattr(deshacer, "_tanda_personas", falla)
    lote = deshecho(lote, encargada)
    assert lote.estado == Estado.FALLIDO and lote.deshacer_fallido
    assert lote.error == "se perdió la conexión con la base de datos"
    assert Atencion.objects.count() == 0 and Persona.objects.count() > 0  # attentions gone, persons left
    client.force_login(encargada)
    pagina = client.get(f"/equipo/importaciones/{lote.pk}/").content.decode()
    assert "El deshacer se detuvo" in pagina and "se perdió la conexión" in pagina
    assert "Deshacer esta importación" in pagina and "Simular (no guarda nada)" not in pagina
    # Partly undone: it is not mapped, dry-run or imported again, only undone.
    for servicio, extra in (
        (importar_lote, {}),
        (simular_lote, {}),
        (ajustar_mapeo, {"mapeo": {int(k): c for k, c in lote.mapeo.items()}}),
    ):
        with pytest.raises(ValidationError):
            servicio(lote=lote, usuario=encargada, **extra)

    monkeypatch.setattr(deshacer, "_tanda_personas", tanda_personas)
    lote = deshecho(lote, encargada)
    assert lote.estado == Estado.DESHECHO and lote.error == ""
    assert lote.deshacer_hechos == lote.deshacer_total
    assert _estado() == antes
    _resumenes_igual_que_crudo()


def test_what_was_used_since_blocks_the_undo_before_anything_is_deleted(encargada, profesional, client):
    lote = importado(encargada)
    yusmary = Persona.objects.get(nombres="Yusmary")
    client.force_login(encargada)
    client.get(f"/equipo/personas/{yusmary.pk}/")  # her record was read: in the access log
    with pytest.raises(ValidationError) as exc:
        deshacer_lote(lote=lote, usuario=encargada)
    assert exc.value.messages == [
        "No se puede deshacer: la ficha de Yusmary Peña González se consultó "
        "(el registro de accesos no se borra)."
    ]
    assert Atencion.objects.count() == 5 and Persona.objects.count() == 4


def test_a_use_between_the_request_and_the_job_stops_the_undo_with_nothing_deleted(
    encargada, profesional, client
):
    lote = importado(encargada)
    deshacer_lote(lote=lote, usuario=encargada, en_segundo_plano=False)
    yusmary = Persona.objects.get(nombres="Yusmary")
    registrar_atencion(persona=yusmary, profesional=profesional, temas=[Tema.SALUD], canal="presencial")
    ejecutar_deshacer(lote.pk)
    lote.refresh_from_db()
    assert lote.estado == Estado.IMPORTADO and lote.deshacer_hechos == 0
    assert Atencion.objects.count() == 6 and Persona.objects.count() == 4
    client.force_login(encargada)
    pagina = client.get(f"/equipo/importaciones/{lote.pk}/").content.decode()
    assert "No se puede deshacer porque sus registros ya se usaron" in pagina
    assert "Yusmary Peña González tiene una atención registrada después" in pagina


def test_the_command_undoes_a_batch_with_its_progress_on_the_terminal(encargada):
    call_command("importar", str(XLSX), stdout=io.StringIO(), stderr=io.StringIO())
    lote = LoteImportacion.objects.get()
    salida, avance = io.StringIO(), io.StringIO()
    call_command("importar", "--deshacer", str(lote.pk), stdout=salida, stderr=avance)
    assert salida.getvalue() == f"Lote {lote.pk} deshecho: 9 registros eliminados.\n"
    assert "9 / 9 registros eliminados…" in avance.getvalue()
    assert Atencion.objects.count() == 0 and Persona.objects.count() == 0
    assert FilaImportacion.objects.filter(lote=lote).count() == 5

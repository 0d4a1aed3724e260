"""The uploaded spreadsheets are deleted by a scheduled job once their batch can no longer be undone."""

import datetime
import io
from pydoc import locate

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from django_q.models import Schedule

from atenciones.models import LoteImportacion
from atenciones.services.importacion import crear_lote
from atenciones.tareas_programadas import PLANILLAS_VENCIDAS, programar_tareas

from .muestra import XLSX

pytestmark = pytest.mark.django_db


def test_migrate_schedules_the_daily_deletion_of_expired_import_files_once():
    programar_tareas()
    programar_tareas()
    tarea = Schedule.objects.get(name=PLANILLAS_VENCIDAS)
    assert tarea.func == "atenciones.services.importacion.borrar_archivos_vencidos"
    assert tarea.schedule_type == Schedule.DAILY and tarea.repeats == -1
    assert timezone.localtime(tarea.next_run).time() == datetime.time(3, 0)
    assert Schedule.objects.filter(name=PLANILLAS_VENCIDAS).count() == 1


def test_the_scheduled_job_deletes_only_the_files_past_the_undo_window(
    encargada, settings, django_capture_on_commit_callbacks
):
    settings.IMPORTACION_DIAS_DESHACER = 30
    viejo = crear_lote(archivo=io.BytesIO(XLSX.read_bytes()), nombre=XLSX.name, usuario=encargada)
    nuevo = crear_lote(archivo=io.BytesIO(XLSX.read_bytes()), nombre=XLSX.name, usuario=encargada)
    LoteImportacion.objects.filter(pk=viejo.pk).update(creado=timezone.now() - datetime.timedelta(days=31))
    programar_tareas()
    # What the worker runs: the schedule's function by its dotted path, without arguments.
    funcion = locate(Schedule.objects.get(name=PLANILLAS_VENCIDAS).func)
    assert callable(funcion)
    with django_capture_on_commit_callbacks(execute=True):
        assert funcion() == 1
    viejo.refresh_from_db()
    nuevo.refresh_from_db()
    assert not viejo.archivo and nuevo.archivo
    assert default_storage.exists(nuevo.archivo.name)
    assert len(default_storage.listdir("importaciones")[1]) == 1

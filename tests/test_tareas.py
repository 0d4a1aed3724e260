"""The task runner: tasks are queued after commit, in the database, and a crash is never lost."""

import pytest
from django.db import transaction
from django_q.conf import Conf
from django_q.models import OrmQ, Task

from sello_migrante.tareas import encolar

_LLAMADAS: list[int] = []


def anotar(valor: int) -> int:
    _LLAMADAS.append(valor)
    return valor * 2


def fallar() -> None:
    raise RuntimeError("el servidor de correo no responde")


@pytest.fixture
def en_cola(monkeypatch):
    """The real broker (a table in the project's database) instead of running tasks in-process."""
    monkeypatch.setattr(Conf, "SYNC", False)


@pytest.mark.django_db(transaction=True)
def test_a_task_is_queued_in_the_database_only_after_commit(en_cola):
    with transaction.atomic():
        encolar(anotar, 3)
        assert OrmQ.objects.count() == 0
    assert OrmQ.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_request_queues_nothing(en_cola):
    with pytest.raises(ValueError), transaction.atomic():
        encolar(anotar, 3)
        raise ValueError
    assert OrmQ.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_task_runs_and_its_result_is_kept():
    _LLAMADAS.clear()
    encolar(anotar, 4, nombre="prueba")
    assert _LLAMADAS == [4]
    tarea = Task.objects.get(name="prueba")
    assert tarea.success and tarea.result == 8


def _trabajar_la_cola() -> None:
    """What `manage.py qcluster` does with each queued task: run it in a worker, keep its result."""
    from multiprocessing import Queue, Value

    from django_q.monitor import monitor
    from django_q.signing import SignedPackage
    from django_q.worker import worker

    tareas, resultados = Queue(), Queue()
    for pendiente in OrmQ.objects.all():
        tarea = SignedPackage.loads(pendiente.payload)
        tarea.pop("sync", None)
        tareas.put(tarea)
        pendiente.delete()
    tareas.put("STOP")
    worker(tareas, resultados, Value("f", -1))
    resultados.put("STOP")
    monitor(resultados)


@pytest.mark.django_db(transaction=True)
def test_a_task_that_crashes_is_kept_as_failed_with_its_error(en_cola):
    encolar(fallar, nombre="correo")
    _trabajar_la_cola()
    tarea = Task.objects.get(name="correo")
    assert not tarea.success
    assert "el servidor de correo no responde" in tarea.result

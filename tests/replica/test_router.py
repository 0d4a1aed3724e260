"""The replica router's choices, without a real replica (both databases)."""

import pytest
from django.db import router
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from atenciones import indicadores
from atenciones.indicadores import Periodo, calcular
from atenciones.models import Atencion, Persona
from sello_migrante import routers
from sello_migrante.routers import EscrituraRecienteMiddleware, desde_replica

from .conftest import alias_replica

pytestmark = pytest.mark.django_db


def test_without_a_replica_every_read_and_write_goes_to_the_primary():
    with desde_replica():
        assert router.db_for_read(Atencion) == "default"
    assert router.db_for_write(Atencion) == "default"


def test_a_failed_replica_falls_back_to_the_primary_and_is_not_retried_at_once(settings, profesional):
    # A replica on a port where nothing listens.
    with alias_replica(settings, HOST="127.0.0.1", PORT=9, ENGINE="django.db.backends.postgresql", NAME="x"):
        hoy = timezone.localdate()
        with desde_replica():
            assert router.db_for_read(Atencion) == "default"
            datos = calcular(Periodo(hoy, hoy))
        assert datos["personas"]["atenciones"] == 0
        assert routers._caida_hasta > 0  # remembered: the next reads do not wait for a timeout again


def test_reads_go_to_the_replica_only_inside_desde_replica_and_writes_never(settings):
    # The replica alias on the same database stands for a healthy replica.
    with alias_replica(settings):
        assert router.db_for_read(Persona) == "default"
        with desde_replica():
            assert router.db_for_read(Persona) == "replica"
            assert router.db_for_write(Persona) == "default"
        assert router.db_for_read(Persona) == "default"
        assert not router.allow_migrate("replica", "atenciones")


@pytest.mark.parametrize(
    ("metodo", "respuesta", "marcada"),
    [
        ("post", HttpResponseRedirect("/equipo/"), True),  # a saved form: post/redirect/get
        ("post", HttpResponse("formulario con errores"), False),  # nothing written
        ("post", HttpResponse(b"xlsx", content_type="application/octet-stream"), False),  # an export
        ("get", HttpResponseRedirect("/equipo/"), False),
    ],
)
def test_after_a_write_the_user_reads_the_primary(settings, rf, metodo, respuesta, marcada):
    with alias_replica(settings):
        pedido = getattr(rf, metodo)("/equipo/")
        pedido.session = {}
        EscrituraRecienteMiddleware(lambda r: respuesta)(pedido)
        assert (routers.SESION_ESCRITURA in pedido.session) is marcada
        # The user's next reads, even of the indicators, come from the primary for a while.
        with desde_replica(pedido):
            assert router.db_for_read(Persona) == ("default" if marcada else "replica")
        settings.REPLICA_ESCRITURA_RECIENTE = 0
        with desde_replica(pedido):
            assert router.db_for_read(Persona) == "replica"


@pytest.mark.django_db(transaction=True)  # the replica's connection sees committed rows only
@pytest.mark.parametrize("vista", ["equipo:sello_informe", "equipo:sello_dossier", "equipo:indicadores"])
def test_the_indicators_and_the_sello_dossier_read_from_the_replica(
    settings, client, encargada, monkeypatch, vista
):
    # The figures' queries run where the router sends the reads while the view computes them.
    leido_de = []
    real = indicadores.calcular

    def calcular_observado(p, **opciones):
        leido_de.append(router.db_for_read(Atencion))
        return real(p, **opciones)

    monkeypatch.setattr(indicadores, "calcular", calcular_observado)
    client.force_login(encargada)
    with alias_replica(settings):
        respuesta = client.get(
            reverse(vista), {"tipo": "personalizado", "desde": "2026-01-01", "hasta": "2026-03-31"}
        )
    assert respuesta.status_code == 200
    # The indicators page computes the period and the previous one (issue 14 point 8): both there.
    assert leido_de == (["replica", "replica"] if vista == "equipo:indicadores" else ["replica"])

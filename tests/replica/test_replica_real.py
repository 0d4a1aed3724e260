"""A real streaming replica of the test's PostgreSQL (issue 16): the indicators are read from it,
and when it stops the portal reads the primary.

Needs PostgreSQL's server binaries (PG_BIN, default /usr/lib/postgresql/15/bin), a primary that
accepts replication connections from 127.0.0.1 (CI's .ci/run allows it; otherwise, when the test
runs as root and pg_hba.conf is writable, it adds the line for its duration and removes it), and
root or the postgres user to run the replica's server. Otherwise it is skipped with the reason.
"""

import contextlib
import fcntl
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from atenciones.choices import Canal
from atenciones.services.atenciones import registrar_atencion
from oficina.choices import Tema
from sello_migrante import routers
from tests.factories import PersonaFactory

from .conftest import alias_replica

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
LIMITES_STANDBY = [
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
]
LINEA_HBA = "host replication all 127.0.0.1/32 trust  # sello_migrante: test replica (temporary)"

pytestmark = pytest.mark.django_db(transaction=True)


def _como_postgres(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=300, **kwargs)


def _sql(sql: str) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


@contextlib.contextmanager
def _replicacion_permitida():
    """Replication from 127.0.0.1 allowed on the primary while the block runs (reversibly)."""
    reglas = _sql(
        "SELECT count(*) FROM pg_hba_file_rules WHERE error IS NULL AND 'replication' = ANY(database)"
        " AND type = 'host'"
    )[0][0]
    if reglas:
        yield
        return
    hba = Path(_sql("SHOW hba_file")[0][0])
    if os.geteuid() != 0 or not os.access(hba, os.W_OK):
        pytest.skip(f"el primario no acepta replicación y {hba} no se puede editar (ver .ci/run)")
    original = hba.read_text()
    hba.write_text(original.rstrip("\n") + "\n" + LINEA_HBA + "\n")
    _sql("SELECT pg_reload_conf()")
    try:
        yield
    finally:
        actual = hba.read_text()
        hba.write_text("".join(li for li in actual.splitlines(keepends=True) if li.rstrip("\n") != LINEA_HBA))
        _sql("SELECT pg_reload_conf()")


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def replica(settings):
    if connection.vendor != "postgresql":
        pytest.skip("la réplica es de PostgreSQL")
    if not (PG_BIN / "pg_basebackup").exists():
        pytest.skip(f"faltan los binarios de PostgreSQL en {PG_BIN}")
    if os.geteuid() != 0 and pwd.getpwuid(os.geteuid()).pw_name != "postgres":
        pytest.skip("el servidor de la réplica corre como root (con runuser) o como postgres")
    # One replica at a time on this machine (parallel workers, other checkouts).
    with open(Path(tempfile.gettempdir()) / "sello_migrante_replica.lock", "w") as candado:
        fcntl.flock(candado, fcntl.LOCK_EX)
        with _replicacion_permitida():
            directorio = Path(tempfile.mkdtemp(prefix="sello_replica_"))
            shutil.chown(directorio, "postgres", "postgres")
            datos = directorio / "datos"
            puerto = _puerto_libre()
            try:
                _como_postgres(
                    [
                        str(PG_BIN / "pg_basebackup"),
                        "-h",
                        "127.0.0.1",
                        "-p",
                        str(connection.settings_dict["PORT"] or 5432),
                        "-U",
                        "postgres",
                        "-D",
                        str(datos),
                        "-X",
                        "stream",
                        "-R",
                        "-c",
                        "fast",
                    ]
                )
                # Debian keeps the configuration outside the data directory: the replica gets its own,
                # with the limits a hot standby needs at least as high as the primary's.
                limites = "".join(
                    f"{nombre} = {_sql(f'SHOW {nombre}')[0][0]}\n" for nombre in LIMITES_STANDBY
                )
                (datos / "postgresql.conf").write_text(
                    f"port = {puerto}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{directorio}'\n"
                    f"hot_standby = on\nshared_buffers = 16MB\nfsync = off\n{limites}"
                )
                (datos / "pg_hba.conf").write_text("local all all trust\nhost all all 127.0.0.1/32 trust\n")
                (datos / "pg_ident.conf").write_text("")
                for archivo in ("postgresql.conf", "pg_hba.conf", "pg_ident.conf"):
                    shutil.chown(datos / archivo, "postgres", "postgres")
                registro = directorio / "log"
                try:
                    _como_postgres(
                        [
                            str(PG_BIN / "pg_ctl"),
                            "-D",
                            str(datos),
                            "-l",
                            str(registro),
                            "-w",
                            "-t",
                            "120",
                            "start",
                        ]
                    )
                except subprocess.CalledProcessError:
                    pytest.fail(
                        f"la réplica no arrancó: {registro.read_text()[-2000:] if registro.exists() else ''}"
                    )
                with alias_replica(settings, HOST="127.0.0.1", PORT=puerto) as conexion:
                    yield {"conexion": conexion, "datos": datos}
            finally:
                with contextlib.suppress(subprocess.SubprocessError, OSError):
                    _como_postgres(
                        [str(PG_BIN / "pg_ctl"), "-D", str(datos), "-m", "immediate", "-w", "stop"]
                    )
                shutil.rmtree(directorio, ignore_errors=True)


def _esperar_replica(conexion, segundos: float = 60) -> None:
    """Wait until the replica has replayed everything the primary has written so far."""
    objetivo = _sql("SELECT pg_current_wal_lsn()")[0][0]
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        with conexion.cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [objetivo])
            if cursor.fetchone()[0]:
                return
        time.sleep(0.2)
    pytest.fail("la réplica no alcanzó al primario")


def test_indicators_are_read_from_a_streaming_replica_and_from_the_primary_when_it_fails(
    replica, client, encargada, profesional
):
    conexion = replica["conexion"]
    with conexion.cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone()[0] is True  # a real standby, not the primary
    registrar_atencion(
        persona=PersonaFactory(), profesional=profesional, temas=[Tema.SALUD], canal=Canal.WHATSAPP
    )
    _esperar_replica(conexion)

    client.force_login(encargada)
    hoy = f"{timezone.localdate():%Y-%m-%d}"
    url = reverse("equipo:indicadores") + f"?tipo=personalizado&desde={hoy}&hasta={hoy}"
    with CaptureQueriesContext(conexion) as en_replica:
        pagina = client.get(url)
    assert pagina.status_code == 200
    assert pagina.context["datos"]["personas"]["atenciones"] == 1
    assert any("resumen" in q["sql"] for q in en_replica.captured_queries)

    # The replica stops: the next page reads the primary and answers the same.
    _como_postgres([str(PG_BIN / "pg_ctl"), "-D", str(replica["datos"]), "-m", "immediate", "-w", "stop"])
    conexion.close()
    routers.olvidar_caida()
    from django.core.cache import cache

    cache.clear()
    conexion.force_debug_cursor = True
    conexion.queries_log.clear()
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert pagina.context["datos"]["personas"]["atenciones"] == 1
    assert list(conexion.queries_log) == []  # nothing ran on the stopped replica
    assert routers._caida_hasta > time.monotonic()

"""`manage.py benchmark --serving`: the production stack under load (issue 16, point 6).

Starts gunicorn with the production settings shape (DEBUG off, a throwaway SECRET_KEY, the shared
cache, WhiteNoise serving `collectstatic` output from a temporary STATIC_ROOT) on a free port,
against the configured database, and loads it with concurrent clients (plain threads, one
connection each, as a browser sends them: `Accept-Encoding: gzip`). It measures, URL by URL, a
static file of the public site (the floor: the same stack, no Django view) and every public page,
then reads the resident memory of each gunicorn worker. Targets: every public page at least
half the static file's requests per second, every worker at most 150 MB resident.
"""

import http.client
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import reverse
from django.utils import translation

from oficina import selectors

RAZON_MINIMA = 0.5  # public page rps / static file rps
RSS_MAXIMO_MB = 150.0  # each gunicorn worker, after the load
_ESTATICO = re.compile(r'href="(/static/[^"]+\.css)"')


@dataclass
class Medida:
    """One URL's load, summed over the rounds."""

    nombre: str
    ruta: str
    tiempos: list[float] = field(default_factory=list)  # ms, every answered request
    estados: dict[int, int] = field(default_factory=dict)
    fallos: int = 0  # no answer (connection refused, reset, timeout)
    duracion: float = 0.0  # seconds under load
    # A page's own static-file reference: the static file measured right before each of its windows.
    referencia: "Medida | None" = None

    @property
    def rps(self) -> float:
        return self.estados.get(200, 0) / self.duracion if self.duracion else 0.0

    @property
    def p95_ms(self) -> float:
        return p95(self.tiempos)

    @property
    def razon(self) -> float:
        """Requests per second against the static file measured beside it (1.0 for the static file)."""
        if self.referencia is None:
            return 1.0
        return self.rps / self.referencia.rps if self.referencia.rps else 0.0

    @property
    def errores(self) -> int:
        return self.fallos + sum(n for estado, n in self.estados.items() if estado != 200)


def p95(tiempos: list[float]) -> float:
    """The 95th percentile by nearest rank."""
    if not tiempos:
        return 0.0
    orden = sorted(tiempos)
    return orden[max(0, -(-len(orden) * 95 // 100) - 1)]


def entorno_produccion(static_root: Path) -> dict[str, str]:
    """The environment of a production app server, on this machine's configured database and cache.

    A per-process cache (locmem, the DEBUG default) is refused by the production settings, so when
    CACHE_URL is not set the production default applies: the database cache.
    """
    entorno = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "CACHE_URL"}}
    cache_url = os.environ.get("CACHE_URL", "")
    if cache_url and not cache_url.startswith(("locmemcache:", "dummycache:")):
        entorno["CACHE_URL"] = cache_url
    entorno.update(
        DEBUG="off",
        # A key for this run only: the server signs nothing that outlives it.
        SECRET_KEY=f"benchmark-servir-{secrets.token_urlsafe(48)}",
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(static_root),
        SECURE_SSL_REDIRECT="off",
        SESSION_COOKIE_SECURE="off",
        CSRF_COOKIE_SECURE="off",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
    )
    # Keep the configured database even when it came from the default (a relative SQLite file).
    if "DATABASE_URL" not in entorno and settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        entorno["DATABASE_URL"] = f"sqlite:///{settings.DATABASES['default']['NAME']}"
    return entorno


def _manage(entorno: dict[str, str], *args: str) -> None:
    resultado = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if resultado.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} falló:\n{resultado.stdout}{resultado.stderr}")


def preparar(entorno: dict[str, str]) -> list[str]:
    """What a deployment does before starting the server; returns what was done, for the report."""
    hecho = []
    # The shared cache's table (a no-op with Redis or when it exists); nothing else is migrated.
    _manage(entorno, "createcachetable")
    _manage(entorno, "collectstatic", "--noinput", "-v0")
    hecho.append(f"collectstatic en {entorno['STATIC_ROOT']}")
    catalogos = [
        Path(settings.BASE_DIR) / "sello_migrante" / "locale" / i / "LC_MESSAGES" for i in ("ht", "en")
    ]
    if not all((c / "django.mo").is_file() for c in catalogos):
        # Without the compiled catalogues /ht/ is a 404 (`make messages` is the same build step).
        _manage(entorno, "compilemessages", "--ignore=.venv", "-v0")
        hecho.append("compilemessages")
    return hecho


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(puerto: int, ruta: str, timeout: float = 10) -> tuple[int, bytes]:
    conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=timeout)
    try:
        conexion.request("GET", ruta, headers={"Host": "127.0.0.1"})
        respuesta = conexion.getresponse()
        return respuesta.status, respuesta.read()
    finally:
        conexion.close()


@contextmanager
def gunicorn(entorno: dict[str, str], puerto: int, workers: int, bitacora: Path) -> Iterator[int]:
    """gunicorn as the README deploys it (`sello_migrante.wsgi`, sync workers); yields the master's pid."""
    with bitacora.open("w") as salida:
        proceso = subprocess.Popen(  # noqa: S603 - fixed command line
            [
                sys.executable,
                "-m",
                "gunicorn",
                "sello_migrante.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{puerto}",
            ],
            cwd=settings.BASE_DIR,
            env=entorno,
            stdout=salida,
            stderr=subprocess.STDOUT,
        )
    try:
        limite = time.monotonic() + 60
        while True:
            if proceso.poll() is not None:
                raise RuntimeError(f"gunicorn terminó al arrancar:\n{bitacora.read_text()[-2000:]}")
            try:
                if _get(puerto, "/salud/", timeout=5)[0] == 200 and len(workers_de(proceso.pid)) >= workers:
                    break
            except OSError:
                pass
            if time.monotonic() > limite:
                raise RuntimeError(f"gunicorn no respondió en 60 s:\n{bitacora.read_text()[-2000:]}")
            time.sleep(0.2)
        yield proceso.pid
    finally:
        proceso.terminate()
        try:
            proceso.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proceso.kill()
            proceso.wait()


def workers_de(pid: int) -> list[int]:
    """The children of gunicorn's master (its workers), from /proc."""
    hijos = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        return [int(p) for p in hijos.read_text().split()]
    except OSError:
        pass
    encontrados = []
    for estado in Path("/proc").glob("[0-9]*/status"):
        try:
            if re.search(rf"^PPid:\s+{pid}$", estado.read_text(), re.MULTILINE):
                encontrados.append(int(estado.parent.name))
        except OSError:
            continue
    return encontrados


def memoria_mb(pid: int) -> dict[str, float]:
    """VmRSS (resident now) and VmHWM (the most it was resident) of a process, in MB (10^6 bytes)."""
    valores = {}
    for linea in Path(f"/proc/{pid}/status").read_text().splitlines():
        clave, _, resto = linea.partition(":")
        if clave in {"VmRSS", "VmHWM"}:
            valores[clave] = int(resto.split()[0]) * 1024 / 1_000_000
    return valores


def rutas_publicas(puerto: int) -> list[tuple[str, str]]:
    """Every cached public page in each language, and the open-data lists and one detail."""
    rutas = []
    with translation.override(settings.LANGUAGE_CODE):
        primera = next(iter(selectors.guias(settings.LANGUAGE_CODE)), None)
    for idioma, _nombre in settings.LANGUAGES:
        with translation.override(idioma):
            rutas += [
                (f"{idioma} inicio", reverse("publico:inicio")),
                (f"{idioma} guías", reverse("publico:guias")),
                (f"{idioma} red de apoyo", reverse("publico:red_de_apoyo")),
                (f"{idioma} actividades", reverse("publico:actividades")),
                (f"{idioma} privacidad", reverse("publico:privacidad")),
            ]
            if primera is not None:
                rutas.append((f"{idioma} guía", reverse("publico:guia", args=[primera.pagina.clave])))
    for nombre in ("organizations", "services", "locations"):
        rutas.append((f"datos {nombre}", reverse(f"datos:hsds_{nombre}")))
    try:
        estado, cuerpo = _get(puerto, reverse("datos:hsds_organizations"))
        contenido = json.loads(cuerpo)["contents"] if estado == 200 else []
    except (OSError, ValueError, KeyError):
        contenido = []
    if contenido:
        rutas.append(("datos organization", reverse("datos:hsds_organization", args=[contenido[0]["id"]])))
    return rutas


def ruta_estatica(puerto: int, inicio: str) -> str:
    """The stylesheet the public home page links to: what every visitor downloads first."""
    estado, cuerpo = _get(puerto, inicio)
    encontrada = _ESTATICO.search(cuerpo.decode(errors="replace")) if estado == 200 else None
    if encontrada is None:
        raise RuntimeError(f"La portada ({inicio}) respondió {estado} sin una hoja de estilos en /static/.")
    return encontrada.group(1)


def cargar(puerto: int, medida: Medida, clientes: int, segundos: float) -> None:
    """`clientes` threads request the URL back to back for `segundos`; adds to `medida`."""
    cerrojo = threading.Lock()
    fin = time.perf_counter() + segundos
    cabeceras = {"Host": "127.0.0.1", "Accept-Encoding": "gzip", "Accept": "*/*"}

    def cliente() -> None:
        propios: list[float] = []
        propios_estados: dict[int, int] = {}
        fallos = 0
        conexion = None
        while time.perf_counter() < fin:
            if conexion is None:
                conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=30)
            inicio = time.perf_counter()
            try:
                conexion.request("GET", medida.ruta, headers=cabeceras)
                respuesta = conexion.getresponse()
                respuesta.read()
            except (OSError, http.client.HTTPException):
                fallos += 1
                conexion.close()
                conexion = None
                continue
            propios.append((time.perf_counter() - inicio) * 1000)
            propios_estados[respuesta.status] = propios_estados.get(respuesta.status, 0) + 1
            if respuesta.will_close:  # gunicorn's sync workers close after each response
                conexion.close()
                conexion = None
        if conexion is not None:
            conexion.close()
        with cerrojo:
            medida.tiempos.extend(propios)
            medida.fallos += fallos
            for estado, n in propios_estados.items():
                medida.estados[estado] = medida.estados.get(estado, 0) + n

    hilos = [threading.Thread(target=cliente, daemon=True) for _ in range(clientes)]
    comienzo = time.perf_counter()
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    medida.duracion += time.perf_counter() - comienzo


@dataclass
class Resultado:
    estatico: Medida
    paginas: list[Medida]
    memoria: dict[int, dict[str, float]]
    preparacion: list[str]

    def incumplidos(self) -> list[str]:
        fallas = []
        for m in self.paginas:
            if m.errores:
                fallas.append(f"{m.nombre}: {m.errores} respuestas con error ({m.estados})")
            elif m.razon < RAZON_MINIMA:
                fallas.append(f"{m.nombre}: {m.razon:.0%} de las peticiones/s del archivo estático a su lado")
        if self.estatico.errores:
            fallas.append(
                f"archivo estático: {self.estatico.errores} respuestas con error ({self.estatico.estados})"
            )
        for pid, mem in self.memoria.items():
            if mem["VmRSS"] > RSS_MAXIMO_MB:
                fallas.append(f"worker {pid}: {mem['VmRSS']:.0f} MB residentes (máximo {RSS_MAXIMO_MB:.0f})")
        if not self.memoria:
            fallas.append("no se pudo leer la memoria de los workers (/proc)")
        return fallas


def medir(
    *,
    clientes: int,
    segundos: float,
    workers: int,
    rondas: int = 3,
    solo: str | None = None,
    aviso: Callable[[str], None] = lambda texto: None,
) -> Resultado:
    """Prepare, start gunicorn, warm the cache, load each URL in turn, then read the workers' memory.

    Each page gets `segundos` in all, split over `rondas` rounds, and each of its windows follows a
    window of the static file as long: on a shared machine the load drifts, so every page is
    compared with the static file measured beside it, and the rounds spread the drift further.
    """
    with tempfile.TemporaryDirectory(prefix="sello-servir-") as carpeta:
        entorno = entorno_produccion(Path(carpeta) / "static")
        preparacion = preparar(entorno)
        puerto = puerto_libre()
        with gunicorn(entorno, puerto, workers, Path(carpeta) / "gunicorn.log") as master:
            with translation.override(settings.LANGUAGE_CODE):
                estatico = Medida("archivo estático", ruta_estatica(puerto, reverse("publico:inicio")))
            paginas = [
                Medida(nombre, ruta) for nombre, ruta in rutas_publicas(puerto) if not solo or solo in nombre
            ]
            for medida in [estatico, *paginas]:  # fill the cache; every worker imports what it needs
                for _ in range(workers):
                    _get(puerto, medida.ruta)
            aviso(f"gunicorn en 127.0.0.1:{puerto}, {workers} workers (pid {master})")
            pares = [(medida, Medida(estatico.nombre, estatico.ruta)) for medida in paginas]
            for ronda in range(1, rondas + 1):
                for medida, referencia in pares:
                    cargar(puerto, referencia, clientes, segundos / rondas)
                    cargar(puerto, medida, clientes, segundos / rondas)
                aviso(f"ronda {ronda}/{rondas} hecha")
            for medida, referencia in pares:  # the static file's row: all its windows together
                medida.referencia = referencia
                estatico.tiempos += referencia.tiempos
                estatico.fallos += referencia.fallos
                estatico.duracion += referencia.duracion
                for estado, n in referencia.estados.items():
                    estatico.estados[estado] = estatico.estados.get(estado, 0) + n
            memoria = {}
            for pid in workers_de(master):
                try:
                    memoria[pid] = memoria_mb(pid)
                except OSError:
                    continue
    return Resultado(estatico=estatico, paginas=paginas, memoria=memoria, preparacion=preparacion)


def ejecutar(
    comando: BaseCommand, *, solo: str | None, clientes: int, segundos: float, workers: int, rondas: int
) -> None:
    """The `--serving` run of the benchmark command: measure, print the table, fail on a missed target."""
    if min(clientes, workers, rondas) < 1 or segundos <= 0:
        raise CommandError("--clientes, --workers y --rondas deben ser al menos 1 y --segundos mayor que 0.")
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    if cache in {"LocMemCache", "DummyCache"}:
        cache = "DatabaseCache (la de producción por defecto)"
    comando.stdout.write(
        f"Servir: gunicorn sello_migrante.wsgi · {workers} workers sync · DEBUG=off · WhiteNoise · "
        f"caché {cache} · base {connection.vendor} · {clientes} clientes · {segundos:g} s por URL "
        f"en {rondas} rondas"
    )
    try:
        resultado = medir(
            clientes=clientes,
            segundos=segundos,
            workers=workers,
            rondas=rondas,
            solo=solo,
            aviso=lambda texto: comando.stderr.write(texto),
        )
    except RuntimeError as exc:
        raise CommandError(str(exc)) from exc
    if resultado.preparacion:
        comando.stdout.write("Preparación: " + "; ".join(resultado.preparacion))
    comando.stdout.write(
        f"{'url':<22} {'pet/s':>8} {'estático al lado':>16} {'× estático':>10} {'p95 ms':>8} {'errores':>7}  ruta"
    )
    for m in [resultado.estatico, *resultado.paginas]:
        al_lado = m.referencia.rps if m.referencia else m.rps
        comando.stdout.write(
            f"{m.nombre:<22} {m.rps:>8.1f} {al_lado:>16.1f} {m.razon:>10.2f} {m.p95_ms:>8.1f} {m.errores:>7}  {m.ruta}"
        )
    comando.stdout.write("Memoria de los workers tras la carga (MB; VmRSS ahora, VmHWM máximo):")
    for pid, mem in sorted(resultado.memoria.items()):
        comando.stdout.write(f"  worker {pid:<8} RSS {mem['VmRSS']:>6.1f}  máximo {mem['VmHWM']:>6.1f}")
    fallas = resultado.incumplidos()
    if fallas:
        for falla in fallas:
            comando.stdout.write(f"NO CUMPLE: {falla}")
        raise CommandError(
            f"--serving: {len(fallas)} objetivo(s) sin cumplir (páginas ≥ {RAZON_MINIMA:.0%} del archivo "
            f"estático, workers ≤ {RSS_MAXIMO_MB:.0f} MB)."
        )
    comando.stdout.write(
        f"CUMPLE: cada página pública ≥ {RAZON_MINIMA:.0%} de las peticiones/s del archivo estático; "
        f"cada worker ≤ {RSS_MAXIMO_MB:.0f} MB residentes."
    )

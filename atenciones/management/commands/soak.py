"""Soak test: N virtual staff write through the real forms of a running server for M minutes.

Each virtual professional signs in (with CSRF, like a browser) and registers persons through
`/equipo/personas/nueva/`, one after another, until the time is up; optionally PostgreSQL is
restarted halfway (`--reiniciar "comando"`, only where the operator allows it). Afterwards the
database is checked: every registration that got a success answer (a redirect to the new
person's page) must exist exactly once, and nothing but the attempted registrations may exist.

Run it against a test server and its database (the command reads the same DATABASE_URL):
    manage.py soak --url http://127.0.0.1:8001 --usuarios 50 --minutos 5 \\
        --reiniciar "pg_ctlcluster --skip-systemctl-redirect 15 main restart"
Exit status 1 when a confirmed write is lost or duplicated or an unexpected one is found.
"""

import http.cookiejar
import re
import secrets
import shlex
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from atenciones.forms.personas import RegistroPersonaForm
from atenciones.models import Persona
from oficina.roles import PROFESIONAL

_OCULTO = re.compile(r"<input[^>]*type=\"hidden\"[^>]*>", re.IGNORECASE)
_ATRIBUTO = re.compile(r'(name|value)="([^"]*)"')


def campos_ocultos(html: str) -> dict[str, str]:
    """The hidden inputs of a page (the CSRF token and any form token)."""
    ocultos = {}
    for etiqueta in _OCULTO.findall(html):
        atributos = dict(_ATRIBUTO.findall(etiqueta))
        if "name" in atributos:
            ocultos[atributos["name"]] = atributos.get("value", "")
    return ocultos


def datos_base_registro() -> dict[str, str]:
    """What the registration form sends when only the required fields are left at their defaults."""
    form = RegistroPersonaForm()
    datos = {}
    for nombre in form.fields:
        valor = form[nombre].value()
        if valor in (None, "", False, [], ()):
            continue
        datos[nombre] = "on" if valor is True else str(valor)
    datos["consentimiento"] = "on"
    return datos


@dataclass
class Resultados:
    intentadas: set[str] = field(default_factory=set)
    confirmadas: set[str] = field(default_factory=set)
    respuestas: list[tuple[float, int]] = field(default_factory=list)  # (time, status; 0 = no answer)
    cerrojo: threading.Lock = field(default_factory=threading.Lock)

    def anotar(self, cuando: float, estado: int) -> None:
        with self.cerrojo:
            self.respuestas.append((cuando, estado))


class Profesional(threading.Thread):
    """One virtual professional: sign in, then register persons until the deadline."""

    def __init__(self, *, url, usuario, clave, marca, fin, resultados, base):
        super().__init__(daemon=True)
        self.url, self.usuario, self.clave, self.marca = url.rstrip("/"), usuario, clave, marca
        self.fin, self.resultados, self.base = fin, resultados, base
        self.cookies = http.cookiejar.CookieJar()
        self.abridor = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _SinRedirecciones()
        )

    def _pedir(self, ruta: str, datos: dict | None = None) -> tuple[int, str, str]:
        cuerpo = urllib.parse.urlencode(datos, doseq=True).encode() if datos is not None else None
        peticion = urllib.request.Request(  # noqa: S310 - http(s) only, checked in handle()
            self.url + ruta, data=cuerpo, headers={"Referer": self.url + ruta}
        )
        try:
            with self.abridor.open(peticion, timeout=30) as r:
                return r.status, r.read().decode(errors="replace"), r.headers.get("Location", "")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(errors="replace"), exc.headers.get("Location", "")

    def _entrar(self) -> bool:
        while time.monotonic() < self.fin:
            try:
                _estado, html, _ = self._pedir("/cuentas/login/")
                estado, _html, destino = self._pedir(
                    "/cuentas/login/",
                    {**campos_ocultos(html), "username": self.usuario, "password": self.clave},
                )
            except OSError:
                time.sleep(1)
                continue
            if estado == 302 and "/cuentas/login" not in destino:
                return True
            time.sleep(1)
        return False

    def run(self) -> None:
        if not self._entrar():
            return
        n = 0
        while time.monotonic() < self.fin:
            n += 1
            marca = f"{self.marca}-{self.usuario}-{n}"
            try:
                estado, html, _ = self._pedir("/equipo/personas/nueva/")
            except OSError:
                self.resultados.anotar(time.monotonic(), 0)
                time.sleep(0.5)
                continue
            self.resultados.anotar(time.monotonic(), estado)
            if estado != 200:
                if estado == 302:  # signed out (a restart may drop the session): sign in again
                    self._entrar()
                time.sleep(0.5)
                continue
            datos = {
                **self.base,
                **campos_ocultos(html),
                "nombres": f"Prueba{secrets.token_hex(4)}",
                "apellidos": f"Carga{secrets.token_hex(4)}",
                "direccion": marca,
            }
            with self.resultados.cerrojo:
                self.resultados.intentadas.add(marca)
            try:
                estado, _html, destino = self._pedir("/equipo/personas/nueva/", datos)
            except OSError:
                self.resultados.anotar(time.monotonic(), 0)
                continue
            self.resultados.anotar(time.monotonic(), estado)
            if estado == 302 and re.search(r"/equipo/personas/\d+/$", destino):
                with self.resultados.cerrojo:
                    self.resultados.confirmadas.add(marca)


class _SinRedirecciones(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Command(BaseCommand):
    help = (
        "Prueba de carga: N profesionales virtuales registran personas por los formularios reales de un "
        "servidor en marcha durante M minutos (opcionalmente reiniciando PostgreSQL a la mitad) y luego "
        "se comprueba que cada registro confirmado existe exactamente una vez."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url", required=True, help="Dirección del servidor, p. ej. http://127.0.0.1:8001"
        )
        parser.add_argument("--usuarios", type=int, default=10)
        parser.add_argument("--minutos", type=float, default=0.5)
        parser.add_argument(
            "--reiniciar",
            default="",
            help="Comando que reinicia PostgreSQL a mitad de la prueba (solo si el operador lo permite).",
        )

    def handle(self, *args, url, usuarios, minutos, reiniciar, **options):
        if not url.startswith(("http://", "https://")):
            raise CommandError("--url debe empezar con http:// o https://.")
        if usuarios < 1 or minutos <= 0:
            raise CommandError("--usuarios y --minutos deben ser positivos.")
        marca = f"soak-{secrets.token_hex(4)}"
        clave = secrets.token_urlsafe(24)
        nombres = self._crear_usuarios(marca, usuarios, clave)
        connection.close()  # hold no connection through a restart; verify on a fresh one
        resultados = Resultados()
        inicio = time.monotonic()
        fin = inicio + minutos * 60
        hilos = [
            Profesional(
                url=url,
                usuario=u,
                clave=clave,
                marca=marca,
                fin=fin,
                resultados=resultados,
                base=datos_base_registro(),
            )
            for u in nombres
        ]
        for hilo in hilos:
            hilo.start()
        reinicio = self._reiniciar(reiniciar, inicio + minutos * 30) if reiniciar else None
        for hilo in hilos:
            hilo.join(timeout=minutos * 60 + 120)
        caida = None
        if reinicio:
            # The outage ends with the first page served normally once the restart command is done.
            vuelta = [t for t, e in resultados.respuestas if t >= reinicio[1] and e in (200, 302)]
            caida = (reinicio[0], min(vuelta) if vuelta else time.monotonic())
        self._informar(marca, resultados, caida)

    def _crear_usuarios(self, marca: str, cantidad: int, clave: str) -> list[str]:
        User = get_user_model()
        grupo = Group.objects.get(name=PROFESIONAL)
        nombres = []
        for i in range(1, cantidad + 1):
            usuario = User.objects.create_user(username=f"{marca}-u{i}", password=clave)
            usuario.groups.add(grupo)
            nombres.append(usuario.username)
        return nombres

    def _reiniciar(self, comando: str, cuando: float) -> tuple[float, float]:
        """Run the restart command at `cuando`; returns when it started and when it ended."""
        time.sleep(max(0.0, cuando - time.monotonic()))
        desde = time.monotonic()
        self.stdout.write(f"Reiniciando PostgreSQL: {comando}")
        subprocess.run(shlex.split(comando), check=False, timeout=300)  # noqa: S603 - the operator's command
        return desde, time.monotonic()

    def _informar(self, marca: str, r: Resultados, caida: tuple[float, float] | None) -> None:
        connection.close()
        guardadas = Counter(
            Persona.objects.filter(direccion__startswith=f"{marca}-").values_list("direccion", flat=True)
        )
        perdidas = r.confirmadas - set(guardadas)
        duplicadas = {m for m, n in guardadas.items() if n > 1}
        ajenas = set(guardadas) - r.intentadas
        sin_confirmar = (set(guardadas) & r.intentadas) - r.confirmadas

        def errores(desde=None, hasta=None):
            return sum(
                1
                for t, estado in r.respuestas
                if estado >= 500 and (desde is None or t >= desde) and (hasta is None or t < hasta)
            )

        filas: list[tuple[str, float]] = [
            ("intentadas", len(r.intentadas)),
            ("confirmadas", len(r.confirmadas)),
            ("encontradas una vez", sum(1 for m in r.confirmadas if guardadas.get(m) == 1)),
            ("perdidas", len(perdidas)),
            ("duplicadas", len(duplicadas)),
            ("no intentadas (ajenas)", len(ajenas)),
            ("guardadas sin confirmación", len(sin_confirmar)),
            ("respuestas", len(r.respuestas)),
            ("sin respuesta (conexión)", sum(1 for _t, e in r.respuestas if e == 0)),
        ]
        if caida:
            filas += [
                ("5xx antes de la caída", errores(hasta=caida[0])),
                ("5xx durante la caída", errores(*caida)),
                ("5xx después de la caída", errores(desde=caida[1])),
                (
                    "503 durante la caída",
                    sum(1 for t, e in r.respuestas if e == 503 and caida[0] <= t < caida[1]),
                ),
                ("duración de la caída (s)", round(caida[1] - caida[0], 1)),
            ]
        else:
            filas.append(("5xx", errores()))
        self.stdout.write(f"Prueba {marca}")
        for nombre, valor in filas:
            self.stdout.write(f"  {nombre:<28} {valor}")
        if perdidas or duplicadas or ajenas:
            raise CommandError("La prueba encontró escrituras perdidas, duplicadas o ajenas.")
        if not r.confirmadas:
            raise CommandError("Ninguna escritura fue confirmada: ¿está el servidor en marcha?")
        self.stdout.write(self.style.SUCCESS("Ninguna escritura confirmada se perdió ni se duplicó."))

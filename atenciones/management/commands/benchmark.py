import json
import statistics
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import update_last_login
from django.contrib.auth.signals import user_logged_in
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import override_settings

from atenciones.benchmark import BUSQUEDAS, PAGINAS, PISO, busqueda_admin_por_defecto, busqueda_equipo
from atenciones.benchmark_servir import ejecutar as servir
from atenciones.models import Atencion, Persona


def p95(tiempos: list[float]) -> float:
    """The 95th percentile by nearest rank (the slowest of fewer than 20 runs)."""
    orden = sorted(tiempos)
    return orden[max(0, -(-len(orden) * 95 // 100) - 1)]


def _cronometro(acumulado: list[float]):
    """A database execute wrapper adding each query's time (s) to acumulado[0]."""

    def envoltura(execute, sql, params, many, context):
        inicio = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            acumulado[0] += time.perf_counter() - inicio

    return envoltura


class Command(BaseCommand):
    help = (
        "Mide las páginas del equipo sobre la base de datos actual (cargue antes `seed_demo`): "
        "mediana, p95, razón del p95 con el piso (una página vacía del equipo medida en la misma "
        "corrida) y consultas SQL. --guardar escribe el resultado en JSON; --compare A.json B.json "
        "imprime la razón de cada p95 entre dos tamaños de base. --serving mide gunicorn con la "
        "configuración de producción: peticiones/s de cada página pública contra un archivo estático "
        "y la memoria de cada worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repeticiones", type=int, default=10)
        parser.add_argument("--solo", help="Mide solo las páginas cuyo nombre contiene este texto.")
        parser.add_argument("--guardar", help="Escribe el resultado en este archivo JSON.")
        parser.add_argument(
            "--contra-admin",
            action="store_true",
            help="Mide también la búsqueda por defecto del administrador de Django (icontains sobre "
            "los mismos campos, conteo completo y primera página) para cada tipo de búsqueda de "
            "personas e imprime cuántas veces más rápida es la del equipo.",
        )
        parser.add_argument(
            "--compare",
            nargs=2,
            metavar=("CHICA.json", "GRANDE.json"),
            help="No mide: compara dos resultados guardados con --guardar (p95 grande / p95 chica).",
        )
        parser.add_argument(
            "--serving",
            action="store_true",
            help="Mide el servidor de producción (gunicorn, DEBUG=off, WhiteNoise) bajo carga: páginas "
            "públicas contra un archivo estático y memoria de los workers.",
        )
        parser.add_argument("--clientes", type=int, default=6, help="Con --serving: clientes concurrentes.")
        parser.add_argument("--segundos", type=float, default=5.0, help="Con --serving: segundos por URL.")
        parser.add_argument("--workers", type=int, default=3, help="Con --serving: workers de gunicorn.")
        parser.add_argument(
            "--rondas", type=int, default=5, help="Con --serving: rondas en que se reparten los segundos."
        )

    def handle(
        self, *args, repeticiones, solo, guardar, compare, serving=False, contra_admin=False, **options
    ):
        if compare:
            self._comparar(*compare)
            return
        if serving:
            servir(
                self,
                solo=solo,
                clientes=options["clientes"],
                segundos=options["segundos"],
                workers=options["workers"],
                rondas=options["rondas"],
            )
            return
        if repeticiones < 1:
            raise CommandError("--repeticiones debe ser al menos 1.")
        tamanio = {"personas": Persona.objects.count(), "atenciones": Atencion.objects.count()}
        self.stdout.write(
            f"Base: {connection.vendor} · {tamanio['personas']} personas · {tamanio['atenciones']} atenciones"
            f" · {repeticiones} repeticiones"
        )
        self.stdout.write(
            f"{'página':<34} {'mediana ms':>10} {'p95 ms':>8} {'× piso':>7} {'consultas':>9} {'SQL ms':>7} "
            f"{'estado':>6}"
        )
        resultados = {}
        # Read-only on the benchmark database: the login lockout records nothing, and whatever a page
        # writes (the access log of a person page) is rolled back at the end.
        with (
            override_settings(
                DEBUG=True,
                ALLOWED_HOSTS=["*"],
                SECURE_SSL_REDIRECT=False,
                AXES_ENABLED=False,
                ROOT_URLCONF="atenciones.benchmark_urls",
            ),
            transaction.atomic(),
        ):
            piso = self._medir(*PISO, repeticiones)
            if piso is None:  # unreachable: the floor page's url is a constant
                raise CommandError("La página piso no tiene URL.")
            resultados[PISO[0]] = piso
            self._linea(PISO[0], piso, piso["p95"])
            for nombre, usuario, url_de in PAGINAS:
                if solo and solo not in nombre:
                    continue
                medida = self._medir(nombre, usuario, url_de, repeticiones)
                if medida is None:
                    self.stdout.write(f"{nombre:<34} (sin datos para medir)")
                    continue
                resultados[nombre] = medida
                self._linea(nombre, medida, piso["p95"])
            transaction.set_rollback(True)  # an exception rolls back too
        admin_defecto = self._contra_admin(resultados, repeticiones) if contra_admin else {}
        if guardar:
            datos = {"tamanio": tamanio, "repeticiones": repeticiones, "paginas": resultados}
            if admin_defecto:
                datos["admin_por_defecto"] = admin_defecto
            Path(guardar).write_text(json.dumps(datos, indent=1))
            self.stdout.write(f"Guardado en {guardar}")
        if not settings.DEBUG:
            self.stdout.write("(medido con DEBUG activo solo para contar consultas)")

    def _medir(self, nombre, usuario, url_de, repeticiones) -> dict | None:
        try:
            user = get_user_model().objects.get(username=usuario)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"Falta el usuario demo {usuario}: ejecute seed_demo.") from exc
        client = Client()
        # No UPDATE of auth_user.last_login: inside the run's transaction it would hold that row's
        # lock until the end, and a second benchmark on the same database would wait for it.
        conectado = user_logged_in.disconnect(dispatch_uid="update_last_login")
        try:
            client.force_login(user)
        finally:
            if conectado:
                user_logged_in.connect(update_last_login, dispatch_uid="update_last_login")
        url = url_de() if callable(url_de) else url_de
        if not url:
            return None
        client.get(url)  # warm-up
        tiempos, sql = [], []
        for _ in range(repeticiones):
            reset_queries()
            en_sql = [0.0]
            inicio = time.perf_counter()
            with connection.execute_wrapper(_cronometro(en_sql)):
                respuesta = client.get(url)
            tiempos.append((time.perf_counter() - inicio) * 1000)
            consultas = len(connection.queries)
            # The database's share of the request (as the driver saw it); the rest is Python:
            # the view, the forms and the templates.
            sql.append(en_sql[0] * 1000)
        return {
            "url": url,
            "mediana": statistics.median(tiempos),
            "p95": p95(tiempos),
            "consultas": consultas,
            "sql_mediana": statistics.median(sql),
            "estado": respuesta.status_code,
        }

    def _contra_admin(self, resultados, repeticiones) -> dict:
        """Each measured person search against Django admin's default search for the same query.
        The admin's database work (median of up to 3 runs: it scans the whole table) is compared
        with the staff search's own work (`busqueda`: median of as many runs after a warm-up) and
        with the staff page's p95 (`página`: the whole page, layout and rendering included)."""
        self.stdout.write(
            f"{'búsqueda':<34} {'equipo ms':>9} {'página p95':>10} {'admin ms':>9} {'× búsqueda':>10} "
            f"{'× página':>8} {'coincidencias':>13}"
        )
        salida = {}
        for nombre, tipo in BUSQUEDAS.items():
            medida = resultados.get(nombre)
            if medida is None:
                continue
            consulta = parse_qs(urlsplit(medida["url"]).query).get("q", [""])[0]
            veces = min(repeticiones, 3)
            admin_ms = statistics.median(self._cronometrar(busqueda_admin_por_defecto, consulta, veces))
            coincidencias = busqueda_admin_por_defecto(consulta) if veces == 0 else self._ultimo
            busqueda_equipo(consulta)  # warm-up
            equipo_ms = statistics.median(self._cronometrar(busqueda_equipo, consulta, repeticiones))
            razon = admin_ms / equipo_ms if equipo_ms else 0
            razon_pagina = admin_ms / medida["p95"] if medida["p95"] else 0
            salida[nombre] = {
                "tipo": tipo,
                "consulta": consulta,
                "admin_ms": admin_ms,
                "equipo_ms": equipo_ms,
                "razon": razon,
                "razon_pagina": razon_pagina,
            }
            self.stdout.write(
                f"{nombre:<34} {equipo_ms:>9.1f} {medida['p95']:>10.1f} {admin_ms:>9.1f} {razon:>10.1f} "
                f"{razon_pagina:>8.1f} {coincidencias:>13}"
            )
        return salida

    def _cronometrar(self, funcion, consulta, veces) -> list[float]:
        tiempos = []
        for _ in range(veces):
            inicio = time.perf_counter()
            self._ultimo = funcion(consulta)
            tiempos.append((time.perf_counter() - inicio) * 1000)
        return tiempos

    def _linea(self, nombre, m, piso_p95):
        razon = m["p95"] / piso_p95 if piso_p95 else 0
        self.stdout.write(
            f"{nombre:<34} {m['mediana']:>10.1f} {m['p95']:>8.1f} {razon:>7.1f} {m['consultas']:>9} "
            f"{m['sql_mediana']:>7.1f} {m['estado']:>6}"
        )

    def _comparar(self, chica, grande):
        try:
            a, b = (json.loads(Path(archivo).read_text()) for archivo in (chica, grande))
        except (OSError, ValueError) as exc:
            raise CommandError(f"No se pudo leer un resultado: {exc}") from exc
        ta, tb = a["tamanio"], b["tamanio"]
        self.stdout.write(
            f"Chica: {ta['personas']} personas / {ta['atenciones']} atenciones · "
            f"grande: {tb['personas']} personas / {tb['atenciones']} atenciones"
        )
        self.stdout.write(
            f"{'página':<34} {'p95 chica':>9} {'p95 grande':>10} {'grande/chica':>12} "
            f"{'× piso chica':>12} {'× piso grande':>13} {'consultas':>11}"
        )
        piso_a = a["paginas"].get("piso", {}).get("p95")
        piso_b = b["paginas"].get("piso", {}).get("p95")
        for nombre, ma in a["paginas"].items():
            mb = b["paginas"].get(nombre)
            if mb is None:
                continue
            razon = mb["p95"] / ma["p95"] if ma["p95"] else 0
            xa = ma["p95"] / piso_a if piso_a else 0
            xb = mb["p95"] / piso_b if piso_b else 0
            consultas = f"{ma['consultas']}→{mb['consultas']}"
            self.stdout.write(
                f"{nombre:<34} {ma['p95']:>9.1f} {mb['p95']:>10.1f} {razon:>12.2f} {xa:>12.1f} {xb:>13.1f} "
                f"{consultas:>11}"
            )

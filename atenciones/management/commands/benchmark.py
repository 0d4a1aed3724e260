import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import override_settings

from atenciones.benchmark import PAGINAS


class Command(BaseCommand):
    help = (
        "Mide el tiempo de las páginas del equipo sobre la base de datos actual (cargue antes "
        "`seed_demo --personas 200000 --atenciones 1000000`). Imprime mediana, p95 y consultas SQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repeticiones", type=int, default=10)
        parser.add_argument("--solo", help="Mide solo las páginas cuyo nombre contiene este texto.")

    def handle(self, *args, repeticiones, solo, **options):
        User = get_user_model()
        if repeticiones < 1:
            raise CommandError("--repeticiones debe ser al menos 1.")
        self.stdout.write(
            f"Base: {connection.vendor} · personas y atenciones según seed_demo · {repeticiones} repeticiones"
        )
        self.stdout.write(f"{'página':<40} {'mediana ms':>10} {'p95 ms':>8} {'consultas':>9} {'estado':>6}")
        # Read-only on the benchmark database: the login lockout records nothing, and whatever a page
        # writes (the access log of a person page) is rolled back at the end.
        with (
            override_settings(DEBUG=True, ALLOWED_HOSTS=["*"], SECURE_SSL_REDIRECT=False, AXES_ENABLED=False),
            transaction.atomic(),
        ):
            for nombre, usuario, url_de in PAGINAS:
                if solo and solo not in nombre:
                    continue
                try:
                    user = User.objects.get(username=usuario)
                except User.DoesNotExist as exc:
                    raise CommandError(f"Falta el usuario demo {usuario}: ejecute seed_demo.") from exc
                client = Client()
                client.force_login(user)
                url = url_de() if callable(url_de) else url_de
                if url is None:
                    self.stdout.write(f"{nombre:<40} (sin datos para medir)")
                    continue
                client.get(url)  # warm-up
                tiempos = []
                for _ in range(repeticiones):
                    reset_queries()
                    inicio = time.perf_counter()
                    respuesta = client.get(url)
                    tiempos.append((time.perf_counter() - inicio) * 1000)
                    consultas = len(connection.queries)
                p95 = sorted(tiempos)[max(0, int(len(tiempos) * 0.95) - 1)]
                self.stdout.write(
                    f"{nombre:<40} {statistics.median(tiempos):>10.1f} {p95:>8.1f} {consultas:>9} "
                    f"{respuesta.status_code:>6}"
                )
            transaction.set_rollback(True)  # an exception rolls back too
        if not settings.DEBUG:
            self.stdout.write("(medido con DEBUG activo solo para contar consultas)")

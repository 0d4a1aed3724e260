"""Time the indicators uncached (`calcular`, no cache) for a month, a year and three years."""

import datetime
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

from atenciones.indicadores import Periodo, calcular


def periodos(hoy: datetime.date) -> list[tuple[str, Periodo]]:
    anio_pasado = hoy.year - 1
    return [
        (
            "mes anterior",
            Periodo(
                (hoy.replace(day=1) - datetime.timedelta(days=1)).replace(day=1),
                hoy.replace(day=1) - datetime.timedelta(days=1),
            ),
        ),
        (f"año {anio_pasado}", Periodo(datetime.date(anio_pasado, 1, 1), datetime.date(anio_pasado, 12, 31))),
        ("últimos 365 días", Periodo(hoy - datetime.timedelta(days=364), hoy)),
        ("tres años", Periodo(hoy - datetime.timedelta(days=3 * 365 - 1), hoy)),
    ]


class Command(BaseCommand):
    help = (
        "Mide los indicadores sin caché (`calcular`) de un mes, un año calendario, los últimos 365 "
        "días y tres años sobre la base configurada: mediana y máximo en ms. No escribe nada."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repeticiones", type=int, default=3)
        parser.add_argument(
            "--crudo", action="store_true", help="También desde las atenciones (sin tablas resumen)."
        )
        parser.add_argument("--hasta", type=datetime.date.fromisoformat, help="Último día (por defecto hoy).")

    def handle(self, *args, **opciones):
        hoy = opciones["hasta"] or timezone.localdate()
        self.stdout.write(f"Base: {connection.vendor} {connection.settings_dict.get('NAME')}")
        for nombre, p in periodos(hoy):
            for crudo in (False, True) if opciones["crudo"] else (False,):
                tiempos = []
                for _ in range(opciones["repeticiones"]):
                    inicio = time.perf_counter()
                    datos = calcular(p, crudo=crudo)
                    tiempos.append((time.perf_counter() - inicio) * 1000)
                self.stdout.write(
                    f"{nombre:18} {p.desde}..{p.hasta} {'crudo ' if crudo else 'resumen'}: "
                    f"mediana {statistics.median(tiempos):7.0f} ms, máx {max(tiempos):7.0f} ms "
                    f"({datos['personas']['personas']:,} personas, {datos['personas']['atenciones']:,} atenciones)"
                )

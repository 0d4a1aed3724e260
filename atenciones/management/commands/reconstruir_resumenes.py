import time

from django.core.management.base import BaseCommand

from atenciones import resumenes


class Command(BaseCommand):
    help = (
        "Reconstruye exactamente, desde las atenciones, las tablas resumen de los indicadores "
        "(atenciones por día y canal, por día y tema, y personas por mes)."
    )

    def handle(self, *args, **options):
        inicio = time.perf_counter()
        filas = resumenes.reconstruir()
        detalle = ", ".join(f"{modelo}: {n}" for modelo, n in filas.items())
        self.stdout.write(f"Resúmenes reconstruidos en {time.perf_counter() - inicio:.1f} s ({detalle}).")

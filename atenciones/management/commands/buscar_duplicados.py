import time

from django.core.management.base import BaseCommand

from atenciones.services.duplicados import recalcular_todos


class Command(BaseCommand):
    help = (
        "Recalcula la cola de posibles duplicados de todo el registro (normalmente se mantiene sola: "
        "cada registro o edición la actualiza en segundo plano)."
    )

    def handle(self, *args, **options):
        inicio = time.monotonic()
        n = recalcular_todos()
        self.stdout.write(f"{n} personas revisadas en {time.monotonic() - inicio:.1f} s.")

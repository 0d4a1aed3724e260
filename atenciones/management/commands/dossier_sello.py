"""Build the Sello Migrante dossier for a period from the command line (and time it)."""

import datetime
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from atenciones.dossier import construir
from atenciones.dossier_xlsx import dossier_xlsx
from atenciones.indicadores import Periodo
from oficina.models import MAX_DIAS_PLAN


class Command(BaseCommand):
    help = "Genera el dossier Sello Migrante (XLSX) de un período y dice cuánto tardó."

    def add_arguments(self, parser):
        parser.add_argument("--desde", required=True, help="Primer día, AAAA-MM-DD.")
        parser.add_argument("--hasta", required=True, help="Último día, AAAA-MM-DD.")
        parser.add_argument("--salida", default="", help="Archivo XLSX a escribir (opcional).")

    def handle(self, *args, desde, hasta, salida, **options):
        try:
            p = Periodo(datetime.date.fromisoformat(desde), datetime.date.fromisoformat(hasta))
        except ValueError as error:
            raise CommandError("Escriba las fechas como AAAA-MM-DD.") from error
        if p.hasta < p.desde or p.dias > MAX_DIAS_PLAN:
            raise CommandError("El período va hacia atrás o pasa de tres años.")
        inicio = time.monotonic()
        d = construir(p)
        calculado = time.monotonic()
        contenido = dossier_xlsx(d, oficina=settings.OFICINA_NOMBRE, comuna=settings.COMUNA)
        fin = time.monotonic()
        if salida:
            with open(salida, "wb") as archivo:
                archivo.write(contenido)
        self.stdout.write(
            f"Dossier {p.desde}–{p.hasta}: cifras {calculado - inicio:.2f} s, XLSX {fin - calculado:.2f} s, "
            f"total {fin - inicio:.2f} s; {len(d.cuadro.valores)} conteos, {len(d.ocultos)} ocultos."
        )

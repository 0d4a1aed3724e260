import time

from django.core.management.base import BaseCommand

from atenciones.evaluacion import evaluar
from atenciones.selectors.duplicados import UMBRAL_DUPLICADO


class Command(BaseCommand):
    help = (
        "Mide la detección de duplicados y la búsqueda con datos de la base: personas reales con errores de "
        "escritura realistas (deben encontrarse) y personas parecidas que son otras (no deben marcarse). "
        "Imprime recall, precisión y la proporción de búsquedas mal escritas que muestran a la persona en la "
        "primera página: todas, y aparte las ambiguas (lo que se quiso escribir lo llevan más personas que "
        "una página) y las demás. No escribe nada."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--muestra", type=int, default=200, help="Personas de la muestra (por defecto 200)."
        )
        parser.add_argument("--semilla", type=int, default=11)
        parser.add_argument("--fallos", action="store_true", help="Lista los casos fallidos.")

    def handle(self, *args, muestra, semilla, fallos, **options):
        inicio = time.monotonic()
        r = evaluar(tamano=muestra, semilla=semilla)
        self.stdout.write(
            f"Muestra: {r.positivos} copias mal escritas, {r.negativos} personas parecidas que son otras "
            f"(umbral {UMBRAL_DUPLICADO} %)."
        )
        self.stdout.write(f"Recall:    {r.recall:.1%} ({r.verdaderos_positivos}/{r.positivos})")
        self.stdout.write(
            f"Precisión: {r.precision:.1%} ({r.verdaderos_positivos}/{r.verdaderos_positivos + r.falsos_positivos})"
        )
        self.stdout.write(
            f"Búsquedas mal escritas con la persona en la primera página ({r.por_pagina} por página, "
            f"todas las búsquedas): {r.pagina_uno:.1%} ({r.busquedas_pagina_uno}/{r.busquedas})"
        )
        self.stdout.write(
            f"  de ellas, ambiguas (lo que se quiso escribir lo llevan más de {r.por_pagina} personas): "
            f"{r.busquedas_ambiguas} (en la primera página: {r.busquedas_ambiguas_pagina_uno})"
        )
        self.stdout.write(
            f"  las demás, con la persona en la primera página: {r.pagina_uno_distinguibles:.1%} "
            f"({r.busquedas_distinguibles_pagina_uno}/{r.busquedas_distinguibles})"
        )
        self.stdout.write(f"Tiempo: {time.monotonic() - inicio:.1f} s")
        if fallos:
            for fallo in r.fallos:
                self.stdout.write("  " + " | ".join(str(x) for x in fallo))

"""Load the initial public content (guides, privacy notice) without any demo data."""

from typing import Any

from django.core.management.base import BaseCommand

from oficina.contenido import cargar_contenido_inicial


class Command(BaseCommand):
    help = "Carga las guías y el aviso de privacidad iniciales (es, ht, en) que aún no existen."

    def handle(self, *args: Any, **options: Any) -> None:
        creadas = cargar_contenido_inicial()
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Páginas informativas creadas: {creadas}."))

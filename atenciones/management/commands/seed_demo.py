import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from atenciones import demo, demo_identidad
from atenciones.models import Persona


class Command(BaseCommand):
    help = (
        "Carga datos de demostración deterministas (departamentos, red de apoyo, personas, atenciones, casos, "
        "derivaciones, usuarios demo). Ejecutarlo dos veces no cambia nada."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--personas", type=int, default=240, help="Total de personas (se completa hasta N)."
        )
        parser.add_argument("--atenciones", type=int, default=1200, help="Total de atenciones.")
        parser.add_argument("--force", action="store_true", help="Permite ejecutarlo con DEBUG desactivado.")

    def handle(self, *args, personas, atenciones, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo no se ejecuta con DEBUG desactivado (use --force si está seguro).")
        if personas < 0 or atenciones < 0:
            raise CommandError("--personas y --atenciones deben ser números positivos.")
        password = settings.DEMO_PASSWORD
        inicio = time.monotonic()
        log = self.stdout.write if options["verbosity"] > 0 else (lambda *_: None)
        usuarios = demo.cargar_referencia(password=password)
        from oficina.contenido import cargar_contenido_inicial

        cargar_contenido_inicial()
        # One person in 20 is a misspelled near-duplicate of another (issue #11), within the total.
        casi_duplicados = personas // 20
        demo.crear_personas(total=personas - casi_duplicados, usuarios=usuarios, log=log)
        demo_identidad.crear_casi_duplicados(cuantos=personas - Persona.objects.count(), log=log)
        if personas:
            demo.crear_atenciones(total=atenciones, usuarios=usuarios, log=log)
            demo.crear_casos(total=max(personas // 8, 1), usuarios=usuarios, log=log)
            demo.crear_derivaciones(total=max(atenciones // 15, 1), usuarios=usuarios, log=log)
            demo_identidad.crear_identidad(log=log)
        self.stdout.write(
            self.style.SUCCESS(f"Datos de demostración listos en {time.monotonic() - inicio:.1f} s.")
        )
        self.stdout.write("Usuarios de demostración (contraseña entre paréntesis):")
        for username, nombre, apellido, grupo, _sigla in demo.USUARIOS:
            self.stdout.write(f"  {username:<18} ({password})  {nombre} {apellido} · {grupo}")

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Sum

from atenciones import demo, demo_copia, demo_identidad, demo_sello, resumenes
from atenciones.models import Atencion, Persona, ResumenAtencionDia

# From this many persons + attentions, `--metodo auto` writes with COPY on PostgreSQL (issue 16);
# the demo's default size stays on the ORM path on both databases.
UMBRAL_COPY = 100_000


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
        parser.add_argument(
            "--metodo",
            choices=["auto", "orm", "copy"],
            default="auto",
            help=(
                "orm: bulk_create (cualquier base); copy: COPY de PostgreSQL (escala nacional); "
                f"auto: copy en PostgreSQL desde {UMBRAL_COPY:,} personas + atenciones, orm si no."
            ),
        )

    def handle(self, *args, personas, atenciones, force, metodo="auto", **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo no se ejecuta con DEBUG desactivado (use --force si está seguro).")
        if personas < 0 or atenciones < 0:
            raise CommandError("--personas y --atenciones deben ser números positivos.")
        if metodo == "copy" and connection.vendor != "postgresql":
            raise CommandError("--metodo copy necesita PostgreSQL.")
        copiar = metodo == "copy" or (
            metodo == "auto" and connection.vendor == "postgresql" and personas + atenciones >= UMBRAL_COPY
        )
        password = settings.DEMO_PASSWORD
        inicio = time.monotonic()
        log = self.stdout.write if options["verbosity"] > 0 else (lambda *_: None)
        usuarios = demo.cargar_referencia(password=password)
        from oficina.contenido import cargar_contenido_inicial

        cargar_contenido_inicial()
        if copiar:
            self._copiar(personas=personas, atenciones=atenciones, usuarios=usuarios, log=log)
        else:
            self._orm(personas=personas, atenciones=atenciones, usuarios=usuarios, log=log)
        demo_sello.crear_sello(usuarios=usuarios, log=log)
        self.stdout.write(
            self.style.SUCCESS(f"Datos de demostración listos en {time.monotonic() - inicio:.1f} s.")
        )
        self.stdout.write("Usuarios de demostración (contraseña entre paréntesis):")
        for username, nombre, apellido, grupo, _sigla in demo.USUARIOS:
            self.stdout.write(f"  {username:<18} ({password})  {nombre} {apellido} · {grupo}")

    def _copiar(self, *, personas, atenciones, usuarios, log):
        """PostgreSQL at national scale: every big table streamed with COPY (atenciones.demo_copia)."""
        nuevas = demo_copia.crear_personas(total=personas, usuarios=usuarios, log=log)
        if not personas:
            return
        nuevas += demo_copia.crear_atenciones(total=atenciones, usuarios=usuarios, log=log)
        nuevas += demo_copia.crear_casos(total=max(personas // 8, 1), usuarios=usuarios, log=log)
        nuevas += demo_copia.crear_derivaciones(total=max(atenciones // 15, 1), usuarios=usuarios, log=log)
        # Documents of persons an earlier ORM seed left without. The review queue of likely
        # duplicates is left to `manage.py buscar_duplicados` (minutes per thousand persons).
        nuevas += demo_identidad.crear_documentos(log=log)
        log("  cola de duplicados: ejecute `manage.py buscar_duplicados`")
        resumidas = ResumenAtencionDia.objects.aggregate(n=Sum("atenciones"))["n"] or 0
        if not nuevas and resumidas == Atencion.objects.count():
            # A second run with the same counts (and a completed first one): nothing to rebuild,
            # which takes over a minute at 10,000,000 attentions.
            return
        inicio = time.monotonic()
        log(f"Resúmenes de indicadores: {resumenes.reconstruir()} en {time.monotonic() - inicio:.1f} s")
        demo_copia.analizar(log=log)

    def _orm(self, *, personas, atenciones, usuarios, log):
        # One person in 20 is a misspelled near-duplicate of another (issue #11), within the total.
        casi_duplicados = personas // 20
        demo.crear_personas(total=personas - casi_duplicados, usuarios=usuarios, log=log)
        demo_identidad.crear_casi_duplicados(cuantos=personas - Persona.objects.count(), log=log)
        if personas:
            demo.crear_atenciones(total=atenciones, usuarios=usuarios, log=log)
            demo.crear_casos(total=max(personas // 8, 1), usuarios=usuarios, log=log)
            demo.crear_derivaciones(total=max(atenciones // 15, 1), usuarios=usuarios, log=log)
            demo_identidad.crear_identidad(log=log)
            # Attentions went in with bulk_create (no signals): rebuild the indicators' summaries.
            log(f"Resúmenes de indicadores: {resumenes.reconstruir()}")
        if connection.vendor == "postgresql":
            # Planner statistics now, not at autovacuum's next pass: a fresh 20,000-person demo
            # ran the duplicate evaluation in 136 s without them and in 5 s with them.
            demo_copia.analizar(log=log)

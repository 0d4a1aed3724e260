from django.core.management.base import BaseCommand

from atenciones.notificaciones import MAX_INTENTOS, reintentar_pendientes


class Command(BaseCommand):
    help = "Reintenta enviar los avisos por correo que fallaron (para cron, por ejemplo cada 15 minutos)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-intentos",
            type=int,
            default=MAX_INTENTOS,
            help="No reintenta los correos que ya fallaron este número de veces.",
        )

    def handle(self, *args, max_intentos, **options):
        enviados, fallidos = reintentar_pendientes(max_intentos=max_intentos)
        self.stdout.write(f"Correos enviados: {enviados}. Siguen fallando: {fallidos}.")

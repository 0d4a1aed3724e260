from django.core.management.base import BaseCommand

from atenciones.notificaciones import enviar_recordatorios


class Command(BaseCommand):
    help = (
        "Envía a cada enlace sus derivaciones vencidas y a cada profesional sus seguimientos del día "
        "(para cron, una vez al día; correrlo de nuevo el mismo día no repite correos)."
    )

    def handle(self, *args, **options):
        enviados = enviar_recordatorios()
        self.stdout.write(f"Recordatorios enviados: {enviados}.")

from django.core.management.base import BaseCommand

from atenciones.notificaciones import enviar_recordatorios, enviar_recordatorios_externos


class Command(BaseCommand):
    help = (
        "Envía a cada enlace sus derivaciones vencidas, a cada profesional sus seguimientos del día "
        "y a cada organización externa el aviso antes y después de su plazo (para cron, una vez al día; "
        "correrlo de nuevo el mismo día no repite correos)."
    )

    def handle(self, *args, **options):
        enviados = enviar_recordatorios()
        externos = enviar_recordatorios_externos()
        self.stdout.write(f"Recordatorios enviados: {enviados}. A organizaciones externas: {externos}.")

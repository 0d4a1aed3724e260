"""Retention (Ley 21.719): list persons with no activity for N years; with --apply, anonymise them
and delete access-log rows older than RETENCION_REGISTRO_ACCESOS_ANOS years.

Meant for cron, e.g. monthly: `python manage.py retencion --apply`. Prints ids and dates only, never names.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from atenciones.models import Persona
from atenciones.selectors.privacidad import personas_inactivas
from atenciones.services._auditoria import usuario_sistema
from atenciones.services.privacidad import anonimizar_persona, purgar_registro_accesos


class Command(BaseCommand):
    help = "Lista (y con --apply anonimiza) a las personas sin actividad durante N años."

    def add_arguments(self, parser):
        parser.add_argument(
            "--anos",
            type=int,
            default=None,
            help=f"años sin actividad (por defecto RETENCION_ANOS = {settings.RETENCION_ANOS})",
        )
        parser.add_argument("--apply", action="store_true", help="anonimizar a las personas listadas")

    def handle(self, *args: object, anos: int | None = None, apply: bool = False, **options: object) -> None:
        anos = settings.RETENCION_ANOS if anos is None else anos
        if anos < 1:
            raise CommandError("--anos debe ser 1 o más.")
        sistema = usuario_sistema() if apply else None
        personas = personas_inactivas(anos=anos)
        total = 0
        # Ids first: anonymising while a cursor walks the same table is asking for trouble.
        for pk, creado in list(personas.values_list("pk", "creado")):
            total += 1
            etiqueta = "anonimizada" if apply else "sin actividad"
            if apply:
                anonimizar_persona(persona=Persona(pk=pk), usuario=sistema)
            self.stdout.write(f"{etiqueta}: persona {pk} (registrada el {creado:%Y-%m-%d})")
        if apply:
            self.stdout.write(
                self.style.SUCCESS(f"{total} personas anonimizadas (sin actividad en {anos} años).")
            )
        else:
            self.stdout.write(
                f"{total} personas sin actividad en {anos} años. Use --apply para anonimizarlas."
            )
        anos_registro = settings.RETENCION_REGISTRO_ACCESOS_ANOS
        if apply:
            borrados = purgar_registro_accesos(anos=anos_registro, usuario=sistema)
            self.stdout.write(f"{borrados} registros de acceso borrados (anteriores a {anos_registro} años).")
        else:
            self.stdout.write(f"Con --apply se borra el registro de accesos anterior a {anos_registro} años.")

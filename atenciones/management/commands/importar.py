"""`manage.py importar ARCHIVO [--hoja NOMBRE] [--mapeo NOMBRE] [--dry-run]`: the import, same engine.

`manage.py importar --deshacer LOTE`: the undo of a batch, run here with its progress on the terminal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from atenciones.models import LoteImportacion, MapeoImportacion
from atenciones.services._auditoria import usuario_sistema
from atenciones.services.importacion import (
    crear_lote,
    deshacer_lote,
    ejecutar_deshacer,
    ejecutar_lote,
    importar_lote,
    simular_lote,
)


class Command(BaseCommand):
    help = "Importa una planilla de atenciones (XLSX o CSV). Termina con una línea de resumen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archivo", nargs="?")
        parser.add_argument(
            "--hoja", default="", help="Nombre de la hoja (por omisión, la primera con encabezados)."
        )
        parser.add_argument("--mapeo", default="", help="Nombre de un mapeo guardado.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Simula: informa cada fila y no escribe nada."
        )
        parser.add_argument(
            "--deshacer",
            type=int,
            metavar="LOTE",
            help="Deshace la importación de ese lote (sin ARCHIVO): elimina lo que creó.",
        )

    def handle(self, *args: Any, **opciones: Any) -> None:
        if opciones["deshacer"] is not None:
            self._deshacer(opciones["deshacer"])
            return
        if not opciones["archivo"]:
            raise CommandError("Indique el ARCHIVO a importar (o --deshacer LOTE).")
        ruta = Path(opciones["archivo"])
        if not ruta.is_file():
            raise CommandError(f"No existe el archivo {ruta}.")
        guardado = None
        if opciones["mapeo"]:
            guardado = MapeoImportacion.objects.filter(nombre=opciones["mapeo"]).first()
            if guardado is None:
                raise CommandError(f"No hay un mapeo guardado llamado «{opciones['mapeo']}».")
        sistema = usuario_sistema()
        try:
            with ruta.open("rb") as f:
                lote = crear_lote(
                    archivo=f,
                    nombre=ruta.name,
                    usuario=sistema,
                    hoja=opciones["hoja"],
                    mapeo_guardado=guardado,
                )
            lote = simular_lote(lote=lote, usuario=sistema, en_segundo_plano=False)
            lote = self._correr(lote)
            if not opciones["dry_run"] and lote.estado == LoteImportacion.Estado.SIMULADO:
                lote = importar_lote(lote=lote, usuario=sistema, en_segundo_plano=False)
                lote = self._correr(lote)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        if lote.estado == LoteImportacion.Estado.FALLIDO:
            raise CommandError(f"La importación falló: {lote.error}")
        if lote.cortada_en:
            self.stderr.write(
                f"Lectura detenida en la fila {lote.cortada_en}: demasiadas filas vacías seguidas."
            )
        prefijo = "Simulación" if lote.simulacion else "Importación"
        self.stdout.write(
            f"{prefijo} lote {lote.pk}: {lote.filas_leidas} filas leídas, {lote.personas_nuevas} personas nuevas, "
            f"{lote.personas_encontradas} personas encontradas, {lote.atenciones_nuevas} atenciones, "
            f"{lote.repetidas} ya importadas, {lote.errores} errores"
        )

    def _correr(self, lote: LoteImportacion) -> LoteImportacion:
        """Run the batch here (the command is its own worker), with a progress line on stderr."""
        ejecutar_lote(lote.pk, progreso=self._progreso)
        self.stderr.write("")
        return LoteImportacion.objects.get(pk=lote.pk)

    def _progreso(self, filas: int) -> None:
        self.stderr.write(f"\r{filas} filas procesadas…", ending="")
        self.stderr.flush()

    def _deshacer(self, lote_id: int) -> None:
        lote = LoteImportacion.objects.filter(pk=lote_id).first()
        if lote is None:
            raise CommandError(f"No existe el lote {lote_id}.")
        # An undo whose worker died is resumed here (one still running is refused).
        try:
            deshacer_lote(lote=lote, usuario=usuario_sistema(), en_segundo_plano=False)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        total = LoteImportacion.objects.get(pk=lote_id).deshacer_total

        def progreso(hechos: int) -> None:
            self.stderr.write(f"\r{hechos} / {total} registros eliminados…", ending="")
            self.stderr.flush()

        ejecutar_deshacer(lote_id, progreso=progreso)
        self.stderr.write("")
        lote = LoteImportacion.objects.get(pk=lote_id)
        if lote.estado == LoteImportacion.Estado.DESHACIENDO:
            raise CommandError(
                f"Otro proceso está deshaciendo el lote {lote_id}; su avance está en la página."
            )
        if lote.estado != LoteImportacion.Estado.DESHECHO:
            motivo = lote.error or "sus registros se usaron mientras tanto"
            raise CommandError(f"No se deshizo el lote {lote_id}: {motivo}")
        self.stdout.write(f"Lote {lote_id} deshecho: {lote.deshacer_hechos} registros eliminados.")

"""`manage.py benchmark_importacion N [--deshacer]`: N generated rows in the sample's shape, dry run,
import (and with --deshacer, the undo of the import).

The process is the worker (it runs the batch's job itself, as `manage.py importar` does): each
step prints its wall time, its CPU time and the peak memory. Run it on its own database, under
`/usr/bin/time -v` for the whole run's figures.
"""

from __future__ import annotations

import datetime
import random
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from openpyxl import Workbook

from atenciones.models import LoteImportacion
from atenciones.services._auditoria import usuario_sistema
from atenciones.services.importacion import (
    crear_lote,
    deshacer_lote,
    ejecutar_deshacer,
    ejecutar_lote,
    importar_lote,
    simular_lote,
)

ENCABEZADOS = [
    "N°", "Fecha", "Nombre", "Apellidos", "RUT/Pasaporte", "F. Nacimiento", "Edad", "Sexo",
    "Nacionalidad", "Teléfono", "Canal", "Motivo de consulta", "Observaciones",
]  # fmt: skip
NOMBRES = ["Mayerlin", "Dayana", "Yorgelis", "Wendy", "Stevenson", "Jocelyne", "Frantz", "Guerline", "Edison",
           "Yohana", "Rubén", "Lisbeth", "Génesis", "Anderson", "Kelly", "Miguel", "Rosa", "Teresa", "Jhon",
           "Dayanara", "Emmanuel", "Fritz", "Jimena", "Valentina", "Camila", "Sofía", "Mateo", "Samuel",
           "Yusmary", "Jean", "Rosángela", "Luis", "Marie", "Wilner", "Carlos", "Ana", "José", "Daniela",
           "Mirlande", "Kervens", "Andrea", "Pedro", "Nathalie", "Roberto", "Fabiola", "Jesús"]  # fmt: skip
APELLIDOS = ["Rodríguez", "Hernández", "García", "Martínez", "López", "Ramírez", "Flores", "Ramos", "Medina",
             "Aguilar", "Guerrero", "Charles", "Jean", "Saint-Fleur", "Dorvil", "Bastien", "Alexis", "Fleurant",
             "Cárdenas", "Chávez", "Huamán", "Condori", "Mejía", "Suárez", "Blanco", "Paredes", "Osorio",
             "Peña", "González", "Pierre", "Díaz", "Rojas", "Quispe", "Mamani", "Joseph", "Louis", "Mendoza",
             "Pérez", "Soto", "Jean-Baptiste", "Castillo", "Vargas", "Torres", "Silva", "Morales"]  # fmt: skip
NACIONALIDADES = [
    "venezolana",
    "Venezuela",
    "VEN",
    "haitiana",
    "Haití",
    "HT",
    "peruano",
    "colombiano",
    "boliviana",
]
SEXOS = ["F", "Fem.", "Mujer", "M", "Masc.", "Hombre"]
CANALES = ["Presencial", "WhatsApp", "telefono", "Terreno", "oficina", "Correo"]
TEMAS = [
    "Regularización / SERMIG",
    "Salud, FONASA",
    "Clases de español",
    "trabajo y vivienda",
    "Matrícula escolar",
    "RSH",
]


def _run(numero: int) -> str:
    cuerpo = str(numero)
    suma, factor = 0, 2
    for d in reversed(cuerpo):
        suma += int(d) * factor
        factor = 2 if factor == 7 else factor + 1
    dv = 11 - suma % 11
    return f"{cuerpo}-{'0' if dv == 11 else 'K' if dv == 10 else dv}"


def generar(n: int, ruta: Path, semilla: int = 12) -> None:
    """An XLSX of `n` attention rows: ~3 per person, dates in the formats offices use, some errors."""
    azar = random.Random(semilla)
    libro = Workbook(write_only=True)
    hoja = libro.create_sheet("Atenciones")
    hoja.append(["Registro de atenciones (generado para medir)"])
    hoja.append([])
    hoja.append(ENCABEZADOS)
    personas = max(1, n // 3)
    for i in range(n):
        p = azar.randrange(personas)
        r = random.Random(p)
        nombre = f"{r.choice(NOMBRES)} {r.choice(NOMBRES)}"
        apellidos = f"{r.choice(APELLIDOS)} {r.choice(APELLIDOS)}"
        nacimiento = datetime.date(1950, 1, 1) + datetime.timedelta(days=r.randrange(20000))
        tipo = p % 10
        documento = _run(20_000_000 + p) if tipo < 6 else (f"P{p:08d}" if tipo < 8 else "")
        dia = datetime.date(2019, 1, 1) + datetime.timedelta(days=azar.randrange(2000))
        formato = i % 4
        fecha: Any = (
            dia if formato == 0 else (dia - datetime.date(1899, 12, 30)).days if formato == 1
            else dia.strftime("%d-%m-%Y") if formato == 2 else dia.strftime("%d/%m/%y")
        )  # fmt: skip
        if i % 500 == 7:
            fecha = "31-02-2023"  # an impossible date: reported, not imported
        hoja.append([
            i + 1, fecha, nombre, apellidos, documento, nacimiento.strftime("%d-%m-%Y"), None,
            r.choice(SEXOS), r.choice(NACIONALIDADES), f"+5699{p:07d}"[:12], azar.choice(CANALES),
            azar.choice(TEMAS), "",
        ])  # fmt: skip
    libro.save(ruta)


class Command(BaseCommand):
    help = "Genera N filas con la forma de la muestra y mide la simulación y la importación."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("filas", type=int)
        parser.add_argument("--solo-simulacion", action="store_true")
        parser.add_argument("--deshacer", action="store_true", help="Después, mide el deshacer del lote.")

    def handle(self, *args: Any, filas: int, solo_simulacion: bool, deshacer: bool, **opciones: Any) -> None:
        sistema = usuario_sistema()
        with tempfile.TemporaryDirectory() as carpeta:
            ruta = Path(carpeta) / f"planilla_{filas}.xlsx"
            inicio = time.perf_counter()
            generar(filas, ruta)
            self.stdout.write(
                f"Generada: {filas} filas, {ruta.stat().st_size // 1024} KB en {time.perf_counter() - inicio:.1f} s"
            )
            self.stdout.write(f"Base: {connection.vendor}")
            # The same steps as `manage.py importar` (upload, dry run, import), each one timed.
            with ruta.open("rb") as f:
                lote = self._fase("Subida", lambda: crear_lote(archivo=f, nombre=ruta.name, usuario=sistema))
            simular_lote(lote=lote, usuario=sistema, en_segundo_plano=False)
            lote = self._fase("Simulación", lambda: self._correr(lote))
            if not solo_simulacion:
                importar_lote(lote=lote, usuario=sistema, en_segundo_plano=False)
                lote = self._fase("Importación", lambda: self._correr(lote))
                if deshacer:
                    deshacer_lote(lote=lote, usuario=sistema, en_segundo_plano=False)
                    self._fase("Deshacer", lambda: self._deshacer(lote))

    def _correr(self, lote: LoteImportacion) -> LoteImportacion:
        ejecutar_lote(lote.pk)
        lote = LoteImportacion.objects.get(pk=lote.pk)
        if lote.estado == LoteImportacion.Estado.FALLIDO:
            raise CommandError(f"La importación falló: {lote.error}")
        self.stdout.write(
            f"  {lote.filas_leidas} filas leídas, {lote.personas_nuevas} personas nuevas, "
            f"{lote.personas_encontradas} personas encontradas, {lote.atenciones_nuevas} atenciones, "
            f"{lote.repetidas} ya importadas, {lote.errores} errores"
        )
        return lote

    def _deshacer(self, lote: LoteImportacion) -> LoteImportacion:
        ejecutar_deshacer(lote.pk)
        lote = LoteImportacion.objects.get(pk=lote.pk)
        if lote.estado != LoteImportacion.Estado.DESHECHO:
            raise CommandError(f"El deshacer no terminó ({lote.estado}): {lote.error}")
        self.stdout.write(f"  {lote.deshacer_hechos} registros eliminados (personas y atenciones)")
        return lote

    def _fase(self, nombre: str, paso: Callable[[], LoteImportacion]) -> LoteImportacion:
        """Run a step; print its wall time, this process's CPU time and its peak memory so far
        (the database server's own CPU is not in the CPU figure)."""
        reloj, cpu = time.perf_counter(), time.process_time()
        resultado = paso()
        pico = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # Linux: kilobytes
        self.stdout.write(
            f"{nombre}: {time.perf_counter() - reloj:.1f} s de reloj, "
            f"{time.process_time() - cpu:.1f} s de CPU de este proceso, RSS máximo hasta aquí {pico} MB"
        )
        self.stdout.flush()
        return resultado

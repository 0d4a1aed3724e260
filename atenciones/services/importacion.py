"""Imports of spreadsheets: upload a file, map its columns, dry-run, import in the background, undo."""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from typing import IO, Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sello_migrante.tareas import encolar

from ..importacion import deshacer, motor
from ..importacion.lectura import ArchivoInvalido
from ..importacion.mapeo import buscar_encabezado, proponer_mapeo, validar_mapeo
from ..models import LoteImportacion, MapeoImportacion
from ..selectors.importacion import bloqueos_deshacer
from ._auditoria import NOMBRE_SISTEMA, actor, audita, usuario_sistema

EXTENSIONES = (".xlsx", ".xlsm", ".csv", ".txt")
Estado = LoteImportacion.Estado
# A running batch's worker updates `latido` after every chunk; older than this, it is presumed dead
# and a redelivered job resumes the batch.
LATIDO_VIVO = datetime.timedelta(minutes=3)


def _mapeo_desde(guardado: MapeoImportacion | None, encabezados: list[str]) -> dict[int, str]:
    from ..busqueda import normalizar_texto

    if guardado is None:
        return proponer_mapeo(encabezados)
    por_encabezado = guardado.columnas
    mapeo = {
        i: por_encabezado[normalizar_texto(e)]
        for i, e in enumerate(encabezados)
        if normalizar_texto(e) in por_encabezado
    }
    return mapeo or proponer_mapeo(encabezados)


def _leer_encabezados(lote: LoteImportacion, archivo: IO[bytes]) -> None:
    hojas, hoja = motor.hoja_de(archivo, lote.nombre_archivo, lote.hoja)
    lote.hojas = [h.nombre for h in hojas]
    lote.hoja = hoja.nombre
    lote.fila_encabezado, lote.encabezados = buscar_encabezado(hoja)


@audita()
@transaction.atomic
def crear_lote(
    *,
    archivo: IO[bytes],
    nombre: str,
    usuario: User,
    hoja: str = "",
    mapeo_guardado: MapeoImportacion | None = None,
) -> LoteImportacion:
    """Check and store an uploaded file; read its headings and propose a mapping.

    ValidationError (with the reason for the person who uploaded it) when the file is refused.
    """
    nombre = os.path.basename(nombre)[:200]
    if not nombre.lower().endswith(EXTENSIONES):
        raise ValidationError({"archivo": _("Suba una planilla Excel (.xlsx) o un archivo CSV.")})
    tamano = getattr(archivo, "size", None)
    if tamano is None:
        archivo.seek(0, os.SEEK_END)
        tamano = archivo.tell()
    archivo.seek(0)
    if tamano > settings.IMPORTACION_TAMANO_MAXIMO:
        raise ValidationError(
            {
                "archivo": _("El archivo pesa %(mb)s MB; el máximo es %(max)s MB. Divídalo en partes.")
                % {"mb": tamano // (1024 * 1024), "max": settings.IMPORTACION_TAMANO_MAXIMO // (1024 * 1024)}
            }
        )
    if tamano == 0:
        raise ValidationError({"archivo": _("El archivo está vacío.")})
    lote = LoteImportacion(
        nombre_archivo=nombre, hoja=hoja, creado_por=usuario, mapeo_guardado=mapeo_guardado
    )
    try:
        _leer_encabezados(lote, archivo)
    except ArchivoInvalido as exc:
        raise ValidationError({"archivo": str(exc)}) from None
    lote.mapeo = {str(i): c for i, c in _mapeo_desde(mapeo_guardado, lote.encabezados).items()}
    archivo.seek(0)
    lote.archivo.save(nombre, File(archivo, name=nombre), save=False)
    archivo_guardado = lote.archivo.name
    try:
        lote.save()
    except Exception:
        if archivo_guardado:
            lote.archivo.storage.delete(archivo_guardado)
        raise
    return lote


@audita()
@transaction.atomic
def ajustar_mapeo(
    *,
    lote: LoteImportacion,
    usuario: User,
    mapeo: dict[int, str],
    hoja: str | None = None,
    guardar_como: str = "",
) -> LoteImportacion:
    """Set the batch's sheet and column mapping (optionally saved by name for the next file)."""
    from ..busqueda import normalizar_texto

    if not lote.mapeo_editable:
        raise ValidationError(_("Este lote ya se importó; su mapeo no cambia."))
    if hoja is not None and hoja != lote.hoja:
        lote.hoja = hoja
        try:
            with lote.archivo.open("rb") as f:
                _leer_encabezados(lote, f)
        except ArchivoInvalido as exc:
            raise ValidationError({"hoja": str(exc)}) from None
        mapeo = proponer_mapeo(lote.encabezados)
    errores = validar_mapeo(mapeo)
    if errores:
        raise ValidationError({"__all__": errores})
    lote.mapeo = {str(i): c for i, c in sorted(mapeo.items())}
    if guardar_como:
        columnas = {
            normalizar_texto(lote.encabezados[i]): c for i, c in mapeo.items() if i < len(lote.encabezados)
        }
        guardado, _creado = MapeoImportacion.objects.update_or_create(
            nombre=guardar_como[:120], defaults={"columnas": columnas, "creado_por": usuario}
        )
        lote.mapeo_guardado = guardado
    lote.estado = Estado.MAPEO
    lote.filas.all().delete()
    lote.save()
    return lote


def _poner_en_cola(lote: LoteImportacion, simulacion: bool, en_segundo_plano: bool) -> None:
    errores = validar_mapeo({int(k): c for k, c in lote.mapeo.items()})
    if errores:
        raise ValidationError({"__all__": errores})
    lote.filas.all().delete()
    lote.simulacion = simulacion
    lote.estado = Estado.EN_COLA
    lote.error = ""
    lote.terminado = None
    lote.filas_leidas = lote.personas_nuevas = lote.personas_encontradas = 0
    lote.atenciones_nuevas = lote.repetidas = lote.errores = 0
    lote.save()
    if en_segundo_plano:
        encolar(ejecutar_lote, lote.pk, nombre=f"importacion {lote.pk}")


@audita()
@transaction.atomic
def simular_lote(*, lote: LoteImportacion, usuario: User, en_segundo_plano: bool = True) -> LoteImportacion:
    """Queue the dry run: every row's outcome, nothing written but the report."""
    lote = LoteImportacion.objects.select_for_update().get(pk=lote.pk)
    if not lote.mapeo_editable:
        raise ValidationError(_("Este lote ya se importó."))
    _poner_en_cola(lote, simulacion=True, en_segundo_plano=en_segundo_plano)
    return lote


@audita()
@transaction.atomic
def importar_lote(*, lote: LoteImportacion, usuario: User, en_segundo_plano: bool = True) -> LoteImportacion:
    """Queue the import (after a dry run)."""
    lote = LoteImportacion.objects.select_for_update().get(pk=lote.pk)
    if (
        lote.estado not in (Estado.SIMULADO, Estado.FALLIDO)
        or (lote.estado == Estado.FALLIDO and lote.simulacion)
        or lote.deshacer_fallido
    ):
        raise ValidationError(_("Revise la simulación antes de importar."))
    _poner_en_cola(lote, simulacion=False, en_segundo_plano=en_segundo_plano)
    return lote


@audita()
def ejecutar_lote(
    lote_id: int,
    *,
    usuario: User | None = None,
    progreso: Callable[[int], None] | None = None,
) -> LoteImportacion | None:
    """The background job: run the batch's dry run or import; resumes where a dead worker stopped.

    An unexpected failure marks the batch failed with its error (the rows done stay recorded and
    a new run continues after them); it never propagates to kill the worker.
    """
    lote = LoteImportacion.objects.filter(pk=lote_id).select_related("creado_por").first()
    if lote is None:
        return None
    with actor(_quien_actua(usuario, lote.creado_por)):
        return _ejecutar(lote_id, progreso)


def _quien_actua(usuario: User | None, *pedido_por: User | None) -> User | None:
    """Who a job acts for in the change history: the user a command run passes, unless it is the
    system user; else the first of those who asked for the job."""
    if usuario is not None and usuario.username != NOMBRE_SISTEMA:
        return usuario
    return next((u for u in pedido_por if u is not None), None)


def _latido_vivo(lote: LoteImportacion) -> bool:
    """A worker is on the batch: its last heartbeat is younger than LATIDO_VIVO."""
    return lote.latido is not None and timezone.now() - lote.latido < LATIDO_VIVO


def _fallar(lote: LoteImportacion, exc: Exception, **cambios: Any) -> LoteImportacion:
    """Mark the batch failed with a job's error (never raised: the worker goes on)."""
    lote.refresh_from_db()
    lote.estado = Estado.FALLIDO
    lote.error = str(exc)[:2000] or exc.__class__.__name__
    for campo, valor in cambios.items():
        setattr(lote, campo, valor)
    lote.save(update_fields=["estado", "error", *cambios])
    return lote


def _ejecutar(lote_id: int, progreso: Callable[[int], None] | None) -> LoteImportacion | None:
    with transaction.atomic():
        lote = LoteImportacion.objects.select_for_update().filter(pk=lote_id).first()
        if lote is None or lote.estado not in (Estado.EN_COLA, Estado.IMPORTANDO):
            return lote
        if lote.estado == Estado.IMPORTANDO and _latido_vivo(lote):
            return lote  # another worker is on it (this is a duplicate delivery)
        lote.estado = Estado.IMPORTANDO
        lote.latido = timezone.now()
        lote.save(update_fields=["estado", "latido"])
    try:
        with lote.archivo.open("rb") as f:
            _hojas, hoja = motor.hoja_de(f, lote.nombre_archivo, lote.hoja)
            motor.procesar(
                lote, hoja, usuario=lote.creado_por, profesional=usuario_sistema(), progreso=progreso
            )
    except Exception as exc:  # noqa: BLE001 - reported on the batch, never kills the worker
        return _fallar(lote, exc)
    lote.estado = Estado.SIMULADO if lote.simulacion else Estado.IMPORTADO
    if lote.simulacion:
        lote.total_filas = lote.filas_leidas
    lote.terminado = timezone.now()
    lote.save()
    return lote


@audita()
@transaction.atomic
def deshacer_lote(*, lote: LoteImportacion, usuario: User, en_segundo_plano: bool = True) -> LoteImportacion:
    """Queue the undo of an import (a background job: `ejecutar_deshacer`), if none of its records
    was used since; else list what blocks it. A failed undo, or one whose worker died (no heartbeat
    for LATIDO_VIVO), goes on from where it stopped; one that is running is left alone."""
    lote = LoteImportacion.objects.select_for_update().get(pk=lote.pk)
    if lote.estado == Estado.DESHACIENDO:
        # Queued (no heartbeat yet) or running: left alone.
        if lote.latido is None or _latido_vivo(lote):
            raise ValidationError(_("Esta importación ya se está deshaciendo; la página muestra su avance."))
        # Its worker stopped answering: the job again, which goes on with what is left.
        _encolar_deshacer(lote, en_segundo_plano)
        return lote
    if not lote.deshacible:
        raise ValidationError(_("Solo se puede deshacer una importación terminada."))
    bloqueos = bloqueos_deshacer(lote)
    if bloqueos:
        raise ValidationError([_("No se puede deshacer: %(motivo)s") % {"motivo": b} for b in bloqueos])
    if lote.deshacer_total is None:
        lote.deshacer_total = deshacer.por_deshacer(lote)
        lote.deshacer_hechos = 0
    lote.estado = Estado.DESHACIENDO
    lote.deshecho_por = usuario
    lote.error = ""
    lote.latido = None
    lote.save()
    _encolar_deshacer(lote, en_segundo_plano)
    return lote


def _encolar_deshacer(lote: LoteImportacion, en_segundo_plano: bool) -> None:
    if en_segundo_plano:
        encolar(ejecutar_deshacer, lote.pk, nombre=f"deshacer importacion {lote.pk}")


@audita()
def ejecutar_deshacer(
    lote_id: int,
    *,
    usuario: User | None = None,
    progreso: Callable[[int], None] | None = None,
) -> LoteImportacion | None:
    """The background job of an undo: delete the batch's records in chunks, resuming where a dead
    worker stopped; an unexpected failure marks the batch failed with its error (never raised)."""
    lote = LoteImportacion.objects.filter(pk=lote_id).select_related("deshecho_por", "creado_por").first()
    if lote is None:
        return None
    with actor(_quien_actua(usuario, lote.deshecho_por, lote.creado_por)):
        return _deshacer(lote_id, progreso)


def _deshacer(lote_id: int, progreso: Callable[[int], None] | None) -> LoteImportacion | None:
    with transaction.atomic():
        lote = LoteImportacion.objects.select_for_update().filter(pk=lote_id).first()
        if lote is None or lote.estado != Estado.DESHACIENDO:
            return lote
        if _latido_vivo(lote):
            return lote  # another worker is on it (this is a duplicate delivery)
        if lote.deshacer_hechos == 0:
            # Nothing deleted yet: what was used since it was asked for blocks it still.
            bloqueos = bloqueos_deshacer(lote)
            if bloqueos:
                lote.estado = Estado.IMPORTADO
                lote.deshacer_total = None
                lote.save(update_fields=["estado", "deshacer_total"])
                return lote
        lote.latido = timezone.now()
        lote.save(update_fields=["latido"])
    try:
        deshacer.deshacer(lote, progreso)
    except Exception as exc:  # noqa: BLE001 - reported on the batch, never kills the worker
        return _fallar(lote, exc, latido=None)
    with transaction.atomic():
        lote.refresh_from_db()
        lote.estado = Estado.DESHECHO
        lote.deshecho = timezone.now()
        lote.latido = None
        _borrar_archivo(lote)
        lote.save()
    return lote


def _borrar_archivo(lote: LoteImportacion) -> None:
    nombre = lote.archivo.name
    if nombre:  # the same test as `if lote.archivo`
        storage = lote.archivo.storage
        transaction.on_commit(lambda: storage.delete(nombre))
        lote.archivo = ""


@audita()
@transaction.atomic
def borrar_archivos_vencidos(*, usuario: User | None = None) -> int:
    """Delete the files of batches that can no longer be undone (past the undo window, undone,
    or never imported); returns how many."""
    limite = timezone.now() - datetime.timedelta(days=settings.IMPORTACION_DIAS_DESHACER)
    vencidos = (
        LoteImportacion.objects.exclude(archivo="")
        .filter(creado__lt=limite)
        .exclude(estado__in=[Estado.EN_COLA, Estado.IMPORTANDO, Estado.DESHACIENDO])
    )
    n = 0
    for lote in vencidos:
        _borrar_archivo(lote)
        lote.save(update_fields=["archivo"])
        n += 1
    return n

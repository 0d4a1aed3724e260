"""Shared steps of the import tests: a file imported, a batch undone (each job run in the test)."""

import io
from pathlib import Path

from atenciones.models import LoteImportacion
from atenciones.services.importacion import (
    crear_lote,
    deshacer_lote,
    ejecutar_deshacer,
    ejecutar_lote,
    importar_lote,
    simular_lote,
)

from .muestra import XLSX


def importado(
    usuario, ruta: Path = XLSX, *, contenido: bytes | None = None, hoja: str = ""
) -> LoteImportacion:
    """Upload, dry run and import a file (`contenido` under `ruta`'s name, if given)."""
    datos = contenido if contenido is not None else ruta.read_bytes()
    lote = crear_lote(archivo=io.BytesIO(datos), nombre=ruta.name, usuario=usuario, hoja=hoja)
    simular_lote(lote=lote, usuario=usuario, en_segundo_plano=False)
    ejecutar_lote(lote.pk)
    importar_lote(lote=lote, usuario=usuario, en_segundo_plano=False)
    ejecutar_lote(lote.pk)
    lote.refresh_from_db()
    assert lote.estado == LoteImportacion.Estado.IMPORTADO, lote.error
    return lote


def deshecho(lote: LoteImportacion, usuario) -> LoteImportacion:
    """Ask for the undo and run its job here."""
    deshacer_lote(lote=lote, usuario=usuario, en_segundo_plano=False)
    ejecutar_deshacer(lote.pk)
    lote.refresh_from_db()
    return lote

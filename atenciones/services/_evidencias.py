"""Checks on an uploaded evidence file: type by extension and first bytes, size, a clean name."""

import os
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from oficina.models import Evidencia

# What an evidence file may be: extension → the bytes the file must start with.
FIRMAS = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
}
TIPO_POR_EXTENSION = {".png": Evidencia.Tipo.FOTO, ".jpg": Evidencia.Tipo.FOTO, ".jpeg": Evidencia.Tipo.FOTO}


def max_bytes_evidencia() -> int:
    return settings.EVIDENCIA_MAX_MB * 1024 * 1024


def nombre_seguro(nombre: str) -> str:
    """The file's own name, refused when it carries a path, a script type or control characters."""
    if not nombre or "/" in nombre or "\\" in nombre or nombre.startswith(".") or ".." in nombre:
        raise ValidationError(
            {"archivo": _("El nombre del archivo no puede contener rutas: renómbrelo y vuelva a subirlo.")}
        )
    if re.search(r"[\x00-\x1f<>\"'`]", nombre):
        raise ValidationError(
            {"archivo": _("El nombre del archivo tiene caracteres no permitidos: renómbrelo.")}
        )
    base, extension = os.path.splitext(nombre)
    if extension.lower() not in FIRMAS:
        raise ValidationError(
            {"archivo": _("Tipo de archivo no permitido. Suba PDF, JPG, PNG, DOCX, XLSX, ODT u ODS.")}
        )
    limpio = get_valid_filename(base)[:100] or "evidencia"
    return f"{limpio}{extension.lower()}"


def revisar_archivo(archivo: UploadedFile) -> str:
    nombre = nombre_seguro(archivo.name or "")
    if (archivo.size or 0) > max_bytes_evidencia():
        raise ValidationError(
            {"archivo": _("El archivo pesa más de %(mb)s MB: redúzcalo.") % {"mb": settings.EVIDENCIA_MAX_MB}}
        )
    if not archivo.size:
        raise ValidationError({"archivo": _("El archivo está vacío.")})
    archivo.seek(0)
    inicio = archivo.read(16)
    archivo.seek(0)
    if not inicio.startswith(FIRMAS[os.path.splitext(nombre)[1]]):
        raise ValidationError({"archivo": _("El contenido del archivo no corresponde a su extensión.")})
    return nombre

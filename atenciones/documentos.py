"""Identity documents: normalisation and RUN check digit (python-stdnum's Chilean RUT)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.cl import rut

from .choices import TipoDocumento

# Normalised RUN as stored: digits then check digit (0-9 or K), no dots or dash.
RUN_NORMALIZADO_REGEX = r"^[1-9][0-9]{0,8}[0-9K]$"


def normalizar_documento(tipo, numero):
    """Document number as stored: upper case, without dots, dashes or spaces."""
    numero = (numero or "").strip()
    if tipo == TipoDocumento.RUN:
        return rut.compact(numero).upper()
    return re.sub(r"[\s.\-/]", "", numero).upper()


def validar_run(numero):
    """Raise ValidationError unless `numero` is a RUN with a correct módulo 11 check digit."""
    try:
        rut.validate(numero)
    except stdnum_exceptions.InvalidChecksum:
        raise ValidationError(
            _("El dígito verificador del RUN no corresponde. Revise el número."), code="run_digito"
        ) from None
    except stdnum_exceptions.ValidationError:
        raise ValidationError(
            _("El RUN no tiene un formato válido (ejemplo: 12.345.678-5)."), code="run_formato"
        ) from None


def formatear_documento(tipo, numero):
    """Display form of a stored document number."""
    if tipo == TipoDocumento.RUN and numero:
        return rut.format(numero)
    return numero


def normalizar_telefono(telefono):
    """Digits only (with a leading + kept), for search and deduplication."""
    telefono = (telefono or "").strip()
    digitos = re.sub(r"\D", "", telefono)
    return f"+{digitos}" if telefono.startswith("+") and digitos else digitos


def validar_documento(tipo, numero):
    """The normalised number, or ValidationError with a message for its type."""
    if tipo == TipoDocumento.NINGUNO:
        raise ValidationError(_("Elija el tipo de documento."), code="tipo")
    if not (numero or "").strip():
        raise ValidationError(_("Indique el número del documento."), code="vacio")
    if tipo == TipoDocumento.RUN:
        validar_run(numero)
    normalizado = normalizar_documento(tipo, numero)
    if tipo == TipoDocumento.PASAPORTE and not re.fullmatch(r"[A-Z0-9]{5,20}", normalizado):
        raise ValidationError(
            _("Un pasaporte tiene de 5 a 20 letras y números, sin otros signos."), code="pasaporte"
        )
    if not re.fullmatch(r"[A-Z0-9]{2,30}", normalizado):
        raise ValidationError(_("El número solo puede tener letras y números."), code="caracteres")
    return normalizado

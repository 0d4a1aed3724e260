"""Django admin of the casework, one module per concern."""

from . import atenciones, casos, derivaciones, identidad, importacion, personas, privacidad  # noqa: F401

"""Django admin of the casework, one module per concern."""

from . import atenciones, casos, derivaciones, identidad, personas, privacidad  # noqa: F401

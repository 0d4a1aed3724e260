"""Django admin of the casework, one module per concern."""

from . import atenciones, casos, derivaciones, personas, privacidad  # noqa: F401

"""Django admin of the casework, one module per concern."""

from . import casework, casos, derivaciones, privacidad  # noqa: F401

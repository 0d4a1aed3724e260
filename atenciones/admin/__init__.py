"""Django admin of the casework, one module per concern."""

from . import casework, derivaciones, privacidad  # noqa: F401

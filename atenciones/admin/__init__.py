"""Django admin of the casework, one module per concern."""

from . import casework, casos, derivaciones  # noqa: F401

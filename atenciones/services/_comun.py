"""Helpers shared by the service modules."""

from django.core.exceptions import ValidationError


class TransicionInvalida(ValidationError):
    """A referral move that the state machine does not allow, or a stale one."""


def guardar(instancia, **kwargs):
    """Validate (fields, clean, constraints) then save."""
    instancia.full_clean()
    instancia.save(**kwargs)
    return instancia

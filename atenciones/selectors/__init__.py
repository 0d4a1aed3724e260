"""Reusable reads of the casework, one module per concern (mirroring `atenciones.services`).

Import from the module: `from atenciones.selectors.derivaciones import bandeja_de`.
"""

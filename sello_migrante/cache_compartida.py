"""The shared cache's table: `migrate` creates it when the cache is Django's database cache."""

from typing import Any

from django.conf import settings
from django.core.management import call_command


def crear_tabla_cache(using: str = "default", **kwargs: Any) -> None:
    """post_migrate: `createcachetable` (does nothing when the table exists or the cache is not a table)."""
    if any(c["BACKEND"].endswith("DatabaseCache") for c in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)

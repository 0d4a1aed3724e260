"""Helpers to point the "replica" alias at a database while a test runs."""

import contextlib

from django.db import connections
from django.db.utils import load_backend

from sello_migrante import routers


@contextlib.contextmanager
def alias_replica(settings, **conexion):
    """DATABASES["replica"] and its connection for the duration of the block.

    The connection is made by hand, outside the handler's settings: the test case allows such
    "dynamically created" connections and forbids aliases configured behind its back.
    """
    base = {**connections["default"].settings_dict, **conexion}
    base.pop("TEST", None)
    settings.DATABASES = {**settings.DATABASES, "replica": base}
    conexion_replica = load_backend(base["ENGINE"]).DatabaseWrapper(base, "replica")
    connections["replica"] = conexion_replica
    routers.olvidar_caida()
    try:
        yield conexion_replica
    finally:
        conexion_replica.close()
        del connections["replica"]
        routers.olvidar_caida()

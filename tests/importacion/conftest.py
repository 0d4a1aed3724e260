"""The import tests keep uploaded spreadsheets on the local disk (MEDIA_ROOT, a temporary folder
set by tests/conftest.py), even where the settings name an S3 bucket."""

import pytest


@pytest.fixture(autouse=True)
def _almacen_local(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }

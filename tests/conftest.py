"""The shared cast: office head, professional, liaisons of Salud and Educación, an outsider."""

import pytest
from django.conf import settings

from oficina import roles
from oficina.choices import Area

from .factories import DepartamentoFactory, MembresiaFactory, UserFactory


def pytest_configure(config):
    # Fast tests: a cheap hasher and a local cache.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Uploaded evidence goes to a throwaway folder, one per test process.
    import tempfile

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="sm-media-")
    # Background tasks run in-process, right after commit (tests/test_tareas.py checks the queue).
    from django_q.conf import Conf

    Conf.SYNC = True


@pytest.fixture
def salud(db):
    return DepartamentoFactory(
        nombre="Salud Municipal", sigla="Salud", area=Area.SALUD, plazo_respuesta_dias=5
    )


@pytest.fixture
def educacion(db):
    return DepartamentoFactory(
        nombre="SLEP Valparaíso", sigla="SLEP", area=Area.EDUCACION, plazo_respuesta_dias=7
    )


@pytest.fixture
def encargada(db):
    return UserFactory(username="encargada", grupo=roles.ENCARGADA, is_staff=True)


@pytest.fixture
def profesional(db):
    return UserFactory(username="profesional", grupo=roles.PROFESIONAL)


@pytest.fixture
def enlace_salud(salud):
    return MembresiaFactory(
        usuario=UserFactory(username="enlace.salud", grupo=roles.ENLACE), departamento=salud
    ).usuario


@pytest.fixture
def enlace_educacion(educacion):
    return MembresiaFactory(
        usuario=UserFactory(username="enlace.educacion", grupo=roles.ENLACE), departamento=educacion
    ).usuario


@pytest.fixture
def extrano(db):
    """A signed-in user with no role at all."""
    return UserFactory(username="extrano")


@pytest.fixture(autouse=True)
def _archivos_subidos_temporales(settings, tmp_path_factory):
    """Uploaded files (the import's spreadsheets) go to a temporary folder, never the repository."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))

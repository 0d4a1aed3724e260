import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _cache_limpia():
    # Public pages are cached: every test starts from an empty cache.
    cache.clear()
    yield
    cache.clear()

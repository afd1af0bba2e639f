import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no stored pages and no content version from an earlier test."""
    cache.clear()
    yield
    cache.clear()

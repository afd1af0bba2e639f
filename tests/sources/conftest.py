import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no stored pages from an earlier test."""
    cache.clear()
    yield
    cache.clear()

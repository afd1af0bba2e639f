import pytest
from django.core.cache import caches

from newsroom.caching import forget_fingerprint


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Every test writes uploads to its own folders."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no stored pages, no content version and no rate-limit counts from
    an earlier test."""
    for each in caches.all():
        each.clear()
    forget_fingerprint()
    yield
    for each in caches.all():
        each.clear()
    forget_fingerprint()

"""Redis stopped and started again under the site: pages are served uncached meanwhile, and
stored again once it is back. And the deploy check that asks Redis how it is bounded."""

import pytest
import redis
from django.test import override_settings

from newsroom.redis_cache import check_redis_evicts
from tests.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(redis_server):
    url = redis_server.url
    with override_settings(
        CACHES={"default": {"BACKEND": "newsroom.redis_cache.RedisCache", "LOCATION": url}}
    ):
        yield redis.Redis.from_url(url)


def test_pages_are_served_uncached_while_redis_is_stopped(client, redis_server, redis_cache):
    make_event(slug="start", title="Forces cross", start_day=6)
    redis_cache.flushall()
    first = client.get("/timeline/")
    assert redis_cache.dbsize() > 0  # stored, with the content version
    redis_server.stop()
    try:
        for _ in range(3):
            response = client.get("/timeline/?utm_source=x")
            assert response.status_code == 200
            assert "Forces cross" in response.text
    finally:
        redis_server.start()
    assert redis_cache.dbsize() == 0  # a restarted Redis holds nothing
    assert client.get("/timeline/").content == first.content
    assert redis_cache.dbsize() > 0  # and stores again, with nothing restarted


def test_the_deploy_check_warns_unless_redis_evicts_when_full(redis_cache):
    assert check_redis_evicts(None) == []  # maxmemory 64mb, allkeys-lru (conftest.py)
    try:
        redis_cache.config_set("maxmemory-policy", "noeviction")
        assert [warning.id for warning in check_redis_evicts(None)] == ["newsroom.W003"]
        redis_cache.config_set("maxmemory", "0")
        assert [warning.id for warning in check_redis_evicts(None)] == ["newsroom.W002"]
    finally:
        redis_cache.config_set("maxmemory", "64mb")
        redis_cache.config_set("maxmemory-policy", "allkeys-lru")

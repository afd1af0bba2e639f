"""Django's Redis cache, keeping one redis-py client per server rather than making one per call.

Django's client makes a new ``redis.Redis`` for every cache operation; with redis-py 8 making
one (its table of reply parsers) costs more than the round trip to Redis itself, which a stored
page pays on every request. A ``redis.Redis`` is safe to share between threads: it borrows a
connection from its pool for each command.

Redis is a cache here, never the only copy of anything readers need: it must evict when full.
The deploy check below says when it would refuse writes instead.
"""

from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.core.cache.backends import redis
from django.utils.functional import cached_property
from redis.exceptions import RedisError

# What a cache operation raises when Redis is stopped, unreachable, or refuses a write.
CACHE_UNAVAILABLE = (RedisError,)


class ClientKeepingRedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    @cached_property
    def _cache(self):
        return ClientKeepingRedisCacheClient(self._servers, **self._options)


@checks.register(checks.Tags.caches, deploy=True)
def check_redis_evicts(app_configs, **kwargs):
    """Warn when a Redis cache has no memory bound, or would refuse writes on reaching it."""
    found = []
    for alias in settings.CACHES:
        backend = caches[alias]
        if not isinstance(backend, redis.RedisCache):
            continue
        try:
            config = backend._cache.get_client(write=True).config_get("maxmemory*")
        except RedisError as error:
            found.append(
                checks.Warning(
                    f"Could not read the memory settings of the Redis server behind the "
                    f"{alias!r} cache: {error}",
                    hint="Make sure it evicts when full (maxmemory with allkeys-lru).",
                    id="newsroom.W001",
                )
            )
            continue
        if int(config.get("maxmemory", 0)) == 0:
            found.append(
                checks.Warning(
                    f"The Redis server behind the {alias!r} cache has no memory bound, so "
                    "stored pages grow it until the machine runs out of memory.",
                    hint="Set maxmemory (for example 512mb) and maxmemory-policy allkeys-lru.",
                    id="newsroom.W002",
                )
            )
        elif config.get("maxmemory-policy") == "noeviction":
            found.append(
                checks.Warning(
                    f"The Redis server behind the {alias!r} cache refuses writes when full "
                    "(maxmemory-policy noeviction).",
                    hint="Set maxmemory-policy allkeys-lru, so the oldest pages make room.",
                    id="newsroom.W003",
                )
            )
    return found

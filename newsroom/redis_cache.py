"""Django's Redis cache, keeping one redis-py client per server rather than making one per call.

Django's client makes a new ``redis.Redis`` for every cache operation; with redis-py 8 making
one (its table of reply parsers) costs more than the round trip to Redis itself, which a stored
page pays on every request. A ``redis.Redis`` is safe to share between threads: it borrows a
connection from its pool for each command.
"""

from django.core.cache.backends import redis
from django.utils.functional import cached_property


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

"""Django's Redis cache, keeping one redis-py client per server rather than making one per call.

Django's client makes a new ``redis.Redis`` for every cache operation; with redis-py 8 making
one (its table of reply parsers) costs more than the round trip to Redis itself, which a stored
page pays on every request. A ``redis.Redis`` is safe to share between threads: it borrows a
connection from its pool for each command.

Redis is a cache here, never the only copy of anything readers need: it must evict when full.
The deploy check below says when it would refuse writes instead.
"""

import os
import threading

from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.core.cache.backends import redis
from django.utils.functional import cached_property
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError, ResponseError

# What a cache operation raises when Redis is stopped, unreachable, or refuses a write.
CACHE_UNAVAILABLE = (RedisError,)


class ClientKeepingRedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        # Told of every write before it is sent, with its key, or None for several or all.
        self.before_writes = []  # (TrackedReads.drop)

    def get_client(self, key=None, *, write=False):
        if write:
            for told in self.before_writes:
                told(key)
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    @cached_property
    def _cache(self):
        return ClientKeepingRedisCacheClient(self._servers, **self._options)

    @cached_property
    def _tracked(self):
        return TrackedReads(self._cache)

    def get_tracked(self, key):
        """The value of ``key`` (None when it has none), read from Redis only when this process
        does not hold it yet or Redis has said it changed since (``TrackedReads``)."""
        return self._tracked.get(self.make_and_validate_key(key))


class TrackingRefused(RedisError):
    """The server does not speak RESP3 or track keys."""


class TrackedReads:
    """Values read from Redis once and kept in the process until Redis says they changed.

    This is Redis's client-side caching: the connection turns ``CLIENT TRACKING`` on and
    speaks RESP3, so the server remembers the keys it read and, on any write to one (or its
    expiry, eviction or a flush), pushes an invalidation down the same connection. Before each
    read, the invalidations waiting on the socket are taken off it with a poll that does not
    wait; a kept value is answered only when none is waiting. Redis makes an invalidation
    while it executes the write, but sends it down this connection when it gets to it: a read
    made the moment another connection was told "OK" can come first (a few in ten thousand,
    measured here). So a write made through this process's cache drops what the process kept
    of its key before it is sent, and the next read of that key asks Redis; another process's
    write is seen once its invalidation is here. A lost connection forgets everything kept,
    since the invalidations it would have carried are lost.

    redis-py's own client-side cache refuses servers older than Redis 7.4, and Debian 12 ships
    7.0; tracking itself has been in Redis since 6.0. A server that refuses it (an older one, or
    one that renamed the CLIENT command away) is read on every call, as any other value.
    """

    def __init__(self, client):
        self._client = client  # the cache's RedisCacheClient: its pools and its serializer
        self._lock = threading.Lock()
        self._connection = None
        self._pid = None
        self._values = {}
        self._refused = False
        client.before_writes.append(self.drop)

    def get(self, key):
        if self._refused:
            return self._client.get(key, None)
        with self._lock:
            try:
                return self._read_or_forget(key)
            except RedisConnectionError:
                # A connection that Redis closed, on a restart say, is found dead on first use:
                # once more on a new one, which is refused only if Redis is still away.
                return self._read_or_forget(key)
            except TrackingRefused:
                self._refused = True
        return self._client.get(key, None)

    def _read_or_forget(self, key):
        try:
            return self._read(key)
        except RedisError:
            self._forget()
            raise

    def _read(self, key):
        connection = self._connected()
        while connection.can_read(timeout=0):
            connection.read_response(push_request=True)  # an invalidation: see _invalidated
        kept = self._values.get(key)  # one lookup: a write in another thread may drop them
        if kept is not None:
            return kept
        connection.send_command("GET", key)
        raw = connection.read_response()
        if raw is None:
            return None  # nothing kept: the value a missing key gets is for the caller to add
        value = self._values[key] = self._client._serializer.loads(raw)
        return value

    def _connected(self):
        if self._connection is not None and self._pid == os.getpid():
            return self._connection
        # A forked worker must not share its parent's socket: it makes its own.
        self.drop()
        pool = self._client._get_connection_pool(write=False)
        connection = pool.connection_class(**{**pool.connection_kwargs, "protocol": 3})
        self._connection, self._pid = connection, os.getpid()
        try:
            connection.connect()  # says HELLO 3
            connection._parser.set_invalidation_push_handler(self._invalidated)
            connection.send_command("CLIENT", "TRACKING", "ON")
            connection.read_response()
        except ResponseError as error:
            raise TrackingRefused(error) from error
        return connection

    def _invalidated(self, message):
        # ["invalidate", [keys]], or no keys for a flush. Few values are kept: drop them all.
        self.drop()

    def drop(self, key=None):
        if key is None:
            self._values = {}
        else:
            self._values.pop(key, None)

    def _forget(self):
        if self._connection is not None and self._pid == os.getpid():
            self._connection.disconnect()
        self._connection = None
        self.drop()


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

"""Who a sender is, without knowing their address, and how often they may send.

A sender is an HMAC-SHA256 of their network address under a key derived from ``SECRET_KEY``: the
same sender always gets the same hash, and without the key nobody can tell from it who sent what.
The raw address is never stored, logged or used as a cache key. Counts live in the cache
framework (the ``ratelimit`` cache), so under several workers or servers they hold only when those
share it (``REDIS_URL``). Each hit is counted and checked in one atomic step (``Limit.take``).
When Redis is down the counts cannot be read, and callers are told so (``RateLimitUnavailable``)
rather than let through: submissions fail closed.
"""

import ipaddress
import math
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.utils.crypto import salted_hmac
from redis.exceptions import RedisError

SENDER_SALT = "newsroom.moderation.sender"


def sender_hash(request):
    """The sender's hash, from ``REMOTE_ADDR`` only: a header the client sends proves nothing."""
    network = _network(request.META.get("REMOTE_ADDR", ""))
    return salted_hmac(SENDER_SALT, network, algorithm="sha256").hexdigest()


def _network(address):
    """An IPv4 address, or the /64 an IPv6 address belongs to: one household or phone has a
    whole /64 and could otherwise take a new address for every submission."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class RateLimitUnavailable(Exception):
    """The counts cannot be read or written: the cache that holds them is down."""


def counts():
    """The cache the counts live in: ``ratelimit`` in the settings, which raises when Redis is
    down rather than answering as if it were empty, so a limit can fail closed."""
    return caches["ratelimit"]


@contextmanager
def _reaching_counts():
    try:
        yield counts()
    except (RedisError, OSError) as error:
        raise RateLimitUnavailable from error


@dataclass(frozen=True)
class Limit:
    """At most ``count`` hits per sender in each fixed window of ``seconds``."""

    name: str
    count: int
    seconds: int

    def retry_after(self, sender):
        """Seconds until ``sender`` may try again, or None if they may now (counts nothing)."""
        key, remaining = self._window(sender)
        with _reaching_counts() as cache:
            if (cache.get(key) or 0) >= self.count:
                return max(1, math.ceil(remaining))
        return None

    def take(self, sender):
        """Count a hit and check it against the limit in one atomic step: None if it is within
        the limit, else the seconds until the sender may try again.

        The count is the value Redis's INCR (or the memory cache's locked increment) returns, so
        of any number of hits at once, on any number of servers sharing the cache, exactly
        ``count`` are let through. A hit refused stays counted; it changes nothing, since every
        hit after it in the window is refused too.
        """
        key, remaining = self._window(sender)
        with _reaching_counts() as cache:
            if self._increment(cache, key, math.ceil(remaining) + 1) <= self.count:
                return None
        return max(1, math.ceil(remaining))

    def give_back(self, sender):
        """Undo a ``take`` whose work failed, so that it does not count against the sender."""
        key, _ = self._window(sender)
        try:
            with _reaching_counts() as cache:
                cache.decr(key)
        except (RateLimitUnavailable, ValueError):
            pass  # the cache is down or the window is over: nothing left to give back

    @staticmethod
    def _increment(cache, key, timeout):
        # add() and incr() are each atomic; if the window's key expired between the two,
        # incr() finds nothing and the next round starts the count again.
        while True:
            if cache.add(key, 1, timeout):
                return 1
            try:
                return cache.incr(key)
            except ValueError:
                continue

    def _window(self, sender):
        now = time.time()
        window = int(now // self.seconds)
        return f"ratelimit:{self.name}:{window}:{sender}", (window + 1) * self.seconds - now


def submission_limits():
    """Submissions stored, and tries of any outcome, per sender (limits from the settings)."""
    seconds = settings.SUBMISSION_RATE_WINDOW_SECONDS
    return (
        Limit("submission-sent", settings.SUBMISSION_RATE_LIMIT, seconds),
        Limit("submission-tried", settings.SUBMISSION_ATTEMPT_LIMIT, seconds),
    )

"""Who a sender is, without knowing their address, and how often they may send.

A sender is an HMAC-SHA256 of their network address under a key derived from ``SECRET_KEY``: the
same sender always gets the same hash, and without the key nobody can tell from it who sent what.
The raw address is never stored, logged or used as a cache key. Counts live in the cache
framework, so under several workers they hold only when those share a cache (``REDIS_URL``).
"""

import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

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


@dataclass(frozen=True)
class Limit:
    """At most ``count`` hits per sender in each fixed window of ``seconds``."""

    name: str
    count: int
    seconds: int

    def retry_after(self, sender):
        """Seconds until ``sender`` may try again, or None if they may now."""
        key, remaining = self._window(sender)
        if (cache.get(key) or 0) >= self.count:
            return max(1, math.ceil(remaining))
        return None

    def hit(self, sender):
        key, remaining = self._window(sender)
        timeout = math.ceil(remaining) + 1
        # add() then incr() are each atomic in Redis and in the memory cache; if the window
        # expired between the two, incr() finds nothing and the hit starts a new count.
        if not cache.add(key, 1, timeout):
            try:
                cache.incr(key)
            except ValueError:
                cache.add(key, 1, timeout)

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

"""How many pages the cache stores for one page asked for under many addresses.

Run on demand, never in the test suite, against a database that already holds published
events (``seed_synthetic``):

    DATABASE_URL=postgres://.../bench .venv/bin/python bench/cache_keys.py [--requests 1000]

In one process, with the per-process memory cache, it asks for /timeline/ (newest first) with a
random tracking parameter on each request, as readers arriving from newsletters and social
posts do, and with its known parameters in either order; then it prints how many pages the
cache holds and how many requests rendered a page rather than reading a stored one.
"""

import argparse
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TRACKING = ["utm_source", "utm_medium", "utm_campaign", "fbclid", "gclid", "ref"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-key")
    os.environ.pop("REDIS_URL", None)  # the memory cache, whose keys this process can count

    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    client = Client(HTTP_HOST="127.0.0.1")
    draw = random.Random(1)
    rendered = 0
    for _ in range(options.requests):
        known = ["order=newest", "kind=military"]
        draw.shuffle(known)
        path = f"/timeline/?{known[0]}&{draw.choice(TRACKING)}={draw.getrandbits(32):x}&{known[1]}"
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        # A stored page costs the validator's queries at most; a render costs many more.
        rendered += len(queries) > 2
    stored = sum(":page:" in key for key in cache._cache)
    # The memory cache keeps at most 300 entries (MAX_ENTRIES) and culls beyond; Redis would not.
    print(f"{options.requests} requests: {stored} stored pages, {rendered} renders")


if __name__ == "__main__":
    main()

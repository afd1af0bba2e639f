"""What readers get while PostgreSQL is stopped under load, and how big the page cache grows.

Run on demand, never in the test suite. It starts its own PostgreSQL cluster (a copy of a
seeded database), its own Redis (no memory bound, so growth shows) and gunicorn as the README
runs it, with the production settings:

    .venv/bin/python bench/outage.py [--source postgres://.../newsroom_bench_flat_1000]
        [--checkout FOLDER] [--outages 3 30] [--requests 10000]

``--checkout`` runs another checkout's code (``git worktree add``) with these servers, to
compare before and after a change. For each outage it reports the answers by kind while
readers ask for stored pages and for searches never stored, and one sender submits, then how
many submissions were accepted (a receipt) against how many rows were stored. Then it asks for
public pages with a random unknown parameter each time and reports Redis's keys and bytes.
"""

import argparse
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.outage.servers import (  # noqa: E402
    Client,
    Gunicorn,
    Load,
    PostgresCluster,
    RedisServer,
)

STORED = ["/", "/timeline/", "/timeline/?order=newest", "/articles/", "/sources/"]
# The export is asked for one day's events, so that rendering it stays cheap.
UNKNOWN = ["/", "/timeline/", "/articles/", "/feeds/timeline.rss"]
UNKNOWN.append("/api/exports/timelinejs.json?{day}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--source", default="postgres://postgres@127.0.0.1:5432/newsroom_bench_flat_1000"
    )
    parser.add_argument("--checkout", default=str(ROOT))
    parser.add_argument("--outages", type=float, nargs="*", default=[3, 30])
    parser.add_argument("--requests", type=int, default=10_000)
    options = parser.parse_args()
    # Stopped (by timeout, say), it still stops the servers it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    cluster, redis = PostgresCluster(), RedisServer()
    site = Gunicorn(
        cluster.url,
        redis.url,
        root=options.checkout,
        SUBMISSION_RATE_LIMIT="1000000",
        SUBMISSION_ATTEMPT_LIMIT="1000000",
    )
    try:
        cluster.start()
        cluster.load(options.source)
        redis.start()
        site.start()
        slugs = cluster.query("SELECT slug FROM timeline_event ORDER BY id DESC LIMIT 3")
        stored = STORED + [f"/events/{slug}/" for slug in slugs]
        client = Client(site.port)
        for path in stored * 3:  # each of the three workers
            client.request("GET", path)
        pages = {"stored": stored, "search": [f"/timeline/?q=bridge{n}" for n in range(100_000)]}
        for seconds in options.outages:
            outage(cluster, site, pages, seconds)
        year, month, day = cluster.query(
            "SELECT concat_ws(' ', start_year, start_month, start_day) FROM timeline_event "
            "WHERE start_day IS NOT NULL ORDER BY id DESC LIMIT 1"
        )[0].split()
        day = f"from={year}-{int(month):02}-{int(day):02}&to={year}-{int(month):02}-{int(day):02}"
        cache_growth(redis, site, options.requests, day)
    finally:
        site.remove()
        redis.remove()
        cluster.remove()


def outage(cluster, site, pages, seconds):
    mark = f"outage{seconds:g}"
    with Load(site.port, pages, mark=mark) as load:
        time.sleep(2)
        cluster.stop()
        stopped_at = time.monotonic()
        time.sleep(seconds)
        cluster.start()
        down = time.monotonic() - stopped_at
        time.sleep(3)
    rows = cluster.query(f"SELECT text FROM moderation_submission WHERE text LIKE '{mark} %'")
    print(f"PostgreSQL down {down:.1f} s (asked for {seconds:g} s):")
    for kind in ("stored", "search", "submission"):
        counts = {status: n for (k, status), n in sorted(load.statuses.items()) if k == kind}
        print(f"  {kind:<10} {counts}")
    print(f"  5xx in all: {load.fivexx()}, of them without Retry-After: {len(load.failures)}")
    print(
        f"  submissions accepted {len(load.accepted)}, stored {len(rows)}, "
        f"accepted but not stored {len(set(load.accepted) - set(rows))}, "
        f"stored but not accepted {len(set(rows) - set(load.accepted))}"
    )


def cache_growth(redis, site, requests, day):
    def redis_cli(*args):
        command = ["redis-cli", "-p", str(redis.port), *args]
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout

    def used_memory():
        info = dict(
            line.split(":", 1) for line in redis_cli("INFO", "memory").split() if ":" in line
        )
        return int(info["used_memory"])

    redis_cli("FLUSHALL")
    keys_before, bytes_before = int(redis_cli("DBSIZE")), used_memory()
    client, draw, started = Client(site.port), random.Random(1), time.monotonic()
    statuses = {}
    for number in range(requests):
        path = UNKNOWN[number % len(UNKNOWN)].format(day=day)
        unknown = f"x{draw.getrandbits(32):x}={number}"
        response, _ = client.request("GET", f"{path}{'&' if '?' in path else '?'}{unknown}")
        statuses[response.status] = statuses.get(response.status, 0) + 1
    keys, size = int(redis_cli("DBSIZE")), used_memory()
    print(
        f"{requests} requests with a random unknown parameter over {len(UNKNOWN)} pages "
        f"({statuses}, {time.monotonic() - started:.0f} s): Redis went from {keys_before} keys, "
        f"{bytes_before:,} bytes to {keys} keys, {size:,} bytes"
    )


if __name__ == "__main__":
    main()

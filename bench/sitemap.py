"""How the sitemap holds up as the story grows: 1,000, 10,000 and 100,000 events on PostgreSQL.

Run on demand, never in the test suite:

    .venv/bin/python bench/sitemap.py [--sizes 1000 10000 100000] [--repeat 20] [--reuse]
        [--code DIR]

For each size it makes a fresh database (BENCH_DATABASE_URL, its name suffixed with
``_sitemap_`` and the size) and fills it with `seed_synthetic`; with ``--reuse`` it keeps a
database that already holds events. Then, in one process under the production settings with a
Redis of its own (bench/production.py), through Django's test client, it asks for the
index and for the first and the last page of each section, every cache emptied before each
request, and prints each page's query count, median server time, size and number of entries,
and the time of the page cache's validator alone (two of each page's queries).
On code from before the index (one <urlset> with every address) it measures that one page.
--code measures another checkout against the same databases, for a before and after.
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reader_pages  # noqa: E402
from production import machine_speed, measured, production  # noqa: E402
from reader_pages import ROOT, analyze, event_count, fresh_database, manage  # noqa: E402


def database_url(size):
    return reader_pages.database_url(size, "sitemap")


def measure_in_process(repeat):
    """Print, as JSON, {page: {queries, uncached_ms, kb, entries}} (run in the checkout)."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from lxml import etree

    from newsroom.caching import forget_fingerprint, public_etag

    client = Client(HTTP_HOST="127.0.0.1")

    def uncached_get(path):
        cache.clear()
        forget_fingerprint()
        started = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (path, response.status_code)
        return response, elapsed

    def entries(response):
        return [element[0].text for element in etree.fromstring(response.content)]

    index, _ = uncached_get("/sitemap.xml")
    pages = {"/sitemap.xml": "/sitemap.xml"}
    if etree.fromstring(index.content).tag.endswith("sitemapindex"):
        sections = {}
        for address in entries(index):
            path = address.removeprefix("http://127.0.0.1")
            sections.setdefault(path.split("?")[0], []).append(path)
        for paths in sections.values():
            pages[paths[0]] = paths[0]
            pages[paths[-1]] = paths[-1]

    def validator_ms():
        cache.clear()
        forget_fingerprint()
        started = time.perf_counter()
        public_etag()
        return (time.perf_counter() - started) * 1000

    # What every public page pays first, in the page cache, before the sitemap's own queries.
    results = {"(the validator alone)": {"queries": 2, "kb": 0, "entries": 0}}
    results["(the validator alone)"]["uncached_ms"] = statistics.median(
        validator_ms() for _ in range(repeat)
    )
    for path in pages:
        with CaptureQueriesContext(connection) as queries:
            response, _ = uncached_get(path)
        count = len(queries)  # read now: each request empties Django's query log
        times = [uncached_get(path)[1] for _ in range(repeat)]
        results[path] = {
            "queries": count,
            "uncached_ms": statistics.median(times),
            "kb": len(response.content) / 1000,
            "entries": len(entries(response)),
        }
    print(json.dumps(results))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=20, help="requests per median")
    parser.add_argument("--reuse", action="store_true", help="keep a database that has events")
    parser.add_argument("--code", default=str(ROOT), help="the checkout whose code is measured")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        return measure_in_process(options.repeat)

    for size in options.sizes:
        url = database_url(size)
        print(f"== {size:,} events (PostgreSQL, production settings, Redis)", flush=True)
        print(f"machine: {machine_speed()}")
        if not (options.reuse and event_count(url)):
            fresh_database(url)
            manage(url, "migrate", "--no-input", "-v", "0")
            manage(url, "seed_synthetic", "--events", str(size), "--batch-size", "1000")
            analyze(url)
        with production(options.code, url) as env:
            arguments = ["--measure", "--repeat", str(options.repeat)]
            results = measured(__file__, options.code, env, *arguments)
        print(f"{'page (uncached)':<36}{'queries':>8}{'median ms':>11}{'entries':>9}{'KB':>8}")
        for page, row in results.items():
            print(
                f"{page:<36}{row['queries']:>8}{row['uncached_ms']:>11.1f}"
                f"{row['entries']:>9,}{row['kb']:>8.0f}"
            )


if __name__ == "__main__":
    main()

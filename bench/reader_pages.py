"""How the reader's pages hold up as the story grows: 1,000 and 10,000 events on PostgreSQL.

Run on demand, never in the test suite:

    .venv/bin/python bench/reader_pages.py [--sizes 1000 10000] [--repeat 30] [--requests 2000]

For each size it makes a fresh database (BENCH_DATABASE_URL, its name suffixed with the size),
fills it with `seed_synthetic`, then

1. in one process, without network: the query count, the median server time and the peak
   memory of /timeline/, an event page, the front page, the timeline feed, the API's events, the
   live timeline's endpoint and the CSV and TimelineJS exports: uncached (every cache emptied
   before each request), at a new address (no stored page, but the story-wide sums kept), and
   cached;
2. under gunicorn (2 workers) with a small threaded HTTP load generator on 127.0.0.1: requests
   per second for the cached and the uncached timeline, a cached event page, a 304 revalidation,
   and a static file of the same size as the timeline page served by the same gunicorn.
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
# Last: a measuring child runs with the checkout it measures on PYTHONPATH, which must come first.
sys.path.append(str(ROOT))
BASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench")
STATIC_PATH = "/bench-static/timeline-sized.html"
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
    "DEBUG": "0",
    "SECRET_KEY": "benchmark-only-key",
    "ALLOWED_HOSTS": "127.0.0.1",
}


def database_url(size, script="timeline"):
    """One database per script and size, so each script's data can be kept and reused."""
    parts = urlsplit(BASE_URL)
    return parts._replace(path=f"{parts.path}_{script}_{size}").geturl()


def event_count(url):
    """How many events the database holds, or None when it does not exist or is not migrated."""
    import psycopg

    try:
        with psycopg.connect(url) as connection:
            return connection.execute("SELECT count(*) FROM timeline_event").fetchone()[0]
    except psycopg.Error:
        return None


def fresh_database(url, *, template=None, create=True):
    """Drop the database and make it again, empty or as a copy of ``template`` (or not)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if create:
            copied = f' TEMPLATE "{template}"' if template else ""
            admin.execute(f'CREATE DATABASE "{name}"{copied}')


def analyze(url):
    """Vacuum and analyze, as autovacuum does on a live site after a bulk load: fresh statistics
    for the planner, and the visibility map that lets an index-only scan skip the table. (A
    server may run with autovacuum off; a benchmark's copy of the data must not then read as
    if it were never vacuumed.)"""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def manage(url, *args):
    env = {**os.environ, **SERVER_ENV, "DEBUG": "1", "DATABASE_URL": url}
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


# -- 1. server time, in a child process set up for one database ---------------------------------


def measure_in_process(repeat):
    """Print, as JSON, {page: {queries, uncached_ms, cached_ms}} (run with Django set up)."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from newsroom.caching import forget_fingerprint
    from timeline.models import Event

    def forget_everything():
        cache.clear()
        forget_fingerprint()

    client = Client(HTTP_HOST="127.0.0.1")
    published = Event.objects.published().chronological()
    middle = published[published.count() // 2]
    pages = {"/timeline/": "/timeline/", "event page": middle.get_absolute_url()}
    try:
        pages["/ (front page)"] = reverse("home")
    except NoReverseMatch:
        pass
    # Beyond the page: what feed readers, partners and the live timeline ask for.
    for label, name, query in [
        ("timeline feed", "feeds:timeline_atom", ""),
        ("API events", "api:event_list", ""),
        ("live.json", "timeline:live", "?since="),
        ("CSV export", "exports:csv", ""),
        ("TimelineJS export", "exports:timelinejs", ""),
    ]:
        try:
            pages[label] = reverse(name) + query
        except NoReverseMatch:
            pass
    results = {}
    for label, path in pages.items():
        response = client.get(path)
        if response.status_code != 200:
            results[label] = {"skipped": f"answered {response.status_code}, not a page yet"}
            continue
        forget_everything()
        tracemalloc.start()
        with CaptureQueriesContext(connection) as uncached_queries:
            client.get(path)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        with CaptureQueriesContext(connection) as cached_queries:
            client.get(path)
        results[label] = {
            "bytes": len(response.content),
            # Python memory at the peak of one uncached request (tracemalloc), in MB.
            "peak_mb": peak / 1e6,
            "queries": len(uncached_queries),
            "cached_queries": len(cached_queries),
            "uncached_ms": median_ms(client, path, repeat, before=forget_everything),
            # A page not stored yet, while the story-wide sums are: a new address, say.
            "new_address_ms": median_ms(client, path, repeat, unique=True),
            "cached_ms": median_ms(client, path, repeat),
        }
    print(json.dumps(results))


def median_ms(client, path, repeat, before=None, unique=False):
    times = []
    for n in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        joint = "&" if "?" in path else "?"
        response = client.get(f"{path}{joint}bench={n}-{time.monotonic_ns()}" if unique else path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times)


def server_times(url, repeat):
    env = {**os.environ, **SERVER_ENV, "DATABASE_URL": url}
    child = subprocess.run(
        [sys.executable, __file__, "--measure", "--repeat", str(repeat)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


# -- 2. throughput under gunicorn ---------------------------------------------------------------


def serve_forever(port, static_file):
    """Run gunicorn (2 workers) on the site, plus one static file served without Django."""
    from gunicorn.app.base import BaseApplication

    body = Path(static_file).read_bytes()

    def application(environ, start_response):
        if environ["PATH_INFO"] == STATIC_PATH:
            start_response(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
            )
            return [body]
        return django_application(environ, start_response)

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"127.0.0.1:{port}")
            self.cfg.set("workers", 2)
            self.cfg.set("loglevel", "warning")

        def load(self):
            return application

    from django.core.wsgi import get_wsgi_application

    django_application = get_wsgi_application()
    Server().run()


def free_port():
    """The first free port of the few this machine's shared rules leave to benchmarks."""
    for port in range(8101, 8110):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("ports 8101-8109 are all taken")


def start_server(url, static_file):
    port = free_port()
    env = {**os.environ, **SERVER_ENV, "DATABASE_URL": url}
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(port), "--static-file", static_file],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server, port
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def fetch(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def hammer(port, paths, headers, expect):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for path in paths:
        connection.request("GET", path, headers={"Host": "127.0.0.1", **headers})
        response = connection.getresponse()
        response.read()
        if response.status != expect:
            raise RuntimeError(f"{path} answered {response.status}, expected {expect}")
    connection.close()


def rate(port, path, total, concurrency, headers=None, expect=200, unique=False):
    """Requests per second; ``unique`` adds a throwaway parameter so no page is reused."""
    per_client = total // concurrency

    def paths(client):
        if unique:
            return [f"{path}?n={client}-{n}-{time.monotonic_ns()}" for n in range(per_client)]
        return [path] * per_client

    hammer(port, [path] * 20, headers or {}, expect)  # warm every worker
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(lambda c: hammer(port, paths(c), headers or {}, expect), range(concurrency)))
    return per_client * concurrency / (time.perf_counter() - started)


def throughput(url, event_path, total, concurrency):
    static_file = tempfile.NamedTemporaryFile(suffix=".html", delete=False)
    static_file.close()
    Path(static_file.name).write_bytes(b"")
    server, port = start_server(url, static_file.name)
    try:
        response, body = fetch(port, "/timeline/")
        # The static file is the timeline page itself, byte for byte the same size.
        Path(static_file.name).write_bytes(body)
        etag = response.getheader("ETag")
    finally:
        server.terminate()
        server.wait(timeout=10)
    server, port = start_server(url, static_file.name)
    try:
        return {
            "static file, same size": rate(port, STATIC_PATH, total, concurrency),
            "/timeline/ cached": rate(port, "/timeline/", total, concurrency),
            "/timeline/ 304": rate(
                port, "/timeline/", total, concurrency, {"If-None-Match": etag}, expect=304
            ),
            "/timeline/ uncached": rate(port, "/timeline/", total // 10, concurrency, unique=True),
            "event page cached": rate(port, event_path, total, concurrency),
        }, len(body)
    finally:
        server.terminate()
        server.wait(timeout=10)
        os.unlink(static_file.name)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=30, help="requests per median")
    parser.add_argument("--requests", type=int, default=2000, help="requests per load run")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--static-file", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        return measure_in_process(options.repeat)
    if options.serve:
        return serve_forever(options.serve, options.static_file)

    for size in options.sizes:
        url = database_url(size)
        print(f"== {size:,} events (PostgreSQL, fresh database)", flush=True)
        fresh_database(url)
        manage(url, "migrate", "--no-input", "-v", "0")
        manage(url, "seed_synthetic", "--events", str(size), "--batch-size", "1000")
        analyze(url)
        times = server_times(url, options.repeat)
        print(
            f"{'page':<20}{'queries':>8}{'cached q.':>10}{'uncached ms':>13}"
            f"{'new address ms':>16}{'cached ms':>11}{'KB':>8}{'peak MB':>9}"
        )
        for page, row in times.items():
            if "skipped" in row:
                print(f"{page:<20} skipped: {row['skipped']}")
                continue
            print(
                f"{page:<20}{row['queries']:>8}{row['cached_queries']:>10}"
                f"{row['uncached_ms']:>13.1f}{row['new_address_ms']:>16.1f}{row['cached_ms']:>11.2f}"
                f"{row['bytes'] / 1000:>8.0f}{row['peak_mb']:>9.1f}"
            )
        event_path = f"/events/synthetic-{size // 2}/"
        rates, page_bytes = throughput(url, event_path, options.requests, options.concurrency)
        print(
            f"gunicorn, 2 workers, {options.concurrency} clients on 127.0.0.1 "
            f"(timeline page {page_bytes:,} bytes):"
        )
        for label, value in rates.items():
            print(f"  {label:<24}{value:8.0f} requests/s")


if __name__ == "__main__":
    main()

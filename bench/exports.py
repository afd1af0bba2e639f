"""The exports at scale: time to first byte, total time and a worker's peak memory.

Run on demand, never in the test suite:

    .venv/bin/python bench/exports.py [--sizes 1000 10000 100000] [--seed] [--code DIR] [--trace]

Each size has its own PostgreSQL database, BENCH_DATABASE_URL with "_<size>" added to its name;
--seed makes it afresh with `seed_synthetic` first (at 100,000 events that takes minutes).
Its places have coordinates (`seed_synthetic` gives them), so the GeoJSON carries every event
with a place.

Each export is fetched once, in a fresh process, through Django's WSGI application as gunicorn
calls it, with the production settings and a Redis of the script's own as the cache: time to the
first byte, time to the last, the process's CPU time (user and system: on a busy machine this
moves far less than the wall-clock times), the body's size and digest (the same digest before
and after a change means the same bytes), and the process's peak resident memory (ru_maxrss),
which is what a gunicorn worker would reach. --trace adds Python's own peak (tracemalloc) in a
second process; it slows the run, so its times are not shown. --code measures another checkout
of the project (say, main exported with `git archive`) against the same databases, for a before
and after.
"""

import argparse
import hashlib
import io
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit
from wsgiref.util import setup_testing_defaults

from production import machine_speed, measured, production
from reader_pages import analyze

ROOT = Path(__file__).resolve().parent.parent
BASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench")
EXPORTS = ["/api/exports/events.csv", "/api/exports/timelinejs.json", "/api/exports/events.geojson"]


def database_url(size):
    parts = urlsplit(BASE_URL)
    return parts._replace(path=f"{parts.path}_{size}").geturl()


def seed(url, size):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": url}
    for command in (["migrate", "--no-input"], ["seed_synthetic", "--events", str(size)]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)


# -- one export, in a fresh process -------------------------------------------------------------


def measure(path, trace):
    """Print, as JSON, what one uncached request for ``path`` costs (run in the checkout)."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    # Load the code and open the database connection with an answer that builds nothing.
    drain(request(application, path, "kind=rumour"))
    cache.clear()
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if trace:
        tracemalloc.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    status, body = request(application, path)
    first, size, digest = None, 0, hashlib.sha256()
    for block in body:
        if block and first is None:
            first = time.perf_counter() - started
        size += len(block)
        digest.update(block)
    if hasattr(body, "close"):
        body.close()
    total = time.perf_counter() - started
    result = {
        "status": status,
        "first_byte_ms": first * 1000,
        "total_s": total,
        "cpu_s": time.process_time() - cpu_started,
        "bytes": size,
        "sha256": digest.hexdigest()[:16],
        "rss_before_mb": before_mb,
        "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if trace:
        result["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
    print(json.dumps(result))


def request(application, path, query=""):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_HOST": "127.0.0.1",
        "wsgi.input": io.BytesIO(),
    }
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = status

    body = application(environ, start_response)
    return answer["status"], body


def drain(answer):
    status, body = answer
    for _ in body:
        pass
    if hasattr(body, "close"):
        body.close()


def run_child(code, env, url, path, trace):
    arguments = ["--measure", path] + (["--trace"] if trace else [])
    return measured(__file__, code, {**env, "DATABASE_URL": url}, *arguments)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--seed", action="store_true", help="make each database afresh first")
    parser.add_argument("--code", default=str(ROOT), help="the checkout whose code is measured")
    parser.add_argument("--trace", action="store_true", help="also Python's peak (tracemalloc)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        return measure(options.measure, options.trace)

    with production(options.code, database_url(options.sizes[0])) as env:
        for size in options.sizes:
            url = database_url(size)
            if options.seed:
                seed(url, size)
            analyze(url)
            print(f"== {size:,} events (PostgreSQL, production settings, Redis)", flush=True)
            print(f"machine: {machine_speed()}")
            print(
                f"{'export':<30}{'status':>8}{'first byte ms':>15}{'total s':>9}{'CPU s':>7}"
                f"{'MB':>8}{'RSS before MB':>15}{'RSS peak MB':>13}{'traced MB':>11}  sha256"
            )
            for path in EXPORTS:
                row = run_child(options.code, env, url, path, trace=False)
                traced = (
                    run_child(options.code, env, url, path, trace=True)["traced_peak_mb"]
                    if options.trace
                    else float("nan")
                )
                print(
                    f"{path:<30}{row['status'][:3]:>8}{row['first_byte_ms']:>15.0f}"
                    f"{row['total_s']:>9.2f}{row['cpu_s']:>7.2f}{row['bytes'] / 1e6:>8.1f}"
                    f"{row['rss_before_mb']:>15.0f}"
                    f"{row['rss_peak_mb']:>13.0f}{traced:>11.1f}  {row['sha256']}",
                    flush=True,
                )


if __name__ == "__main__":
    main()

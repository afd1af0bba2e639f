"""How the desk holds up as the story grows: the admin pages an editor opens most, on PostgreSQL.

Run on demand, never in the test suite:

    .venv/bin/python bench/desk_pages.py [--sizes 1000 10000 100000] [--repeat 20] [--reuse]
        [--code OTHER_CHECKOUT]

For each size it uses a database (BENCH_DATABASE_URL, its name suffixed with "_desk_<size>"), made
fresh unless --reuse finds it filled already: the demo story (for its editor and its words)
plus synthetic events from `seed_synthetic` up to the size. Then, in one process under the
production settings with a Redis of its own (bench/production.py), logged in as the demo
editor through Django's test client, it gives each page's query count and its median
server time with every cache emptied before each request: the desk's front page, the events
list, the events list searched for "Sudzha", and the change form of the event with the most
citations. Beside each median, the median CPU time of the process, which a busy machine moves
far less (the database's own time is not in it).

--code runs the measuring process on another checkout of the project (an export of main, say)
against the same databases, to compare before and after on the same data.
"""

import argparse
import json
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# From this script's folder: the measured checkout's bench/ may be older.
import reader_pages  # noqa: E402
from production import machine_speed, measured, production  # noqa: E402
from reader_pages import analyze, event_count, fresh_database, manage  # noqa: E402


def database_url(size):
    return reader_pages.database_url(size, "desk")


def fill(url, size):
    fresh_database(url)
    manage(url, "migrate", "--no-input", "-v", "0")
    manage(url, "load_demo")
    missing = size - event_count(url)
    manage(url, "seed_synthetic", "--events", str(missing), "--batch-size", "2000")
    analyze(url)


# -- in a child process set up for one database and one checkout -------------------------------


def measure_in_process(repeat):
    """Print, as JSON, {page: {queries, uncached_ms}} (run in the checkout measured)."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from timeline.models import Event

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="editor"))
    cited = Event.objects.annotate(cited=Count("citations")).order_by("-cited", "pk").first()
    pages = {
        "desk front page": "/admin/",
        "events list": "/admin/timeline/event/",
        'search "Sudzha"': "/admin/timeline/event/?q=Sudzha",
        f"change form ({cited.cited} cit.)": f"/admin/timeline/event/{cited.pk}/change/",
    }
    results = {}
    for label, path in pages.items():
        client.get(path)  # the first request fills what Django keeps per process
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        count = len(queries)  # now: a later reconnection empties the log it reads
        times, cpu = [], []
        for _ in range(repeat):
            cache.clear()
            started, cpu_started = time.perf_counter(), time.process_time()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        results[label] = {
            "queries": count,
            "uncached_ms": statistics.median(times),
            "cpu_ms": statistics.median(cpu),
        }
    print(json.dumps(results))


def server_times(url, repeat, code):
    with production(code, url) as env:
        return measured(__file__, code, env, "--measure", "--repeat", str(repeat))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=20, help="requests per median")
    parser.add_argument("--reuse", action="store_true", help="keep a database already filled")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to measure")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        return measure_in_process(options.repeat)

    for size in options.sizes:
        url = database_url(size)
        held = event_count(url)
        if not (options.reuse and held and held >= size * 0.95):
            fill(url, size)
            held = event_count(url)
        print(f"== {held:,} events (PostgreSQL), code at {options.code}", flush=True)
        print(f"machine: {machine_speed()}")
        print(f"{'page':<28}{'queries':>8}{'uncached ms':>13}{'of it CPU ms':>14}")
        for page, row in server_times(url, options.repeat, options.code).items():
            print(f"{page:<28}{row['queries']:>8}{row['uncached_ms']:>13.1f}{row['cpu_ms']:>14.1f}")


if __name__ == "__main__":
    main()

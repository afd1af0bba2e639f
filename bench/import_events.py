"""How long `manage.py import_events` takes over 10,000 rows, and how many queries it runs.

Run on demand, never in the test suite:

    .venv/bin/python bench/import_events.py [--rows 10000] [--template bench_tpl_1000]
        [--code OTHER_CHECKOUT]

The file is the CSV export of the template's published events (a database `seed_synthetic`
filled), copied over and over under new event ids up to --rows: the import format exactly, its
places, storylines and sources all stored already, as when a partner's file is read back in.
Each run imports it into a fresh copy of the template (BENCH_DATABASE_URL, its name suffixed
with "_import"), in a process of its own under the production settings with a Redis of its own
(bench/production.py), and gives the wall time, the process's CPU time (which
a busy machine moves far less), the queries run and how many events and revisions it added.
--code runs the import with another checkout of the project (an export of main, say), for a
before and after on the same file.
"""

import argparse
import csv
import io
import json
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# From this script's folder: the measured checkout's bench/ may be older.
import reader_pages  # noqa: E402
from production import machine_speed, measured, production  # noqa: E402
from reader_pages import fresh_database  # noqa: E402

# -- in a child process, with Django set up ----------------------------------------------------


def write_file(path, rows):
    """Write the import file: the published events' CSV export, repeated under new ids."""
    import django

    django.setup()
    from timeline.exports import exported, write_csv
    from timeline.models import Event

    events = exported(Event.objects.published().chronological(), chunk_size=1000)
    lines = list(write_csv(events, absolute=lambda item: "https://example.org/"))
    header, body = lines[0], lines[1:]
    reader = csv.DictReader(io.StringIO(header + "".join(body), newline=""))
    exported = list(reader)
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=reader.fieldnames)
        writer.writeheader()
        for number in range(rows):
            row = dict(exported[number % len(exported)])
            row["event_id"] = f"{row['event_id']}-copy-{number // len(exported)}"
            writer.writerow(row)


def measure(path):
    """Print, as JSON, the import's wall time and queries, and what the database holds after."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from newsroom.revisions.models import Revision
    from timeline.models import Event

    events_before = Event.objects.count()
    revisions_before = Revision.objects.count()
    queries = 0

    def counted(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    started, cpu_started = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(counted):
        call_command("import_events", path, stdout=io.StringIO())
    result = {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu_started,
        "queries": queries,
        "events_added": Event.objects.count() - events_before,
        "revisions_added": Revision.objects.count() - revisions_before,
    }
    print(json.dumps(result))


def child(code, url, *arguments):
    with production(code, url) as env:
        return measured(__file__, code, env, *arguments)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--template", default="bench_tpl_1000", help="the database to copy")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to measure")
    parser.add_argument("--write", help=argparse.SUPPRESS)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.write:
        return write_file(options.write, options.rows)
    if options.measure:
        return measure(options.measure)

    url = reader_pages.database_url("", "import").removesuffix("_")
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        path = str(Path(folder) / "events.csv")
        fresh_database(url, template=options.template)
        try:
            child(ROOT, url, "--write", path, "--rows", str(options.rows))
            fresh_database(url, template=options.template)  # as it was, the file written
            row = child(options.code, url, "--measure", path)
        finally:
            fresh_database(url, create=False)
    print(f"== {options.rows:,} rows into a copy of {options.template}, code at {options.code}")
    print(f"machine: {machine_speed()}")
    print(
        f"{row['seconds']:.1f} s ({row['cpu_seconds']:.1f} s of CPU), {row['queries']:,} queries "
        f"({row['queries'] / options.rows:.2f} a row), {row['events_added']:,} events and "
        f"{row['revisions_added']:,} revisions added"
    )


if __name__ == "__main__":
    main()

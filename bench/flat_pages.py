"""Is every public page flat? Its uncached server time and query count at 1k, 10k and 100k events.

Run on demand, never in the test suite:

    .venv/bin/python bench/flat_pages.py [--sizes 1000 10000 100000] [--repeat 7] [--rounds 3]
        [--seed] [--code DIR]

Each size reads its own PostgreSQL database, BENCH_DATABASE_URL suffixed "_flat_<size>" (see
reader_pages.database_url); --seed makes it afresh with `seed_synthetic`. Every page is asked for
in a fresh process through Django's test client under the production settings (DEBUG off,
manifest static files) with a Redis of the script's own as the cache, which is emptied before
each request: the page, the story-wide sums and the validator are all made afresh, so what is
left is what a database of that size costs. The sizes take turns, --rounds times, and each
page's figure is the median of its rounds: a machine that slows for a minute then slows every
size a little rather than one size a lot. The last column is the time at the largest size over
the time at the smallest. --code measures another checkout against the same databases, for a
before and after.
"""

import argparse
import json
import statistics
import sys
import time

from production import machine_speed, measured, production
from reader_pages import ROOT, analyze, database_url, event_count, fresh_database, manage


def pages():
    """{label: path} of every public page, the data-dependent ones found in the database."""
    from django.db.models import Count
    from django.urls import reverse
    from django.utils.http import urlencode

    from newsroom.articles.models import Article
    from newsroom.sources.models import Party, Source
    from timeline.models import Event, Place, Storyline

    published = Event.objects.published()
    middle = published.order_by("pk")[published.count() // 2]
    busiest = Source.objects.annotate(n=Count("citations")).order_by("-n", "pk").first()
    storyline = Storyline.objects.filter(events__in=published).order_by("pk").first()
    party = Party.objects.order_by("pk").first()
    article = Article.objects.published().order_by("pk").last()
    place = Place.objects.filter(events__in=published).order_by("pk").first()
    # The filters by storyline, status and party: the one most events share lists a full page
    # (and the map its most marks) at every size, so its ratio is the database's size alone.
    # The sparse one, the first of each, lists 15 events at 1k and a full page from 10k on: its
    # ratio also counts drawing 35 more events, which is the page's content, not its size.
    filtered = f"?{busiest_filter(published)}"
    sparse = f"?storyline={storyline.slug}&verification=claimed&party={party.slug}"
    return {
        "/": "/",
        "/timeline/": "/timeline/",
        "/timeline/ newest first": "/timeline/?order=newest",
        "/timeline/ filtered": f"/timeline/{filtered}",
        "/timeline/ filtered, sparse": f"/timeline/{sparse}",
        "/map/": "/map/",
        "/map/ filtered": f"/map/{filtered}",
        "/map/ filtered, sparse": f"/map/{sparse}",
        "/map/ on a day": f"/map/?day={middle.sorts_at.date().isoformat()}",
        "/embed/timeline/": "/embed/timeline/",
        "/embed/map/": "/embed/map/",
        "event page": middle.get_absolute_url(),
        "/articles/": "/articles/",
        "article page": article.get_absolute_url(),
        "/sources/": "/sources/",
        "busiest source page": reverse("sources:source_detail", args=[busiest.slug]),
        "/api/events/": "/api/events/",
        "/api/events/ one": f"/api/events/{middle.slug}/",
        "/api/storylines/": "/api/storylines/",
        "/api/storylines/ one": f"/api/storylines/{storyline.slug}/",
        "/api/places/": "/api/places/",
        "/api/places/ one": f"/api/places/{place.slug}/",
        "/api/sources/": "/api/sources/",
        "/api/sources/ busiest": f"/api/sources/{busiest.slug}/",
        "/api/articles/": "/api/articles/",
        "/api/articles/ one": f"/api/articles/{article.slug}/",
        "/oembed": f"/oembed?{urlencode({'url': 'http://127.0.0.1/timeline/'})}",
        "/submit/": "/submit/",
        # As the newest-first page polls: from the latest publish time it shows.
        "live.json": f"/timeline/live.json?{urlencode({'since': marker(published)})}",
        "live.json filtered": f"/timeline/live.json?{urlencode({'since': marker(published)})}&"
        + filtered.lstrip("?"),
        # The marker of a page that listed nothing: every event is new.
        "live.json since=": "/timeline/live.json?since=",
        **{f"timeline feed {f}": f"/feeds/timeline.{f}" for f in ("atom", "rss", "json")},
        "storyline feed": f"/feeds/storylines/{storyline.slug}.atom",
        "articles feed": "/feeds/articles.atom",
    }


def busiest_filter(published):
    """The query of the storyline, status and party that most published events share."""
    from collections import Counter

    from django.utils.http import urlencode

    rows = published.values_list(
        "pk", "storylines__slug", "verification", "citations__source__party__slug"
    ).distinct()
    shared = Counter(row[1:] for row in rows if None not in row)
    (storyline, verification, party), _ = min(shared.items(), key=lambda item: (-item[1], item[0]))
    return urlencode({"storyline": storyline, "verification": verification, "party": party})


def marker(published):
    return published.order_by("-publish_at").values_list("publish_at", flat=True)[0].isoformat()


def measure(repeat):
    """Print, as JSON, {label: {path, status, queries, repeated, ms}} (run in the checkout)."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from newsroom import caching

    def forget_everything():
        cache.clear()
        if hasattr(caching, "forget_fingerprint"):
            caching.forget_fingerprint()

    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for label, path in pages().items():
        client.get(path)  # load the code and whatever Django keeps per process
        forget_everything()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        sql = [query["sql"] for query in captured.captured_queries]
        times = []
        for _ in range(repeat):
            forget_everything()
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        results[label] = {
            "path": path,
            "status": response.status_code,
            "queries": len(sql),
            "repeated": len(sql) - len(set(sql)),
            "ms": statistics.median(times),
        }
    print(json.dumps(results))


def run_child(code, env, url, repeat):
    return measured(
        __file__, code, {**env, "DATABASE_URL": url}, "--measure", "--repeat", str(repeat)
    )


def median_of_rounds(measured):
    """One round's rows, each page's time the median of its times in every round."""
    rows = {label: dict(row) for label, row in measured[0].items()}
    for label, row in rows.items():
        row["ms"] = statistics.median(one[label]["ms"] for one in measured)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=7, help="uncached requests per median")
    parser.add_argument("--rounds", type=int, default=3, help="turns of every size, in order")
    parser.add_argument("--seed", action="store_true", help="make each database afresh first")
    parser.add_argument("--code", default=str(ROOT), help="the checkout whose code is measured")
    parser.add_argument(
        "--url", help="a database address per size, with {size} in it (default: see above)"
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        return measure(options.repeat)

    urls = {}
    rounds = {size: [] for size in options.sizes}
    for size in options.sizes:
        url = options.url.format(size=size) if options.url else database_url(size, "flat")
        if options.seed or event_count(url) is None:
            fresh_database(url)
            manage(url, "migrate", "--no-input", "-v", "0")
            manage(url, "seed_synthetic", "--events", str(size), "--batch-size", "1000")
            analyze(url)
        else:
            manage(url, "migrate", "--no-input", "-v", "0")
        urls[size] = url
    before = machine_speed()
    with production(options.code, urls[options.sizes[0]]) as env:
        for turn in range(options.rounds):
            for size, url in urls.items():
                rounds[size].append(run_child(options.code, env, url, options.repeat))
                print(f"round {turn + 1}: {size:,} events", file=sys.stderr, flush=True)

    found = {size: median_of_rounds(measured) for size, measured in rounds.items()}
    sizes = list(found)
    print("uncached median ms (queries, repeated) per size; PostgreSQL, production settings, Redis")
    print(f"machine: {before} before the rounds, {machine_speed()} after")
    header = "".join(f"{f'{size:,}':>20}" for size in sizes)
    print(f"{'page':<30}{header}{'ratio':>8}")
    for label in found[sizes[0]]:
        cells = []
        for size in sizes:
            row = found[size][label]
            note = f" {row['status']}" if row["status"] != 200 else ""
            cells.append(f"{row['ms']:>9.1f} ({row['queries']:>2}, {row['repeated']}){note:>4}")
        ratio = found[sizes[-1]][label]["ms"] / found[sizes[0]][label]["ms"]
        print(f"{label:<30}{''.join(f'{c:>20}' for c in cells)}{ratio:>8.2f}")


if __name__ == "__main__":
    main()

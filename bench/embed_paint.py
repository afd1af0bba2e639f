"""How soon the timeline embed paints its first event, beside TimelineJS on the same events.

Run on demand, never in the test suite:

    .venv/bin/python bench/embed_paint.py [--anchor DIR] [--ns 1000,3000] [--runs 5] [--warmup 1]
        [--timelinejs-ns 1000]   # TimelineJS beside the embed only at these sizes (default: all)

``--anchor`` is the TimelineJS harness (``../shared/anchors/timelinejs`` beside the main
checkout; its README says what it measures and how). It is copied to a temporary folder, since
it writes its results beside itself, with this checkout's ``node_modules`` (the same pinned
TimelineJS 3.9.11) when the copy has none. For each N this script

1. writes the harness's ``events-N.json`` with its own ``make_events.py``, and loads the same
   events into a fresh PostgreSQL database (``BENCH_DATABASE_URL`` suffixed ``_embed_N``): each
   slide an event with its headline as the title, its text as the summary, its date at its
   precision (a month-only date stays a month), its group as a storyline, and one independent
   source reporting it;
2. serves the site with gunicorn (one worker, DEBUG off) on loopback, uncompressed, as the
   harness serves TimelineJS with ``http.server``;
3. in one headless Chromium (the harness's flags and 1280x800 viewport), alternates the
   harness's own run of TimelineJS with a run of ``/embed/timeline/``: one warm-up of each (for
   us, it also stores the page, as a reader before would have), then ``--runs`` each, every run
   in a fresh browser context (cold HTTP cache).

The columns are the harness's: FCP, the first event's headline in the DOM (the first animation
frame in which it has a layout box) and painted (its Element Timing render time, the attribute
set in that frame before it paints), the JS heap after GC, and the bytes transferred. For us the
first event is the first in our order, which puts a month-only date after that month's days
(docs/design.md, rule 1), where TimelineJS puts it on the 1st: the headline checked is the one
the database lists first. TimelineJS's "interactive" (its slide move after a click) has no
counterpart in a page with no script: our links work from the first paint.
"""

import argparse
import datetime
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench")
ANCHOR = ROOT.parent / "shared" / "anchors" / "timelinejs"
EMBED = "/embed/timeline/"
HEADLINE = ".event-title"
# Installed before any script of the page: paint and Element Timing observers, and an rAF loop
# that marks the first event's headline in the frame it first has a layout box, as the harness
# does for TimelineJS's slide headline.
INIT_JS = r"""
(() => {
  const m = window.__m = { et: {} };
  const EXPECT = %(expect)s;
  new PerformanceObserver(list => list.getEntries().forEach(e => {
    if (!(e.identifier in m.et)) m.et[e.identifier] = e.renderTime || e.loadTime;
  })).observe({ type: 'element', buffered: true });
  function frame() {
    const h = document.querySelector('%(headline)s');
    if (h && h.isConnected && h.getClientRects().length > 0 && h.textContent.trim()) {
      m.headline = performance.now();
      m.headline_ok = h.textContent.trim() === EXPECT;
      h.setAttribute('elementtiming', 'headline');
    } else requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
})();
"""
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
    "DEBUG": "0",
    "SECRET_KEY": "benchmark-only-key",
    "ALLOWED_HOSTS": "127.0.0.1",
}
COLUMNS = [  # as the harness's, less "interactive"
    ("fcp_ms", "FCP ms", 1, "{:.0f}"),
    ("headline_dom_ms", "first event in DOM ms", 1, "{:.0f}"),
    ("headline_painted_ms", "first event painted ms", 1, "{:.0f}"),
    ("heap_used_after_gc_bytes", "heap after GC MB", 1 / 2**20, "{:.1f}"),
    ("bytes", "transfer KB", 1 / 1000, "{:.0f}"),
]


def database_url(n):
    parts = urlsplit(BASE_URL)
    return parts._replace(path=f"{parts.path}_embed_{n}").geturl()


def fresh_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


def site_env(url):
    return {**os.environ, **SERVER_ENV, "DATABASE_URL": url}


def load(events_file):
    """Store the harness's events as published events (run in a process set up for Django)."""
    import django

    django.setup()
    from django.utils import timezone

    from newsroom.caching import public_content_changed
    from newsroom.publishing import PublicationStatus
    from newsroom.sources.models import Citation, Source
    from timeline.models import Event, Storyline

    data = json.loads(Path(events_file).read_text())
    groups = sorted({slide["group"] for slide in data["events"]})
    storylines = {
        title: Storyline.objects.create(title=title, slug=title.lower().replace(" ", "-"))
        for title in groups
    }
    source = Source.objects.create(name="Wire service", slug="wire", kind=Source.Kind.NEWS_OUTLET)
    published = timezone.now() - datetime.timedelta(days=1)
    events = []
    for slide in data["events"]:
        date = slide["start_date"]
        event = Event(
            title=slide["text"]["headline"],
            slug=slide["unique_id"],
            summary=slide["text"]["text"],
            kind=Event.Kind.OTHER,
            verification=Event.Verification.REPORTED,
            status=PublicationStatus.PUBLISHED,
            publish_at=published,
            first_published_at=published,
            start_year=int(date["year"]),
            start_month=int(date["month"]),
            start_day=int(date["day"]) if "day" in date else None,
        )
        event.set_chronology()
        events.append(event)
    Event.objects.bulk_create(events)
    Membership = Event.storylines.through
    Membership.objects.bulk_create(
        Membership(event_id=event.pk, storyline_id=storylines[slide["group"]].pk)
        for event, slide in zip(events, data["events"], strict=True)
    )
    Citation.objects.bulk_create(
        Citation(event=event, source=source, stance=Citation.Stance.REPORTS) for event in events
    )
    public_content_changed()
    first = Event.objects.published().chronological().first()
    print(json.dumps({"events": len(events), "first": first.title}))


def prepare(n, events_file):
    """A fresh database holding the harness's N events; the title our embed lists first."""
    url = database_url(n)
    fresh_database(url)
    env = site_env(url)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--verbosity", "0"], env=env, check=True, cwd=ROOT)
    loaded = subprocess.run(
        [sys.executable, __file__, "--load", str(events_file)],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return json.loads(loaded.stdout.strip().splitlines()[-1])


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(url):
    """gunicorn (one sync worker) on a free port of loopback; the process and its origin."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "newsroom.wsgi",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--no-control-socket",
        ],
        env=site_env(url),
        cwd=ROOT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def embed_run(browser, harness, origin, expect, timeout_s):
    """One cold load of the embed, with the harness's clocks and counters."""
    context = browser.new_context(viewport=harness.VIEWPORT)
    context.add_init_script(INIT_JS % {"expect": json.dumps(expect), "headline": HEADLINE})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    urls, done = {}, {}
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"])
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: done.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    cdp.send("Network.enable")
    run = {}
    try:
        response = page.goto(f"{origin}{EMBED}", timeout=timeout_s * 1000)
        if response.status != 200:
            raise RuntimeError(f"{EMBED} answered {response.status}")
        # Functions, not expressions: an expression is evaluated with eval(), which the embed's
        # content policy refuses whenever the first check fails and Playwright polls.
        page.wait_for_function("() => window.__m.headline !== undefined", timeout=timeout_s * 1000)
        page.wait_for_function("() => 'headline' in window.__m.et", timeout=10000, polling=50)
        page.wait_for_timeout(200)
        cdp.send("HeapProfiler.collectGarbage")
        found = page.evaluate("""() => ({
            fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime,
            m: window.__m, dom_elements: document.getElementsByTagName('*').length })""")
        run.update(
            fcp_ms=found["fcp"],
            headline_dom_ms=found["m"]["headline"],
            headline_painted_ms=found["m"]["et"].get("headline"),
            heap_used_after_gc_bytes=cdp.send("Runtime.getHeapUsage")["usedSize"],
            dom_elements=found["dom_elements"],
        )
        if not found["m"]["headline_ok"]:
            run["error"] = "the first headline is not the first event's"
    except Exception as error:  # noqa: BLE001 - recorded, and the other runs go on
        run["error"] = f"{type(error).__name__}: {error}"
    run["bytes"] = sum(done.values())
    run["requests"] = len(urls)
    foreign = [url for url in urls.values() if not url.startswith(origin + "/")]
    if foreign:
        run["error"] = f"requests elsewhere: {foreign}"
    context.close()
    return run


def cell(runs, key, scale, fmt):
    values = [run[key] for run in runs if "error" not in run and run.get(key) is not None]
    if not values:
        return "failed"
    show = lambda value: fmt.format(value * scale)  # noqa: E731
    return f"{show(statistics.median(values))} ({show(min(values))}–{show(max(values))})"


def table(rows):
    head = ["N", "page", "ok runs", *(title for _, title, _, _ in COLUMNS)]
    lines = [head] + [
        [str(n), name, f"{sum('error' not in run for run in runs)}/{len(runs)}"]
        + [cell(runs, key, scale, fmt) for key, _, scale, fmt in COLUMNS]
        for n, name, runs in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    text = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |"
        for line in lines
    ]
    text.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(text)


def ratio(rows, n, key):
    medians = {
        name: statistics.median([run[key] for run in runs if "error" not in run])
        for size, name, runs in rows
        if size == n
    }
    return medians["TimelineJS"] / medians["embed"]


def harness_copy(anchor, into):
    copy = Path(into) / "timelinejs"
    shutil.copytree(anchor, copy, ignore=shutil.ignore_patterns("out", "node_modules"))
    if (Path(anchor) / "node_modules").exists():
        (copy / "node_modules").symlink_to(Path(anchor).resolve() / "node_modules")
    else:
        (copy / "node_modules").symlink_to(ROOT / "node_modules")
    return copy


def side_by_side(browser, harness, tljs_origin, n, options):
    """Runs of TimelineJS and of our embed, taken in turn, on the same N events."""
    events_file = Path(harness.OUT) / f"events-{n}.json"
    harness.make_events.main([str(n), "-o", str(events_file)])
    first = json.loads(events_file.read_text())["events"][0]
    ours = prepare(n, events_file)
    print(f"N={n}: loaded {ours['events']} events", file=sys.stderr)
    server, origin = serve(database_url(n))
    beside = options.timelinejs_ns is None or n in options.timelinejs_ns
    results = {"TimelineJS": [], "embed": []} if beside else {"embed": []}
    try:
        for number in range(options.warmup + options.runs):
            runs = {}
            if beside:
                headline, slide = first["text"]["headline"], first["unique_id"]
                runs["TimelineJS"] = harness.one_run(
                    browser, tljs_origin, n, headline, slide, options.timeout
                )
            runs["embed"] = embed_run(browser, harness, origin, ours["first"], options.timeout)
            for name, run in runs.items():
                print(f"N={n} run {number} {name}: {run_line(run)}", file=sys.stderr)
                if number >= options.warmup:
                    results[name].append(run)
    finally:
        server.terminate()
        server.wait()
    return [(n, name, runs) for name, runs in results.items()]


def run_line(run):
    if "error" in run:
        return f"ERROR {run['error']}"
    return ", ".join(f"{title} {run.get(key, 0) * scale:.0f}" for key, title, scale, _ in COLUMNS)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anchor", type=Path, default=ANCHOR)
    parser.add_argument("--ns", default="1000,3000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=240)
    parser.add_argument(
        "--timelinejs-ns",
        type=lambda text: {int(n) for n in text.split(",")},
        help="run TimelineJS beside the embed only at these sizes (default: every size)",
    )
    parser.add_argument("--load", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.load:
        return load(options.load)
    # Stopped by its pid, it still stops the servers it started (the finally blocks below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    with tempfile.TemporaryDirectory() as temporary:
        copy = harness_copy(options.anchor, temporary)
        (copy / "out").mkdir()
        sys.path.insert(0, str(copy))
        import measure as harness  # the harness's own module, with its make_events
        from playwright.sync_api import sync_playwright

        rows = []
        tljs_server, tljs_port = harness.start_server()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=harness.CHROMIUM, headless=True, args=harness.CHROMIUM_ARGS
                )
                for n in map(int, options.ns.split(",")):
                    origin = f"http://127.0.0.1:{tljs_port}"
                    rows += side_by_side(browser, harness, origin, n, options)
                browser.close()
        finally:
            harness.stop_pid(tljs_server.pid, tljs_server)

    print(
        f"\nmedian (min–max) of {options.runs} runs after {options.warmup} warm-up, ms since "
        "navigation start; TimelineJS 3.9.11 as the harness runs it, our /embed/timeline/ "
        "under gunicorn\n"
    )
    print(table(rows))
    for n in sorted({n for n, name, _ in rows if name == "TimelineJS"}):
        print(
            f"\nN={n}: first event painted {ratio(rows, n, 'headline_painted_ms'):.1f}x sooner "
            f"than TimelineJS; FCP {ratio(rows, n, 'fcp_ms'):.2f}x sooner"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

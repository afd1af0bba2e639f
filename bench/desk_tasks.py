"""What three everyday desk tasks cost an editor: clicks, keys, scrolls and seconds.

Run on demand, never in the test suite:

    .venv/bin/python bench/desk_tasks.py [--code OTHER_CHECKOUT]

It makes a database (BENCH_DATABASE_URL, its name suffixed with "_tasks"), migrates it and loads
the demo story, serves the site with `runserver` on a free port from the checkout given by --code
(this one by default), and drives Chromium through Playwright as the demo editor, in a window of
1,366 by 768 pixels, along a practised editor's shortest path:

  a. record an event dated "c. August 2024" with a place, a storyline and two citations (a party
     claiming, an independent outlet reporting), and send it for review;
  b. find it from the desk's front page and publish it;
  c. add a public correction to it, and publish that.

Counted: each click; each key pressed (typing "abc" is three); each scroll needed to bring the
next control into view (one when the control is outside the viewport before acting on it, with
the pixels it took). Seconds are wall time, Playwright's waiting for pages included.

The desk's form changes under this script (a typed date instead of number boxes, a compact
citation row, a publication panel near the top, radio buttons instead of list boxes, a "New
event" link on the front page): each step is a small function that looks for
the control it needs, so the same script measures the desk before and after such changes.
"""

import argparse
import os
import re
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))
from bench import reader_pages  # noqa: E402
from bench.reader_pages import SERVER_ENV, free_port, fresh_database  # noqa: E402

RESULTS = ROOT / "bench" / "results"
FAILURE = RESULTS / "desk_tasks_failure.png"
LOG = RESULTS / "desk_tasks_server.log"
VIEWPORT = {"width": 1366, "height": 768}
PASSWORD = "newsroom-demo"
TITLE = "Drone debris falls on a Kursk village"
SUMMARY = "Debris from a downed drone damaged houses."
CORRECTION = "An earlier version named the wrong village."
# Places, storylines and sources of the demo story, and what to type to find each.
PLACE, STORYLINE = "Sudzha", "Kursk"
CLAIMING = ("Ministry of Defence of Ukraine", "claims")
REPORTING = ("The Independent", "reports")


@dataclass
class Tally:
    clicks: int = 0
    keys: int = 0
    scrolls: int = 0
    scrolled_px: int = 0
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0


class Editor:
    """The page, with every action counted as a person would make it."""

    def __init__(self, page):
        self.page = page
        self.tally = Tally()

    def bring_into_view(self, locator):
        box = locator.bounding_box()
        if box and 0 <= box["y"] and box["y"] + box["height"] <= VIEWPORT["height"]:
            return
        before = self.page.evaluate("scrollY")
        locator.scroll_into_view_if_needed()
        moved = abs(self.page.evaluate("scrollY") - before)
        if moved:
            self.tally.scrolls += 1
            self.tally.scrolled_px += int(moved)

    def click(self, locator):
        locator = locator.first
        self.bring_into_view(locator)
        locator.click()
        self.tally.clicks += 1

    def type(self, locator, text):
        self.click(locator)
        self.page.keyboard.type(text)
        self.tally.keys += len(text)

    def press(self, key):
        self.page.keyboard.press(key)
        self.tally.keys += 1

    def choose(self, select, value):
        """A native select: open it, pick the option (two clicks). A row of radio buttons: click
        the one (one click; none when it is already the one chosen)."""
        locator = self.page.locator(select)
        radio = locator.locator(f"input[type=radio][value='{value}']")
        if radio.count():
            if not radio.is_checked():
                self.click(radio)
            return
        self.bring_into_view(locator)
        locator.select_option(value)
        self.tally.clicks += 2

    def autocomplete(self, select_id, search):
        """One of the admin's autocomplete boxes: open, type, take the first match."""
        self.click(self.page.locator(f"#{select_id} + .select2"))
        self.page.keyboard.type(search)
        self.tally.keys += len(search)
        # Enter takes the highlighted match, once the answer to the whole word is in.
        highlighted = self.page.locator(".select2-results__option--highlighted", has_text=search)
        highlighted.first.wait_for()
        self.press("Enter")

    def button(self, name):
        self.click(self.page.get_by_role("button", name=name, exact=True))
        self.page.wait_for_load_state()


# -- the steps, each finding the control it needs in whichever desk it faces ----------------------


def open_new_event(editor):
    """The desk's front page offers "New event"; before it, the list of apps had an Add link."""
    desk = editor.page
    new = desk.get_by_role("link", name="New event", exact=True)
    if not new.count():
        new = desk.locator("a.addlink[href$='/timeline/event/add/']")
    editor.click(new)
    desk.wait_for_selector("#id_title")


def write_what(editor):
    editor.type(editor.page.locator("#id_title"), TITLE)
    editor.type(editor.page.locator("#id_summary"), SUMMARY)
    editor.choose("#id_kind", "military")
    editor.autocomplete("id_storylines", STORYLINE)


def write_when(editor):
    """ "c. August 2024": typed whole where the desk has one date box, else year, month and the
    approximate box."""
    page = editor.page
    typed = page.locator("input[name='date'], input[name='start'], input[name='when']")
    if typed.count():
        editor.type(typed, "c. August 2024")
        return
    editor.type(page.locator("#id_start_year"), "2024")
    editor.type(page.locator("#id_start_month"), "8")
    editor.click(page.locator("#id_is_approximate"))


def write_where(editor):
    editor.autocomplete("id_place", PLACE)


def cite(editor, row, source, stance):
    page = editor.page
    if not page.locator(f"#id_citations-{row}-source").count():
        editor.click(page.get_by_role("button", name=re.compile("^Add another citation", re.I)))
    editor.autocomplete(f"id_citations-{row}-source", source)
    editor.choose(f"#id_citations-{row}-stance", stance)
    # Where the position is a box of its own (before the one-line citations), it is typed.
    position = page.locator(f"#id_citations-{row}-position")
    if row and position.is_visible() and position.input_value() != str(row):
        editor.click(position)
        editor.press("Control+A")
        editor.page.keyboard.type(str(row))
        editor.tally.keys += 1


def say_who_says_so(editor):
    editor.choose("#id_verification", "reported")


def send_for_review(editor):
    editor.button("Send for review")
    assert "is now in review" in editor.page.locator(".messagelist").inner_text()


def find_from_the_desk(editor, live_url):
    page = editor.page
    page.goto(f"{live_url}/admin/")  # where the editor starts: not counted
    editor.tally.started = time.perf_counter()
    # The front page's review queue links the event itself; before it, the count led to the list.
    listed = page.locator("#review-queue").get_by_role("link", name=TITLE, exact=True)
    if not listed.count():
        editor.click(page.get_by_role("link", name="Events waiting for review"))
        page.wait_for_load_state()
        listed = page.get_by_role("link", name=TITLE, exact=True)
    editor.click(listed)
    page.wait_for_selector("#id_title")


def publish(editor):
    editor.button("Publish")
    assert "is now published" in editor.page.locator(".messagelist").inner_text()


def open_the_event(editor):
    """From wherever publishing left the editor: the list (its title links) or the form."""
    page = editor.page
    if not page.locator("#id_title").count():
        title = page.get_by_role("link", name=TITLE, exact=True)
        if not title.count():
            # The list kept the filter it was opened with ("in review"), which the event left.
            editor.click(page.locator("#changelist-filter a", has_text=re.compile("^Published$")))
            page.wait_for_load_state()
        editor.click(title)
        page.wait_for_selector("#id_title")


def add_correction(editor):
    page = editor.page
    editor.click(page.get_by_role("button", name=re.compile("^Add another correction", re.I)))
    note = page.locator("textarea[name$='corrections-0-note'], textarea[id$='corrections-0-note']")
    editor.type(note, CORRECTION)


def save_correction(editor):
    page = editor.page
    for name in ("Save", "Save and continue editing", "Publish"):
        button = page.get_by_role("button", name=name, exact=True)
        if button.count():
            editor.button(name)
            break
    assert page.locator(".messagelist .error, .errornote").count() == 0, "the save was refused"


# -- the tasks ----------------------------------------------------------------------------------


def task_record(editor, live_url):
    open_new_event(editor)
    write_what(editor)
    write_when(editor)
    write_where(editor)
    say_who_says_so(editor)
    cite(editor, 0, *CLAIMING)
    cite(editor, 1, *REPORTING)
    send_for_review(editor)


def task_publish(editor, live_url):
    find_from_the_desk(editor, live_url)
    publish(editor)


def task_correct(editor, live_url):
    open_the_event(editor)
    add_correction(editor)
    save_correction(editor)


TASKS = [
    ("a. record, send for review", task_record),
    ("b. find from the desk, publish", task_publish),
    ("c. public correction, publish", task_correct),
]


def run_tasks(live_url):
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"]
        )
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(f"{live_url}/admin/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_url}/admin/")
        for label, task in TASKS:
            editor = Editor(page)
            try:
                task(editor, live_url)
            except Exception:
                # What the page showed when a step failed: a form the desk refused, say.
                page.screenshot(path=FAILURE, full_page=True)
                print(f"{label} failed; the page is in {FAILURE.relative_to(ROOT)}")
                raise
            editor.tally.seconds = time.perf_counter() - editor.tally.started
            results.append((label, editor.tally))
        browser.close()
    return results


def serve(url, code):
    """runserver on a free port; the address once it answers the login page itself."""
    port = free_port()
    env = {**os.environ, **SERVER_ENV, "DATABASE_URL": url, "PYTHONPATH": str(code)}
    env["DEBUG"] = "1"  # runserver serves the static files only in debug
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=code,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=LOG.open("w"),
    )
    live_url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped: see {LOG.relative_to(ROOT)}")
        try:
            with urllib.request.urlopen(f"{live_url}/admin/login/", timeout=2) as answer:
                answered = answer.status == 200
        except OSError:
            time.sleep(0.2)
            continue
        # Another process may have taken the port between the probe and runserver's bind, and
        # answered for it: ours would have stopped with "That port is already in use".
        time.sleep(1)
        if answered and server.poll() is None:
            return server, live_url
    server.terminate()
    raise RuntimeError("the server did not start")


def manage(url, code, *args):
    env = {**os.environ, **SERVER_ENV, "DEBUG": "1", "DATABASE_URL": url, "PYTHONPATH": str(code)}
    subprocess.run([sys.executable, "manage.py", *args], cwd=code, env=env, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to measure")
    options = parser.parse_args()
    url = reader_pages.database_url("demo", "tasks")
    # Fresh each time: the tasks leave their event behind.
    fresh_database(url)
    manage(url, options.code, "migrate", "--no-input", "-v", "0")
    manage(url, options.code, "load_demo")
    RESULTS.mkdir(exist_ok=True)
    server, live_url = serve(url, options.code)
    try:
        results = run_tasks(live_url)
    finally:
        server.terminate()
        server.wait()
    print(f"== desk tasks at {VIEWPORT['width']}x{VIEWPORT['height']}, code at {options.code}")
    print(f"{'task':<34}{'clicks':>7}{'keys':>6}{'scrolls (px)':>15}{'seconds':>9}")
    for label, tally in results:
        scrolls = f"{tally.scrolls} ({tally.scrolled_px})"
        print(f"{label:<34}{tally.clicks:>7}{tally.keys:>6}{scrolls:>15}{tally.seconds:>9.1f}")


if __name__ == "__main__":
    main()

"""A partner embeds our TimelineJS export with Knight Lab's TimelineJS 3, in a real Chromium.

The partner's page lives on its own origin and loads TimelineJS from there; TimelineJS fetches
our export from the live server across origins, as every embed does. The test serves the
partner's page and TimelineJS (the npm package in node_modules) itself, so nothing else loads,
and fails on any request that leaves the two.
"""

import io
import os
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from PIL import Image

from newsroom.sources.models import Citation, Source
from tests.browser.conftest import screenshot
from tests.exports.helpers import TIMELINEJS, make_story
from tests.factories import make_citation, make_event, make_party, make_source, make_storyline
from tests.timeline.factories import make_correction
from tests.translations.factories import translate
from timeline.dates import DatedByParts
from timeline.exports import reader_day

pytestmark = pytest.mark.django_db(transaction=True)

PARTNER = "https://partner.example"

TIMELINEJS_DIST = (
    Path(__file__).resolve().parents[2] / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
)
# The partner's page: TimelineJS from its own copy, no web font (the default one comes from
# Google), and the export named in the page's address. It says when TimelineJS is ready.
EMBED_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>A partner's embed</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/timelinejs/css/timeline.css">
<script src="/timelinejs/js/timeline.js"></script>
</head>
<body>
<div id="embed" style="width: 1200px; height: 800px"></div>
<script>
const source = new URLSearchParams(location.search).get("export");
window.embed = new TL.Timeline("embed", source, {
  script_path: new URL("/timelinejs/js/", location.href).href,
  font: null,
  language: "en",
  hash_bookmark: false,
});
window.embed.on("ready", () => { window.embedReady = true; });
</script>
</body>
</html>
"""

# Markup that would run script, markup that would vanish, an entity, quotes and a script end.
MARKUP = 'x <img src=x onerror="window.__pwned=1"> <test> &amp; “q” "q" \'a\' </script>'
# TimelineJS's autolink turns a "www." word into a link by pasting it between quotes: a quote
# in the word would end the address and start an attribute of the reader's choosing.
LINK = "www.example.org'onmouseover='window.__pwned=1'x"


def hostile(field):
    """A text naming the field it is put in, with everything a browser must not take as markup."""
    return f"{field}: {MARKUP}"


@pytest.fixture
def embed(page, live_server, settings):
    """open(query) shows the export at that query in TimelineJS on a partner's page."""
    if not TIMELINEJS_DIST.exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("TimelineJS is missing: run `npm ci` at the repository root")
        pytest.skip("TimelineJS is not installed (npm ci)")
    # The partner is on the public web and so is our site, but here our site is on loopback,
    # which Chromium keeps public pages from reading unless the reader allows it.
    page.context.grant_permissions(["local-network-access"])
    outside, dialogs = [], []
    media = f"{live_server.url}{settings.MEDIA_URL}"

    def serve(route):
        url = route.request.url
        path = urlsplit(url).path
        if url.startswith(f"{PARTNER}/timelinejs/"):
            route.fulfill(path=TIMELINEJS_DIST / path.removeprefix("/timelinejs/"))
        elif url.startswith(f"{PARTNER}/?"):
            route.fulfill(body=EMBED_PAGE, content_type="text/html; charset=utf-8")
        elif url.startswith(media):  # the test server serves no uploads
            route.fulfill(path=Path(settings.MEDIA_ROOT) / url.removeprefix(media))
        elif url.startswith(f"{live_server.url}/"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", serve)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    def open_embed(query=""):
        source = f"{live_server.url}{TIMELINEJS}{query}"
        page.goto(f"{PARTNER}/?export={quote(source, safe='')}")
        page.wait_for_function("window.embedReady === true")
        return page

    yield open_embed
    assert not outside, f"the embed loaded something from elsewhere: {outside}"
    assert not dialogs, f"script in the export opened dialogs: {dialogs}"


def show(page, slug):
    """Move the embed to the event's slide; return that slide once its text is on screen."""
    page.evaluate("slug => window.embed.goToId(slug)", slug)
    slide = page.locator(f".tl-slide[id='{slug}']")
    slide.locator(".tl-headline").wait_for()
    return slide


def no_script_ran(page):
    """Neither did script run, nor is any waiting for the reader's mouse or keys."""
    assert page.evaluate("window.__pwned") is None
    handlers = page.evaluate(
        """[...document.querySelectorAll("#embed *")].flatMap(element =>
            [...element.attributes].filter(attribute => attribute.name.startsWith("on"))
                .map(attribute => `${element.tagName} ${attribute.name}=${attribute.value}`))"""
    )
    assert handlers == []


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "grey").save(buffer, "PNG")
    return ContentFile(buffer.getvalue())


@pytest.fixture
def hostile_story(monkeypatch):
    """One storyline of events whose every text an editor types is hostile; returns the
    correction, whose day the text gives."""
    storyline = make_storyline(title=hostile("storyline"), slug="hostile")
    party = make_party(name=hostile("party"), slug="party")
    claimant = make_source(
        name=hostile("source"), short_name=hostile("short name"), slug="claimant", party=party
    )
    witness = make_source(
        name=hostile("witness"), slug="witness", affiliation=Source.Affiliation.UNKNOWN
    )
    pictured = make_event(
        slug="pictured",
        title=hostile("title"),
        summary=f"{hostile('summary')} {LINK}",
        start_day=6,
        storylines=[storyline],
    )
    pictured.image.save("photo.png", png(), save=False)
    pictured.image_alt = hostile("alt")
    pictured.image_credit = f"{hostile('credit')} {LINK}"
    pictured.save()
    make_citation(pictured, claimant, stance=Citation.Stance.CLAIMS)
    make_citation(pictured, witness, stance=Citation.Stance.REPORTS, position=1)
    correction = make_correction(pictured, note=f"{hostile('correction')} {LINK}")
    make_event(
        slug="timed",
        title=hostile("timed title"),
        start_day=7,
        start_hour=3,
        start_minute=15,
        storylines=[storyline],
    )
    # No one types a date label today (it is made of dates and zone names), but the export must
    # carry any label safely, so the label is given hostile text here: on the class that gives
    # an event and the export's row of one their label.
    monkeypatch.setattr(DatedByParts, "date_label", property(lambda event: hostile("date label")))
    return correction


def test_every_text_of_the_export_reads_as_written_and_runs_no_script(
    embed, live_server, hostile_story
):
    # Partners add their own parameters; the title's link to our timeline carries them.
    query = "?storyline=hostile&utm_source=www.partner.example"
    page = embed(query)
    no_script_ran(page)

    title_slide = page.locator(".tl-slide-titleslide")
    assert title_slide.locator(".tl-headline").inner_text() == hostile("storyline")
    assert title_slide.locator(".tl-text-content").inner_text() == (
        "Published events, each dated as precisely as it is known. The timeline."
    )
    timeline = title_slide.locator(".tl-text-content a").get_attribute("href")
    assert timeline == f"{live_server.url}/timeline/{query}"
    # The time navigation: the storyline's row, each event's marker, the button to the next.
    assert page.locator(".tl-timegroup-message").all_inner_texts() == [hostile("storyline")]
    assert page.locator("[id='pictured-marker'] .tl-headline").inner_text() == hostile("title")
    assert page.locator("[id='timed-marker'] .tl-headline").inner_text() == hostile("timed title")
    next_slide = page.locator(".tl-slidenav-next")
    assert next_slide.locator(".tl-slidenav-title").inner_text() == hostile("title")

    slide = show(page, "pictured")
    assert slide.locator(".tl-headline").inner_text() == hostile("title")
    assert slide.locator(".tl-headline-date").inner_text() == "August 6, 2024"
    assert slide.locator(".tl-text-content p").all_inner_texts() == [
        f"{hostile('summary')} {LINK}",
        "Status: Reported.",
        f"Reported by {hostile('witness')} (affiliation unknown).",
        f"Claimed by {hostile('party')}, a party to the conflict: {hostile('short name')}.",
        f"Correction, {reader_day(hostile_story.published_at)}: {hostile('correction')} {LINK}",
        "Sources and details",
    ]
    event = f"{live_server.url}/events/pictured/"
    assert slide.locator(".tl-text-content a").get_attribute("href") == event
    assert slide.locator(".tl-credit").inner_text() == f"{hostile('credit')} {LINK}"
    image = slide.locator("img.tl-media-image")
    assert image.get_attribute("alt") == hostile("alt")
    assert image.evaluate("image => image.decode().then(() => image.naturalWidth)") == 40
    assert slide.locator("a.tl-media-link").get_attribute("href") == event
    assert next_slide.locator(".tl-slidenav-title").inner_text() == hostile("timed title")
    assert next_slide.locator(".tl-slidenav-description").inner_text() == hostile("date label")
    screenshot(page, "timelinejs-embed-hostile")

    slide = show(page, "timed")
    assert slide.locator(".tl-headline").inner_text() == hostile("timed title")
    assert slide.locator(".tl-headline-date").inner_text() == hostile("date label")
    previous = page.locator(".tl-slidenav-previous")
    assert previous.locator(".tl-slidenav-title").inner_text() == hostile("title")
    assert previous.locator(".tl-slidenav-description").inner_text() == "August 6, 2024"
    no_script_ran(page)


def test_each_date_shows_at_its_precision(embed):
    """No invented month, day or hour; a clock time in its own zone, in the site's words."""
    make_story()
    page = embed()
    dates = {
        slug: show(page, slug).locator(".tl-headline-date").inner_text()
        for slug in ("year", "month", "day", "hour", "minute", "approximate")
    }
    assert dates == {
        "year": "2024",
        "month": "August 2024",
        "day": "August 6, 2024 — August 8, 2024",  # TimelineJS's own words for a bare date
        "hour": "7 August 2024, 03:00–04:00 Moscow time",
        "minute": "6 August 2024, 14:20 Kyiv time",
        "approximate": "c. August 2024",
    }


def test_the_export_in_ukrainian_reads_in_ukrainian_in_timelinejs(embed, live_server):
    """?lang=uk: the event's translation, and the export's own words and dates, in Ukrainian;
    its links go to the Ukrainian pages."""
    event = make_event(slug="raid", title="Depot struck", start_day=6, is_approximate=True)
    # An earlier transaction test's flush made the content types again under new ids: forget
    # the ones this process remembers before a translation names its item's.
    ContentType.objects.clear_cache()
    translate(event, "uk", title="Уражено склад")
    page = embed("?lang=uk")
    title_slide = page.locator(".tl-slide-titleslide")
    assert title_slide.locator(".tl-headline").inner_text() == "Що відомо на цей час"
    assert title_slide.locator(".tl-text-content").inner_text() == (
        "Опубліковані події, кожна датована настільки точно, наскільки це відомо. Хронологія."
    )
    timeline = title_slide.locator(".tl-text-content a").get_attribute("href")
    assert timeline == f"{live_server.url}/uk/timeline/"

    slide = show(page, "raid")
    assert slide.locator(".tl-headline").inner_text() == "Уражено склад"
    assert slide.locator(".tl-headline-date").inner_text() == "бл. 6 серпня 2024"
    text = slide.locator(".tl-text-content").inner_text()
    assert "Статус: Повідомлено." in text and "Джерела й подробиці" in text
    link = slide.locator(".tl-text-content a").get_attribute("href")
    assert link == f"{live_server.url}/uk/events/raid/"
    screenshot(page, "timelinejs-ukrainian")

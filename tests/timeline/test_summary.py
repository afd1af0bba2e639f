"""The story-wide figures readers see stay right however they change: a publish, an unpublish,
an archive, a scheduled item's time coming with no save, a correction.

They are kept in one summary row (timeline/summary.py) so that pages read them at one cost
whatever the size of the story; these tests read them only as readers do, on the pages.
"""

import datetime
import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone

from newsroom.publishing import PublicationStatus
from newsroom.workflow import apply_transition
from tests.factories import (
    PAST,
    make_citation,
    make_event,
    make_source,
    make_storyline,
    make_user,
)
from tests.seo.pages import structured_data
from tests.timeline.factories import make_correction
from timeline.models import Event

pytestmark = pytest.mark.django_db

LATER = timezone.now() + datetime.timedelta(days=2)


def clock_at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.fixture
def editor():
    return make_user("editor", group="editor")


@pytest.fixture
def story():
    line = make_storyline(title="The Kursk incursion", slug="incursion")
    wire = make_source(name="Wire service", slug="wire")
    first = make_event(slug="first", start_day=6, storylines=[line])
    make_citation(first, wire)
    return {"line": line, "wire": wire}


def figures(client):
    """Every story-wide figure, as readers read it on the pages."""
    home = client.get("/").content.decode()
    timeline = client.get("/timeline/").content.decode()
    source = client.get("/sources/wire/").content.decode()
    return {
        "storyline": re.sub(
            r"<[^>]+>",
            " ",
            re.search(r'storyline=incursion".*?class="storyline-facts">(.*?)</p>', home, re.S)[1],
        ).split(),
        "timeline": re.search(r'class="tl-count"[^>]*>(\d+) event', timeline)[1],
        "strip": re.findall(r"<title>([^<]*: \d+ events?)</title>", timeline),
        "api": client.get("/api/events/").json()["count"],
        "live": client.get("/timeline/live.json?since=").json()["count"],
        "source": re.search(r"<p>(\d+) published event", source)[1],
        # A source has a page only while a published event cites it.
        "witness page": client.get("/sources/witness/").status_code,
        "api storyline": client.get("/api/storylines/incursion/").json()["event_count"],
        "api witness": client.get("/api/sources/witness/").status_code,
        "storyline choice": client.get("/timeline/?storyline=later-line").status_code,
    }


def later_event(story, **kwargs):
    """A draft dated 20 August, in the story's storyline and a new one, citing the wire. Its
    publish time is set before the story's latest, so that only the revision of public content
    (newsroom/caching.py) tells that it came or went."""
    event = make_event(
        slug="later",
        start_day=20,
        status=PublicationStatus.DRAFT,
        publish_at=PAST - datetime.timedelta(days=1),
        storylines=[story["line"], make_storyline(slug="later-line")],
        **kwargs,
    )
    make_citation(event, story["wire"])
    make_citation(event, make_source(name="A witness", slug="witness"))
    return event


BEFORE = {
    "storyline": ["6", "August", "2024", "·", "1", "event"],
    "timeline": "1",
    "strip": ["6 August 2024: 1 event"],
    "api": 1,
    "live": 1,
    "source": "1",
    "witness page": 404,
    "api storyline": 1,
    "api witness": 404,
    "storyline choice": 400,
}
AFTER = {
    "storyline": ["6", "August", "2024", "to", "20", "August", "2024", "·", "2", "events"],
    "timeline": "2",
    "strip": ["6 August 2024: 1 event", "20 August 2024: 1 event"],
    "api": 2,
    "live": 2,
    "source": "2",
    "witness page": 200,
    "api storyline": 2,
    "api witness": 200,
    "storyline choice": 200,
}


def step(event, name, editor, **kwargs):
    event.refresh_from_db()
    return apply_transition(
        item=event, name=name, user=editor, seen_version=event.version, **kwargs
    )


def test_a_publish_and_an_unpublish_change_every_figure(client, story, editor):
    event = later_event(story)
    assert figures(client) == BEFORE
    step(event, "publish", editor)
    assert figures(client) == AFTER
    step(event, "unpublish", editor)
    assert figures(client) == BEFORE


def test_an_archive_takes_the_event_out_of_every_figure(client, story, editor):
    event = later_event(story)
    step(event, "publish", editor)
    assert figures(client) == AFTER
    step(event, "archive", editor, note="Withdrawn.")
    assert figures(client) == BEFORE


def test_a_scheduled_event_counts_once_its_time_comes_with_no_save(client, story, editor):
    event = later_event(story)
    Event.objects.filter(pk=event.pk).update(publish_at=LATER)
    step(event, "publish", editor)
    assert Event.objects.get(pk=event.pk).status == PublicationStatus.SCHEDULED
    assert figures(client) == BEFORE
    with clock_at(LATER + datetime.timedelta(minutes=1)):
        assert figures(client) == AFTER


def test_a_save_of_a_published_event_moves_it_in_every_figure(client, story):
    event = make_event(slug="moved", start_day=10, storylines=[story["line"]])
    make_citation(event, story["wire"])
    assert "10 August 2024: 1 event" in figures(client)["strip"]
    event.start_day = 25
    event.save()
    after = figures(client)
    assert "25 August 2024: 1 event" in after["strip"]
    assert "10 August 2024: 1 event" not in after["strip"]
    assert after["storyline"][:7] == ["6", "August", "2024", "to", "25", "August", "2024"]


def modified(client, path="/timeline/"):
    text = structured_data(client, path)["LiveBlogPosting"]["dateModified"]
    return datetime.datetime.fromisoformat(text)


def test_a_correction_moves_the_timelines_last_change_and_one_dated_ahead_waits(client, story):
    event = Event.objects.get(slug="first")
    assert modified(client) == PAST
    now = timezone.now().replace(microsecond=0)
    make_correction(event, published_at=now)
    assert modified(client) == now
    ahead = now + datetime.timedelta(hours=3)
    make_correction(event, published_at=ahead)
    assert modified(client) == now
    # The stored page does not know the correction's time came (newsroom/caching.py): the
    # summary does, as a page made afresh shows.
    cache.clear()
    with clock_at(ahead + datetime.timedelta(seconds=1)):
        assert modified(client) == ahead
        api = client.get("/api/storylines/incursion/").json()["updated_at"]
        assert datetime.datetime.fromisoformat(api) == ahead


def test_a_filtered_timelines_last_change_counts_only_its_own_events_corrections(client, story):
    other = make_event(slug="other", start_day=7)
    make_citation(other, story["wire"])
    first = Event.objects.get(slug="first")
    filtered = "/timeline/?storyline=incursion"
    now = timezone.now().replace(microsecond=0)
    make_correction(other, published_at=now)
    assert modified(client, filtered) == PAST
    earlier = now - datetime.timedelta(hours=1)
    make_correction(first, published_at=earlier)
    make_correction(first, published_at=now + datetime.timedelta(hours=3))
    assert modified(client, filtered) == earlier
    assert modified(client) == now

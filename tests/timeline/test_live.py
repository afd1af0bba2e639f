"""The live endpoint counts events gone public since the page's marker, cheaply and safely."""

import datetime
import re
from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.publishing import PublicationStatus
from tests.factories import PAST, make_event, make_storyline
from tests.timeline.test_views import count_queries, make_events

pytestmark = pytest.mark.django_db

LATER = PAST + datetime.timedelta(hours=1)
MARKER = PAST.isoformat()  # the marker of a page listing the factories' events


@pytest.fixture
def front():
    return make_storyline(title="The front", slug="front")


@pytest.fixture
def story(front):
    make_event(slug="start", title="Forces cross", start_day=6, storylines=[front])
    make_event(slug="bridge", title="Bridge destroyed", start_day=16, kind="military")


def live_data(client, path="/timeline/?order=newest"):
    """The live region's data attributes on a timeline page, or None if it has none."""
    html = client.get(path).text
    region = re.search(r'<div class="tl-live"([^>]*)>', html)
    if region is None:
        return None
    return {
        name: unescape(value)
        for name, value in re.findall(r'data-live-(\w+)="([^"]*)"', region.group(1))
    }


def live_path(since=MARKER, query=""):
    params = QueryDict(query, mutable=True)
    if since is not None:
        params["since"] = since
    return f"/timeline/live.json?{params.urlencode()}"


def new_events(client, since=MARKER, query="", **headers):
    return client.get(live_path(since, query), **headers)


def count(client, since=MARKER, query=""):
    response = new_events(client, since, query)
    assert response.status_code == 200, response.content
    return response.json()["count"]


def test_the_newest_first_page_carries_the_latest_publish_time_as_its_marker(
    client, story, settings
):
    settings.TIMELINE_POLL_SECONDS = 1
    make_event(slug="old-news", start_day=1, kind="diplomatic", publish_at=LATER)
    live = live_data(client, "/timeline/?order=newest&kind=military")
    assert live == {
        # In the order the page was stored under (newsroom.caching.public_page): sorted.
        "url": "/timeline/live.json?kind=military&order=newest",
        "since": PAST.isoformat(),  # the later event is not military
        "seconds": "1",
    }
    assert live_data(client)["since"] == LATER.isoformat()


def test_only_the_newest_first_first_page_is_live(client, story):
    make_events(55)
    assert live_data(client, "/timeline/") is None
    assert live_data(client, "/timeline/?order=newest&page=2") is None
    html = client.get("/timeline/?kind=military&page=2").text
    assert 'href="?kind=military&amp;order=newest">Follow live, newest first</a>' in html
    assert "live.js" not in html


def test_a_page_with_no_event_yet_starts_from_the_empty_marker(client, front):
    assert live_data(client)["since"] == ""
    assert count(client, since="") == 0
    make_event(slug="first", storylines=[front])
    assert count(client, since="") == 1


def test_an_event_published_after_the_marker_counts_whatever_its_date(client, story):
    assert new_events(client).json() == {"count": 0, "since": PAST.isoformat()}
    # Published now, but it happened on the first day of the story: new all the same.
    make_event(slug="late", title="Reported late", start_day=1, publish_at=LATER)
    assert new_events(client).json() == {"count": 1, "since": LATER.isoformat()}
    assert count(client, since=LATER.isoformat()) == 0
    # Any offset names the same instant.
    assert (
        count(
            client,
            since=PAST.astimezone(datetime.timezone(datetime.timedelta(hours=3))).isoformat(),
        )
        == 1
    )


@pytest.mark.parametrize(
    "status",
    [PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW, PublicationStatus.ARCHIVED],
)
def test_an_unpublished_event_does_not_count(client, story, status):
    make_event(slug="hidden", status=status, publish_at=LATER)
    assert count(client) == 0


def test_a_scheduled_event_counts_once_its_time_comes(client, story, monkeypatch):
    now = timezone.now()
    make_event(
        slug="soon",
        status=PublicationStatus.SCHEDULED,
        publish_at=now + datetime.timedelta(minutes=5),
    )
    before = new_events(client)
    assert before.json()["count"] == 0
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(minutes=6))
    after = new_events(client, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200, "no save happened, yet the answer changed"
    assert after.json()["count"] == 1


def test_the_page_filters_apply(client, story, front):
    make_event(slug="front-news", storylines=[front], kind="diplomatic", publish_at=LATER)
    make_event(slug="elsewhere", kind="military", publish_at=LATER)
    assert count(client) == 2
    assert count(client, query="storyline=front") == 1
    assert count(client, query="kind=military") == 1
    assert count(client, query="storyline=front&kind=military") == 0
    assert count(client, query="order=newest&q=") == 2, "order and empty fields change nothing"


@pytest.mark.parametrize(
    ("since", "query", "named"),
    [
        (None, "", "Since: missing"),
        ("yesterday", "", "Since: “yesterday” is not a marker"),
        ("2024-08-06T05:30:00", "", "“2024-08-06T05:30:00” is not a marker"),
        ("2024-13-45T05:30:00+00:00", "", "“2024-13-45T05:30:00+00:00” is not a marker"),
        ("0001-01-01T00:00:00+05:00", "", "“0001-01-01T00:00:00+05:00” is not a marker"),
        (PAST.isoformat(), "storyline=unpublished", "Storyline: “unpublished”"),
        (PAST.isoformat(), "from=soon", "From: “soon”"),
    ],
)
def test_bad_input_gets_a_400_naming_it(client, story, since, query, named):
    response = new_events(client, since, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == "Bad query"
    assert any(named in problem for problem in response.json()["problems"])
    assert "ETag" not in response


def test_the_endpoint_runs_the_same_few_queries_whatever_the_size_of_the_story(client):
    path = live_path(query="storyline=&kind=military")
    counts = []
    for more in (12, 288):
        make_events(more)
        cache.clear()
        cold = count_queries(client, path)
        cache.clear()
        client.get("/timeline/?order=newest")  # the page the script runs on
        counts.append((len(cold), len(count_queries(client, path))))
        assert len(set(cold)) == len(cold), "a query ran twice"
    # The fingerprint, the story's summary (the filters' choices in use) and the count.
    assert counts == [(3, 3), (3, 3)]


def test_the_answer_is_cacheable_until_the_story_changes(client, story):
    first = new_events(client)
    assert "must-revalidate" in first["Cache-Control"]
    assert new_events(client, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    with CaptureQueriesContext(connection) as queries:
        assert new_events(client).content == first.content
    assert len(queries) == 1  # a stored answer: only the validator's query
    make_event(slug="late", publish_at=LATER)
    changed = new_events(client, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed.json()["count"] == 1
    assert not changed.cookies


def test_a_stored_page_carries_the_marker_of_what_it_shows(client, story):
    assert live_data(client)["since"] == PAST.isoformat()
    make_event(slug="late", publish_at=LATER)
    assert live_data(client)["since"] == LATER.isoformat()


def test_the_live_page_costs_no_more_queries_than_the_plain_one(client):
    make_events(12)
    plain = count_queries(client, "/timeline/")
    cache.clear()
    assert len(count_queries(client, "/timeline/?order=newest")) == len(plain)

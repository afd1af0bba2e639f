"""The API over HTTP: validators and 304s, Last-Modified, CORS, and fixed query counts."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article, make_event
from tests.timeline.factories import make_correction
from tests.timeline.test_views import make_events
from timeline.models import Event, Storyline

pytestmark = pytest.mark.django_db

CORS = "Access-Control-Allow-Origin"


def test_every_answer_is_open_to_any_origin(client, story):
    ok = client.get("/api/events/")
    not_modified = client.get("/api/events/", headers={"If-None-Match": ok["ETag"]})
    bad = client.get("/api/events/?kind=bogus")
    missing = client.get("/api/events/nothing/")
    refused = client.post("/api/events/")
    for response, status in [(ok, 200), (not_modified, 304), (bad, 400), (missing, 404)]:
        assert response.status_code == status
        assert response[CORS] == "*"
        assert "Access-Control-Allow-Credentials" not in response
    assert refused.status_code == 405 and refused[CORS] == "*"
    assert "ETag" in ok["Access-Control-Expose-Headers"]


def test_a_preflight_is_answered(client, story):
    response = client.options(
        "/api/events/",
        headers={"Origin": "https://partner.example", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 204
    assert response[CORS] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "Access-Control-Allow-Credentials" not in response


def test_a_stored_answer_keeps_its_headers(client, story):
    first = client.get("/api/events/statement/")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/api/events/statement/")
    assert len(queries) == 1  # only the validator's fingerprint: the answer was stored
    assert again.content == first.content
    for header in ("Content-Type", "Last-Modified", CORS, "ETag"):
        assert again[header] == first[header]


def test_etag_answers_304_until_the_story_changes(
    client, story, django_capture_on_commit_callbacks
):
    first = client.get("/api/storylines/")
    conditional = {"If-None-Match": first["ETag"]}
    assert client.get("/api/storylines/", headers=conditional).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        Storyline.objects.get(slug="diplomacy").save()
    assert client.get("/api/storylines/", headers=conditional).status_code == 200


def test_last_modified_is_the_newest_update_shown(client, story):
    assert client.get("/api/events/statement/")["Last-Modified"] == "Tue, 03 Sep 2024 09:30:00 GMT"
    assert client.get("/api/events/crossing/")["Last-Modified"] == "Sun, 01 Sep 2024 12:00:00 GMT"
    assert client.get("/api/events/")["Last-Modified"] == "Tue, 03 Sep 2024 09:30:00 GMT"
    assert client.get("/api/events/?kind=diplomatic")["Last-Modified"] == (
        "Sun, 01 Sep 2024 12:00:00 GMT"
    )
    assert "Last-Modified" not in client.get("/api/events/?q=nothing-matches")


@pytest.mark.parametrize(
    "since, status",
    [
        ("Tue, 03 Sep 2024 09:30:00 GMT", 304),
        ("Wed, 04 Sep 2024 00:00:00 GMT", 304),
        ("Tue, 03 Sep 2024 09:29:59 GMT", 200),
        ("not a date", 200),
    ],
)
def test_if_modified_since_is_honoured(client, story, since, status):
    client.get("/api/events/statement/")  # stored: the stored copy answers the same way
    response = client.get("/api/events/statement/", headers={"If-Modified-Since": since})
    assert response.status_code == status
    assert response[CORS] == "*"
    if status == 304:
        assert response.content == b"" and response["ETag"]


def test_a_new_correction_moves_last_modified(client, story, django_capture_on_commit_callbacks):
    before = client.get("/api/events/crossing/")["Last-Modified"]
    with django_capture_on_commit_callbacks(execute=True):
        make_correction(Event.objects.get(slug="crossing"), note="Fixed.")
    response = client.get("/api/events/crossing/", headers={"If-Modified-Since": before})
    assert response.status_code == 200
    assert response["Last-Modified"] != before


def test_if_none_match_wins_over_if_modified_since(client, story):
    response = client.get(
        "/api/events/statement/",
        headers={"If-None-Match": '"stale"', "If-Modified-Since": "Wed, 04 Sep 2024 00:00:00 GMT"},
    )
    assert response.status_code == 200


def test_answers_set_no_cookie(client, story):
    for path in ["/api/", "/api/events/", "/api/openapi.json", "/api/events/?kind=x"]:
        response = client.get(path)
        assert not response.cookies and "Cookie" not in response.get("Vary", "")


def count_queries(client, path):
    client.get(path)  # builds the story's summary, as the first read after a write does
    cache.clear()  # neither a stored answer nor remembered sums
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


QUERIES = {
    # validator + the story's summary (count, filter choices) + page + storylines, citations,
    # corrections
    "/api/events/": 6,
    # filtered: the count is the filter's own
    "/api/events/?storyline={storyline}&order=newest&page_size=100": 7,
    # validator + the event + storylines, citations, corrections
    "/api/events/{event}/": 5,
    # validator + the story's summary (which ones, their counts and times) + page
    "/api/storylines/": 3,
    "/api/storylines/{storyline}/": 3,
    "/api/places/": 3,
    "/api/places/{place}/": 3,
    "/api/sources/": 3,
    "/api/sources/{source}/": 3,
    # validator + count + page + bylines, linked events, corrections
    "/api/articles/": 6,
    "/api/articles/{article}/": 5,
    "/api/": 1,
    "/api/openapi.json": 1,
}


def test_queries_do_not_grow_with_the_story(client):
    """Every endpoint, counted at two sizes of story (built once: building is the slow part)."""

    def counts():
        event = Event.objects.filter(storylines__isnull=False, place__isnull=False).last()
        names = {
            "event": event.slug,
            "storyline": event.storylines.first().slug,
            "place": event.place.slug,
            "source": event.citations.first().source.slug,
            "article": make_article(events=Event.objects.all()[:20]).slug,
        }
        found = {}
        for path in QUERIES:
            queries = count_queries(client, path.format(**names))
            assert len(set(queries)) == len(queries), f"a query ran twice on {path}"
            found[path] = len(queries)
        return found

    make_events(5)
    few = counts()
    make_events(200)
    for event in Event.objects.all()[:50]:
        make_correction(event)
    make_event(slug="late")
    assert few == counts() == QUERIES


def test_collections_say_when_their_published_events_last_changed(client, story):
    later = datetime.datetime(2024, 9, 10, 8, 0, tzinfo=datetime.UTC)
    make_correction(story["crossing"], note="Fixed.", published_at=later)
    make_correction(story["draft"], note="Unseen.", published_at=later + datetime.timedelta(1))
    for path in ["/api/storylines/incursion/", "/api/places/sudzha/", "/api/sources/reuters/"]:
        response = client.get(path)
        assert response.json()["updated_at"] == "2024-09-10T08:00:00Z", path
        assert response["Last-Modified"] == "Tue, 10 Sep 2024 08:00:00 GMT"
    diplomacy = client.get("/api/storylines/diplomacy/")
    assert diplomacy.json()["updated_at"] == "2024-09-01T12:00:00Z"
    assert client.get("/api/storylines/")["Last-Modified"] == "Tue, 10 Sep 2024 08:00:00 GMT"
    assert "Last-Modified" not in client.get("/api/")

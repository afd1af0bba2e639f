"""Public pages cache well: validators, 304s, stored pages, and every way content changes."""

import datetime
import time

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom import caching
from newsroom.caching import public_content_changed
from newsroom.publishing import PublicationStatus
from tests.factories import make_event, make_storyline
from timeline.models import Event, Storyline
from timeline.views import EventDetailView

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/timeline/", "/timeline/?storyline=front&order=newest", "/events/start/"]


@pytest.fixture
def story():
    front = make_storyline(title="The front", slug="front")
    return make_event(slug="start", title="Forces cross", start_day=6, storylines=[front])


def etag(client, path="/timeline/"):
    response = client.get(path)
    assert response.status_code == 200
    return response["ETag"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_public_page_sends_a_validator_and_answers_304(client, story, path):
    first = client.get(path)
    assert first["ETag"].startswith('"')
    assert "must-revalidate" in first["Cache-Control"] and "public" in first["Cache-Control"]
    again = client.get(path, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


@pytest.mark.parametrize("path", [*PUBLIC_PAGES, "/timeline/?from=yesterday"])
def test_public_pages_touch_neither_session_nor_csrf(client, story, path):
    response = client.get(path)
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.text


def test_a_stored_page_is_served_with_only_the_validator_queries(client, story):
    first = client.get("/timeline/")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/timeline/")
    assert again.content == first.content
    assert len(queries) == 1  # the fingerprint: the revision and the latest publish times


def test_bad_requests_and_missing_pages_are_not_stored(client, story):
    assert client.get("/timeline/?from=yesterday").status_code == 400
    assert "ETag" not in client.get("/timeline/?from=yesterday")
    assert client.get("/events/nothing/").status_code == 404


def test_a_save_changes_the_pages_after_commit(client, story, django_capture_on_commit_callbacks):
    before = etag(client)
    with django_capture_on_commit_callbacks(execute=True):
        Storyline.objects.filter(slug="front").get().save()
    assert etag(client) != before


def test_publishing_with_update_changes_the_page_even_without_a_signal(client, story):
    make_event(slug="held", title="Held back", status=PublicationStatus.DRAFT, publish_at=None)
    before = client.get("/timeline/")
    Event.objects.filter(slug="held").update(
        status=PublicationStatus.PUBLISHED, publish_at=timezone.now()
    )
    after = client.get("/timeline/")
    assert after["ETag"] != before["ETag"]
    assert "Held back" in after.text


def test_public_content_changed_reaches_what_no_fingerprint_sees(client, story):
    before = client.get("/timeline/")
    Storyline.objects.filter(slug="front").update(title="The renamed front")
    assert client.get("/timeline/").content == before.content  # stored page, as expected
    public_content_changed()
    after = client.get("/timeline/")
    assert after["ETag"] != before["ETag"]
    assert "The renamed front" in after.text


def test_a_scheduled_event_changes_the_page_when_its_time_comes(client, story, monkeypatch):
    now = timezone.now()
    make_event(
        slug="soon",
        title="Scheduled event",
        status=PublicationStatus.SCHEDULED,
        publish_at=now + datetime.timedelta(minutes=5),
    )
    before = client.get("/timeline/")
    assert "Scheduled event" not in before.text
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(minutes=6))
    after = client.get("/timeline/", headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert "Scheduled event" in after.text


def test_the_view_class_itself_is_not_cached(rf: RequestFactory, story):
    """A staff preview subclasses the view; only the address in urls.py is wrapped."""
    response = EventDetailView.as_view()(rf.get("/events/start/"), slug="start")
    assert not response.has_header("ETag")


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_process_rechecks_the_database_about_once_a_second(
    client, monkeypatch
):
    make_event(slug="start", title="Forces cross")
    make_event(slug="held", title="Soon withdrawn")
    client.get("/timeline/")
    with CaptureQueriesContext(connection) as queries:
        assert "Soon withdrawn" in client.get("/timeline/").text
    assert len(queries) == 0, "a stored page needs no query at all between rechecks"
    # Another process unpublishes in bulk and moves the revision in the database, as its
    # public_content_changed() does, but cannot reach this process's memory: noticed at the
    # next recheck.
    Event.objects.filter(slug="held").update(status=PublicationStatus.ARCHIVED)
    caching.advance_revision()
    assert "Soon withdrawn" in client.get("/timeline/").text
    later = time.monotonic() + caching.RECHECK_SECONDS + 0.1
    monkeypatch.setattr(caching.time, "monotonic", lambda: later)
    assert "Soon withdrawn" not in client.get("/timeline/").text


@pytest.mark.django_db(transaction=True)
def test_a_save_in_this_process_is_seen_at_once(client):
    make_event(slug="start", title="Forces cross")
    client.get("/timeline/")
    make_event(slug="next", title="A new event")
    assert "A new event" in client.get("/timeline/").text


def test_story_wide_sums_are_shared_between_addresses_until_the_story_changes(client, story):
    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    cold = queries("/timeline/")
    # Another address: the count, the per-day counts and every filter's choices are read from
    # the story's summary in one query (the first request built it); the rest is the validator
    # and the page of events with their storylines and citations.
    assert queries("/timeline/?order=newest") == 5 < cold
    # A filtered list sums its own days once per set of filters, kept until the story changes.
    assert queries("/timeline/?kind=military") == 6
    assert queries("/timeline/?kind=military&order=newest") == 5
    make_event(slug="later", title="A later event", start_day=9)
    html = client.get("/timeline/?order=newest&kind=military").text
    assert "<title>9 August 2024: 1 event</title>" in html


def test_a_stored_page_keeps_the_headers_its_view_set(rf: RequestFactory, story):
    def view(request):
        response = HttpResponse("{}", content_type="application/json")
        response["Access-Control-Allow-Origin"] = "*"
        return response

    wrapped = caching.public_page(view)
    wrapped(rf.get("/any/"))
    with CaptureQueriesContext(connection) as queries:
        stored = wrapped(rf.get("/any/"))
    assert len(queries) == 1  # the validator only: the body came from the cache
    assert stored["Content-Type"] == "application/json"
    assert stored["Access-Control-Allow-Origin"] == "*"


def test_pages_are_stored_per_host_since_they_carry_absolute_links(rf: RequestFactory, story):
    wrapped = caching.public_page(lambda request: HttpResponse(request.build_absolute_uri()))
    wrapped(rf.get("/any/", HTTP_HOST="localhost"))
    other = wrapped(rf.get("/any/", HTTP_HOST="127.0.0.1"))
    assert other.content == b"http://127.0.0.1/any/"


def test_a_deploy_that_changes_the_code_changes_validators_and_stored_pages(
    client, story, monkeypatch
):
    """The content version lives in the shared cache and outlives a restart; new templates
    must still reach readers, and a stored page of the old code must not be served."""
    before = client.get("/timeline/")
    monkeypatch.setattr(caching, "code_version", lambda: "a-new-deploy")
    after = client.get("/timeline/", headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]


def stored_pages():
    """How many rendered pages the (per-process memory) cache holds."""
    return sum(":page:" in key for key in caching.shared_cache._cache)


def test_unknown_parameters_share_the_stored_page(client, story):
    plain = client.get("/timeline/")
    for n in range(200):
        tracked = client.get(f"/timeline/?utm_source=n{n}&fbclid={n}")
        assert tracked.content == plain.content
    assert stored_pages() == 1


def test_unknown_parameters_reach_no_link_on_the_page(client, story):
    """Otherwise the stored page would carry one reader's tracking into every reader's links."""
    html = client.get("/timeline/?order=newest&utm_source=newsletter").text
    assert "utm_source" not in html and "newsletter" not in html
    assert client.get("/timeline/?order=newest").content == html.encode()


def test_the_order_of_parameters_does_not_matter(client, story):
    first = client.get("/timeline/?storyline=front&order=newest")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/timeline/?order=newest&storyline=front")
    assert second.content == first.content
    assert len(queries) == 1  # the validator only: the stored page was served
    assert stored_pages() == 1


def test_a_known_parameter_with_another_value_is_another_page(client, story):
    make_event(slug="later", title="A later event", start_day=9)
    newest = client.get("/timeline/?order=newest&utm_source=a")
    oldest = client.get("/timeline/?order=oldest&utm_source=a")
    assert newest.content != oldest.content
    assert stored_pages() == 2


def test_a_page_with_unknown_parameters_still_answers_304(client, story):
    first = client.get("/timeline/?utm_source=a")
    again = client.get("/timeline/?utm_source=b", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_a_bad_value_among_unknown_parameters_is_still_a_400_and_not_stored(client, story):
    assert client.get("/timeline/?utm_source=a&from=yesterday").status_code == 400
    assert stored_pages() == 0


def test_the_apis_page_links_carry_only_what_the_api_reads(client, story):
    make_event(slug="later", title="A later event", start_day=9)
    data = client.get("/api/events/?utm_source=a&page_size=1&order=newest").json()
    assert data["next"] == "http://testserver/api/events/?order=newest&page=2&page_size=1"


def test_a_view_that_carries_every_parameter_is_stored_per_query_in_any_order(rf, story):
    wrapped = caching.public_page(lambda request: HttpResponse(request.GET.urlencode()), reads=None)
    assert wrapped(rf.get("/any/?utm_source=b&a=2")).content == b"a=2&utm_source=b"
    assert wrapped(rf.get("/any/?a=2&utm_source=b")).content == b"a=2&utm_source=b"
    assert stored_pages() == 1
    assert wrapped(rf.get("/any/?a=2&utm_source=c")).content == b"a=2&utm_source=c"
    assert stored_pages() == 2

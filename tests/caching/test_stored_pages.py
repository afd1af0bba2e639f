"""What a stored page costs readers: one cache round trip, one render for many, no huge values."""

import pickle
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from newsroom import caching
from newsroom.caching import public_content_changed
from tests.factories import make_event

pytestmark = pytest.mark.django_db


class CountingCache:
    """The cache, recording the name of every method called on it: each is a round trip."""

    def __init__(self, cache):
        self.cache = cache
        self.calls = []

    def __getattr__(self, name):
        method = getattr(self.cache, name)

        def counted(*args, **kwargs):
            self.calls.append(name)
            return method(*args, **kwargs)

        return counted


@pytest.fixture
def counting(monkeypatch):
    counting = CountingCache(caching.cache)
    monkeypatch.setattr(caching, "cache", counting)
    return counting


@pytest.fixture
def story():
    return make_event(slug="start", title="Forces cross", start_day=6)


def test_a_stored_page_costs_one_round_trip_to_the_cache(client, story, counting):
    first = client.get("/timeline/")
    for _ in range(3):
        counting.calls.clear()
        again = client.get("/timeline/")
        assert again.content == first.content
        assert again["ETag"] == first["ETag"]
        assert len(counting.calls) == 1, counting.calls


def test_a_page_stored_by_another_process_costs_one_round_trip_too(client, story, counting):
    first = client.get("/timeline/")
    caching._process_copies.clear()  # as in a worker that has not served it yet
    counting.calls.clear()
    assert client.get("/timeline/").content == first.content
    assert counting.calls == ["get_many"]


def test_a_304_costs_one_round_trip_to_the_cache(client, story, counting):
    first = client.get("/timeline/")
    counting.calls.clear()
    again = client.get("/timeline/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert counting.calls == ["get"]  # the content version alone: the page is not fetched
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"]


def test_a_stored_page_is_answered_before_the_session_and_auth_middleware(client, story):
    first = client.get("/timeline/")
    assert hasattr(first.wsgi_request, "session")  # rendered through the whole stack
    again = client.get("/timeline/")
    assert not hasattr(again.wsgi_request, "session")
    assert not hasattr(again.wsgi_request, "user")
    # Every header the whole stack gave the page comes with the stored copy.
    assert dict(again.items()) == dict(first.items())


def test_a_page_the_session_middleware_varies_is_not_stored(client, story, monkeypatch):
    """Checked on what the whole stack answered, not only on what the view returned."""
    from timeline.views import EventListView

    render = EventListView.get

    def touches_the_session(self, request, *args, **kwargs):
        request.session.get("anything")
        return render(self, request, *args, **kwargs)

    monkeypatch.setattr(EventListView, "get", touches_the_session)
    assert "Cookie" in client.get("/timeline/")["Vary"]
    assert stored_pages() == 0


def stored_pages():
    return sum(":page:" in key for key in caching.shared_cache._cache)


class SlowView:
    """A public view that takes its time and counts how often it renders."""

    def __init__(self, size=100):
        self.renders = 0
        self.size = size
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, request):
        self.renders += 1
        self.started.set()
        assert self.release.wait(timeout=10)
        return HttpResponse(f"render {self.renders} ".ljust(self.size, "."))


@pytest.fixture
def no_database(monkeypatch):
    """Threads here reach no database: the published fingerprint is fixed."""
    monkeypatch.setattr(caching, "published_fingerprint", lambda: "fixed")


def test_readers_who_miss_the_same_page_at_once_share_one_render(rf: RequestFactory, no_database):
    view = SlowView()
    page = caching.public_page(view)
    with ThreadPoolExecutor(8) as pool:
        answers = [pool.submit(page, rf.get("/any/")) for _ in range(8)]
        assert view.started.wait(timeout=10)
        view.release.set()
        contents = {answer.result(timeout=20).content for answer in answers}
    assert view.renders == 1
    assert contents == {b"render 1 ".ljust(100, b".")}


def test_after_a_change_readers_get_the_previous_copy_while_one_request_renders(
    rf: RequestFactory, no_database
):
    view = SlowView()
    page = caching.public_page(view)
    view.release.set()
    before = page(rf.get("/any/"))
    view.release.clear()
    view.started.clear()
    public_content_changed()
    with ThreadPoolExecutor(1) as pool:
        rendering = pool.submit(page, rf.get("/any/"))
        assert view.started.wait(timeout=10)
        meanwhile = page(rf.get("/any/"))
        assert meanwhile.content == before.content
        assert meanwhile["ETag"] == before["ETag"]  # the old version's, so it is asked again
        assert meanwhile["Cache-Status"] == "newsroom; hit; detail=stale"
        view.release.set()
        fresh = rendering.result(timeout=10)
    assert fresh.content.startswith(b"render 2 ")
    assert fresh["ETag"] != before["ETag"]
    after = page(rf.get("/any/"))
    assert after.content == fresh.content and "Cache-Status" not in after
    assert view.renders == 2


def test_a_reader_waiting_for_a_page_that_is_not_stored_renders_it_then(
    rf: RequestFactory, no_database
):
    """An error page is not stored: whoever waited for it must not wait for nothing."""
    renders = []

    def missing(request):
        renders.append(1)
        return HttpResponse("gone", status=404)

    page = caching.public_page(missing)
    assert page(rf.get("/any/")).status_code == 404
    assert page(rf.get("/any/")).status_code == 404
    assert len(renders) == 2
    assert stored_pages() == 0


def test_nothing_over_a_megabyte_goes_into_the_cache(rf: RequestFactory, no_database, monkeypatch):
    sizes = []
    keep = caching.cache.set

    def measured(key, value, *args, **kwargs):
        sizes.append(len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL)))
        return keep(key, value, *args, **kwargs)

    monkeypatch.setattr(caching.cache, "set", measured)
    view = SlowView(size=1_100_000)
    view.release.set()
    page = caching.public_page(view)
    assert len(page(rf.get("/any/")).content) == 1_100_000  # still served, just not kept
    assert page(rf.get("/any/")).content.startswith(b"render 2 ")
    assert stored_pages() == 0
    small = caching.public_page(SlowView(size=900_000))
    small.__wrapped__.release.set()
    small(rf.get("/small/"))
    assert stored_pages() == 1
    assert max(sizes) <= caching.MAX_VALUE_BYTES


def test_a_large_story_wide_sum_is_computed_again_rather_than_stored(rf: RequestFactory):
    request = rf.get("/any/")
    request.public_etag = '"e"'
    computed = []

    def compute():
        computed.append(1)
        return "x" * 1_100_000

    caching.remembered(request, "big", compute)
    caching.remembered(request, "big", compute)
    assert len(computed) == 2

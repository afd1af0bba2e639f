"""Under Redis, as in production: the content version kept in the process until Redis says it
changed, and revalidations answered again before Django's handler (newsroom/revalidation.py).

Each test runs against a Redis server of its own and counts the commands it is sent."""

import contextlib
import datetime
import shutil

import pytest
import redis
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.test import RequestFactory, override_settings
from django.utils import timezone

from newsroom import caching
from newsroom.revalidation import NotModifiedAgain
from tests.factories import make_event
from tests.outage.servers import RedisServer
from timeline.models import Event

pytestmark = pytest.mark.django_db
SOON = timezone.now() + datetime.timedelta(hours=1)


@pytest.fixture(scope="module")
def redis_server():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = RedisServer()
    try:
        server.start()
        yield server
    finally:
        server.remove()


@pytest.fixture
def server(redis_server):
    """The Redis server the cache uses, emptied, as a redis-py client for the test's own use."""
    url = redis_server.url
    with override_settings(
        CACHES={"default": {"BACKEND": "newsroom.redis_cache.RedisCache", "LOCATION": url}}
    ):
        client = redis.Redis.from_url(url)
        client.flushall()
        caching._process_copies.clear()
        yield client


@pytest.fixture
def story():
    return make_event(slug="start", title="Forces cross", start_day=6)


@contextlib.contextmanager
def commands(server):
    """How many commands Redis was sent meanwhile (the count's own INFO left out)."""
    counted = {}
    before = server.info("stats")["total_commands_processed"]
    yield counted
    counted["sent"] = server.info("stats")["total_commands_processed"] - before - 1


def revalidate(client, page):
    return client.get("/timeline/", headers={"If-None-Match": page["ETag"]})


def test_a_revalidation_costs_no_round_trip_while_the_version_stands(client, story, server):
    page = client.get("/timeline/")
    assert revalidate(client, page).status_code == 304
    with commands(server) as counted:
        assert revalidate(client, page).status_code == 304
    assert counted["sent"] == 0


def test_a_stored_page_costs_one_round_trip_at_most(client, story, server):
    page = client.get("/timeline/")
    with commands(server) as counted:
        assert client.get("/timeline/").content == page.content
    assert counted["sent"] == 0  # this process holds the page and the version
    caching._process_copies.clear()  # as in a worker that has not served it yet
    with commands(server) as counted:
        assert client.get("/timeline/").content == page.content
    assert counted["sent"] == 1  # the page


def test_a_version_another_process_writes_is_seen_by_the_next_request(client, story, server):
    page = client.get("/timeline/")
    assert revalidate(client, page).status_code == 304
    # As a publish in another process does: a write on a connection of its own.
    caches["default"].set(caching.VERSION_KEY, "published-elsewhere", None)
    again = revalidate(client, page)
    assert again.status_code == 200
    assert again["ETag"] != page["ETag"]
    assert "Forces cross" in again.text


def test_an_emptied_redis_drops_the_kept_version(client, story, server):
    caches["default"].set(caching.VERSION_KEY, "published-elsewhere", None)
    page = client.get("/timeline/")
    assert revalidate(client, page).status_code == 304
    server.flushall()  # the version starts again from the code's
    assert revalidate(client, page).status_code == 200


def test_a_write_made_here_is_read_back_at_once(server):
    """Redis may send a write's invalidation after the writer's "OK": a read made straight
    after could come first (a few in ten thousand). So this process's writes drop what it kept."""
    cache = caches["default"]
    for number in range(10_000):
        cache.set("counted", number)
        assert cache.get_tracked("counted") == number


def test_a_restarted_redis_is_tracked_again(client, story, server, redis_server):
    page = client.get("/timeline/")
    redis_server.stop()
    redis_server.start()
    assert client.get("/timeline/").content == page.content  # rendered again and stored
    page = client.get("/timeline/")
    with commands(server) as counted:
        assert revalidate(client, page).status_code == 304
    assert counted["sent"] == 0


def test_a_redis_that_refuses_tracking_is_read_on_every_request(client, story):
    untracking = RedisServer("--rename-command", "CLIENT", "")
    untracking.start()
    try:
        url = untracking.url
        with override_settings(
            CACHES={"default": {"BACKEND": "newsroom.redis_cache.RedisCache", "LOCATION": url}}
        ):
            page = client.get("/timeline/")
            server = redis.Redis.from_url(url)
            with commands(server) as counted:
                assert revalidate(client, page).status_code == 304
            assert counted["sent"] == 1  # the content version, as without tracking
            caches["default"].set(caching.VERSION_KEY, "published-elsewhere", None)
            assert revalidate(client, page).status_code == 200
    finally:
        untracking.remove()


# -- the WSGI application as gunicorn calls it -------------------------------------------------


@pytest.fixture
def site():
    """The application newsroom/wsgi.py makes."""
    return NotModifiedAgain(WSGIHandler())


# The process keeps the fingerprint only outside a transaction (caching.published_fingerprint),
# so these tests commit, as the site does.
as_served = pytest.mark.django_db(transaction=True)


def call(site, path, **headers):
    """(status, headers, body) of one request, and whether Django's handler saw it."""
    environ = RequestFactory().get(path, headers=headers).environ
    answer, entered = {}, []

    def start_response(status, response_headers, exc_info=None):
        answer.update(status=status, headers=response_headers)

    def handled(**kwargs):
        entered.append(True)

    request_started.connect(handled)
    try:
        response = site(environ, start_response)
        body = b"".join(response)
        if hasattr(response, "close"):
            response.close()
    finally:
        request_started.disconnect(handled)
    return answer["status"], answer["headers"], body, bool(entered)


@as_served
def test_a_304_the_site_gave_is_given_again_before_django(site, story, server):
    _, headers, _, _ = call(site, "/timeline/")
    etag = dict(headers)["ETag"]
    status, made, body, handled = call(site, "/timeline/", if_none_match=etag)
    assert (status, body, handled) == ("304 Not Modified", b"", True)
    for _ in range(2):
        with commands(server) as counted:
            again = call(site, "/timeline/", if_none_match=etag)
        assert again == ("304 Not Modified", made, b"", False)
        assert counted["sent"] == 0


@as_served
def test_it_is_not_given_to_a_request_that_differs_in_any_header(site, story, server):
    _, headers, _, _ = call(site, "/timeline/")
    etag = dict(headers)["ETag"]
    call(site, "/timeline/", if_none_match=etag)
    for other in ({"accept_language": "uk"}, {"cookie": "a=b"}, {"origin": "https://x.test"}):
        status, _, _, handled = call(site, "/timeline/", if_none_match=etag, **other)
        assert (status, handled) == ("304 Not Modified", True)
    status, _, _, handled = call(site, "/timeline/?order=newest", if_none_match=etag)
    assert handled


@as_served
def test_it_is_not_given_once_another_process_changes_the_version(site, story, server):
    _, headers, _, _ = call(site, "/timeline/")
    etag = dict(headers)["ETag"]
    call(site, "/timeline/", if_none_match=etag)
    caches["default"].set(caching.VERSION_KEY, "published-elsewhere", None)
    status, headers, body, handled = call(site, "/timeline/", if_none_match=etag)
    assert (status, handled) == ("200 OK", True)
    assert dict(headers)["ETag"] != etag
    assert b"Forces cross" in body


@as_served
def test_it_is_not_given_once_the_fingerprint_is_due_to_be_read_again(site, story, server):
    _, headers, _, _ = call(site, "/timeline/")
    etag = dict(headers)["ETag"]
    call(site, "/timeline/", if_none_match=etag)
    caching._remembered = (0, caching._remembered[1])  # read over RECHECK_SECONDS ago
    status, _, _, handled = call(site, "/timeline/", if_none_match=etag)
    assert (status, handled) == ("304 Not Modified", True)  # the database asked, still current


@as_served
def test_a_scheduled_time_passing_ends_it_within_the_recheck(site, story, server):
    """A scheduled publish changes no version when its time comes: the fingerprint read again
    (at most a second later) shows it."""
    scheduled = make_event(slug="later", title="Talks resume", start_day=7, publish_at=SOON)
    _, headers, body, _ = call(site, "/timeline/")
    assert b"Talks resume" not in body
    etag = dict(headers)["ETag"]
    call(site, "/timeline/", if_none_match=etag)
    # Its time comes, with no save and no signal.
    Event.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now())
    assert call(site, "/timeline/", if_none_match=etag)[3] is False  # within the second
    caching._remembered = (0, caching._remembered[1])
    status, _, body, handled = call(site, "/timeline/", if_none_match=etag)
    assert (status, handled) == ("200 OK", True)
    assert b"Talks resume" in body


@as_served
def test_without_redis_every_revalidation_goes_to_django(site, story):
    _, headers, _, _ = call(site, "/timeline/")
    etag = dict(headers)["ETag"]
    for _ in range(3):
        status, _, _, handled = call(site, "/timeline/", if_none_match=etag)
        assert (status, handled) == ("304 Not Modified", True)

"""While the database or the cache cannot answer, in one process (the real servers stopped under
load are in tests/outage/). The database is made to refuse every query, as a stopped server does."""

import contextlib

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import override_settings
from lxml import html

from newsroom import caching
from newsroom.moderation.models import Submission
from newsroom.outages import RETRY_AFTER_SECONDS
from newsroom.redis_cache import check_redis_evicts
from tests.factories import make_event, make_party, make_user
from tests.moderation.factories import form_data
from tests.outage.servers import free_port

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def database_down():
    def refuse(*args):
        raise OperationalError("connection refused: is the server running?")

    caching.forget_fingerprint()  # as once the remembered second has passed
    with connection.execute_wrapper(refuse):
        yield


def assert_outage_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    page = html.fromstring(response.content)
    return page


@pytest.fixture
def story():
    return make_event(slug="start", title="Forces cross", start_day=6)


def test_a_stored_page_is_served_marked_stale_while_the_database_is_down(client, story):
    stored = client.get("/timeline/")
    with database_down():
        again = client.get("/timeline/?utm_source=x")
        revalidated = client.get("/timeline/", headers={"If-None-Match": stored["ETag"]})
    assert again.status_code == 200
    assert again.content == stored.content
    assert again["Cache-Status"] == caching.STALE_WITHOUT_DATABASE
    assert again["ETag"] == stored["ETag"]
    assert revalidated.status_code == 304
    # Back up: current pages again, nothing to restart.
    assert "Cache-Status" not in client.get("/timeline/")


def test_a_page_never_stored_answers_503_saying_nothing_was_lost(client, story):
    with database_down():
        response = client.get(f"/events/{story.slug}/")
    page = assert_outage_page(response)
    assert page.findtext(".//h1") == "Back in a moment"
    assert "Nothing that was stored has been lost" in page.text_content()
    assert client.get(f"/events/{story.slug}/").status_code == 200


def test_the_desk_answers_503_too(client):
    client.force_login(make_user("editor", is_superuser=True))
    with database_down():
        assert_outage_page(client.get("/admin/"))
    assert client.get("/admin/").status_code == 200


def test_a_submission_sent_meanwhile_comes_back_in_its_form_and_nothing_is_stored(client):
    data = form_data(text="Smoke over the bridge at 05:30.", contact_name="Anna")
    with database_down():
        response = client.post("/submit/", data)
    page = assert_outage_page(response)
    assert "private" in response["Cache-Control"]
    alert = page.get_element_by_id("unavailable-heading").getparent()
    assert "Nothing was stored" in alert.text_content()
    # A browser drops the newline Django writes after <textarea>; lxml keeps it.
    assert page.get_element_by_id("id_text").text.removeprefix("\n") == data["text"]
    assert page.get_element_by_id("id_contact_name").value == "Anna"
    assert page.get_element_by_id("id_link_1").value == data["link_1"]
    assert page.get_element_by_id("id_may_contact").checked
    assert Submission.objects.count() == 0
    # Sent again once the database is back, it is taken.
    assert client.post("/submit/", data).status_code == 303
    assert Submission.objects.get().text == data["text"]


@pytest.fixture
def redis_gone(settings):
    """The cache is Redis on a port where nothing listens, as when it is stopped."""
    url = f"redis://127.0.0.1:{free_port()}/0"
    with override_settings(
        CACHES={"default": {"BACKEND": "newsroom.redis_cache.RedisCache", "LOCATION": url}}
    ):
        yield


def test_without_redis_the_site_serves_uncached_and_the_desk_works(client, story, redis_gone):
    for _ in range(2):
        response = client.get("/timeline/")
        assert response.status_code == 200
        assert "Forces cross" in response.text
    client.force_login(make_user("editor", is_superuser=True))
    party = make_party()
    reply = client.post(
        f"/admin/sources/party/{party.pk}/change/", {"name": "Renamed", "slug": party.slug}
    )
    assert reply.status_code == 302
    story.title = "Forces cross the border"
    story.save()
    caching.public_content_changed()  # what the save's commit runs: the cache is told, or not
    assert "Forces cross the border" in client.get(f"/events/{story.slug}/").text


def test_the_deploy_check_warns_when_redis_cannot_be_asked(redis_gone):
    assert [warning.id for warning in check_redis_evicts(None)] == ["newsroom.W001"]


def test_the_deploy_check_stays_quiet_without_redis():
    assert check_redis_evicts(None) == []
    call_command("check", deploy=False)

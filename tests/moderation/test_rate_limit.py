"""A sender may send only so much; the limit is counted by a keyed hash, never the address."""

import pytest
from django.core.cache import caches

from newsroom.moderation.models import Submission
from tests.moderation.factories import form_data

pytestmark = pytest.mark.django_db

SUBMIT = "/submit/"


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.SUBMISSION_RATE_LIMIT = 2
    settings.SUBMISSION_ATTEMPT_LIMIT = 4
    settings.SUBMISSION_RATE_WINDOW_SECONDS = 3600


def send(client, address="198.51.100.20", **fields):
    return client.post(SUBMIT, form_data(**fields), REMOTE_ADDR=address)


def test_past_the_limit_a_sender_gets_a_429_that_says_when_to_try_again(client):
    assert [send(client).status_code for _ in range(2)] == [303, 303]
    response = send(client)
    html = response.content.decode()
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "try again in about" in html and "Kyiv time" in html
    assert html.count("<h1") == 1
    assert "no-store" in response["Cache-Control"]
    assert Submission.objects.count() == 2


def test_another_sender_is_not_held_back(client):
    for _ in range(3):
        send(client)
    assert send(client, address="198.51.100.21").status_code == 303


def test_addresses_in_one_ipv6_64_count_as_one_sender(client):
    send(client, address="2001:db8:1:2::1")
    send(client, address="2001:db8:1:2::2")
    assert send(client, address="2001:db8:1:2:ffff::3").status_code == 429
    assert send(client, address="2001:db8:1:3::1").status_code == 303


def test_refused_tries_count_too_so_photos_cannot_be_decoded_without_end(client):
    for _ in range(4):
        assert send(client, occurred_on="2024-02-30").status_code == 200
    assert send(client).status_code == 429
    assert not Submission.objects.exists()


def test_reading_the_form_is_never_limited(client):
    for _ in range(3):
        send(client)
    assert client.get(SUBMIT, REMOTE_ADDR="198.51.100.20").status_code == 200


def test_neither_the_cache_nor_the_row_holds_the_address(client):
    send(client)
    keys = list(caches["ratelimit"]._cache)  # the local-memory cache the tests use
    assert keys and not any("198.51.100.20" in key for key in keys)
    submission = Submission.objects.get()
    assert submission.sender_hash in "".join(keys)
    assert "198.51.100.20" not in str(Submission.objects.values().get())


@pytest.fixture
def redis_down(settings):
    """The counts in a Redis that is not there: nothing listens on port 1."""
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }


def test_with_redis_down_submissions_fail_closed_and_the_reader_keeps_their_text(
    client, redis_down
):
    response = send(client, text="Shelling heard north of Sudzha at dawn.")
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]
    assert "We could not take your submission just now" in html and "Nothing was stored" in html
    assert "Shelling heard north of Sudzha at dawn.</textarea>" in html
    assert 'value="Sudzha border crossing"' in html
    assert not Submission.objects.exists()
    assert client.get(SUBMIT).status_code == 200  # the empty form needs no count


def test_a_submission_that_fails_to_store_gives_its_count_back(client, monkeypatch):
    from newsroom.moderation import views

    def broken(**values):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(views, "submission_create", broken)
    client.raise_request_exception = False
    assert [send(client).status_code for _ in range(2)] == [500] * 2
    monkeypatch.undo()
    assert [send(client).status_code for _ in range(2)] == [303, 303]

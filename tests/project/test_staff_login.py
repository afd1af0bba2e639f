"""Staff logins are throttled per account and per address, and the page says until when."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format

from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "right-password-for-tests"
WRONG = "Please enter the correct username and password"
LOCKED = "Too many failed logins for this account or from this network"


@pytest.fixture
def editor():
    return make_user("olena", password=PASSWORD)


def log_in(client, username="olena", password=PASSWORD, address="198.51.100.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def guess(client, times, **kwargs):
    return [log_in(client, password="wrong", **kwargs) for _ in range(times)]


def pass_time(delta):
    """As if ``delta`` had passed since every failure counted so far."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - delta)


def test_after_twenty_wrong_passwords_even_the_right_one_is_refused_until_the_window_ends(
    client, editor, settings
):
    answers = guess(client, 20)
    assert [answer.status_code for answer in answers[:19]] == [200] * 19
    assert all(WRONG in answer.content.decode() for answer in answers[:19])
    assert answers[19].status_code == 429  # the twentieth failure reaches the limit

    refused = log_in(client)
    html = refused.content.decode()
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    assert LOCKED in html and "even with the right password" in html
    until = timezone.localtime(AccessAttempt.objects.get().attempt_time + timedelta(minutes=15))
    assert f"until {date_format(until, 'H:i')} ({until.tzname()}), in about 15 minutes" in html
    assert 14 * 60 < int(refused["Retry-After"]) <= 15 * 60
    assert 'id="login-form"' in html  # the login page itself, with the message on it

    pass_time(timedelta(minutes=14))
    assert log_in(client).status_code == 429
    assert "in about 1 minute." in log_in(client).content.decode()
    pass_time(timedelta(minutes=1, seconds=1))
    response = log_in(client)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_refusals_during_the_lockout_do_not_push_its_end_back(client, editor):
    guess(client, 20)
    pass_time(timedelta(minutes=10))
    guess(client, 5)  # refused without being checked
    pass_time(timedelta(minutes=5, seconds=1))
    assert log_in(client).status_code == 302


def test_an_address_is_locked_out_for_every_account(client, editor):
    make_user("ihor", password=PASSWORD)
    for name in ["nobody", "olena", "ihor", "admin"] * 5:
        log_in(client, username=name, password="wrong")
    assert log_in(client, username="ihor").status_code == 429
    # ... and not from another address
    assert log_in(client, username="ihor", address="203.0.113.9").status_code == 302


def test_an_account_is_locked_out_from_every_address(client, editor):
    for index in range(20):
        log_in(client, password="wrong", address=f"203.0.113.{index + 1}")
    assert log_in(client, address="192.0.2.200").status_code == 429
    make_user("ihor", password=PASSWORD)
    assert log_in(client, username="ihor", address="192.0.2.200").status_code == 302


def test_a_header_the_client_writes_does_not_change_its_address(client, editor):
    for index in range(20):
        client.post(
            LOGIN,
            {"username": f"guess{index}", "password": "wrong"},
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{index}",
        )
    assert log_in(client).status_code == 429


def test_fewer_failures_than_the_limit_leave_the_login_alone(client, editor):
    guess(client, 19)
    assert log_in(client).status_code == 302


def test_the_lockout_page_names_no_password_and_stores_none(client, editor):
    guess(client, 21)
    attempt = AccessAttempt.objects.get()
    assert "wrong" not in attempt.post_data
    assert not re.search(r"password=(?!\*+)", attempt.post_data)

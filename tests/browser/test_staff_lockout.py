"""An editor whose account was guessed at is refused, told until when, and let in after."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F

from tests.browser.conftest import screenshot
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "pass-for-tests"


def test_a_locked_out_editor_is_told_when_to_try_again_and_gets_in_after(
    browser, live_server, client
):
    make_user("olena", password=PASSWORD, first_name="Olena")
    for _ in range(20):  # a guesser, from elsewhere
        client.post("/admin/login/", {"username": "olena", "password": "guess"})

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "olena")
    page.fill("#id_password", PASSWORD)
    with page.expect_response(lambda reply: reply.request.method == "POST") as answer:
        page.click("input[type=submit]")
    assert answer.value.status == 429
    note = page.locator(".errornote")
    assert "Too many failed logins for this account" in note.inner_text()
    assert "even with the right password" in note.inner_text()
    assert "in about 15 minutes" in note.inner_text()
    assert page.locator("#id_username").input_value() == "olena"  # the form is there to retry
    screenshot(page, "staff-lockout")

    # Fifteen minutes on, the same form lets her in.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=15))
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert "OLENA" in page.locator("#user-tools").inner_text().upper()
    context.close()

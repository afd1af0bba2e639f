"""A reader's browser revalidating a page under gunicorn, as production runs it: Chromium sends
the validator on each reload, keeps showing its copy while the site answers 304 (the repeated
ones answered before Django's handler, newsroom/revalidation.py), and gets the new page on the
first reload after another process changes it."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.browser]  # the database the cluster copies

RETITLE = """
from timeline.models import Event
event = Event.objects.published().order_by("pk").first()
event.title = "Bridge at Sudzha reopens"
event.save()
"""


def test_a_reader_reloading_the_timeline_keeps_their_copy_until_it_changes(site, browser):
    context = browser.new_context()
    page = context.new_page()
    # The status on the wire: Playwright gives a revalidated page's as its cached copy's 200.
    wire = context.new_cdp_session(page)
    wire.send("Network.enable")
    statuses = []
    wire.on("Network.responseReceivedExtraInfo", lambda event: statuses.append(event["statusCode"]))
    address = f"http://127.0.0.1:{site.port}/timeline/"
    try:
        assert page.goto(address).status == 200
        shown = page.inner_text("main")
        # More reloads than the site has workers: each worker answers one through Django,
        # then gives the same 304 again itself.
        for _ in range(2 * site.workers):
            statuses.clear()
            page.reload()
            assert statuses[0] == 304
            assert page.inner_text("main") == shown
        site.manage("shell", "-c", RETITLE)  # another process, as an editor's save is
        statuses.clear()
        page.reload()
        assert statuses[0] == 200
        assert "Bridge at Sudzha reopens" in page.inner_text("main")
    finally:
        context.close()

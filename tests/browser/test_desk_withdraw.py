"""Taking an item off the site, and publishing one that lacks a source, in a real browser."""

import pytest

from newsroom.publishing import PublicationStatus as Status
from tests.browser.conftest import audit, screenshot
from tests.browser.test_editor_desk import PASSWORD, choose, log_in
from tests.factories import make_event, make_user
from timeline.models import Event

pytestmark = pytest.mark.django_db(transaction=True)

NOTE = "The video this rested on was shown to be from 2022."


def test_an_editor_archives_a_live_event_after_confirming_and_readers_see_it_withdrawn(
    browser, live_server, demo
):
    make_user("olena", group="editor", password=PASSWORD, first_name="Olena")
    event = Event.objects.published().first()
    address = f"{live_server.url}{event.get_absolute_url()}"

    # A reader has the page open; it is now stored by the page cache.
    reader = browser.new_context().new_page()
    assert reader.goto(address).status == 200
    assert reader.locator("h1").inner_text() == event.title

    desk, errors = log_in(browser, live_server, "olena")
    desk.goto(f"{live_server.url}/admin/timeline/event/{event.pk}/change/")
    assert desk.get_by_role("button", name="Archive").count() == 0  # no one-click archive
    screenshot(desk, "desk-live-event-form")
    desk.get_by_role("link", name="Archive…").click()
    assert desk.locator("h1").inner_text() == f"Archive “{event.title}”?"
    assert desk.get_by_text("What is live now leaves the public site at once.").count() == 1
    assert desk.get_by_role("link", name=event.get_absolute_url()).count() == 1
    desk.get_by_label("Public note (optional)").fill(NOTE)
    screenshot(desk, "desk-archive-confirmation")
    assert audit(desk) == []
    desk.get_by_role("button", name="Yes, archive").click()
    assert f"“{event.title}” is now archived." in desk.locator(".messagelist").inner_text()
    assert not errors, errors

    # The same address, as a logged-out reader: withdrawn, when, and why; nothing else of it.
    response = reader.goto(address)
    assert response.status == 410
    assert reader.locator("h1").inner_text() == event.title
    lede = reader.locator("main .lede").inner_text()
    assert lede.startswith("This event was withdrawn from the site on ")
    assert reader.locator(".withdrawal-note").inner_text() == f"Note from the editors\n\n{NOTE}"
    assert event.summary not in reader.locator("body").inner_text()
    screenshot(reader, "withdrawn-event")
    assert audit(reader) == []
    reader.context.close()


def test_publishing_an_event_without_a_citation_is_refused_until_one_is_added(
    browser, live_server, demo
):
    make_user("ihor", group="editor", password=PASSWORD, first_name="Ihor")
    event = make_event(
        title="Shelling reported in Sudzha", status=Status.IN_REVIEW, publish_at=None
    )

    desk, errors = log_in(browser, live_server, "ihor")
    desk.goto(f"{live_server.url}/admin/timeline/event/{event.pk}/change/")
    desk.get_by_role("button", name="Publish", exact=True).click()
    message = desk.locator(".messagelist")
    assert "was saved but not published: an event goes public only with at least one" in (
        message.inner_text()
    )
    event.refresh_from_db()
    assert event.status == Status.IN_REVIEW
    screenshot(desk, "desk-publish-refused-without-citation")

    # The message leads to the citations, where the editor adds one and publishes again.
    message.get_by_role("link", name="Add a citation").click()
    assert desk.url.endswith("#citations-group")
    desk.get_by_role("button", name="Add another Citation").click()
    choose(desk, "id_citations-0-source", "The Independent")
    desk.locator("#id_citations-0-stance").get_by_label("Reports", exact=True).check()
    desk.get_by_role("button", name="Publish", exact=True).click()
    assert f"“{event.title}” is now published." in desk.locator(".messagelist").inner_text()
    assert not errors, errors

    reader = browser.new_context().new_page()
    assert reader.goto(f"{live_server.url}{event.get_absolute_url()}").status == 200
    assert reader.get_by_text("No sources are recorded for this event yet").count() == 0
    assert reader.get_by_text("The Independent").count() >= 1
    reader.context.close()

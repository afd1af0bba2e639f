"""The desk change form's publication panel, Ctrl+S, and unsaved input kept by the browser."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from newsroom.publishing import PublicationStatus
from newsroom.revisions.models import Revision
from tests.browser.conftest import audit, restore_roles, screenshot
from tests.browser.test_editor_desk import PASSWORD, choose, log_in
from tests.factories import make_article, make_citation, make_event, make_source, make_user

pytestmark = pytest.mark.django_db(transaction=True)

WIDE = {"width": 1366, "height": 768}
NARROW = {"width": 800, "height": 900}


@pytest.fixture
def roles():
    restore_roles()


def desk(browser, live_server, group, *, viewport=WIDE):
    """A page logged in as a new member of staff in ``group``; errors it logs are collected."""
    username = f"{group}-tom"
    make_user(username, group=group, password=PASSWORD, first_name="Tom", last_name="Hale")
    return log_in(browser, live_server, username, viewport=viewport)


def draft_event(**kwargs):
    fields = {"status": PublicationStatus.DRAFT, "publish_at": None, "title": "Ferry struck"}
    event = make_event(**{**fields, **kwargs})
    make_citation(event, make_source(name="Seym Valley Herald"))
    return event


def change_url(live_server, item):
    opts = item._meta
    return live_server.url + reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]
    )


def open_form(page, url):
    """Open a change form and wait until its scripts have set it up."""
    page.goto(url)
    page.wait_for_selector("#desk-panel[data-ready]", state="attached")


def panel(page):
    return page.locator("#desk-panel")


def step_buttons(page):
    """The panel's steps as their words (the main one is shown in capitals)."""
    steps = panel(page).locator(".desk-panel-steps .button")
    return steps.evaluate_all("buttons => buttons.map(button => button.textContent.trim())")


def in_view(page, locator):
    box = locator.bounding_box()
    size = page.viewport_size
    return (
        box["y"] >= 0
        and box["y"] + box["height"] <= size["height"]
        and box["x"] >= 0
        and (box["x"] + box["width"] <= size["width"])
    )


def messages(page):
    return page.locator(".messagelist li").all_inner_texts()


def test_a_reporter_is_offered_the_review_and_never_publish(browser, live_server, roles):
    event = draft_event()
    page, errors = desk(browser, live_server, "reporter")
    open_form(page, change_url(live_server, event))
    assert step_buttons(page) == ["Send for review"]
    assert "default" in panel(page).get_by_role("button", name="Send for review").get_attribute(
        "class"
    )
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_url(re.compile(r"/admin/timeline/event/$"))
    assert messages(page) == ["“Ferry struck” is now in review."]
    assert list(Revision.objects.for_item(event).values_list("comment", flat=True)) == [
        "Sent for review by Tom Hale"
    ]
    assert not errors, errors


def test_an_editor_publishes_from_the_panel_and_sees_who_did(browser, live_server, roles):
    event = draft_event(status=PublicationStatus.IN_REVIEW)
    page, errors = desk(browser, live_server, "editor")
    open_form(page, change_url(live_server, event))
    assert step_buttons(page) == ["Return to draft", "Publish", "Archive…"]
    publish = panel(page).get_by_role("button", name="Publish", exact=True)
    assert "default" in publish.get_attribute("class")
    publish.click()
    page.wait_for_url(re.compile(r"/admin/timeline/event/$"))
    assert messages(page) == ["“Ferry struck” is now published."]
    open_form(page, change_url(live_server, event))
    assert "Published by Tom Hale, " in panel(page).inner_text()
    # Taking it off the site asks first, on a page of its own.
    assert step_buttons(page) == ["Unpublish…", "Archive…"]
    panel(page).get_by_role("link", name="Unpublish…").click()
    assert page.get_by_role("button", name="Yes, unpublish").count() == 1
    assert not errors, errors


def test_a_publish_time_ahead_turns_publish_into_schedule(browser, live_server, roles):
    event = draft_event()
    goes_public = timezone.localtime() + datetime.timedelta(days=3)
    label = f"Schedule for {goes_public.day} {goes_public:%B}"
    if goes_public.year != timezone.localtime().year:
        label += f" {goes_public.year}"
    page, errors = desk(browser, live_server, "editor")
    open_form(page, change_url(live_server, event))
    page.fill("#id_publish_at_0", goes_public.strftime("%d/%m/%Y"))
    page.fill("#id_publish_at_1", "14:00")
    schedule = panel(page).get_by_role("button", name=f"{label}, 14:00", exact=True)
    assert schedule.count() == 1
    assert panel(page).get_by_role("button", name="Publish", exact=True).count() == 0
    # A time past turns it back.
    page.fill("#id_publish_at_0", "01/01/2024")
    assert panel(page).get_by_role("button", name="Publish", exact=True).count() == 1
    page.fill("#id_publish_at_0", goes_public.strftime("%d/%m/%Y"))
    screenshot(page, "desk-panel-schedule")
    schedule.click()
    page.wait_for_url(re.compile(r"/admin/timeline/event/$"))
    when = f"{goes_public.day} {goes_public:%B %Y}, 14:00"
    assert messages(page) == [f"“Ferry struck” is now scheduled: it goes public on {when}."]
    event.refresh_from_db()
    assert event.status == PublicationStatus.SCHEDULED
    assert not errors, errors


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1366x768", "800-wide"])
def test_the_panel_is_in_view_at_the_top_without_scrolling(browser, live_server, roles, viewport):
    event = draft_event()
    page, errors = desk(browser, live_server, "editor", viewport=viewport)
    open_form(page, change_url(live_server, event))
    publish = panel(page).get_by_role("button", name="Publish", exact=True)
    assert in_view(page, panel(page).locator("h2"))
    assert in_view(page, publish)
    fields = page.locator("fieldset.module").first.bounding_box()
    box = panel(page).bounding_box()
    if viewport is WIDE:
        # Beside the fields, and still there at the foot of the form.
        assert box["x"] >= fields["x"] + fields["width"]
        page.get_by_role("button", name="Save", exact=True).scroll_into_view_if_needed()
        assert in_view(page, publish)
    else:
        assert box["y"] + box["height"] <= fields["y"]
    screenshot(page, f"desk-panel-{viewport['width']}")
    assert not errors, errors


def test_ctrl_s_saves_and_keeps_the_form_open(browser, live_server, roles):
    event = draft_event()
    page, errors = desk(browser, live_server, "editor")
    url = change_url(live_server, event)
    open_form(page, url)
    page.fill("#id_summary", "Struck at dawn.")
    with page.expect_navigation():
        page.keyboard.press("Control+s")
    assert "was changed successfully" in " ".join(messages(page))
    assert page.url == url
    event.refresh_from_db()
    assert (event.summary, event.status) == ("Struck at dawn.", PublicationStatus.DRAFT)
    # Enter in a field saves too, and takes no step, though the panel's buttons come first.
    page.fill("#id_title", "Ferry struck again")
    page.press("#id_title", "Enter")
    page.wait_for_url(re.compile(r"/admin/timeline/event/$"))
    event.refresh_from_db()
    assert (event.title, event.status) == ("Ferry struck again", PublicationStatus.DRAFT)
    assert not errors, errors


def test_unsaved_input_comes_back_after_the_page_is_closed(browser, live_server, roles):
    event = draft_event()
    make_source(name="The Independent")
    page, errors = desk(browser, live_server, "editor")
    url = change_url(live_server, event)
    open_form(page, url)
    page.fill("#id_summary", "Typed, never saved.")
    page.get_by_role("button", name="Add another Citation").click()
    choose(page, "id_citations-1-source", "The Independent")
    page.locator("#id_citations-1-stance").get_by_label("Reports", exact=True).check()
    page.fill("#id_citations-1-quote", "The ferry sank.")
    page.close()  # the tab is gone, as if the browser had died

    page = page.context.new_page()
    open_form(page, url)
    assert page.input_value("#id_summary") == event.summary
    notice = panel(page).locator(".desk-draft")
    assert "changes you had not saved" in notice.inner_text()
    screenshot(page, "desk-panel-unsaved-input")
    notice.get_by_role("button", name="Restore them").click()
    assert notice.is_hidden()
    assert page.input_value("#id_summary") == "Typed, never saved."
    assert page.input_value("#id_citations-1-quote") == "The ferry sank."
    expect(
        page.locator("#id_citations-1-stance").get_by_label("Reports", exact=True)
    ).to_be_checked()
    assert "The Independent" in page.locator("#id_citations-1-source + .select2").inner_text()

    # Once saved, the copy is gone: the form opens as saved, with nothing offered.
    with page.expect_navigation():
        page.get_by_role("button", name="Save and continue editing").click()
    assert "was changed successfully" in " ".join(messages(page))
    assert event.citations.filter(quote="The ferry sank.").count() == 1
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('desk-draft'))") == []
    open_form(page, url)
    assert panel(page).locator(".desk-draft").is_hidden()
    assert not errors, errors


def test_input_sent_back_with_an_error_is_kept_until_saved(browser, live_server, roles):
    event = draft_event()
    page, errors = desk(browser, live_server, "editor")
    url = change_url(live_server, event)
    open_form(page, url)
    page.fill("#id_summary", "Typed, refused.")
    page.fill("#id_title", "")
    with page.expect_navigation():
        page.keyboard.press("Control+s")
    assert page.locator(".errornote").count() == 1
    page.close()

    page = page.context.new_page()
    open_form(page, url)
    panel(page).get_by_role("button", name="Restore them").click()
    assert page.input_value("#id_summary") == "Typed, refused."
    assert not errors, errors


def test_unsaved_input_can_be_discarded(browser, live_server, roles):
    event = draft_event()
    page, errors = desk(browser, live_server, "editor")
    url = change_url(live_server, event)
    open_form(page, url)
    page.fill("#id_summary", "Typed, never saved.")
    open_form(page, url)
    panel(page).get_by_role("button", name="Discard them").click()
    assert page.input_value("#id_summary") == event.summary
    open_form(page, url)
    assert panel(page).locator(".desk-draft").is_hidden()
    assert not errors, errors


def test_a_new_items_unsaved_input_is_dropped_once_it_is_added(browser, live_server, roles):
    page, errors = desk(browser, live_server, "editor")
    add_url = f"{live_server.url}/admin/articles/article/add/"
    open_form(page, add_url)
    page.locator("#id_headline").press_sequentially("The Seym crossings")  # makes the slug
    open_form(page, add_url)
    panel(page).get_by_role("button", name="Restore them").click()
    assert page.input_value("#id_headline") == "The Seym crossings"
    page.fill("#id_standfirst", "Why the river matters.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/articles/article/$"))
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('desk-draft'))") == []
    assert not errors, errors


@pytest.mark.parametrize("kind", ["event", "article"])
def test_the_change_forms_pass_the_accessibility_audit(browser, live_server, roles, kind):
    item = (
        draft_event()
        if kind == "event"
        else make_article(status=PublicationStatus.DRAFT, publish_at=None)
    )
    page, errors = desk(browser, live_server, "editor")
    open_form(page, change_url(live_server, item))
    assert audit(page) == []
    assert not errors, errors

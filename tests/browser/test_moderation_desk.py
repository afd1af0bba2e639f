"""The moderators' desk and the reader's receipt, in a real browser: claims, decisions, layout."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from newsroom.images import clean_image
from newsroom.moderation.models import Submission
from tests.browser.conftest import screenshot
from tests.browser.test_editor_desk import PASSWORD, choose, log_in
from tests.factories import make_user
from tests.moderation.factories import make_submission, upload
from timeline.models import Event

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
QUEUE = "/admin/moderation/submission/"
# What a page scrolls sideways by, if anything: a phone reader should never have to.
SCROLL_WIDTH = "document.scrollingElement.scrollWidth"


@pytest.fixture
def mira(demo):
    return make_user("mira", group="moderator", password=PASSWORD, first_name="Mira")


def published_event():
    return Event.objects.published().order_by("sorts_at", "pk").first()


def messages(desk):
    return desk.locator(".messagelist").inner_text()


def open_submission(desk, live_server, submission):
    """From the desk's front page to the submission, through the queue, as a moderator goes."""
    desk.goto(f"{live_server.url}/admin/")
    desk.get_by_role("link", name="Reader submissions waiting").click()
    desk.get_by_role("link", name=f"#{submission.pk}", exact=True).click()


def claim(desk, live_server, submission):
    open_submission(desk, live_server, submission)
    desk.get_by_role("button", name="Claim").click()
    assert "is yours until" in messages(desk)


# The reader's side.


def test_a_reader_sends_a_correction_and_the_receipt_shows_the_rejection_and_reason(
    browser, live_server, mira, page
):
    event = published_event()

    # A reader follows the event's own link to the form, which knows the event.
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    page.get_by_role("link", name="Suggest a correction or an update").click()
    assert page.get_by_label("Correction to an event").is_checked()
    assert page.locator(".form-about").inner_text() == f"About the event {event.title}"
    page.fill("#id_text", "The figure in this entry does not match the ministry's update.")
    page.fill("#id_link_1", "https://example.org/ministry-update")
    page.get_by_role("button", name="Send").click()

    # The receipt: where the reader lands, the only key to their submission.
    page.wait_for_url(re.compile(r"/submit/receipt/[^/]+/$"))
    receipt_url = page.url
    assert page.locator("h1").inner_text() == "Your submission"
    assert page.locator(".receipt-status").inner_text() == "Waiting for a moderator"
    expect(page.get_by_role("link", name=event.title)).to_have_count(1)
    assert "does not match the ministry's update" in page.locator(".receipt-text").inner_text()
    assert page.locator(".receipt-address code").inner_text() == receipt_url
    screenshot(page, "moderation-receipt-pending")
    submission = Submission.objects.get(receipt_token=receipt_url.rstrip("/").rsplit("/", 1)[-1])
    assert (submission.kind, submission.event) == ("correction", event)

    # A moderator claims it and rejects it with a reason for the reader.
    desk, errors = log_in(browser, live_server, "mira")
    claim(desk, live_server, submission)
    desk.get_by_role("link", name="Reject").click()
    desk.fill("#id_reason", "The ministry's update gives the same figure as the entry.")
    screenshot(desk, "moderation-reject")
    desk.get_by_role("button", name="Reject").click()
    assert "is rejected; the sender sees your reason" in messages(desk)
    assert not errors, errors

    # The reader comes back to the receipt and reads the decision and the reason.
    page.goto(receipt_url)
    assert page.locator(".receipt-status").inner_text() == "Not accepted"
    note = page.get_by_role("region", name="The moderator’s note")
    assert note.inner_text().endswith("gives the same figure as the entry.")
    screenshot(page, "moderation-receipt-rejected")


def test_the_submission_form_and_the_receipt_fit_a_phone(browser, live_server, demo):
    event = published_event()
    submission = make_submission(
        kind=Submission.Kind.CORRECTION,
        event=event,
        text="The date of this entry looks a day early.",
        status=Submission.Status.REJECTED,
        decision_reason="The entry follows the ministry's own dated statement.",
    )
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    addresses = [
        "/submit/",
        f"/submit/?event={event.slug}",
        f"/submit/receipt/{submission.receipt_token}/",
    ]
    for address in addresses:
        page.goto(f"{live_server.url}{address}")
        assert page.evaluate(SCROLL_WIDTH) <= PHONE["width"], address
    screenshot(page, "moderation-receipt-phone")
    # The form as it comes back with its errors, the widest it gets.
    page.goto(f"{live_server.url}/submit/")
    page.get_by_label("New development").check()
    page.fill("#id_text", "A convoy on the road out of Sudzha.")
    page.fill("#id_link_1", "ftp://files.example.org/convoy-video-taken-from-the-roadside.mp4")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("alert")).to_contain_text("not “ftp:” addresses")
    assert page.evaluate(SCROLL_WIDTH) <= PHONE["width"]
    context.close()


# Claims.


def test_a_claimed_item_is_kept_from_a_second_moderator(browser, live_server, mira):
    make_user("taras", group="moderator", password=PASSWORD, first_name="Taras")
    submission = make_submission(
        kind=Submission.Kind.NEW_DEVELOPMENT, text="Shelling heard north of Sudzha overnight."
    )
    desk, errors = log_in(browser, live_server, "mira")
    claim(desk, live_server, submission)
    expect(desk.get_by_text("You are working on this until")).to_have_count(1)
    expect(desk.get_by_role("button", name="Keep it 15 more minutes")).to_have_count(1)

    # The second moderator sees who holds it, in the queue and on its page, and no buttons.
    other, other_errors = log_in(browser, live_server, "taras")
    other.goto(f"{live_server.url}{QUEUE}?status=pending")
    row = other.locator("#result_list tr", has_text=f"#{submission.pk}")
    assert re.search(r"Mira \(mira\) until \d\d:\d\d", row.inner_text())
    other.get_by_role("link", name=f"#{submission.pk}", exact=True).click()
    expect(
        other.get_by_text(re.compile(r"Mira \(mira\) is working on this until \d\d:\d\d"))
    ).to_have_count(1)
    for button in ("Claim", "Reject", "Spam"):
        expect(other.get_by_role("button", name=button, exact=True)).to_have_count(0)
    screenshot(other, "moderation-claimed-by-another")

    # Going to a decision's page by its address does not get round the claim: the server refuses.
    other.goto(f"{live_server.url}{QUEUE}{submission.pk}/reject/")
    other.fill("#id_reason", "Not news.")
    other.get_by_role("button", name="Reject").click()
    assert "Mira is working on" in messages(other)
    assert "nothing was changed" in messages(other)

    # "Claim the next one" passes over it to another waiting item.
    make_submission(text="Two helicopters flew low over Korenevo at noon.")
    other.goto(f"{live_server.url}{QUEUE}")
    other.get_by_role("button", name="Claim the next one").click()
    assert "is yours for 15 minutes" in messages(other)
    held = Submission.objects.filter(claimed_by__username="taras")
    assert held.count() == 1 and submission not in held
    submission.refresh_from_db()
    assert (submission.status, submission.claimed_by.username) == ("pending", "mira")
    assert not errors, errors
    assert not other_errors, other_errors


# Decisions.


def big_photo():
    """A photo as phones send them, far wider than the desk's column, stored as the form does."""
    picture = io.BytesIO()
    Image.new("RGB", (1549, 1033), "#5b6b3a").save(picture, "JPEG")
    return clean_image(upload("IMG_2001.jpg", picture, "image/jpeg"))


# The computed styles that make an admin form look like one.
FORM_STYLE = """selectors => selectors.map(selector => {
    const style = getComputedStyle(document.querySelector(selector));
    return [selector, style.display, style.width, style.padding, style.borderTop,
            style.borderBottom, style.fontSize, style.fontWeight];
})"""
# What both forms have. (The event's own form takes its date in words, in one box for the start,
# where this one still has a box per part, so the date's boxes are not compared.)
FORM_PARTS = [
    "label[for=id_title]",
    "#id_title",
    "#id_summary",
    "#id_kind",
    ".form-row.field-title",
]


def test_the_accept_page_fits_the_photo_and_lays_the_form_out_as_the_admin_does(
    browser, live_server, mira
):
    make_user("olena", group="editor", password=PASSWORD, first_name="Olena")
    submission = make_submission(
        kind=Submission.Kind.NEW_DEVELOPMENT,
        text="A burnt-out truck by the road.",
        photo=big_photo(),
    )
    desk, errors = log_in(browser, live_server, "mira")
    desk.goto(f"{live_server.url}{QUEUE}{submission.pk}/accept-as-event/")
    photo = desk.locator("img.submission-photo")
    assert photo.evaluate("img => img.decode().then(() => img.naturalWidth)") == 1549
    column = desk.locator("#content-main").bounding_box()
    shown = photo.bounding_box()
    assert shown["x"] >= column["x"]
    assert shown["x"] + shown["width"] <= column["x"] + column["width"]
    assert shown["height"] <= desk.viewport_size["height"] / 2  # the form is in view under it
    desk.evaluate("document.activeElement.blur()")  # compared at rest, not focused
    accept_page_style = desk.evaluate(FORM_STYLE, FORM_PARTS)
    screenshot(desk, "moderation-accept-photo")

    # The photo at full size is a click away.
    desk.get_by_role("link", name="Open the photo at full size").click()
    assert desk.url == f"{live_server.url}{QUEUE}{submission.pk}/photo/"
    assert desk.locator("img").evaluate("img => img.naturalWidth") == 1549
    assert not errors, errors

    # The form looks like the event's own form in the admin, field for field.
    editor, editor_errors = log_in(browser, live_server, "olena")
    editor.goto(f"{live_server.url}/admin/timeline/event/add/")
    editor.evaluate("document.activeElement.blur()")
    # Field for field, so without the publication panel that narrows the column beside it (a
    # moderator accepting a submission takes no workflow step).
    editor.evaluate("document.getElementById('desk-panel').remove()")
    assert accept_page_style == editor.evaluate(FORM_STYLE, FORM_PARTS)
    assert not editor_errors, editor_errors


def test_a_moderator_accepts_a_submission_as_a_new_draft_event(browser, live_server, mira):
    submission = make_submission(
        kind=Submission.Kind.NEW_DEVELOPMENT,
        text="Smoke rose over the grain store in Sudzha in the afternoon.",
        location="Sudzha",
    )
    desk, errors = log_in(browser, live_server, "mira")
    claim(desk, live_server, submission)
    desk.get_by_role("link", name="Accept as a new draft event").click()
    assert "grain store" in desk.input_value("#id_summary")
    desk.fill("#id_title", "Smoke over the grain store in Sudzha")
    desk.locator("#id_kind").get_by_label("Military", exact=True).check()
    for part, value in (("year", "2024"), ("month", "8"), ("day", "21")):
        desk.fill(f"#id_start_{part}", value)
    choose(desk, "id_place", "Sudzha")
    desk.get_by_role("button", name="Create the draft event").click()
    assert "Accepted as the draft event “Smoke over the grain store in Sudzha”" in messages(desk)
    expect(
        desk.get_by_text("Became the event Smoke over the grain store in Sudzha (draft)")
    ).to_have_count(1)
    assert not errors, errors

    event = Event.objects.get(title="Smoke over the grain store in Sudzha")
    assert (event.status, event.created_by.username, event.place.name) == (
        "draft",
        "mira",
        "Sudzha",
    )
    submission.refresh_from_db()
    assert (submission.status, submission.accepted_as) == ("accepted", event)

    # The reader's receipt says it was accepted; the draft is nowhere public yet.
    reader = browser.new_context().new_page()
    reader.goto(f"{live_server.url}/submit/receipt/{submission.receipt_token}/")
    assert reader.locator(".receipt-status").inner_text() == "Accepted"
    expect(reader.get_by_role("link", name=event.title)).to_have_count(0)
    reader.context.close()


def test_a_moderator_accepts_a_source_onto_an_existing_event_for_an_editor(
    browser, live_server, mira
):
    make_user("olena", group="editor", password=PASSWORD, first_name="Olena")
    event = published_event()
    submission = make_submission(
        kind=Submission.Kind.EXTRA_SOURCE,
        event=event,
        text="The regional governor's channel posted about this the same day.",
        links=["https://example.org/governor/1234"],
    )
    desk, errors = log_in(browser, live_server, "mira")
    claim(desk, live_server, submission)
    desk.get_by_role("link", name="Accept onto an existing event").click()
    assert desk.input_value("#id_event") == str(event.pk)  # the event the reader named
    desk.get_by_label("A source to add to the event").check()
    desk.get_by_role("button", name="Accept onto the event").click()
    assert f"Accepted onto “{event}”, for an editor to apply." in messages(desk)
    expect(desk.get_by_text("waiting for an editor to apply it")).to_have_count(1)
    assert not errors, errors

    # An editor finds it on the desk and, having added the source, marks it applied.
    editor, editor_errors = log_in(browser, live_server, "olena")
    editor.get_by_role("link", name="Accepted submissions for an editor to apply").click()
    editor.get_by_role("link", name=f"#{submission.pk}", exact=True).click()
    editor.get_by_role("button", name="Mark applied").click()
    assert "is marked applied" in messages(editor)
    applied = re.compile(f"Applied to {re.escape(event.title)} by Olena")
    expect(editor.get_by_text(applied)).to_have_count(1)
    assert not editor_errors, editor_errors
    submission.refresh_from_db()
    assert (submission.status, submission.accepted_for, submission.event) == (
        "accepted",
        "citation",
        event,
    )
    assert submission.applied_by.username == "olena"

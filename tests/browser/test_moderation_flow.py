"""A reader's photo of a new development, in a real browser, from /submit/ to the timeline."""

import io
import re

import pytest
from PIL import ExifTags, Image

from newsroom.moderation.models import Submission
from tests.browser.conftest import screenshot
from tests.browser.test_editor_desk import PASSWORD, choose, log_in
from tests.factories import make_user
from tests.newsroom.test_images import photo_with_metadata
from timeline.models import Event

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Armoured column crosses near Sudzha"


def assert_no_metadata(field_file):
    """Nothing the camera recorded survives in the stored file: no EXIF, GPS or XMP."""
    with field_file.open("rb") as stored:
        raw = stored.read()
    image = Image.open(io.BytesIO(raw))
    exif = image.getexif()
    assert not exif and not exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert "exif" not in image.info and "xmp" not in image.info
    assert b"where I stood" not in raw and b"Sender's camera" not in raw


def test_a_readers_photo_becomes_a_published_event(browser, live_server, demo, page):
    make_user("mira", group="moderator", password=PASSWORD, first_name="Mira")
    make_user("olena", group="editor", password=PASSWORD, first_name="Olena")

    # A reader sends a new development with a photo that carries where it was taken.
    page.goto(f"{live_server.url}/submit/")
    page.get_by_label("New development").check()
    page.fill("#id_text", "An armoured column crossed the road north of Sudzha at dawn.")
    page.fill("#id_occurred_on", "2024-08-07")
    page.fill("#id_occurred_time", "05:40")
    page.fill("#id_location", "North of Sudzha")
    page.set_input_files(
        "#id_photo",
        files=[
            {
                "name": "IMG_0420.jpg",
                "mimeType": "image/jpeg",
                "buffer": photo_with_metadata().getvalue(),
            }
        ],
    )
    page.get_by_role("button", name="Send").click()
    page.wait_for_url(re.compile(r"/submit/receipt/[^/]+/$"))
    receipt_url = page.url
    token = receipt_url.rstrip("/").rsplit("/", 1)[-1]
    assert page.locator(".receipt-status").inner_text() == "Waiting for a moderator"
    submission = Submission.objects.get(receipt_token=token)
    assert_no_metadata(submission.photo)

    # A moderator finds it on the desk, claims it and accepts it as a draft event with the photo.
    desk, errors = log_in(browser, live_server, "mira")
    desk.get_by_role("link", name="Reader submissions waiting").click()
    screenshot(desk, "moderation-queue")
    desk.get_by_role("link", name=f"#{submission.pk}", exact=True).click()
    desk.get_by_role("button", name="Claim").click()
    assert "is yours until" in desk.locator(".messagelist").inner_text()
    photo = desk.locator("img.submission-photo")
    assert photo.evaluate("img => img.decode().then(() => img.naturalWidth)") == 200
    screenshot(desk, "moderation-submission-claimed")
    desk.get_by_role("link", name="Accept as a new draft event").click()
    assert desk.input_value("#id_start_day") == "7"
    assert desk.input_value("#id_start_minute") == "40"
    assert "armoured column crossed" in desk.input_value("#id_summary")
    desk.fill("#id_title", TITLE)
    desk.locator("#id_kind").get_by_label("Military", exact=True).check()
    choose(desk, "id_place", "Sudzha")
    desk.check("#id_use_photo")
    desk.fill("#id_image_alt", "Armoured vehicles on a country road")
    desk.fill("#id_image_credit", "A reader")
    screenshot(desk, "moderation-accept-as-event")
    desk.get_by_role("button", name="Create the draft event").click()
    assert "Accepted as the draft event" in desk.locator(".messagelist").inner_text()
    assert not errors, errors
    event = Event.objects.get(title=TITLE)
    assert event.status == "draft" and event.created_by.username == "mira"
    assert list(event.from_submissions.all()) == [submission]

    # An editor finds the draft on the desk, cites who reports it and publishes it.
    desk, errors = log_in(browser, live_server, "olena")
    desk.get_by_role("link", name="Draft events from reader submissions").click()
    desk.get_by_role("link", name=TITLE).click()
    desk.get_by_role("button", name="Add another Citation").click()
    choose(desk, "id_citations-0-source", "The Independent")
    desk.locator("#id_citations-0-stance").get_by_label("Reports", exact=True).check()
    desk.get_by_role("button", name="Publish", exact=True).click()
    assert "is now published" in desk.locator(".messagelist").inner_text()
    assert not errors, errors

    # The reader sees it on the timeline, and the receipt says it was accepted.
    page.goto(f"{live_server.url}/timeline/")
    assert page.get_by_text(TITLE).count() == 1
    page.goto(receipt_url)
    assert page.locator(".receipt-status").inner_text() == "Accepted"
    assert page.get_by_role("link", name=TITLE).count() == 1
    screenshot(page, "moderation-receipt-accepted")

    # The event page carries the photo with its credit; no stored copy holds the metadata.
    event.refresh_from_db()
    reader = browser.new_context().new_page()  # /media/ is the web server's job, not this one's
    reader.goto(f"{live_server.url}{event.get_absolute_url()}")
    assert reader.locator("figure.lead-image figcaption").inner_text() == "Photo: A reader"
    assert reader.locator("figure.lead-image img").get_attribute("src") == event.image.url
    reader.context.close()
    assert_no_metadata(event.image)

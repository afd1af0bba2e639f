"""The submission form and its receipt, through HTTP, as a reader uses them."""

import io
import re
from pathlib import Path

import pytest
from django.db import DatabaseError, IntegrityError
from django.utils import timezone
from PIL import Image

from newsroom.images import clean_image
from newsroom.moderation.models import Submission
from newsroom.moderation.ratelimit import sender_hash
from newsroom.moderation.submissions import submission_create
from newsroom.publishing import PublicationStatus
from tests.factories import make_event
from tests.moderation.factories import form_data, gps_photo, make_submission, stored_files
from tests.newsroom.test_images import photo_with_metadata

pytestmark = pytest.mark.django_db

SUBMIT = "/submit/"


def test_the_form_page_is_private_and_accessible(client):
    response = client.get(SUBMIT)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "csrftoken" in response.cookies  # this page alone may set one
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert 'enctype="multipart/form-data"' in html
    for field in ["id_text", "id_occurred_on", "id_photo", "id_link_1", "id_contact_details"]:
        assert f'for="{field}"' in html and f'id="{field}"' in html
    assert html.count("<fieldset") >= 4 and html.count("<legend") >= 4
    trap = re.search(r'<div class="form-trap" aria-hidden="true">(.*?)</div>', html, re.S)
    assert 'tabindex="-1"' in trap.group(1) and 'autocomplete="off"' in trap.group(1)
    assert "Leave this empty" in trap.group(1)
    # No script runs: the one script element is a JSON-LD data block, which no browser executes.
    assert re.findall(r"<script\b[^>]*>", html) == ['<script type="application/ld+json">']
    assert "style=" not in html


def test_a_submission_is_stored_with_a_hash_of_the_sender_and_a_receipt(client, settings):
    response = client.post(SUBMIT, form_data(photo=gps_photo()), REMOTE_ADDR="203.0.113.7")
    submission = Submission.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"/submit/receipt/{submission.receipt_token}/"
    assert submission.status == Submission.Status.PENDING
    assert submission.kind == Submission.Kind.NEW_DEVELOPMENT
    assert str(submission.occurred_on) == "2024-08-06" and submission.is_date_approximate
    assert submission.links == ["https://example.org/post/1", "http://example.net/video"]
    assert submission.contact_details == "anna@example.org" and submission.may_contact
    assert len(submission.sender_hash) == 64
    assert submission.sender_hash != sender_hash(_request("203.0.113.8"))
    assert submission.sender_hash == sender_hash(_request("203.0.113.7"))
    stored = Submission.objects.filter(pk=submission.pk).values()[0]
    assert not any("203.0.113.7" in str(value) for value in stored.values())
    assert len(stored_files(settings)) == 1

    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert receipt.status_code == 200 and html.count("<h1") == 1
    assert "Waiting for a moderator" in html
    assert "A column of armour crossed at Sudzha" in html
    assert receipt["Cache-Control"] in {"private, no-store", "no-store, private"}
    assert receipt["Referrer-Policy"] == "no-referrer"
    for private in ["anna@example.org", "Anna", submission.sender_hash, "Sudzha border"]:
        assert private not in html


def test_the_stored_photo_is_upright_with_no_metadata_under_a_random_name(client, settings):
    client.post(SUBMIT, form_data(photo=gps_photo()))
    photo = Submission.objects.get().photo
    assert "Sudzha" not in photo.name and "IMG_0001" not in photo.name
    assert re.fullmatch(r"submissions/[0-9a-f]{32}\.jpg", photo.name)
    raw = photo.read()
    image = Image.open(io.BytesIO(raw))
    assert image.format == "JPEG"
    assert image.size == (200, 300)  # the EXIF orientation was applied, then dropped
    assert not image.getexif() and "exif" not in image.info and "xmp" not in image.info
    assert b"where I stood" not in raw and b"Sender's camera" not in raw


def test_the_receipt_shows_the_decision_and_its_reason_escaped(client):
    submission = make_submission(
        status=Submission.Status.REJECTED,
        decision_reason="We could not confirm it. <script>alert(1)</script>",
        contact_details="secret@example.org",
        sender_hash="f" * 64,
    )
    html = client.get(f"/submit/receipt/{submission.receipt_token}/").content.decode()
    assert "Not accepted" in html
    assert "We could not confirm it. &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html
    assert "secret@example.org" not in html and "f" * 64 not in html


def test_an_accepted_receipt_links_the_event_only_once_it_is_published(client):
    draft = make_event(status=PublicationStatus.DRAFT, title="A draft made of it")
    submission = make_submission(
        status=Submission.Status.ACCEPTED,
        accepted_for=Submission.AcceptedFor.NEW_EVENT,
        accepted_as=draft,
    )
    address = f"/submit/receipt/{submission.receipt_token}/"
    assert "A draft made of it" not in client.get(address).content.decode()
    draft.status, draft.publish_at = PublicationStatus.PUBLISHED, timezone.now()
    draft.save()
    html = client.get(address).content.decode()
    assert "Accepted" in html and f'href="{draft.get_absolute_url()}"' in html


def test_an_unknown_receipt_is_a_404(client):
    make_submission()
    assert client.get("/submit/receipt/not-a-real-token/").status_code == 404


def test_a_suggested_correction_names_the_event_it_came_from(client):
    event = make_event(title="Fighting at Sudzha")
    html = client.get(f"{SUBMIT}?event={event.slug}").content.decode()
    assert "Fighting at Sudzha" in html
    assert f'type="hidden" name="event" value="{event.slug}"' in html
    assert re.search(r'value="correction"[^>]*checked', html)

    data = form_data(event=event.slug, kind=Submission.Kind.CORRECTION)
    assert client.post(SUBMIT, data).status_code == 303
    assert Submission.objects.get().event == event


@pytest.mark.parametrize("status", [PublicationStatus.DRAFT, "missing"])
def test_an_unknown_or_unpublished_event_is_a_400_that_says_the_same(client, status):
    slug = "missing" if status == "missing" else make_event(status=status, title="Secret").slug
    response = client.get(f"{SUBMIT}?event={slug}")
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is no event at that address" in html and "Secret" not in html


def test_an_event_published_after_the_server_started_takes_corrections(client):
    event = make_event(publish_at=timezone.now())
    assert client.get(f"{SUBMIT}?event={event.slug}").status_code == 200
    data = form_data(event=event.slug, kind=Submission.Kind.CORRECTION)
    assert client.post(SUBMIT, data).status_code == 303
    assert Submission.objects.get().event == event


@pytest.mark.parametrize("token", ["%00", "not%00a-token", "%ff"])
def test_a_receipt_address_no_token_can_have_is_a_404(client, token):
    make_submission()
    assert client.get(f"/submit/receipt/{token}/").status_code == 404


def test_a_nul_byte_for_the_event_is_a_400_that_says_so(client):
    response = client.get(f"{SUBMIT}?event=%00")
    assert response.status_code == 400
    assert "There is no event at that address" in response.content.decode()


def test_posting_an_unpublished_event_is_a_form_error(client):
    draft = make_event(status=PublicationStatus.DRAFT, title="Secret")
    response = client.post(SUBMIT, form_data(event=draft.slug))
    html = response.content.decode()
    assert "The event this was about is not on the site" in html and "Secret" not in html
    assert not Submission.objects.exists()


def test_a_failed_write_leaves_neither_a_row_nor_a_file(client, settings, monkeypatch):
    def failing_save(self, *args, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(Submission, "save", failing_save)
    client.raise_request_exception = False
    response = client.post(SUBMIT, form_data(photo=gps_photo()))
    assert response.status_code == 500
    assert not Submission.objects.exists()
    assert stored_files(settings) == []


def test_a_write_the_database_refuses_leaves_no_file(settings):
    taken = make_submission().receipt_token
    photo = clean_image(photo_with_metadata())
    with pytest.raises(IntegrityError):
        submission_create(
            sender_hash="b" * 64, photo=photo, kind="correction", text="x", receipt_token=taken
        )
    assert Submission.objects.count() == 1
    assert stored_files(settings) == []


def _request(address):
    from django.test import RequestFactory

    return RequestFactory().get("/", REMOTE_ADDR=address)


def test_a_readers_photo_is_stored_outside_the_public_media_folder(client, settings):
    assert client.post(SUBMIT, form_data(photo=gps_photo())).status_code == 303
    photo = Submission.objects.get().photo
    assert Path(photo.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]
    with pytest.raises(ValueError, match="no public address"):
        photo.storage.url(photo.name)

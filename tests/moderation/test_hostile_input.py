"""Every hostile input is refused with a message that says what is wrong, and nothing is stored.

The table below is the one in the issue's note: input, answer, message.
"""

import io

import pytest
from django.test import Client
from PIL import Image

from newsroom.moderation.models import Submission
from tests.factories import make_event
from tests.moderation.factories import form_data, gps_photo, stored_files, upload
from tests.newsroom.test_images import photo_with_metadata, png_declaring

pytestmark = pytest.mark.django_db

SUBMIT = "/submit/"
MB = 1024 * 1024
HIDDEN_HTML = b"<html><script>alert(document.cookie)</script></html>"


def gif():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "GIF")
    return buffer


def truncated_jpeg():
    whole = photo_with_metadata(size=(800, 600)).getvalue()
    return whole[: len(whole) // 2]


BAD_PHOTOS = {
    "over 10 MB": (
        upload("big.jpg", b"\xff\xd8\xff" + b"\0" * (10 * MB), "image/jpeg"),
        "This file is larger than 10 MB.",
    ),
    "decompression bomb (PNG declaring 100 megapixels)": (
        upload("bomb.png", png_declaring(10_000, 10_000), "image/png"),
        "This image has too many pixels; the limit is 40 megapixels.",
    ),
    "PNG declaring 49 megapixels": (
        upload("big.png", png_declaring(7000, 7000), "image/png"),
        "This image is 7000 × 7000 pixels; the limit is 40 megapixels.",
    ),
    "truncated JPEG": (
        upload("cut.jpg", truncated_jpeg(), "image/jpeg"),
        "This image is damaged or incomplete.",
    ),
    "PNG with HTML after its end": (
        upload("polyglot.png", photo_with_metadata("PNG").getvalue() + HIDDEN_HTML, "image/png"),
        "This file carries something after the end of its image; send the image alone.",
    ),
    "JPEG with bytes after its end marker": (
        upload("polyglot.jpg", photo_with_metadata().getvalue() + HIDDEN_HTML, "image/jpeg"),
        "This file carries something after the end of its image; send the image alone.",
    ),
    "SVG": (
        upload(
            "drawing.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
        ),
        "This file is not a JPEG, PNG or WebP image.",
    ),
    "PDF renamed .jpg": (
        upload("scan.jpg", b"%PDF-1.7\n1 0 obj\n<< /JS (alert(1)) >>\nendobj\n", "image/jpeg"),
        "This file is not a JPEG, PNG or WebP image.",
    ),
    "GIF": (upload("a.gif", gif(), "image/gif"), "This file is not a JPEG, PNG or WebP image."),
}


BAD_FIELDS = {
    "javascript: link": (
        {"link_1": "javascript:alert(1)"},
        "Only web addresses starting with http:// or https:// are accepted, "
        "not “javascript:” addresses.",
    ),
    "JavaScript: link, mixed case, tab inside": (
        {"link_2": "  JavaS\tcript:alert(1)"},
        "not “javascript:” addresses.",
    ),
    "data: link": (
        {"link_3": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="},
        "not “data:” addresses.",
    ),
    "ftp: link": ({"link_1": "ftp://example.org/file"}, "not “ftp:” addresses."),
    "link with no host": ({"link_1": "https://"}, "Enter a valid URL."),
    "impossible date 2024-02-30": (
        {"occurred_on": "2024-02-30"},
        "Enter a real date, such as 2024-08-06.",
    ),
    "date in the future": ({"occurred_on": "2999-01-01"}, "This date is in the future."),
    "impossible time 25:99": ({"occurred_time": "25:99"}, "Enter a time such as 14:20."),
    "time with no date": (
        {"occurred_on": "", "occurred_time": "14:20"},
        "Give the date as well as the time.",
    ),
    "unknown kind": ({"kind": "announcement"}, "Select a valid choice."),
    "no text": ({"text": ""}, "This field is required."),
    "an unpublished or unknown event": (
        {"event": "no-such-event"},
        "The event this was about is not on the site.",
    ),
    "a NUL byte for the event": ({"event": "\x00"}, "Null characters are not allowed."),
    "honeypot filled": (
        {"website": "https://spam.example"},
        "This submission could not be accepted. If you filled in the field marked “leave "
        "this empty”, clear it and send again.",
    ),
}

LONG = "x" * 100_000
TOO_LONG = {
    "text": "at most 5000 characters (it has 100000)",
    "location": "at most 300 characters (it has 100000)",
    "contact_name": "at most 200 characters (it has 100000)",
    "contact_details": "at most 300 characters (it has 100000)",
    "link_1": "at most 500 characters (it has 100008)",  # after the assumed "https://"
    "website": "at most 200 characters (it has 100000)",
    "occurred_on": "Enter a real date",
    "occurred_time": "Enter a time such as 14:20",
    "kind": "Select a valid choice",
    "event": "The event this was about is not on the site",
}


@pytest.fixture
def nothing_stored(settings):
    yield
    assert not Submission.objects.exists()
    assert not stored_files(settings)


def refusal(client, data):
    response = client.post(SUBMIT, data)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("photo", "message"), BAD_PHOTOS.values(), ids=BAD_PHOTOS)
def test_a_bad_photo_is_refused_with_a_message(client, nothing_stored, photo, message):
    html = refusal(client, form_data(photo=photo))
    assert message in html
    assert 'aria-describedby="id_photo_helptext id_photo_error"' in html


@pytest.mark.parametrize(("fields", "message"), BAD_FIELDS.values(), ids=BAD_FIELDS)
def test_a_bad_field_is_refused_with_a_message(client, nothing_stored, fields, message):
    assert message in refusal(client, form_data(photo=gps_photo(), **fields))


def test_every_field_of_100000_characters_is_refused(client, nothing_stored):
    html = refusal(client, form_data(**dict.fromkeys(TOO_LONG, LONG)))
    for name, message in TOO_LONG.items():
        assert f'id="id_{name}_error"' in html or name in {"event", "website"}, name
        assert message in html, name
    assert "leave this empty”, clear it" in html


def test_a_body_over_the_cap_is_a_413_before_it_is_read(client, nothing_stored):
    photo = upload("huge.jpg", b"\xff\xd8\xff" + b"\0" * (12 * MB), "image/jpeg")
    response = client.post(SUBMIT, form_data(photo=photo))
    assert response.status_code == 413
    assert "may be at most 12 MB" in response.content.decode()
    assert "csrftoken" not in response.cookies  # nothing, not even CSRF, looked at the body


def test_written_fields_over_django_s_memory_cap_are_a_413(client, nothing_stored):
    # Under the body cap, but more text than DATA_UPLOAD_MAX_MEMORY_SIZE lets Django hold.
    response = client.post(SUBMIT, form_data(photo=gps_photo(), text="x" * (3 * MB)))
    assert response.status_code == 413
    assert "This submission is too large" in response.content.decode()


def test_a_missing_csrf_token_is_a_403(nothing_stored):
    client = Client(enforce_csrf_checks=True)
    client.get(SUBMIT)  # has the cookie, but the form's token is missing
    response = client.post(SUBMIT, form_data())
    assert response.status_code == 403
    assert "This form could not be sent" in response.content.decode()


def test_a_valid_csrf_token_passes_the_enforced_check():
    client = Client(enforce_csrf_checks=True)
    token = client.get(SUBMIT).cookies["csrftoken"].value
    assert client.post(SUBMIT, form_data(csrfmiddlewaretoken=token)).status_code == 303


def test_script_in_the_text_is_stored_as_text_and_shown_escaped(client):
    event = make_event()
    text = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    data = form_data(text=text, location="<b>here</b>", event=event.slug)
    receipt = client.get(client.post(SUBMIT, data)["Location"]).content.decode()
    assert Submission.objects.get().text == text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;img src=x" in receipt
    assert "<script>alert" not in receipt and "<img src=x" not in receipt


def test_a_refused_form_echoes_script_escaped(client, nothing_stored):
    html = refusal(client, form_data(text="<script>alert(1)</script>", occurred_on="x"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</textarea>" in html
    assert "<script>alert(1)" not in html


def test_a_hostile_file_name_never_reaches_storage(client):
    photo = upload("../../../etc/cron.d/x.php.png", photo_with_metadata().getvalue(), "image/png")
    client.post(SUBMIT, form_data(photo=photo))
    name = Submission.objects.get().photo.name
    assert name.startswith("submissions/") and name.endswith(".jpg")  # by content, not name
    assert ".." not in name and "php" not in name

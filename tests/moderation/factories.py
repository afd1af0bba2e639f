"""Builders for reader submissions and the files readers send."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from newsroom.moderation.models import Submission
from tests.newsroom.test_images import photo_with_metadata


def make_submission(**kwargs):
    values = {"kind": Submission.Kind.NEW_DEVELOPMENT, "text": "Smoke over the bridge."}
    values.update(kwargs)
    if values.get("status", Submission.Status.PENDING) != Submission.Status.PENDING:
        values.setdefault("decided_at", timezone.now())
    return Submission.objects.create(**values)


def upload(name, content, content_type="application/octet-stream"):
    if isinstance(content, io.BytesIO):
        content = content.getvalue()
    return SimpleUploadedFile(name, content, content_type=content_type)


def gps_photo(name="IMG_0001 Sudzha.jpg", format="JPEG"):
    """A 300 × 200 photo whose EXIF turns it upright to 200 × 300, with GPS, XMP and a camera."""
    return upload(name, photo_with_metadata(format), f"image/{format.lower()}")


def form_data(**overrides):
    """A valid submission; a value of None leaves that field out."""
    data = {
        "kind": Submission.Kind.NEW_DEVELOPMENT,
        "text": "A column of armour crossed at Sudzha this morning.",
        "occurred_on": "2024-08-06",
        "occurred_time": "05:30",
        "is_date_approximate": "on",
        "location": "Sudzha border crossing",
        "link_1": "https://example.org/post/1",
        "link_2": "http://example.net/video",
        "link_3": "",
        "contact_name": "Anna",
        "contact_details": "anna@example.org",
        "may_contact": "on",
        "website": "",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def stored_files(settings):
    """Every file written anywhere uploads go, public or private."""
    roots = [settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT]
    return [path for root in roots for path in root.rglob("*") if path.is_file()]

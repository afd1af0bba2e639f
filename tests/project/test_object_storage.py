"""Uploads on an S3-compatible object store (an S3 server of moto's, in this process).

The settings read the buckets from the environment (newsroom/settings/env.py); these tests
build them the same way, then check where each kind of upload lands and who can read it. The
two-server test (test_two_servers.py) runs the same through gunicorn.
"""

import io
import json
import uuid
from types import SimpleNamespace

import pytest
import requests
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages
from PIL import Image

from newsroom.articles.models import Article
from newsroom.moderation.models import Submission
from newsroom.settings.env import object_storage
from tests.factories import make_user
from tests.project.servers import free_port, public_read
from tests.project.test_settings import PRODUCTION, manage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3_server():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def buckets(s3_server, settings, monkeypatch):
    """Two new buckets, made as docs/deploy.md says, and the settings pointed at them."""
    import boto3

    media, private = f"media-{uuid.uuid4().hex}", f"private-{uuid.uuid4().hex}"
    for name, value in {
        "AWS_ACCESS_KEY_ID": "test-key",
        "AWS_SECRET_ACCESS_KEY": "test-secret",
        "S3_MEDIA_BUCKET": media,
        "S3_PRIVATE_BUCKET": private,
        "S3_ENDPOINT_URL": s3_server,
        "S3_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    s3 = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    s3.create_bucket(Bucket=media)
    s3.create_bucket(Bucket=private)
    s3.put_bucket_policy(Bucket=media, Policy=json.dumps(public_read(media)))
    configured, settings.MEDIA_URL = object_storage(None)
    settings.STORAGES = {**settings.STORAGES, **configured}
    # A model field keeps the storage it was given when the models were loaded.
    for model, name, alias in [
        (Submission, "photo", "private"),
        (Article, "lead_image", "default"),
    ]:
        monkeypatch.setattr(model._meta.get_field(name), "storage", storages[alias])
    return SimpleNamespace(s3=s3, media=media, private=private, endpoint=s3_server)


def keys(buckets, bucket):
    return {found["Key"] for found in buckets.s3.list_objects_v2(Bucket=bucket).get("Contents", [])}


def jpeg(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, format="JPEG")
    buffer.seek(0)
    buffer.name = "picture.jpg"
    return buffer


def test_an_editors_lead_image_and_its_renditions_go_to_the_public_bucket(buckets, client):
    client.force_login(make_user("editor", group="editor"))
    response = client.post(
        "/admin/articles/article/add/",
        {
            "headline": "Bridge reopens",
            "slug": "bridge-reopens",
            "standfirst": "Traffic crosses again.",
            "body": "The bridge reopened at noon.",
            "lead_image": jpeg(500, 300),
            "lead_image_alt": "The bridge",
            "event_links-TOTAL_FORMS": 0,
            "event_links-INITIAL_FORMS": 0,
            "_transition": "publish",
        },
    )
    assert response.status_code == 302, [
        line for line in response.content.decode().splitlines() if "error" in line
    ]
    article = Article.objects.get()
    stem = article.lead_image.name.removeprefix("articles/").removesuffix(".jpg")
    assert keys(buckets, buckets.media) == {
        article.lead_image.name,
        *(f"articles/renditions/{stem}-{w}.{ext}" for w in (480, 500) for ext in ("jpg", "webp")),
    }
    assert not keys(buckets, buckets.private)
    page = client.get("/articles/bridge-reopens/")
    media = f"{buckets.endpoint}/{buckets.media}/"
    assert f'<img src="{media}articles/renditions/{stem}-500.jpg"' in page.content.decode()
    # Anyone may read it (the page's CSP allowing it is checked by test_two_servers.py, whose
    # servers read the settings from the environment as they start).
    assert requests.get(f"{media}{article.lead_image.name}", timeout=30).status_code == 200


def test_a_readers_photo_goes_to_the_private_bucket_and_out_through_the_desk_only(buckets, client):
    response = client.post(
        "/submit/",
        {"kind": "new_development", "text": "Smoke at the station.", "photo": jpeg(64, 48)},
    )
    assert response.status_code == 303
    submission = Submission.objects.get()
    assert keys(buckets, buckets.private) == {submission.photo.name}
    assert not keys(buckets, buckets.media)
    with pytest.raises(ValueError, match="no public address"):
        submission.photo.url  # noqa: B018
    direct = f"{buckets.endpoint}/{buckets.private}/{submission.photo.name}"
    assert requests.get(direct, timeout=30).status_code == 403
    photo = f"/admin/moderation/submission/{submission.pk}/photo/"
    assert client.get(photo).status_code == 302  # to the login page
    client.force_login(make_user("reporter", group="reporter"))
    assert client.get(photo).status_code == 403
    client.force_login(make_user("moderator", group="moderator"))
    shown = client.get(photo)
    assert shown.status_code == 200
    stored = buckets.s3.get_object(Bucket=buckets.private, Key=submission.photo.name)
    assert b"".join(shown.streaming_content) == stored["Body"].read()


def test_without_buckets_uploads_stay_on_the_local_disk(monkeypatch):
    for name in ("S3_MEDIA_BUCKET", "S3_PRIVATE_BUCKET"):
        monkeypatch.delenv(name, raising=False)
    assert object_storage(None) is None


@pytest.mark.parametrize(
    "media, private",
    [("newsroom-media", ""), ("", "newsroom-private"), ("newsroom", "newsroom")],
)
def test_both_buckets_or_neither_and_never_the_same_one(monkeypatch, media, private):
    monkeypatch.setenv("S3_MEDIA_BUCKET", media)
    monkeypatch.setenv("S3_PRIVATE_BUCKET", private)
    with pytest.raises(ImproperlyConfigured, match="two buckets"):
        object_storage(None)


def test_media_can_be_read_from_another_address(monkeypatch):
    monkeypatch.setenv("S3_MEDIA_BUCKET", "newsroom-media")
    monkeypatch.setenv("S3_PRIVATE_BUCKET", "newsroom-private")
    monkeypatch.delenv("S3_ENDPOINT_URL", raising=False)
    configured, media_url = object_storage(None)
    assert media_url == "https://newsroom-media.s3.amazonaws.com/"
    configured, media_url = object_storage("https://media.example.org/newsroom")
    assert media_url == "https://media.example.org/newsroom/"
    assert configured["default"]["OPTIONS"]["custom_domain"] == "media.example.org/newsroom"
    with pytest.raises(ImproperlyConfigured, match="full address"):
        object_storage("media/")


def test_production_takes_the_buckets_from_the_environment():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; from django.core.files.storage import storages; "
        "print(type(storages['default']).__name__, type(storages['private']).__name__, "
        "settings.MEDIA_URL, settings.SECURE_CSP['img-src'][-1])",
        **PRODUCTION,
        S3_MEDIA_BUCKET="newsroom-media",
        S3_PRIVATE_BUCKET="newsroom-private",
        MEDIA_URL="https://media.example.org/",
    )
    assert result.stdout.split() == [
        "S3Storage",
        "PrivateS3Storage",
        "https://media.example.org/",
        "https://media.example.org/",
    ], result.stderr

"""Two app servers behind one address, sharing PostgreSQL, Redis and an object store.

As docs/deploy.md runs them: two gunicorn instances with the production settings, on ports of
their own, fed requests as the proxy in front would send them (the site's host name, and
``X-Forwarded-Proto``). The test starts its own Redis (``redis-server --port N``) and its own S3
server (moto's), makes the two buckets as an operator would (the media one readable by anyone,
the private one by no one), and uses the test database, so it needs PostgreSQL.
"""

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import Group
from django.db import connection
from lxml import html
from PIL import Image

from newsroom.articles.models import Article
from newsroom.moderation.models import Submission
from tests.browser.conftest import restore_roles
from tests.factories import make_user
from tests.project.servers import free_port, public_read, stop, wait_for

pytestmark = [
    pytest.mark.two_server,
    # The servers see only committed rows. Not serialized_rollback: restoring the rows saved at
    # the database's creation collides with the content types an earlier transaction test's
    # flush made again under new ids, so the groups are made again instead (staff()).
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(__file__).resolve().parents[2]
HOST = "news.example.test"
MEDIA_BUCKET = "newsroom-media"
PRIVATE_BUCKET = "newsroom-private"
KEYS = {"AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret"}
PASSWORD = "pass-for-tests"


@pytest.fixture(scope="module")
def object_store():
    """An S3 server of our own, with the media bucket public and the private one not."""
    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **_boto_keys())
    s3.create_bucket(Bucket=MEDIA_BUCKET)
    s3.create_bucket(Bucket=PRIVATE_BUCKET)
    s3.put_bucket_policy(Bucket=MEDIA_BUCKET, Policy=json.dumps(public_read(MEDIA_BUCKET)))
    yield endpoint, s3
    server.stop()


def _boto_keys():
    return {name.lower(): value for name, value in KEYS.items()}


@pytest.fixture(scope="module")
def redis_port():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    wait_for(port, redis)
    yield port
    stop(redis)


@pytest.fixture(scope="module")
def postgresql(django_db_setup):
    """Skip before starting anything unless the test database is PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip("two app servers share a PostgreSQL database: set DATABASE_URL to one")


@pytest.fixture(scope="module")
def servers(postgresql, object_store, redis_port):
    """Two gunicorn instances with the production settings; yields their ports."""
    endpoint, _ = object_store
    database = connection.settings_dict
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            **KEYS,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
            "SECRET_KEY": "two-server-test-key-" + "x" * 40,
            "DATABASE_URL": (
                f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
                f"{database['PORT'] or 5432}/{database['NAME']}"
            ),
            "ALLOWED_HOSTS": HOST,
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "BEHIND_TLS_PROXY": "1",
            "S3_MEDIA_BUCKET": MEDIA_BUCKET,
            "S3_PRIVATE_BUCKET": PRIVATE_BUCKET,
            "S3_ENDPOINT_URL": endpoint,
            "S3_REGION": "us-east-1",
            # Nothing may land on a disk: these folders must stay empty.
            "MEDIA_ROOT": str(Path(folder) / "media"),
            "PRIVATE_MEDIA_ROOT": str(Path(folder) / "private-media"),
            "STATIC_ROOT": str(Path(folder) / "static"),
            "LOG_LEVEL": "WARNING",
        }
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        ports = [free_port(), free_port()]
        started = [
            subprocess.Popen(
                [gunicorn, "newsroom.wsgi", "--workers", "1", "--timeout", "120"]
                + ["--bind", f"127.0.0.1:{port}", "--no-control-socket"],
                cwd=ROOT,
                env=env,
            )
            for port in ports
        ]
        try:
            for port, process in zip(ports, started, strict=True):
                wait_for(port, process)
            yield ports
        finally:
            for process in started:
                stop(process)
        left_on_disk = [
            p for p in Path(folder).rglob("*") if p.is_file() and "static" not in p.parts
        ]
        assert not left_on_disk, f"uploads were written to a server's disk: {left_on_disk}"


class Visitor:
    """One person's browser, sent by the proxy to whichever server the test names."""

    def __init__(self):
        self.cookies = {}

    def request(self, port, method, path, headers=(), **kwargs):
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", **dict(headers)}
        if method == "POST":
            headers["Origin"] = f"https://{HOST}"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        response = requests.request(
            method,
            f"http://127.0.0.1:{port}{path}",
            headers=headers,
            allow_redirects=False,
            timeout=180,
            **kwargs,
        )
        # The cookies are marked Secure (the proxy speaks HTTPS to browsers): keep them by hand.
        self.cookies.update(response.cookies.get_dict())
        return response

    def get(self, port, path, headers=()):
        return self.request(port, "GET", path, headers)

    def submit(self, port, path, form, values, files=None):
        """Fill the form (an XPath) on the page as a browser would: its own values, then these."""
        page = self.get(port, path)
        assert page.status_code == 200, (path, page.status_code)
        [form] = html.fromstring(page.content).xpath(form)
        data = dict(form.form_values()) | values
        return self.request(port, "POST", path, data=data, files=files)

    def log_in(self, port, username):
        response = self.submit(
            port,
            "/admin/login/",
            "//form[@id='login-form']",
            {"username": username, "password": PASSWORD},
        )
        assert response.status_code == 302, response.text[:2000]


def staff(username, group):
    """A staff account the servers can log in: the production settings hash with PBKDF2 (the
    test settings' MD5 is not among their hashers). Few rounds; the first login adds the rest."""
    if not Group.objects.filter(name=group).exists():
        restore_roles()  # a transaction test's flush removed the groups the migrations made
    user = make_user(username, group=group)
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "two-server-salt", iterations=1000)
    user.save(update_fields=["password"])
    return user


def jpeg(width, height, colour):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def test_an_editors_image_and_publish_on_one_server_show_at_once_on_the_other(
    servers, object_store
):
    first, second = servers
    _, s3 = object_store
    staff("editor", "editor")
    reader, editor = Visitor(), Visitor()
    headline = f"Bridge reopens {uuid.uuid4().hex[:8]}"
    # Both servers have stored the list, and each worker may keep its own copy.
    for port in (first, second, first, second):
        listing = reader.get(port, "/articles/")
        assert listing.status_code == 200
        assert headline not in listing.text
    # And each has answered the reader's revalidations 304, which it then gives again itself
    # while the validator stands (newsroom/revalidation.py).
    revalidation = {"If-None-Match": listing.headers["ETag"]}
    for port in (first, second, first, second):
        assert reader.get(port, "/articles/", revalidation).status_code == 304

    editor.log_in(first, "editor")
    saved = editor.submit(
        first,
        "/admin/articles/article/add/",
        "//form[@id='article_form']",
        {
            "headline": headline,
            "slug": "bridge-reopens",
            "standfirst": "Traffic crosses again.",
            "body": "The bridge reopened at noon.",
            "lead_image_alt": "The bridge from the east bank",
            "lead_image_credit": "Newsroom",
            "_transition": "publish",
        },
        files={"lead_image": ("bridge.jpg", jpeg(500, 300, "steelblue"), "image/jpeg")},
    )
    assert saved.status_code == 302, _errors(saved)
    article = Article.objects.get(slug="bridge-reopens")
    assert article.status == "published"
    assert article.lead_image_width == 500, (article.lead_image.name, saved.request.headers)

    # The other server shows it on the very next request: no stored page there is older, and
    # no 304 it gave before is given again.
    listing = reader.get(second, "/articles/", revalidation)
    assert listing.status_code == 200
    assert headline in listing.text
    assert listing.headers["ETag"] != revalidation["If-None-Match"]
    page = reader.get(second, "/articles/bridge-reopens/")
    assert page.status_code == 200
    [image] = html.fromstring(page.content).xpath("//figure[@class='lead-image']//img")
    media = f"{s3.meta.endpoint_url}/{MEDIA_BUCKET}/"
    assert image.get("src").startswith(media + "articles/renditions/")
    # The page may load it: the bucket's address is among its image sources.
    assert media in page.headers["Content-Security-Policy"]
    # Anyone can read it from the bucket, with no login, as a browser would.
    picture = requests.get(image.get("src"), timeout=30)
    assert picture.status_code == 200
    assert Image.open(io.BytesIO(picture.content)).size == (500, 300)
    stored = s3.get_object(Bucket=MEDIA_BUCKET, Key=article.lead_image.name)
    assert Image.open(stored["Body"]).size == (500, 300)


def test_a_readers_photo_is_seen_on_either_server_by_moderators_only(servers, object_store):
    first, second = servers
    endpoint, s3 = object_store
    staff("moderator", "moderator")
    staff("reporter", "reporter")
    sent = Visitor().submit(
        first,
        "/submit/",
        "//form[@class='submission-form']",
        {"kind": "new_development", "text": "Smoke over the station at dawn."},
        files={"photo": ("smoke.jpg", jpeg(320, 240, "grey"), "image/jpeg")},
    )
    assert sent.status_code == 303, _errors(sent)
    submission = Submission.objects.get(text="Smoke over the station at dawn.")
    photo = f"/admin/moderation/submission/{submission.pk}/photo/"

    # In the private bucket, which grants nothing to anyone: no policy, no public grant.
    stored = s3.get_object(Bucket=PRIVATE_BUCKET, Key=submission.photo.name)["Body"].read()
    with pytest.raises(s3.exceptions.ClientError, match="NoSuchBucketPolicy"):
        s3.get_bucket_policy_status(Bucket=PRIVATE_BUCKET)
    grants = s3.get_object_acl(Bucket=PRIVATE_BUCKET, Key=submission.photo.name)["Grants"]
    grants += s3.get_bucket_acl(Bucket=PRIVATE_BUCKET)["Grants"]
    assert all(grant["Grantee"]["Type"] == "CanonicalUser" for grant in grants)
    # So a direct read without the store's keys is refused...
    assert requests.get(f"{endpoint}/{PRIVATE_BUCKET}/{submission.photo.name}").status_code == 403
    # ...and so is the app's own address, on both servers, without a moderator's login.
    for port in (first, second):
        assert Visitor().get(port, photo).status_code == 302
    reporter = Visitor()
    reporter.log_in(second, "reporter")
    assert reporter.get(second, photo).status_code == 403

    # A moderator sees it through the other server than the one that received it.
    moderator = Visitor()
    moderator.log_in(second, "moderator")
    shown = moderator.get(second, photo)
    assert shown.status_code == 200
    assert shown.headers["Content-Type"] == "image/jpeg"
    assert {"private", "no-store"} <= set(shown.headers["Cache-Control"].split(", "))
    assert shown.content == stored
    # The same session on the first server (the proxy may send any request to either).
    assert moderator.get(first, photo).content == stored


def _errors(response):
    """What a refused form said, for the assertion message."""
    if response.status_code != 200:
        return f"{response.status_code}: {response.text[:500]}"
    messages = html.fromstring(response.content).xpath(
        "//*[contains(@class, 'errorlist') or contains(@class, 'errornote')]"
    )
    return [re.sub(r"\s+", " ", message.text_content()) for message in messages]

"""Every public page type is valid HTML as the Nu Html Checker (vnu, the W3C's checker) reads it.

The pages are fetched with the demo story and what it lacks (images, corrections, a decided
submission, preview links), saved to files, and checked in one run of vnu.jar, so Java starts once.
"""

import datetime
import json
import os
import shutil
import subprocess
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.moderation.models import Submission
from newsroom.previews import services as previews
from newsroom.publishing import PublicationStatus
from tests.articles.factories import image_file
from tests.articles.factories import make_correction as correct_article
from tests.factories import make_event, make_user
from tests.moderation.factories import form_data, make_submission
from tests.timeline.factories import make_correction as correct_event
from timeline.models import Event, Storyline

pytestmark = [pytest.mark.django_db, pytest.mark.validator]

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def checker():
    """The command that runs vnu, or a skip (a failure under REQUIRE_BROWSER) when it cannot run."""
    java = shutil.which("java")
    missing = "Java" if java is None else "vnu.jar" if not VNU.exists() else None
    if missing:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"{missing} is required for the HTML validity check (apt Java, npm ci)")
        pytest.skip(f"{missing} is not installed")
    return [java, "-jar", str(VNU), "--format", "json", "--stdout"]


@pytest.fixture
def story(settings):
    """The demo story, with an image and a correction on an event and an article."""
    settings.DEBUG = True  # the loader runs only in debug: it makes accounts with a known password
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
    event = Event.objects.published().filter(citations__isnull=False, place__isnull=False).first()
    event.image.save("event.jpg", image_file(800, 500))
    event.image_alt = "Smoke over the crossing"
    event.save()
    correct_event(event, note="The hour was wrong.")
    article = Article.objects.published().filter(events__isnull=False).first()
    article.lead_image.save("lead.jpg", image_file(1200, 600))
    article.lead_image_alt = "A bridge"
    article.save()
    correct_article(article, note="A name was misspelt.")
    # Dates at every precision the pages write in <time datetime>: a year, a minute, a span.
    make_event(title="Known to the year", start_year=2023, start_month=None)
    make_event(
        title="Known to the minute",
        start_day=6,
        start_hour=5,
        start_minute=30,
        end_year=2024,
        end_month=8,
        end_day=7,
    )
    return {"event": event, "article": article}


def public_pages(client, story, settings):
    """{name: (status, html)} for every page type readers can reach."""
    event, article = story["event"], story["article"]
    storyline = Storyline.objects.filter(events__in=Event.objects.published()).first()
    source = event.citations.first().source
    decided = make_submission(
        status=Submission.Status.REJECTED, decision_reason="We could not confirm it.", event=event
    )
    pending = Submission.objects.filter(status=Submission.Status.PENDING).first()
    pages = {
        "home": "/",
        "timeline": "/timeline/",
        "timeline-filtered": f"/timeline/?storyline={storyline.slug}&kind={event.kind}",
        "timeline-newest": "/timeline/?order=newest",
        "embed-timeline": f"/embed/timeline/?storyline={storyline.slug}",
        "embed-timeline-page-2": "/embed/timeline/?page=2",
        "400-embed-timeline": "/embed/timeline/?storyline=nope",
        "embed-map": f"/embed/map/?storyline={storyline.slug}",
        "400-embed-map": "/embed/map/?storyline=nope",
        "map": "/map/",
        "map-day": f"/map/?storyline={storyline.slug}&day=2024-08-16",
        "event": event.get_absolute_url(),
        "articles": "/articles/",
        "article": reverse("articles:article_detail", args=[article.slug]),
        "sources": "/sources/",
        "source": reverse("sources:source_detail", args=[source.slug]),
        "submit": f"/submit/?event={event.slug}",
        "receipt-pending": reverse("moderation:receipt", args=[pending.receipt_token]),
        "receipt-decided": reverse("moderation:receipt", args=[decided.receipt_token]),
        "400-timeline": "/timeline/?page=x&from=2024-13-01",
        "400": "/articles/?page=x",
        "404": "/no-such-page/",
    }
    fetched = {name: client.get(path) for name, path in pages.items()}
    impossible = form_data(text="", occurred_on="2024-02-30", occurred_time="25:99")
    fetched["submit-errors"] = client.post("/submit/", impossible)
    settings.SUBMISSION_ATTEMPT_LIMIT = 0
    fetched["429"] = client.post("/submit/", form_data())

    # A staff preview of each kind of item, and a shared link while it works and after.
    editor = make_user("validator-editor", group="editor")
    draft = make_event(title="A draft", status=PublicationStatus.DRAFT, publish_at=None)
    link = previews.preview_link_create(
        item=draft, lifetime=datetime.timedelta(days=1), created_by=editor
    )
    fetched["shared-preview"] = client.get(link.get_absolute_url())
    previews.preview_link_revoke(link=link, revoked_by=editor)
    fetched["410"] = client.get(link.get_absolute_url())
    client.force_login(editor)
    fetched["preview-event"] = client.get(f"/preview/timeline.event/{draft.pk}/")
    Article.objects.filter(pk=article.pk).update(status=PublicationStatus.DRAFT)
    fetched["preview-article"] = client.get(f"/preview/articles.article/{article.pk}/")
    return {name: (response.status_code, response.content) for name, response in fetched.items()}


EXPECTED_STATUS = {
    "400": 400,
    "400-timeline": 400,
    "400-embed-timeline": 400,
    "400-embed-map": 400,
    "404": 404,
    "410": 410,
    "429": 429,
}


def test_every_public_page_type_is_valid_html(client, story, settings, tmp_path):
    command = checker()
    pages = public_pages(client, story, settings)
    for name, (status, _) in pages.items():
        assert status == EXPECTED_STATUS.get(name, 200), name
    for name, (_, html) in pages.items():
        (tmp_path / f"{name}.html").write_bytes(html)
    result = subprocess.run(
        [*command, *map(str, sorted(tmp_path.glob("*.html")))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{PurePosixPath(urlsplit(m.get('url', '')).path).stem} line {m.get('lastLine')}: "
        f"{m['message']}"
        f" [{m.get('extract', '').strip()}]"
        for m in messages
        if m["type"] in {"error", "non-document-error"}
    ]
    assert errors == [], "\n".join(errors)


def test_the_check_can_fail(tmp_path):
    """vnu finds what our pages had: an empty form action, six digits of a second."""
    command = checker()
    page = tmp_path / "bad.html"
    moment = timezone.now().replace(microsecond=123456).isoformat()
    page.write_text(
        '<!DOCTYPE html><html lang="en"><title>x</title>'
        f'<form action=""></form><time datetime="{moment}">now</time></html>'
    )
    result = subprocess.run([*command, str(page)], capture_output=True, text=True, timeout=300)
    errors = [m for m in json.loads(result.stdout)["messages"] if m["type"] == "error"]
    assert len(errors) == 2, errors

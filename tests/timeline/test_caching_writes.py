"""Which writes reach the stored pages: those readers can see, and no others.

A draft, and everything only a draft uses, is the desk's business: saving it must leave every
stored page in place. A write readers can see must change the pages once it is committed.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom import caching
from newsroom.articles.models import ArticleEvent
from newsroom.publishing import PublicationStatus
from tests.articles.factories import make_correction
from tests.factories import (
    make_article,
    make_citation,
    make_event,
    make_place,
    make_source,
    make_storyline,
)
from timeline.models import EventCorrection

pytestmark = pytest.mark.django_db

DRAFT = {"status": PublicationStatus.DRAFT, "publish_at": None}


@pytest.fixture
def desk():
    front = make_storyline(title="The front", slug="front")
    story = make_event(slug="start", title="Forces cross", start_day=6, storylines=[front])
    wire = make_source(name="Wire service")
    draft = make_event(slug="held", title="Held back", **DRAFT)
    return SimpleNamespace(
        front=front,
        story=story,
        wire=wire,
        citation=make_citation(story, wire),
        draft=draft,
        draft_citation=make_citation(draft, make_source(name="Draft-only source")),
        draft_article=make_article(headline="Half written", events=[story], **DRAFT),
        article=make_article(headline="The analysis"),
        unused_storyline=make_storyline(title="Not yet used"),
    )


def written(capture, write):
    """Run ``write`` and commit it; True if it told the caches that public content changed."""
    before = caching.content_version()
    with capture(execute=True):
        write()
    return caching.content_version() != before


def save(row, **changes):
    for name, value in changes.items():
        setattr(row, name, value)
    row.save()


UNSEEN_WRITES = {
    "a draft event": lambda d: save(d.draft, summary="Still checking."),
    "a draft event's new citation": lambda d: make_citation(d.draft, d.wire),
    "a draft's citation": lambda d: save(d.draft_citation, quote="Said on the phone."),
    "a draft's citation, deleted": lambda d: d.draft_citation.delete(),
    "a draft's correction": lambda d: EventCorrection.objects.create(event=d.draft, note="No."),
    "a draft's storylines": lambda d: d.draft.storylines.set([d.front]),
    "a draft deleted": lambda d: d.draft.delete(),
    "a draft article": lambda d: save(d.draft_article, standfirst="Coming soon."),
    "a draft article's correction": lambda d: make_correction(d.draft_article),
    "a draft article linked to a published event": lambda d: d.draft_article.events.add(
        d.story, through_defaults={"position": 1}
    ),
    "a published article linked to a draft event": lambda d: ArticleEvent.objects.create(
        article=d.article, event=d.draft, position=0
    ),
    "a storyline no published event uses": lambda d: save(d.unused_storyline, title="Later"),
    "a place no published event uses": lambda d: make_place(name="Nowhere yet"),
    "a scheduled event": lambda d: make_event(
        title="Tomorrow's", publish_at=timezone.now() + datetime.timedelta(days=1)
    ),
}


@pytest.mark.parametrize("write", UNSEEN_WRITES.values(), ids=UNSEEN_WRITES.keys())
def test_a_write_no_reader_can_see_leaves_the_stored_pages(
    client, desk, django_capture_on_commit_callbacks, write
):
    stored = client.get("/timeline/")
    assert not written(django_capture_on_commit_callbacks, lambda: write(desk))
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/timeline/", headers={"If-None-Match": stored["ETag"]})
    assert again.status_code == 304
    assert len(queries) == 1  # the validator only: nothing was rendered again


def unpublish(d):
    save(d.story, status=PublicationStatus.DRAFT)


def publish(d):
    save(d.draft, status=PublicationStatus.PUBLISHED, publish_at=timezone.now())


# Each write, and what the timeline says after it that it did not say before (or the reverse).
SEEN_WRITES = {
    "a published event's summary": (lambda d: save(d.story, summary="Crossed at dawn."), "dawn"),
    "a published event's new citation": (
        lambda d: make_citation(d.story, make_source(name="Local paper")),
        "Local paper",
    ),
    "a published event's citation": (
        lambda d: save(d.citation, source=make_source(name="Other wire")),
        "Other wire",
    ),
    "a published event's storylines": (lambda d: d.story.storylines.clear(), "!The front"),
    "a storyline a published event uses": (lambda d: save(d.front, title="The north"), "north"),
    "unpublishing": (unpublish, "!Forces cross"),
    "publishing": (publish, "Held back"),
}


@pytest.mark.parametrize("write, text", SEEN_WRITES.values(), ids=SEEN_WRITES.keys())
def test_a_write_readers_can_see_changes_the_page(
    client, desk, django_capture_on_commit_callbacks, write, text
):
    before = client.get("/timeline/")
    assert written(django_capture_on_commit_callbacks, lambda: write(desk))
    after = client.get("/timeline/", headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    if text.startswith("!"):
        assert text[1:] in before.text and text[1:] not in after.text
    else:
        assert text not in before.text and text in after.text


def test_a_correction_of_a_published_event_changes_its_page(
    client, desk, django_capture_on_commit_callbacks
):
    before = client.get("/events/start/")
    note = "An earlier version gave the wrong day."
    assert written(
        django_capture_on_commit_callbacks,
        lambda: EventCorrection.objects.create(event=desk.story, note=note),
    )
    after = client.get("/events/start/", headers={"If-None-Match": before["ETag"]})
    assert note in after.text


def test_linking_a_published_article_changes_the_events_page(
    client, desk, django_capture_on_commit_callbacks
):
    before = client.get("/events/start/")
    assert written(
        django_capture_on_commit_callbacks,
        lambda: desk.article.events.add(desk.story, through_defaults={"position": 0}),
    )
    after = client.get("/events/start/", headers={"If-None-Match": before["ETag"]})
    assert "The analysis" in after.text and "The analysis" not in before.text


def test_deleting_a_storyline_in_use_changes_the_pages(
    client, desk, django_capture_on_commit_callbacks
):
    """Its links to events go with it, without signals of their own: judged before it goes."""
    before = client.get("/timeline/")
    assert written(django_capture_on_commit_callbacks, desk.front.delete)
    after = client.get("/timeline/", headers={"If-None-Match": before["ETag"]})
    assert "The front" in before.text and "The front" not in after.text

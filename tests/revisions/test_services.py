"""Snapshots, diffs and restores of articles and events (issue 3, point 4)."""

import datetime
import io
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from newsroom.articles.models import Article
from newsroom.publishing import PublicationStatus
from newsroom.revisions.models import Revision
from newsroom.revisions.services import (
    StaleVersion,
    diff,
    missing_references,
    record_revision,
    restore_revision,
    revision_at,
    snapshot,
)
from newsroom.sources.models import Citation, Source
from tests.factories import (
    make_citation,
    make_event,
    make_party,
    make_place,
    make_source,
    make_storyline,
)
from timeline.models import Event, EventCorrection

from .builders import editor, make_article, save_revision

pytestmark = pytest.mark.django_db

LONG_QUOTE = "Units of the Armed Forces of Ukraine were stopped on the border, " * 3


@pytest.fixture
def mod():
    return make_source(name="Russian MoD", party=make_party(name="Russia"))


@pytest.fixture
def event(mod):
    event = make_event(
        title="Incursion begins",
        storylines=[make_storyline(title="Fighting"), make_storyline(title="Diplomacy")],
        place=make_place(name="Sudzha", region="Kursk oblast"),
        start_day=6,
    )
    make_citation(event, mod, stance=Citation.Stance.CLAIMS, quote=LONG_QUOTE, position=1)
    make_citation(
        event, make_source(name="Reuters"), url="https://example.org/a", published_on="2024-08-06"
    )
    EventCorrection.objects.create(event=event, note="We said Sumy; it was Sudzha.")
    return event


def test_an_event_snapshot_holds_its_fields_storylines_and_citations(event, mod):
    data = snapshot(event)

    assert data["title"] == "Incursion begins"
    assert data["start_day"] == 6
    assert data["place"] == event.place_id
    assert data["status"] == "published"
    assert data["publish_at"] == "2024-09-01T12:00:00Z"
    assert data["storylines"] == sorted(event.storylines.values_list("pk", flat=True))
    reuters, claim = data["citations"]  # in citation order: position, then pk
    assert claim == {
        # The row's id, so that a merge can match rows (docs/design.md, rule 5).
        "id": event.citations.get(source=mod).pk,
        "source": mod.pk,
        "stance": "claims",
        "speaker": "",
        "url": "",
        "title": "",
        "published_on": None,
        "quote": LONG_QUOTE,
        "position": 1,
    }
    assert (reuters["url"], reuters["published_on"]) == ("https://example.org/a", "2024-08-06")
    bookkeeping = {"id", "version", "created_at", "updated_at", "created_by", "updated_by"}
    assert not bookkeeping & data.keys()
    assert not {"first_published_at", "precision", "sorts_at", "corrections"} & data.keys()


def test_an_article_snapshot_holds_its_bylines_and_linked_events(event):
    later = make_event(title="Talks postponed")
    writers = [editor("olena"), editor("anna")]
    article = make_article(bylines=writers, events=[later, event])

    data = snapshot(article)

    assert data["headline"] == "Kursk incursion"
    assert data["bylines"] == sorted(writer.pk for writer in writers)
    links = article.event_links.order_by("position")
    assert data["event_links"] == [
        {"id": links[0].pk, "event": later.pk, "position": 0},
        {"id": links[1].pk, "event": event.pk, "position": 1},
    ]
    assert data["lead_image"] == ""
    assert not {"events", "lead_image_width", "version"} & data.keys()


def test_a_time_reads_the_same_from_a_form_and_from_the_database(event):
    kyiv = zoneinfo.ZoneInfo("Europe/Kyiv")
    event.publish_at = datetime.datetime(2024, 9, 1, 15, 0, tzinfo=kyiv)
    in_memory = snapshot(event)
    event.save()
    event.refresh_from_db()

    assert snapshot(event) == in_memory
    assert in_memory["publish_at"] == "2024-09-01T12:00:00Z"


def test_a_version_is_recorded_once(event):
    user = editor()
    first = record_revision(item=event, user=user, comment="Created")
    again = record_revision(item=event, user=user, comment="Saved again")

    assert again == first
    assert revision_at(item=event, version=1).comment == "Created"
    assert revision_at(item=event, version=2) is None


def test_a_diff_names_fields_by_label_and_values_as_editors_read_them(
    event, mod, django_assert_max_num_queries
):
    before = snapshot(event)
    event.verification = Event.Verification.CONFIRMED
    event.verification_note = "Geolocated footage."
    event.place = make_place(name="Korenevo")
    event.save()
    event.storylines.remove(event.storylines.get(title="Diplomacy"))
    event.citations.filter(source=mod).delete()
    after = snapshot(event)

    # One query per related model (place, storyline, source), however many values.
    with django_assert_max_num_queries(3):
        changes = {change.label: change for change in diff(model=Event, before=before, after=after)}

    assert list(changes) == [
        "Place",
        "Verification status",
        "Override note",
        "Storylines",
        "Citations",
    ]
    assert (changes["Verification status"].before, changes["Verification status"].after) == (
        "Reported",
        "Confirmed",
    )
    assert (changes["Place"].before, changes["Place"].after) == ("Sudzha, Kursk oblast", "Korenevo")
    assert changes["Override note"].before == "—"
    assert changes["Storylines"].before == ("Diplomacy", "Fighting")
    assert changes["Storylines"].after == ("Fighting",)
    claim = changes["Citations"].before[1]
    assert claim.startswith("Russian MoD — Claims — “Units of the Armed Forces")
    assert claim.endswith("…”")
    assert changes["Citations"].after == ("Reuters — Reports",)


def test_a_reordering_of_linked_events_is_spelled_out(event):
    article = make_article(events=[event])
    before = snapshot(article)
    article.event_links.update(position=5)

    (change,) = diff(model=Article, before=before, after=snapshot(article))

    assert change.label == "Linked events"
    assert change.before == ("event: Incursion begins — position: 0",)
    assert change.after == ("event: Incursion begins — position: 5",)


def test_a_restore_brings_back_fields_storylines_and_citations_as_a_new_revision(event, mod):
    user, other = editor(), editor("oksana")
    original = record_revision(item=event, user=user, comment="Created")
    storylines = set(event.storylines.all())
    citations = list(event.citations.values_list("source", "stance", "quote", "url"))
    publish_at = datetime.datetime(2024, 9, 2, tzinfo=datetime.UTC)
    save_revision(
        event,
        other,
        title="Incursion",
        place=None,
        status=PublicationStatus.SCHEDULED,
        publish_at=publish_at,
    )
    event.storylines.clear()
    event.citations.all().delete()

    restored = restore_revision(revision=original, user=user, expected_version=2)

    event.refresh_from_db()
    assert restored.version == event.version == 3
    assert (event.title, event.place.name) == ("Incursion begins", "Sudzha")
    assert set(event.storylines.all()) == storylines
    assert list(event.citations.values_list("source", "stance", "quote", "url")) == citations
    # The workflow is left as it was: a restore neither publishes nor unpublishes.
    assert (event.status, event.publish_at) == (PublicationStatus.SCHEDULED, publish_at)
    assert event.updated_by == user
    assert event.corrections.count() == 1
    latest = revision_at(item=event, version=3)
    assert (latest.comment, latest.created_by) == ("Restored revision 1", user)
    assert diff(model=Event, before=original.data, after=latest.data)[0].label == "Status"


def test_a_restore_brings_back_an_articles_bylines_and_linked_events(event):
    writer = editor("olena")
    article = make_article(bylines=[writer], events=[event])
    original = record_revision(item=article, user=writer)
    article.bylines.clear()
    article.event_links.all().delete()
    save_revision(article, writer, headline="Changed")

    restore_revision(revision=original, user=writer, expected_version=2)

    article.refresh_from_db()
    assert article.headline == "Kursk incursion"
    assert list(article.bylines.all()) == [writer]
    assert list(article.event_links.values_list("event", "position")) == [(event.pk, 0)]


def test_a_stale_restore_changes_nothing_and_names_the_current_item(event):
    user, other = editor(), editor("oksana")
    original = record_revision(item=event, user=user)
    save_revision(event, other, title="Changed by Oksana")

    with pytest.raises(StaleVersion) as stale:
        restore_revision(revision=original, user=user, expected_version=1)

    assert stale.value.current.updated_by == other
    event.refresh_from_db()
    assert (event.title, event.version) == ("Changed by Oksana", 2)
    assert Revision.objects.for_item(event).count() == 2


def test_a_restore_skips_what_was_deleted_since(event, mod):
    user = editor()
    original = record_revision(item=event, user=user)
    diplomacy = event.storylines.get(title="Diplomacy")
    event.citations.filter(source=mod).delete()
    save_revision(event, user, title="Changed")
    mod_pk, diplomacy_pk = mod.pk, diplomacy.pk
    mod.delete()
    diplomacy.delete()

    assert missing_references(revision=original) == [
        f"storyline #{diplomacy_pk} (deleted)",
        f"a citation of source #{mod_pk} (deleted)",
    ]
    restore_revision(revision=original, user=user, expected_version=2)

    event.refresh_from_db()
    assert event.title == "Incursion begins"
    assert [c.source.name for c in event.citations.all()] == ["Reuters"]
    assert [s.title for s in event.storylines.all()] == ["Fighting"]
    comment = revision_at(item=event, version=3).comment
    assert comment == f"Restored revision 1; skipped: storyline #{diplomacy_pk} (deleted); " + (
        f"a citation of source #{mod_pk} (deleted)"
    )


def test_a_restore_that_no_longer_fits_changes_nothing(event):
    user = editor()
    original = record_revision(item=event, user=user)
    save_revision(event, user, slug="renamed")
    make_event(slug=original.data["slug"])

    with pytest.raises(ValidationError):
        restore_revision(revision=original, user=user, expected_version=2)

    event.refresh_from_db()
    assert (event.slug, event.version, event.citations.count()) == ("renamed", 2, 2)


def test_a_restore_brings_back_a_stored_lead_image_and_skips_a_lost_one():
    user = editor()
    article = make_article()
    article.lead_image.save("old.png", ContentFile(png_bytes((40, 30))))
    with_old_image = record_revision(item=article, user=user)
    article.lead_image.save("new.png", ContentFile(png_bytes((80, 60))))
    save_revision(article, user)

    restore_revision(revision=with_old_image, user=user, expected_version=2)
    article.refresh_from_db()
    assert article.lead_image.name == with_old_image.data["lead_image"]
    assert (article.lead_image_width, article.lead_image_height) == (40, 30)

    lost = revision_at(item=article, version=2)
    article.lead_image.storage.delete(lost.data["lead_image"])
    assert missing_references(revision=lost) == [
        f"the lead image file {lost.data['lead_image']} (missing)"
    ]
    restore_revision(revision=lost, user=user, expected_version=3)
    article.refresh_from_db()
    assert article.lead_image.name == with_old_image.data["lead_image"]


def png_bytes(size):
    buffer = io.BytesIO()
    Image.new("RGB", size, "darkred").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_restore_cannot_leave_a_confirmed_event_on_one_partys_word(event, mod):
    user = editor()
    event.verification = Event.Verification.CONFIRMED
    event.save()
    confirmed = record_revision(item=event, user=user)
    event.citations.exclude(source=mod).delete()
    save_revision(event, user, verification=Event.Verification.CLAIMED)
    Source.objects.filter(name="Reuters").delete()

    with pytest.raises(ValidationError, match="Every citation comes from Russia"):
        restore_revision(revision=confirmed, user=user, expected_version=2)

    event.refresh_from_db()
    assert (event.verification, event.version) == (Event.Verification.CLAIMED, 2)


def test_an_edited_text_marks_the_words_taken_out_and_put_in(event):
    event.body = "Troops crossed near Sudzha.\n\nThe ministry said nothing."
    before = snapshot(event)
    event.body = "Troops crossed near Sudzha.\n\nThe ministry <b>denied</b> it."

    (change,) = diff(model=Event, before=before, after=snapshot(event))

    assert change.before == "Troops crossed near Sudzha.\n\nThe ministry <del>said nothing.</del>"
    assert change.after == (
        "Troops crossed near Sudzha.\n\nThe ministry <ins>&lt;b&gt;denied&lt;/b&gt; it.</ins>"
    )


def test_a_restore_cannot_leave_a_public_event_without_a_citation(event):
    """Rule 2: a live event keeps a citation. The revision's sources were deleted since, so
    restoring it would skip every citation and leave readers an event nobody stands behind."""
    user = editor()
    first = record_revision(item=event, user=user)
    event.citations.all().delete()
    make_citation(event, make_source(name="AP"))
    save_revision(event, user)
    Source.objects.filter(name__in=["Russian MoD", "Reuters"]).delete()

    with pytest.raises(ValidationError, match="at least one citation"):
        restore_revision(revision=first, user=user, expected_version=2)

    event.refresh_from_db()
    assert event.version == 2
    assert [c.source.name for c in event.citations.all()] == ["AP"]


def test_a_restore_keeps_the_ids_of_the_rows_still_there(event):
    user = editor()
    first = save_revision(event, user, comment="Before")
    reuters = event.citations.get(source__name="Reuters")
    claim = event.citations.exclude(pk=reuters.pk).get()
    reuters.quote = "Changed since."
    reuters.save()
    claim_id = claim.pk
    claim.delete()
    save_revision(event, user, comment="After")

    restore_revision(revision=first, user=user, expected_version=event.version)

    rows = {row.pk: row.quote for row in event.citations.all()}
    # The edited row is the same row again; the deleted one comes back under its old id.
    assert rows == {reuters.pk: "", claim_id: LONG_QUOTE}

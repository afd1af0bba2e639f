"""The timeline's feeds, whole and per storyline, in every format."""

import datetime

import pytest
from django.utils import timezone

from newsroom.publishing import PublicationStatus
from tests.articles.factories import UNPUBLISHED, count_page_queries
from tests.factories import PAST, make_citation, make_event, make_party, make_source, make_storyline
from tests.timeline.factories import make_correction
from timeline.models import Event

from .reading import FORMATS, read_feed

pytestmark = pytest.mark.django_db

LATER = PAST + datetime.timedelta(days=2)


@pytest.fixture
def front():
    return make_storyline(title="The front", slug="front")


def feed_paths(fmt):
    return [f"/feeds/timeline.{fmt}", f"/feeds/storylines/front.{fmt}"]


def only(entries):
    [entry] = entries
    return entry


@pytest.mark.parametrize("fmt", FORMATS)
def test_feeds_hold_every_published_event_and_no_unpublished_one(client, front, fmt):
    make_event(title="Forces cross", storylines=[front])
    now = timezone.now()
    make_event(
        title="Scheduled and due",
        status=PublicationStatus.SCHEDULED,
        publish_at=now - datetime.timedelta(minutes=1),
        storylines=[front],
    )
    for state, values in UNPUBLISHED.items():
        make_event(title=f"Not public: {state}", storylines=[front], **values)
    for path in feed_paths(fmt):
        titles = {entry.title for entry in read_feed(client, path)}
        assert titles == {"Forces cross", "Scheduled and due"}, path


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_storyline_feed_holds_only_its_storyline(client, front, fmt):
    make_event(title="At the front", storylines=[front])
    make_event(title="In the capitals", storylines=[make_storyline()])
    assert [e.title for e in read_feed(client, f"/feeds/storylines/front.{fmt}")] == [
        "At the front"
    ]
    assert len(read_feed(client, f"/feeds/timeline.{fmt}")) == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unknown_or_unpublished_storyline_has_no_feed(client, front, fmt):
    make_event(storylines=[front], **UNPUBLISHED["draft"])
    make_storyline(slug="empty")
    for slug in ("front", "empty", "nothing-here"):
        assert client.get(f"/feeds/storylines/{slug}.{fmt}").status_code == 404, slug


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_item_is_published_when_it_first_went_public(client, front, fmt):
    first = PAST - datetime.timedelta(days=5)
    # Unpublished and published again: its publish time moved, its first publication did not.
    make_event(title="Republished", publish_at=PAST, first_published_at=first, storylines=[front])
    make_event(title="Never stamped", publish_at=LATER, storylines=[front])
    for path in feed_paths(fmt):
        entries = {entry.title: entry for entry in read_feed(client, path)}
        assert entries["Republished"].published == entries["Republished"].updated == first
        assert entries["Never stamped"].published == entries["Never stamped"].updated == LATER


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_correction_moves_the_updated_time_and_an_edit_does_not(
    client, front, fmt, django_capture_on_commit_callbacks
):
    event = make_event(title="Corrected", storylines=[front])
    event.summary = "A silent fix of a typo."
    event.save()  # moves updated_at, which readers are not told about
    for path in feed_paths(fmt):
        entry = only(read_feed(client, path))
        assert entry.updated == entry.published == PAST
    soon = timezone.now() + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):  # as a committed desk save would
        make_correction(event, note="The bridge was at Glushkovo.", published_at=LATER)
        make_correction(event, note="The first note.", published_at=PAST + datetime.timedelta(1))
        make_correction(event, note="Not yet public.", published_at=soon)
    for path in feed_paths(fmt):
        entry = only(read_feed(client, path))
        assert (entry.published, entry.updated) == (PAST, LATER)
        assert (
            "Corrections Correction, 3 September 2024: The bridge was at Glushkovo. "
            "Correction, 2 September 2024: The first note."
        ) in entry.text
        assert "Not yet public" not in entry.text


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_text_gives_date_precision_verification_and_attribution(client, front, fmt):
    russia = make_party(name="Russia")
    event = make_event(
        title="Village retaken",
        summary="Moscow says its troops retook the village.",
        start_day=6,
        start_hour=14,
        start_minute=20,
        verification=Event.Verification.CLAIMED,
        storylines=[front],
    )
    ministry = make_source(name="Russia's defence ministry", party=russia)
    make_citation(event, ministry, stance="claims")
    make_citation(event, make_source(name="The Wire"), stance="reports")
    make_event(title="Some time in August", is_approximate=True, storylines=[front])
    for path in feed_paths(fmt):
        entries = {entry.title: entry for entry in read_feed(client, path)}
        text = entries["Village retaken"].text
        assert "6 August 2024, 14:20 Kyiv time" in text
        assert "Verification: Claimed." in text
        assert "Moscow says its troops retook the village." in text
        assert "Reported by The Wire." in text
        assert "Claimed by Russia, a party to the conflict: Russia's defence ministry." in text
        assert "c. August 2024" in entries["Some time in August"].text
        assert "Verification: Reported." in entries["Some time in August"].text


@pytest.mark.parametrize("fmt", FORMATS)
def test_items_are_tagged_with_storylines_and_kind(client, front, fmt):
    make_event(kind=Event.Kind.DIPLOMATIC, storylines=[front, make_storyline(title="Talks")])
    for path in feed_paths(fmt):
        assert only(read_feed(client, path)).tags == ["Talks", "The front", "Diplomatic"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_newest_published_comes_first_and_the_feed_is_capped(client, front, fmt):
    for n in range(53):
        make_event(title=f"Event at {n}", publish_at=PAST + datetime.timedelta(hours=n))
    entries = read_feed(client, f"/feeds/timeline.{fmt}")
    assert [entry.title for entry in entries] == [f"Event at {n}" for n in range(52, 2, -1)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_markup_in_titles_and_text_is_escaped(client, front, fmt):
    title = 'Guns & <b>roses</b> "quoted"'
    make_event(title=title, summary="<script>alert(1)</script> & more", storylines=[front])
    for path in feed_paths(fmt):
        if fmt != "json":  # JSON Feed's title and summary are plain text, by the format
            response = client.get(path)
            assert b"<script" not in response.content and b"<b>roses" not in response.content
        entry = only(read_feed(client, path))
        assert "<script" not in entry.html and "&lt;script&gt;" in entry.html
        assert entry.title == title
        assert "<script>alert(1)</script> & more" in entry.text


def test_items_link_to_their_event_page(client, front):
    event = make_event(slug="forces-cross", storylines=[front])
    for fmt in FORMATS:
        for path in feed_paths(fmt):
            assert (
                only(read_feed(client, path)).link == f"http://testserver{event.get_absolute_url()}"
            )


@pytest.mark.parametrize("path", ["/feeds/timeline.atom", "/feeds/storylines/front.json"])
def test_feeds_are_cached_public_pages(client, front, path):
    make_event(storylines=[front])
    first = client.get(path)
    assert not first.cookies
    again = client.get(path, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def make_events(count, storyline):
    party = make_party()
    sources = [make_source(party=party), make_source()]
    for n in range(count):
        event = make_event(start_day=n % 28 + 1, storylines=[storyline, make_storyline()])
        make_citation(event, sources[0], stance="claims")
        make_citation(event, sources[1])
        make_correction(event, published_at=PAST)


@pytest.mark.parametrize(
    ("path", "expected"),
    [(f"/feeds/timeline.{fmt}", 5) for fmt in FORMATS]
    + [(f"/feeds/storylines/front.{fmt}", 6) for fmt in FORMATS],
)
def test_feed_queries_do_not_grow_with_the_story(client, front, path, expected):
    make_events(3, front)
    few = count_page_queries(client, path)
    make_events(60, front)
    assert few == count_page_queries(client, path) == expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_override_note_goes_with_the_confirmed_status(client, front, fmt):
    ukraine = make_party(name="Ukraine")
    event = make_event(
        title="Bridge struck",
        verification=Event.Verification.CONFIRMED,
        verification_note="Our reporter saw the damage.",
        storylines=[front],
    )
    make_citation(event, make_source(name="Ukraine's air force", party=ukraine), stance="claims")
    for path in feed_paths(fmt):
        [entry] = read_feed(client, path)
        assert "Verification: Confirmed." in entry.text
        assert "Why we call it confirmed: Our reporter saw the damage." in entry.text

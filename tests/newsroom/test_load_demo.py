import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from PIL import ExifTags, Image

from newsroom.articles.models import Article, ArticleEvent
from newsroom.demo import content, loader
from newsroom.demo.content import DEFAULT_PASSWORD, RAW_PHOTO_NAME, USERNAMES, cite
from newsroom.demo.loader import reader_photo
from newsroom.moderation.models import Submission
from newsroom.publishing import PublicationStatus
from newsroom.revisions.models import Revision
from newsroom.revisions.services import snapshot as revision_snapshot
from newsroom.sources.models import Citation, Party, Source
from timeline.dates import Precision
from timeline.models import Event, Place, Storyline

DEMO_MODELS = [
    Party,
    Source,
    Citation,
    Storyline,
    Place,
    Event,
    Event.storylines.through,
    Article,
    Article.bylines.through,
    ArticleEvent,
    Submission,
    Revision,
    User,
    User.groups.through,
]


def load(**options):
    out = io.StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def snapshot(*querysets):
    """Every row as stored, versions and update times included."""
    querysets = querysets or [model.objects.all() for model in DEMO_MODELS]
    return [list(queryset.order_by("pk").values()) for queryset in querysets]


@pytest.fixture
def debug(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)


@pytest.mark.django_db
def test_loads_the_story(debug):
    load()

    assert list(Storyline.objects.values_list("slug", flat=True)) == [
        "kursk-incursion",
        "diplomatic-fallout",
        "nuclear-safety",
    ]
    assert Party.objects.count() == 2
    assert Place.objects.count() == 6
    assert Event.objects.filter(status=PublicationStatus.PUBLISHED).count() == 12
    assert Event.objects.published().count() == 12
    draft = Event.objects.get(status=PublicationStatus.DRAFT)
    assert draft.slug == "draft-unverified-report"
    assert not Event.objects.published().filter(pk=draft.pk).exists()
    assert dict(Article.objects.values_list("slug", "status")) == {
        "ukraine-pushes-into-kursk-region-as-bridge-falls": PublicationStatus.PUBLISHED,
        "explainer-what-kyiv-says-the-incursion-is-for": PublicationStatus.IN_REVIEW,
        "nuclear-safety-accusations": PublicationStatus.DRAFT,
    }
    assert Article.objects.published().count() == 1
    assert Article.objects.get(status=PublicationStatus.IN_REVIEW).publish_at is None


@pytest.mark.django_db
def test_every_row_passes_validation(debug):
    load()

    for model in (Party, Source, Citation, Storyline, Place, Event, Article, Submission):
        for row in model.objects.all():
            row.full_clean()


@pytest.mark.django_db
def test_main_story_links_its_events_in_order(debug):
    load()

    article = Article.objects.get(slug="ukraine-pushes-into-kursk-region-as-bridge-falls")
    links = list(article.event_links.select_related("event"))
    assert [link.position for link in links] == list(range(7))
    assert [link.event.slug for link in links] == [
        "ukrainian-incursion-into-kursk-region-begins",
        "ukraine-takes-hundreds-of-square-miles",
        "uk-assessment-advance-up-to-15-miles",
        "seym-river-bridge-near-glushkovo-destroyed",
        "putin-moves-additional-troops",
        "scenes-from-ukrainian-held-sudzha",
        "doha-peace-talks-postponed",
    ]
    assert sorted(article.bylines.values_list("username", flat=True)) == ["editor", "reporter"]


# Public reporting dated four events more precisely than the first briefing.
DATED = {
    "seym-river-bridge-near-glushkovo-destroyed": "c. 16 August 2024, 17:00–18:00 Kyiv time",
    "scenes-from-ukrainian-held-sudzha": "15 August 2024",
    "explosives-dropped-near-zaporizhzhia-plant": "17 August 2024",
    "doha-peace-talks-postponed": "17 August 2024",
}
ADDED_SOURCES = [
    "the-washington-post",
    "iaea",
    "kursk-regional-administration",
    "ukrainian-air-force",
    "commander-in-chief-of-ukraines-armed-forces",
]
MAIN_STORY = "ukraine-pushes-into-kursk-region-as-bridge-falls"


def assert_dated_as_reported():
    first = Event.objects.get(slug="ukrainian-incursion-into-kursk-region-begins")
    assert first.date_label == "6 August 2024"
    assert {event.slug: event.date_label for event in Event.objects.filter(slug__in=DATED)} == (
        DATED
    )
    bridge = Event.objects.get(slug="seym-river-bridge-near-glushkovo-destroyed")
    assert (bridge.precision, bridge.is_approximate) == (Precision.HOUR, True)
    # The rest stay at the month the story gives, showing that precision.
    rest = Event.objects.exclude(slug__in=[first.slug, *DATED])
    assert rest.count() == 8
    assert {event.date_label for event in rest} == {"August 2024"}


def stances(slug):
    return {
        (c.source.slug, c.stance, c.speaker)
        for c in Citation.objects.filter(event__slug=slug).select_related("source")
    }


def assert_sourced_as_reported():
    bridge = stances("seym-river-bridge-near-glushkovo-destroyed")
    # Russia's own regional government confirms a loss to its side.
    assert ("kursk-regional-administration", "confirms", "Alexey Smirnov, acting governor") in (
        bridge
    )
    plant = stances("explosives-dropped-near-zaporizhzhia-plant")
    assert ("iaea", "confirms", "") in plant
    doha = stances("doha-peace-talks-postponed")
    assert ("the-washington-post", "reports", "") in doha
    assert ("ministry-of-foreign-affairs-of-russia", "denies", "Maria Zakharova, spokesperson") in (
        doha
    )
    sudzha = stances("scenes-from-ukrainian-held-sudzha")
    assert ("commander-in-chief-of-ukraines-armed-forces", "claims", "Oleksandr Syrskyi") in sudzha
    added = Source.objects.filter(slug__in=ADDED_SOURCES)
    assert set(added.values_list("slug", "party__slug", "kind")) == {
        ("the-washington-post", None, Source.Kind.NEWS_OUTLET),
        ("iaea", None, Source.Kind.INTERNATIONAL),
        ("kursk-regional-administration", "russia", Source.Kind.GOVERNMENT),
        ("ukrainian-air-force", "ukraine", Source.Kind.MILITARY),
        ("commander-in-chief-of-ukraines-armed-forces", "ukraine", Source.Kind.MILITARY),
    }
    assert not Event.objects.published().filter(citations=None).exists()


@pytest.mark.django_db
def test_dates_and_sources_follow_public_reporting(debug):
    load()

    assert_dated_as_reported()
    assert_sourced_as_reported()


def old_demo(monkeypatch):
    """Make the loader hold the first demo's content: the four events dated only to August,
    with the first briefing's sources, none of the sources added since, an older main story."""
    first_briefing = {
        "seym-river-bridge-near-glushkovo-destroyed": {
            "verification": Event.Verification.REPORTED,
            "citations": [
                cite("social-media-videos", Citation.Stance.REPORTS),
                cite("russian-officials", Citation.Stance.CLAIMS),
                cite(
                    "ministry-of-foreign-affairs-of-russia",
                    Citation.Stance.CLAIMS,
                    speaker="Maria Zakharova, spokesperson",
                ),
            ],
        },
        "scenes-from-ukrainian-held-sudzha": {
            "citations": [cite("cnn", Citation.Stance.REPORTS, speaker="Nick Paton Walsh")],
        },
        "explosives-dropped-near-zaporizhzhia-plant": {
            "verification": Event.Verification.DISPUTED,
            "citations": [
                cite("russian-officials", Citation.Stance.CLAIMS),
                cite("ministry-of-foreign-affairs-of-ukraine", Citation.Stance.CLAIMS),
            ],
        },
        "doha-peace-talks-postponed": {
            "verification": Event.Verification.REPORTED,
            "citations": [
                cite("the-independent", Citation.Stance.REPORTS),
                cite(
                    "office-of-the-president-of-ukraine",
                    Citation.Stance.CLAIMS,
                    quote="the situation in the Middle East",
                ),
            ],
        },
    }
    events = []
    for item in content.EVENTS:
        if item["slug"] in first_briefing:
            item = {**item, "date": (2024, 8), **first_briefing[item["slug"]]}
            item.pop("approximate", None)
            item.pop("verification_note", None)
        events.append(item)
    articles = [
        {**item, "body": "The first version of the story."} if item["slug"] == MAIN_STORY else item
        for item in content.ARTICLES
    ]
    monkeypatch.setattr(loader, "EVENTS", events)
    monkeypatch.setattr(loader, "ARTICLES", articles)
    monkeypatch.setattr(
        loader, "SOURCES", [item for item in content.SOURCES if item["slug"] not in ADDED_SOURCES]
    )


@pytest.mark.django_db
def test_loading_over_the_old_demo_brings_it_up_to_date(debug, monkeypatch):
    with monkeypatch.context() as patch:
        old_demo(patch)
        load()
    assert not Source.objects.filter(slug__in=ADDED_SOURCES).exists()
    assert Event.objects.filter(slug__in=DATED, start_day=None).count() == len(DATED)
    untouched = snapshot(Event.objects.exclude(slug__in=DATED))

    output = load()

    assert "Demo story brought up to date." in output
    assert "events: 0 created, 4 updated, 9 unchanged" in output
    assert "sources: 5 created, 0 updated, 10 unchanged" in output
    assert "articles: 0 created, 1 updated, 2 unchanged" in output
    assert_dated_as_reported()
    assert_sourced_as_reported()
    # Each change is one new version with its revision, as an editor's save would make.
    for item in [*Event.objects.filter(slug__in=DATED), Article.objects.get(slug=MAIN_STORY)]:
        assert item.version == 2
        revisions = Revision.objects.for_item(item).order_by("version")
        assert list(revisions.values_list("version", flat=True)) == [1, 2]
        assert revisions.last().data == revision_snapshot(item)
    assert snapshot(Event.objects.exclude(slug__in=DATED)) == untouched

    before = snapshot()
    output = load()

    assert snapshot() == before
    assert "nothing changed" in output


@pytest.mark.django_db
def test_claims_and_denials_are_attributed(debug):
    load()

    bridge = Event.objects.get(slug="seym-river-bridge-near-glushkovo-destroyed")
    assert {(c.source.slug, c.stance, c.speaker) for c in bridge.citations.all()} == {
        ("social-media-videos", Citation.Stance.REPORTS, ""),
        (
            "kursk-regional-administration",
            Citation.Stance.CONFIRMS,
            "Alexey Smirnov, acting governor",
        ),
        ("ukrainian-air-force", Citation.Stance.CLAIMS, "Mykola Oleshchuk, commander"),
        ("russian-officials", Citation.Stance.CLAIMS, ""),
        (
            "ministry-of-foreign-affairs-of-russia",
            Citation.Stance.CLAIMS,
            "Maria Zakharova, spokesperson",
        ),
    }
    denial = Citation.objects.get(
        event__slug="dirty-bomb-accusation-denied", quote="insane Russian propaganda"
    )
    assert denial.stance == Citation.Stance.DENIES
    assert denial.source.party.slug == "ukraine"
    assert not Citation.objects.exclude(url="").exists()
    assert set(Citation.objects.exclude(quote="").values_list("quote", flat=True)) == {
        "trail of destruction",
        "the situation in the Middle East",
        "insane Russian propaganda",
    }


@pytest.mark.django_db
def test_accounts_are_staff_in_their_groups_and_can_log_in(debug, client):
    output = load()

    for username in USERNAMES:
        user = User.objects.get(username=username)
        assert user.is_staff
        assert list(user.groups.values_list("name", flat=True)) == [username]
        assert logs_in(client, username=username, password=DEFAULT_PASSWORD)
        assert username in output
    assert DEFAULT_PASSWORD in output
    assert "http://127.0.0.1:8000/timeline/" in output
    assert "http://127.0.0.1:8000/admin/" in output


@pytest.mark.django_db
def test_the_addresses_printed_are_where_the_site_is_served(debug):
    output = load(site="http://127.0.0.1:8001/")

    assert "Timeline: http://127.0.0.1:8001/timeline/" in output
    assert "Admin:    http://127.0.0.1:8001/admin/" in output
    assert ":8000" not in output


@pytest.mark.django_db
def test_password_comes_from_the_environment(debug, client, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-different-demo-password")

    output = load()

    assert logs_in(client, username="editor", password="a-different-demo-password")
    assert not logs_in(client, username="editor", password=DEFAULT_PASSWORD)
    assert "a-different-demo-password" in output


@pytest.mark.django_db
def test_running_twice_changes_nothing(debug):
    load()
    before = snapshot()

    output = load()

    assert snapshot() == before
    assert "nothing changed" in output
    assert "keep their own password" in output


@pytest.mark.django_db
def test_an_existing_account_is_left_alone(debug, client):
    User.objects.create_user("editor", password="the-editor-chose-this")

    load()

    editor = User.objects.get(username="editor")
    assert not editor.is_staff
    assert not editor.groups.exists()
    assert logs_in(client, username="editor", password="the-editor-chose-this")


@pytest.mark.django_db
def test_refuses_without_debug_and_writes_nothing(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG=1"):
        load()

    for model in DEMO_MODELS:
        assert not model.objects.exists(), model
    assert Group.objects.filter(name__in=USERNAMES).count() == len(USERNAMES)


@pytest.mark.django_db
def test_queue_holds_pending_submissions(debug):
    load()

    assert Submission.objects.count() == 4
    assert set(Submission.objects.values_list("status", flat=True)) == {"pending"}
    correction = Submission.objects.get(kind=Submission.Kind.CORRECTION)
    assert correction.event.slug == "uk-assessment-advance-up-to-15-miles"


@pytest.mark.django_db
def test_stored_photo_carries_no_metadata(debug):
    load()

    submission = Submission.objects.exclude(photo="").get()
    assert submission.photo.name.startswith("submissions/")
    assert RAW_PHOTO_NAME not in submission.photo.name
    with submission.photo.open("rb") as stored:
        raw = stored.read()
    with Image.open(io.BytesIO(raw)) as image:
        assert image.format == "JPEG"
        assert image.size == (1200, 800)
        exif = image.getexif()
        assert len(exif) == 0
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert "xmp" not in image.info
        assert "exif" not in image.info
    assert b"Exif" not in raw
    assert b"http://ns.adobe.com/xap" not in raw
    assert b"DemoPhone" not in raw


def test_the_generated_photo_does_carry_metadata():
    """Otherwise the test above would prove nothing."""
    raw = reader_photo()

    with Image.open(io.BytesIO(raw)) as image:
        exif = image.getexif()
        assert exif[ExifTags.Base.Make] == "DemoPhone"
        assert exif[ExifTags.Base.Orientation] == 1
        assert exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
        assert "xmp" in image.info


@pytest.mark.django_db
def test_refuses_without_the_role_groups_and_writes_nothing(debug):
    Group.objects.filter(name__in=USERNAMES).delete()

    with pytest.raises(CommandError, match="manage.py migrate"):
        load()

    for model in DEMO_MODELS:
        assert not model.objects.exists(), model


def logs_in(client, **credentials):
    """Logs in through the authentication backends as the login form does: django-axes counts
    each try against the address it came from, so it needs the request."""
    return client.login(request=RequestFactory().post("/admin/login/"), **credentials)

"""Loads the demo content. Over an older demo it brings each item up to date, as one new
version with its revision, the way an editor's save would; run again, it changes nothing."""

import io
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import ExifTags, Image, ImageDraw

from newsroom.articles.models import Article, ArticleEvent
from newsroom.images import clean_image
from newsroom.moderation.models import Submission
from newsroom.publishing import PublicationStatus, update_if_unchanged
from newsroom.revisions.services import record_revision
from newsroom.sources.models import Citation, Party, Source
from newsroom.translations.models import Translation
from newsroom.translations.registry import original_values
from timeline import facets
from timeline.models import Event, Place, Storyline

from .content import (
    ACCOUNT_NAMES,
    ARTICLES,
    DEFAULT_PASSWORD,
    DRAFT_EVENT,
    EVENTS,
    PARTIES,
    PLACES,
    PUBLISHED_AT,
    RAW_PHOTO_NAME,
    SOURCES,
    STORYLINES,
    SUBMISSIONS,
    USERNAMES,
)
from .translations import OUTDATED, TRANSLATIONS


class DemoRefused(Exception):
    """The demo cannot be loaded here; the message says why and what to do."""


def load_demo(*, password=DEFAULT_PASSWORD):
    """Load everything; return {label: [created, updated, unchanged]}."""
    if not settings.DEBUG:
        raise DemoRefused(
            "load_demo creates staff accounts with a known password, so it runs only with "
            "DEBUG on. For a local demo set DEBUG=1; for a real site create real accounts "
            "with `manage.py createsuperuser`."
        )
    # Fetched, never created: the roles migration owns the groups and their permissions.
    groups = {group.name: group for group in Group.objects.filter(name__in=USERNAMES)}
    if len(groups) < len(USERNAMES):
        raise DemoRefused(
            f"The {', '.join(USERNAMES)} groups are missing; the roles migration creates them. "
            "Run `manage.py migrate` first."
        )
    tally = {}
    with transaction.atomic():
        users = _load_accounts(password, groups, tally)
        parties = _load_all(Party, PARTIES, tally, "parties")
        storylines = _load_all(
            Storyline,
            [{**item, "position": position} for position, item in enumerate(STORYLINES)],
            tally,
            "storylines",
        )
        places = _load_all(Place, PLACES, tally, "places")
        sources = _load_all(
            Source,
            [{**item, "party": parties.get(item.get("party"))} for item in SOURCES],
            tally,
            "sources",
        )
        events = {
            item["slug"]: _load_event(item, storylines, places, sources, users["editor"], tally)
            for item in [*EVENTS, DRAFT_EVENT]
        }
        articles = {item["slug"]: _load_article(item, users, events, tally) for item in ARTICLES}
        originals = {
            "storyline": storylines,
            "place": places,
            "party": parties,
            "source": sources,
            "event": events,
            "article": articles,
        }
        _load_translations(originals, tally)
        for item in SUBMISSIONS:
            _load_submission(item, events, tally)
    return tally


OUTCOMES = ("created", "updated", "unchanged")
EVENT_DATE_PARTS = ("start_year", "start_month", "start_day", "start_hour", "start_minute")


def _count(tally, label, outcome):
    tally.setdefault(label, [0] * len(OUTCOMES))[OUTCOMES.index(outcome)] += 1


def _load_accounts(password, groups, tally):
    User = get_user_model()
    users = {}
    for username in USERNAMES:
        first_name, last_name = ACCOUNT_NAMES[username]
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"is_staff": True, "first_name": first_name, "last_name": last_name},
        )
        # An existing account is someone's: its password and groups stay as they are.
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
            user.groups.add(groups[username])
        users[username] = user
        _count(tally, "accounts", "created" if created else "unchanged")
    return users


def _load_all(model, items, tally, label):
    """Create each item by slug, or make an existing one match; return {slug: object}."""
    objects = {}
    for item in items:
        values = dict(item)
        slug = values.pop("slug")
        row, created = model.objects.get_or_create(slug=slug, defaults=values)
        changed = [name for name, value in values.items() if getattr(row, name) != value]
        if changed:
            for name in changed:
                setattr(row, name, values[name])
            row.save(update_fields=changed)
        objects[slug] = row
        _count(tally, label, "created" if created else "updated" if changed else "unchanged")
    return objects


@dataclass
class Link:
    """Rows hanging off an item: how they read now, how the story wants them, how to set them."""

    current: Callable[[], object]
    wanted: object
    apply: Callable[[], None]

    def is_stale(self):
        return self.current() != self.wanted


def _bring_up_to_date(item, *, created, fields, links, user):
    """Give a new item its links, or make an existing one read as the story does: one new
    version and revision if anything differs, nothing at all if not. Return the outcome."""
    stale = links if created else [link for link in links if link.is_stale()]
    changed = [name for name, value in fields.items() if getattr(item, name) != value]
    if not created and not changed and not stale:
        return "unchanged"
    if not created:
        update_if_unchanged(item, seen_version=item.version)
        for name in changed:
            setattr(item, name, fields[name])
        item.updated_by = user
        item.save()
    for link in stale:
        link.apply()
    # The desk's version check compares later saves against this revision.
    comment = "Created" if created else "Brought up to date with the demo story"
    record_revision(item=item, user=user, comment=comment)
    return "created" if created else "updated"


def _published_values(status, user):
    published_at = PUBLISHED_AT if status == PublicationStatus.PUBLISHED else None
    return {
        "status": status,
        "publish_at": published_at,
        "first_published_at": published_at,
        "created_by": user,
        "updated_by": user,
    }


def _load_event(item, storylines, places, sources, editor, tally):
    fields = {
        "title": item["title"],
        "summary": item["summary"],
        **dict(zip(EVENT_DATE_PARTS, (*item["date"], None, None, None), strict=False)),
        "is_approximate": item.get("approximate", False),
        "kind": item["kind"],
        "verification": item["verification"],
        "verification_note": item.get("verification_note", ""),
        "place": places.get(item.get("place")),
        "is_key": item.get("is_key", False),
    }
    status = item.get("status", PublicationStatus.PUBLISHED)
    event, created = Event.objects.get_or_create(
        slug=item["slug"], defaults={**fields, **_published_values(status, editor)}
    )
    citations = [
        Citation(event=event, position=position, **{**cited, "source": sources[cited["source"]]})
        for position, cited in enumerate(item["citations"])
    ]

    def replace_citations():
        event.citations.all().delete()
        Citation.objects.bulk_create(citations)
        facets.renew([event.pk])  # bulk_create sends no signal

    outcome = _bring_up_to_date(
        event,
        created=created,
        fields=fields,
        user=editor,
        links=[
            Link(
                current=lambda: sorted(event.storylines.values_list("slug", flat=True)),
                wanted=sorted(item["storylines"]),
                apply=lambda: event.storylines.set([storylines[s] for s in item["storylines"]]),
            ),
            Link(
                current=lambda: [_citation_row(c) for c in event.citations.all()],
                wanted=[_citation_row(c) for c in citations],
                apply=replace_citations,
            ),
        ],
    )
    _count(tally, "events", outcome)
    return event


def _citation_row(citation):
    return (
        citation.source_id,
        citation.stance,
        citation.speaker,
        citation.quote,
        citation.published_on,
        citation.title,
        citation.url,
    )


def _load_article(item, users, events, tally):
    bylines = [users[username] for username in item["bylines"]]
    fields = {name: item[name] for name in ("headline", "standfirst", "body")}
    article, created = Article.objects.get_or_create(
        slug=item["slug"], defaults={**fields, **_published_values(item["status"], bylines[0])}
    )

    def link_events():
        article.event_links.all().delete()
        ArticleEvent.objects.bulk_create(
            ArticleEvent(article=article, event=events[slug], position=position)
            for position, slug in enumerate(item["events"])
        )

    outcome = _bring_up_to_date(
        article,
        created=created,
        fields=fields,
        user=bylines[0],
        links=[
            Link(
                current=lambda: sorted(article.bylines.values_list("username", flat=True)),
                wanted=sorted(item["bylines"]),
                apply=lambda: article.bylines.set(bylines),
            ),
            Link(
                current=lambda: list(article.event_links.values_list("event__slug", flat=True)),
                wanted=item["events"],
                apply=link_events,
            ),
        ],
    )
    _count(tally, "articles", outcome)
    return article


def _load_submission(item, events, tally):
    values = dict(item)
    text = values.pop("text")
    has_photo = values.pop("photo", False)
    values["event"] = events.get(values.pop("event", None))
    submission, created = Submission.objects.get_or_create(text=text, defaults=values)
    _count(tally, "submissions", "created" if created else "unchanged")
    if created and has_photo:
        # Stored the way a reader's upload is: only what clean_image returns, never the raw file.
        content = clean_image(ContentFile(reader_photo(), name=RAW_PHOTO_NAME))
        submission.photo.save(content.name, content, save=False)
        submission.save(update_fields=["photo"])


def reader_photo():
    """A JPEG as a phone would send it: EXIF with the sender's location, a camera make, XMP."""
    image = Image.new("RGB", (1200, 800), (150, 178, 204))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 560, 1200, 800), fill=(96, 110, 70))
    draw.rectangle((120, 430, 420, 600), fill=(170, 160, 150))
    draw.polygon([(100, 430), (270, 340), (440, 430)], fill=(120, 60, 50))
    for x, y, radius in [(820, 470, 70), (860, 380, 95), (910, 270, 120), (960, 150, 140)]:
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(110, 110, 115))

    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "DemoPhone"
    exif[ExifTags.Base.Model] = "DemoPhone 12"
    exif[ExifTags.Base.Orientation] = 1
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 11.0, 24.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (35.0, 16.0, 12.0)
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,11.4N" '
        b'exif:GPSLongitude="35,16.2E"/></rdf:RDF></x:xmpmeta>'
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, exif=exif, xmp=xmp)
    return buffer.getvalue()


def _load_translations(originals, tally):
    """Every translation of translations.py, ready, made from the original as loaded; the one
    OUTDATED names was made from an earlier text, so the desk has a real difference to show."""
    stale_language, stale_kind, stale_slug, earlier = OUTDATED
    for language, kinds in TRANSLATIONS.items():
        for kind, entries in kinds.items():
            loaded = originals[kind.removesuffix("_correction")]
            # Only what this story holds: an older content.py may lack some items.
            for slug, fields in ((slug, f) for slug, f in entries.items() if slug in loaded):
                if kind.endswith("_correction"):
                    items = loaded[slug].corrections
                    pairs = zip(items.order_by("published_at", "pk"), fields, strict=True)
                    for correction, note in pairs:
                        _load_translation(correction, language, {"note": note}, {}, tally)
                    continue
                stale = (language, kind, slug) == (stale_language, stale_kind, stale_slug)
                _load_translation(loaded[slug], language, fields, earlier if stale else {}, tally)


def _load_translation(original, language, fields, earlier, tally):
    made_from = {**original_values(original), **earlier}
    wanted = {"fields": fields, "made_from": made_from, "ready": True, "outdated": bool(earlier)}
    translation, created = Translation.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(original),
        object_id=original.pk,
        language=language,
        defaults=wanted,
    )
    changed = [name for name, value in wanted.items() if getattr(translation, name) != value]
    if changed:
        for name in changed:
            setattr(translation, name, wanted[name])
        translation.save(update_fields=[*changed, "updated_at"])
    _count(tally, "translations", "created" if created else "updated" if changed else "unchanged")

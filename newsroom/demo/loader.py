"""Loads the demo content; running it again changes nothing."""

import io

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import ExifTags, Image, ImageDraw

from newsroom.articles.models import Article, ArticleEvent
from newsroom.images import clean_image
from newsroom.moderation.models import Submission
from newsroom.publishing import PublicationStatus
from newsroom.revisions.services import record_revision
from newsroom.sources.models import Citation, Party, Source
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


class DemoRefused(Exception):
    """The demo cannot be loaded here; the message says why and what to do."""


def load_demo(*, password=DEFAULT_PASSWORD):
    """Load everything; return {label: [created, already present]}. Run it again: no change."""
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
        for item in ARTICLES:
            _load_article(item, users, events, tally)
        for item in SUBMISSIONS:
            _load_submission(item, events, tally)
    return tally


def _count(tally, label, created):
    row = tally.setdefault(label, [0, 0])
    row[0 if created else 1] += 1


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
        _count(tally, "accounts", created)
    return users


def _load_all(model, items, tally, label):
    """Get or create each item by slug; return {slug: object}."""
    objects = {}
    for item in items:
        values = dict(item)
        slug = values.pop("slug")
        objects[slug], created = model.objects.get_or_create(slug=slug, defaults=values)
        _count(tally, label, created)
    return objects


def _load_event(item, storylines, places, sources, editor, tally):
    year, month, *day = item["date"]
    status = item.get("status", PublicationStatus.PUBLISHED)
    published_at = PUBLISHED_AT if status == PublicationStatus.PUBLISHED else None
    event, created = Event.objects.get_or_create(
        slug=item["slug"],
        defaults={
            "title": item["title"],
            "summary": item["summary"],
            "start_year": year,
            "start_month": month,
            "start_day": day[0] if day else None,
            "kind": item["kind"],
            "verification": item["verification"],
            "place": places.get(item.get("place")),
            "is_key": item.get("is_key", False),
            "status": status,
            "publish_at": published_at,
            "first_published_at": published_at,
            "created_by": editor,
            "updated_by": editor,
        },
    )
    _count(tally, "events", created)
    if created:
        event.storylines.set([storylines[slug] for slug in item["storylines"]])
        Citation.objects.bulk_create(
            Citation(
                event=event,
                source=sources[citation["source"]],
                stance=citation["stance"],
                speaker=citation["speaker"],
                quote=citation["quote"],
                position=position,
            )
            for position, citation in enumerate(item["citations"])
        )
        # The first revision: the desk's version check compares later saves against it.
        record_revision(item=event, user=editor, comment="Created")
    return event


def _load_article(item, users, events, tally):
    bylines = [users[username] for username in item["bylines"]]
    published_at = PUBLISHED_AT if item["status"] == PublicationStatus.PUBLISHED else None
    article, created = Article.objects.get_or_create(
        slug=item["slug"],
        defaults={
            "headline": item["headline"],
            "standfirst": item["standfirst"],
            "body": item["body"],
            "status": item["status"],
            "publish_at": published_at,
            "first_published_at": published_at,
            "created_by": bylines[0],
            "updated_by": bylines[0],
        },
    )
    _count(tally, "articles", created)
    if created:
        article.bylines.set(bylines)
        ArticleEvent.objects.bulk_create(
            ArticleEvent(article=article, event=events[slug], position=position)
            for position, slug in enumerate(item["events"])
        )
        record_revision(item=article, user=bylines[0], comment="Created")


def _load_submission(item, events, tally):
    values = dict(item)
    text = values.pop("text")
    has_photo = values.pop("photo", False)
    values["event"] = events.get(values.pop("event", None))
    submission, created = Submission.objects.get_or_create(text=text, defaults=values)
    _count(tally, "submissions", created)
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

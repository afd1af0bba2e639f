"""What the export tests share: the addresses, reading an export, the story, and emptying it."""

import datetime
import io
import json

from django.core.management import call_command
from django.utils import timezone

from newsroom.publishing import PublicationStatus
from newsroom.revisions.models import Revision
from newsroom.sources.models import Citation, Party, Source
from tests.factories import (
    make_citation,
    make_event,
    make_party,
    make_place,
    make_source,
    make_storyline,
)
from tests.timeline.factories import make_correction
from timeline.models import Event, Place, Storyline

TIMELINEJS = "/api/exports/timelinejs.json"
CSV = "/api/exports/events.csv"
GEOJSON = "/api/exports/events.geojson"
EXPORTS = [TIMELINEJS, CSV, GEOJSON]


def content(response):
    """An export's bytes as its reader receives them: streamed, never held whole."""
    assert response.streaming, "an export is sent as it is written"
    return b"".join(response.streaming_content)


def text(response):
    return content(response).decode()


def parsed(response):
    return json.loads(content(response))


def empty_the_story():
    """Leave no event, place, storyline, source or party: the empty database an import meets."""
    Revision.objects.all().delete()
    Event.objects.all().delete()
    for model in (Source, Party, Place, Storyline):
        model.objects.all().delete()


def import_file(path, *args):
    """Run import_events; return what it wrote to stdout."""
    out = io.StringIO()
    call_command("import_events", str(path), *args, stdout=out)
    return out.getvalue()


def make_story():
    """Events at every precision, with the awkward values an export has to carry intact."""
    russia = make_party(name="Russia", slug="russia")
    ministry = make_source(
        name="Russian Ministry of Defence",
        slug="russian-mod",
        short_name="Russia's defence ministry",
        kind=Source.Kind.MILITARY,
        party=russia,
    )
    wire = make_source(name="The Wire", slug="the-wire")
    videos = make_source(
        name="Social media videos", slug="videos", affiliation=Source.Affiliation.UNKNOWN
    )
    incursion = make_storyline(title="The Kursk incursion", slug="incursion", position=1)
    diplomacy = make_storyline(title="Diplomacy", slug="diplomacy", position=2)
    sudzha = make_place(
        name="Sudzha", slug="sudzha", region="Kursk region", latitude="51.1900", longitude="35.2700"
    )
    west = make_place(
        name="Somewhere west",
        slug="west",
        latitude="-12.5",
        longitude="-70.25",
        location_precision="point",
    )
    unmapped = make_place(name="Kursk region", slug="kursk-region")

    events = {
        "month": make_event(
            slug="month", title="Fighting in August", storylines=[incursion, diplomacy]
        ),
        "year": make_event(slug="year", title="A year of it", start_month=None, place=unmapped),
        "day": make_event(
            slug="day",
            title="Forces cross the border",
            start_day=6,
            verification="confirmed",
            place=sudzha,
            storylines=[incursion],
            end_year=2024,
            end_month=8,
            end_day=8,
        ),
        "minute": make_event(
            slug="minute",
            title='=HYPERLINK("http://evil.example") strike',
            summary="-1+1 <b>bold</b> & “quoted”\nsecond line, 'apostrophe'",
            start_day=6,
            start_hour=14,
            start_minute=20,
            place=west,
            verification="claimed",
        ),
        "approximate": make_event(
            slug="approximate",
            title="Evacuations begin",
            is_approximate=True,
            kind="humanitarian",
            storylines=[diplomacy],
        ),
        "hour": make_event(
            slug="hour", title="Drone alert", start_day=7, start_hour=3, time_zone="Europe/Moscow"
        ),
    }
    make_citation(
        events["day"], wire, stance=Citation.Stance.CONFIRMS, url="https://wire.example/1"
    )
    make_citation(
        events["minute"],
        ministry,
        stance=Citation.Stance.CLAIMS,
        speaker="A spokesman",
        quote="@all units: “done”",
        published_on="2024-08-06",
    )
    make_citation(events["minute"], videos, stance=Citation.Stance.REPORTS, position=1)
    make_correction(events["day"], note="The crossing was on the 6th, not the 5th.")
    ahead = timezone.now() + datetime.timedelta(days=1)
    make_correction(events["day"], note="Dated ahead: not public yet.", published_at=ahead)
    hidden_place = make_place(name="Secret base", slug="secret-base", latitude="50", longitude="30")
    events["draft"] = make_event(
        slug="secret-draft",
        title="Unchecked draft",
        status=PublicationStatus.DRAFT,
        publish_at=None,
        place=hidden_place,
        storylines=[make_storyline(title="Hidden thread", slug="hidden")],
    )
    make_citation(events["draft"], make_source(name="Secret source", slug="secret-source"))
    return events

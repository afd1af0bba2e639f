"""No public outlet gives a place's coordinates more exactly than its public precision, and a
hold on an event's exact location ends on time with no save (docs/design.md, rule 9)."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from newsroom.publishing import PublicationStatus
from newsroom.sitemaps import SECTION_SIZE
from tests.factories import make_citation, make_event, make_place, make_source, make_storyline
from timeline.geo import place_location, public_location
from timeline.models import Event, Place

pytestmark = pytest.mark.django_db

# Whole degrees no other number on these pages starts with, so that every number found that
# starts with one of them is one of the place's coordinates.
LATITUDE, LONGITUDE = "47.918273", "33.645182"
COORDINATE = re.compile(r"(?<![\d.])-?(47|33)\.(\d+)")
HOURS = datetime.timedelta(hours=1)

# Every public address that could carry an event's place; True where it gives coordinates.
OUTLETS = {
    "/events/held/": True,
    "/": False,
    "/timeline/": False,
    "/api/events/": True,
    "/api/events/held/": True,
    "/api/events/neighbour/": True,
    "/api/places/": True,
    "/api/places/checkpoint/": True,
    "/feeds/timeline.atom": False,
    "/feeds/timeline.rss": False,
    "/feeds/timeline.json": False,
    "/feeds/storylines/front.atom": False,
    "/feeds/storylines/front.rss": False,
    "/feeds/storylines/front.json": False,
    "/api/exports/events.geojson": True,
    "/api/exports/events.csv": True,
    "/api/exports/timelinejs.json": False,
    "/timeline/live.json?since=": False,
    "/sitemap.xml": False,
    "/sitemap-events.xml": False,
}


def body(response):
    assert response.status_code == 200, response
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def decimals(text):
    """How many decimal places each coordinate of the place in ``text`` carries."""
    return [len(match[2]) for match in COORDINATE.finditer(text)]


def json_ld(text):
    """The event's schema.org location, from the page's JSON-LD."""
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    graph = json.loads(found[1])["@graph"]
    return next(node["about"]["location"] for node in graph if "about" in node)


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


def story(precision, now):
    """A held event and a neighbour at the same place, published, cited, in a storyline."""
    place = make_place(
        name="Checkpoint",
        slug="checkpoint",
        latitude=LATITUDE,
        longitude=LONGITUDE,
        location_precision=precision,
    )
    front = make_storyline(slug="front")
    source = make_source()
    held = make_event(
        slug="held", place=place, storylines=[front], location_held_until=now + 24 * HOURS
    )
    neighbour = make_event(slug="neighbour", place=place, storylines=[front])
    for event in (held, neighbour):
        make_citation(event, source)
    return place


# (stored precision, most decimals while held, most decimals after)
PRECISIONS = [("point", 2, 6), ("near", 1, 2), ("area", 1, 1)]


@pytest.mark.parametrize(("precision", "held_digits", "free_digits"), PRECISIONS)
@pytest.mark.parametrize("path", OUTLETS)
def test_no_outlet_carries_more_digits_than_the_public_precision(
    client, monkeypatch, now, precision, held_digits, free_digits, path
):
    story(precision, now)
    exact = {LATITUDE, LONGITUDE}
    address = path
    if path == "/sitemap-events.xml":  # the page holding the event, wherever its key falls
        address += f"?p={(Event.objects.get(slug='held').pk - 1) // SECTION_SIZE + 1}"

    text = body(client.get(address))
    found = decimals(text)
    assert max(found, default=0) <= held_digits
    assert not any(value in text for value in exact)
    assert bool(found) == OUTLETS[path]  # an outlet that gives coordinates gives these

    monkeypatch.setattr(timezone, "now", lambda: now + 25 * HOURS)
    text = body(client.get(address))
    found = decimals(text)
    assert max(found, default=0) <= free_digits
    assert bool(found) == OUTLETS[path]
    if OUTLETS[path] and precision == "point":
        assert all(value in text for value in exact)  # as stored, once the hold has ended


@pytest.mark.parametrize(("precision", "held_digits", "free_digits"), PRECISIONS)
def test_the_json_ld_gives_the_rounded_stored_coordinate(
    client, monkeypatch, now, precision, held_digits, free_digits
):
    story(precision, now)
    place = Place.objects.get()
    geo = json_ld(body(client.get("/events/held/")))["geo"]
    assert geo["latitude"] == round(float(place.latitude), held_digits)
    assert geo["longitude"] == round(float(place.longitude), held_digits)

    monkeypatch.setattr(timezone, "now", lambda: now + 25 * HOURS)
    geo = json_ld(body(client.get("/events/neighbour/")))["geo"]
    assert geo["latitude"] == round(float(place.latitude), free_digits)


def test_the_api_names_the_precision_readers_get(client, monkeypatch, now):
    story("point", now)
    data = json.loads(body(client.get("/api/events/held/")))["place"]
    assert (data["latitude"], data["longitude"]) == (47.92, 33.65)
    assert (data["location_precision"], data["radius_km"]) == ("near", 3.0)
    monkeypatch.setattr(timezone, "now", lambda: now + 25 * HOURS)
    data = json.loads(body(client.get("/api/places/checkpoint/")))
    assert (data["latitude"], data["longitude"]) == (47.918273, 33.645182)
    assert (data["location_precision"], data["radius_km"]) == ("point", None)


def test_the_hold_ends_on_time_with_no_save_and_the_stored_page_is_refreshed(
    client, monkeypatch, now
):
    story("point", now)
    version = Event.objects.get(slug="held").version
    before = client.get("/events/held/")
    assert LATITUDE not in before.text
    # Still stored and still held a second before the end.
    monkeypatch.setattr(timezone, "now", lambda: now + 24 * HOURS - datetime.timedelta(seconds=1))
    assert client.get("/events/held/", headers={"If-None-Match": before["ETag"]}).status_code == 304
    monkeypatch.setattr(timezone, "now", lambda: now + 24 * HOURS)
    after = client.get("/events/held/", headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert LATITUDE in after.text
    assert Event.objects.get(slug="held").version == version  # nothing was saved


def test_a_held_draft_holds_the_place_for_its_published_neighbours(
    client, now, django_capture_on_commit_callbacks
):
    place = make_place(
        slug="checkpoint", latitude=LATITUDE, longitude=LONGITUDE, location_precision="point"
    )
    make_citation(make_event(slug="neighbour", place=place), make_source())
    assert LATITUDE in body(client.get("/api/places/checkpoint/"))
    with django_capture_on_commit_callbacks(execute=True):
        make_event(
            slug="draft",
            place=place,
            status=PublicationStatus.DRAFT,
            publish_at=None,
            location_held_until=now + 24 * HOURS,
        )
    for path in ("/api/places/checkpoint/", "/api/events/neighbour/", "/events/neighbour/"):
        assert LATITUDE not in body(client.get(path))


def test_moving_or_lifting_a_hold_releases_the_place(now):
    first = make_place(slug="first", latitude=LATITUDE, longitude=LONGITUDE)
    second = make_place(slug="second", latitude=LATITUDE, longitude=LONGITUDE)
    event = make_event(place=first, location_held_until=now + HOURS)
    first.refresh_from_db()
    assert first.location_held_until == now + HOURS

    event = Event.objects.get(pk=event.pk)
    event.place = second
    event.save()
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.location_held_until, second.location_held_until) == (None, now + HOURS)

    event = Event.objects.get(pk=event.pk)
    event.location_held_until = None
    event.save()
    second.refresh_from_db()
    assert second.location_held_until is None


def test_the_latest_hold_of_the_events_at_a_place_is_the_places(now):
    place = make_place(latitude=LATITUDE, longitude=LONGITUDE)
    make_event(place=place, location_held_until=now + 48 * HOURS)
    make_event(place=place, location_held_until=now + HOURS)
    place.refresh_from_db()
    assert place.location_held_until == now + 48 * HOURS


@pytest.mark.parametrize(
    ("precision", "radius", "expected"),
    [
        ("point", None, None),
        ("point", "5", None),
        ("near", None, 3.0),
        ("near", "2.5", 4.0),  # 2.5 km around the exact point, and up to 0.79 km of rounding
        ("area", None, 25.0),
        ("area", "30", 38.0),
    ],
)
def test_the_radius_readers_see_holds_every_spot_the_stated_one_does(precision, radius, expected):
    place = Place(latitude="50.5", longitude="30.5", location_precision=precision, radius_km=radius)
    assert place_location(place).radius_km == expected


def test_rounding_goes_half_away_from_zero_at_every_precision():
    place = Place(latitude="50.125000", longitude="-30.125000", location_precision="near")
    assert (place_location(place).latitude, place_location(place).longitude) == (50.13, -30.13)
    place.location_precision = "area"
    assert place_location(place).coordinates == [-30.1, 50.1]


def test_a_place_without_coordinates_has_no_public_location():
    assert public_location(Event(place=Place(name="Somewhere"))) is None
    assert public_location(Event()) is None

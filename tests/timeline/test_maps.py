"""/map/ and the event page's small map: places where they are, at their precision, and the
timeline's filters."""

import datetime
import filecmp
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.factories import make_event, make_place
from tests.timeline.factories import make_filter_story
from tests.timeline.test_views import count_queries
from timeline import basemap, maps
from timeline.models import Event, Place

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
Precision = Place.LocationPrecision


def place(slug, latitude, longitude, precision):
    return make_place(
        name=slug.title(),
        slug=slug,
        latitude=Decimal(latitude),
        longitude=Decimal(longitude),
        location_precision=precision,
    )


@pytest.fixture
def border():
    """Glushkovo known to be near, Sudzha to a wider area, Kursk to a point (as a test has it)."""
    return {
        "glushkovo": make_event(
            slug="glushkovo-bridge",
            start_day=16,
            verification="claimed",
            place=place("glushkovo", "51.341234", "34.633456", Precision.NEAR),
        ),
        "sudzha": make_event(
            slug="sudzha-held",
            start_day=15,
            verification="confirmed",
            place=place("sudzha", "51.19", "35.27", Precision.AREA),
        ),
        "kursk": make_event(
            slug="kursk-station",
            start_day=6,
            verification="false",
            place=place("kursk", "51.73", "36.19", Precision.POINT),
        ),
    }


def svg_of(html):
    """The story map's SVG from a page, parsed as the XML it must be."""
    match = re.search(r'<svg class="story-map".*?</svg>', html, re.DOTALL)
    assert match, "the page has no map"
    return ET.fromstring(match.group(0).replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))


def places_drawn(root):
    """{place slug: its <g>} of every place the map draws."""
    return {g.get("data-place"): g for g in root.iter(f"{SVG}g") if g.get("data-place")}


def shape(group):
    return group.find(f"{SVG}circle[@class='map-shape']")


def test_glushkovo_is_west_of_sudzha_and_sudzha_west_of_kursk(client, border):
    drawn = places_drawn(svg_of(client.get("/map/").text))
    x = {slug: float(shape(group).get("cx")) for slug, group in drawn.items()}
    assert x["glushkovo"] < x["sudzha"] < x["kursk"]
    y = {slug: float(shape(group).get("cy")) for slug, group in drawn.items()}
    assert y["kursk"] < y["glushkovo"] < y["sudzha"], "north is up"


def test_the_border_is_drawn_between_them(client, border):
    root = svg_of(client.get("/map/").text)
    countries = {
        path.find(f"{SVG}title").text: path.get("d")
        for path in root.iter(f"{SVG}path")
        if "map-country" in (path.get("class") or "")
    }
    assert sorted(countries) == ["Russia", "Ukraine"]
    assert all(len(outline.split("L")) > 100 for outline in countries.values())


def test_each_precision_is_drawn_as_its_shape(client, border):
    drawn = places_drawn(svg_of(client.get("/map/").text))
    point, near, area = (shape(drawn[slug]) for slug in ("kursk", "glushkovo", "sudzha"))
    assert drawn["kursk"].get("class") == "map-place map-point"
    assert float(point.get("r")) == maps.POINT_RADIUS
    assert drawn["glushkovo"].get("class") == "map-place map-near"
    assert float(near.get("r")) == pytest.approx(3 * maps.UNITS_PER_KM, abs=0.1)
    assert near.get("fill") is None, "a ring, not a hatched area"
    assert drawn["sudzha"].get("class") == "map-place map-area"
    assert float(area.get("r")) == pytest.approx(25 * maps.UNITS_PER_KM, abs=0.1)
    assert area.get("fill") == "url(#map-hatch)"
    assert "within about 3 km" in near.find(f"{SVG}title").text
    assert "wider area" in area.find(f"{SVG}title").text


def test_coordinates_come_at_the_public_precision_only(client, border):
    html = client.get("/map/").text
    near = places_drawn(svg_of(html))["glushkovo"]
    assert (near.get("data-lat"), near.get("data-lon")) == ("51.34", "34.63")
    assert "51.341234" not in html and "34.633456" not in html


def test_each_mark_links_to_its_event_and_says_its_status_in_words_and_shape(client, border):
    drawn = places_drawn(svg_of(client.get("/map/").text))
    for slug, event in border.items():
        (link,) = drawn[slug].iter(f"{SVG}a")
        assert link.get("href") == event.get_absolute_url()
        assert link.find(f"{SVG}use").get("href") == f"#map-v-{event.verification}"
        assert event.get_verification_display() in link.find(f"{SVG}title").text
    assert client.get(border["kursk"].get_absolute_url()).status_code == 200


def test_every_status_has_its_own_shape_and_a_word_in_the_key(client, border):
    html = client.get("/map/").text
    root = svg_of(html)
    shapes = {}
    for group in root.iter(f"{SVG}g"):
        if (group.get("id") or "").startswith("map-v-"):
            # The disc behind each is the same; what is drawn on it must differ.
            shapes[group.get("id")] = ET.tostring(group[1])
    assert len(set(shapes.values())) == len(Event.Verification.choices) == len(shapes)
    for _, label in Event.Verification.choices:
        assert f"</svg> {label}</li>" in html


@pytest.fixture
def mapped_filter_story():
    """The timeline's filter story with every event at a place on the map."""
    story = make_filter_story()
    Place.objects.filter(slug="sudzha").update(
        latitude=Decimal("51.19"), longitude=Decimal("35.27")
    )
    for slug, lat, lon in [("bridge", "51.34", "34.63"), ("talks", "51.73", "36.19")]:
        Event.objects.filter(slug=slug).update(place=place(f"at-{slug}", lat, lon, Precision.NEAR))
    return story


def slugs(html, section):
    return set(re.findall(r'href="/events/([^/]+)/"', section(html)))


def timeline_list(html):
    return html[html.index("<main") :]


def map_marks(html):
    return re.search(r'<svg class="story-map".*?</svg>', html, re.DOTALL).group(0)


def map_list(html):
    return html.partition('class="map-places"')[2]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "storyline=incursion",
        "storyline=diplomacy",
        "kind=infrastructure",
        "verification=confirmed",
        "place=sudzha",
        "source=reuters",
        "party=russia",
        "from=2024-08-16",
        "to=2024-08-16",
        "q=exchange",
        "storyline=incursion&verification=claimed",
        "q=plant",
    ],
)
def test_the_map_selects_what_the_timeline_does_at_the_same_address(
    client, mapped_filter_story, query
):
    on_timeline = slugs(client.get(f"/timeline/?{query}").text, timeline_list)
    html = client.get(f"/map/?{query}").text
    assert slugs(html, map_marks) == slugs(html, map_list) == on_timeline
    assert "draft" not in on_timeline


def test_a_filtered_timeline_links_to_its_map_and_back(client, mapped_filter_story):
    timeline = client.get("/timeline/?storyline=incursion&page=1").text
    assert '<a href="/map/?storyline=incursion">See these events on the map</a>' in timeline
    the_map = client.get("/map/?storyline=incursion&day=2024-08-06").text
    assert '<a href="/timeline/?storyline=incursion">See these events on the timeline</a>' in (
        the_map
    )


@pytest.mark.parametrize("query", ["day=2024-02-30", "day=soon", "kind=nothing"])
def test_a_bad_address_is_a_400_that_says_why(client, border, query):
    response = client.get(f"/map/?{query}")
    assert response.status_code == 400
    assert "<li>" in response.text


def test_stepping_through_days_shows_each_days_events_appear(client):
    sudzha = place("sudzha", "51.19", "35.27", Precision.AREA)
    for day in (6, 7, 8):
        make_event(slug=f"on-{day}", start_day=day, place=sudzha)
    everything = client.get("/map/").text
    steps = re.findall(r'<a href="(\?day=[^"]+)"[^>]*><time[^>]*>([^<]+)</time>', everything)
    assert [label for _, label in steps] == ["6 August 2024", "7 August 2024", "8 August 2024"]
    seen = []
    for href, _ in steps:
        html = client.get(f"/map/{href}").text
        marks = map_marks(html)
        seen.append(sorted(re.findall(r'href="/events/on-(\d)/"', marks)))
        ringed = r'<a class="map-event[^"]*" href="/events/on-(\d)/"><title>[^<]*new on'
        new = re.findall(ringed, marks)
        assert new == [seen[-1][-1]], "the day's own event is ringed as new"
        assert 'aria-current="step"' in html
    assert seen == [["6"], ["6", "7"], ["6", "7", "8"]]


def test_a_place_with_many_events_shows_its_latest_and_links_the_rest(client, settings):
    sudzha = place("sudzha", "51.19", "35.27", Precision.AREA)
    for day in range(1, 21):
        make_event(slug=f"day-{day}", start_day=day, place=sudzha)
    html = client.get("/map/?day=2024-08-19").text
    shown = re.findall(r'href="/events/day-(\d+)/"', map_marks(html))
    assert sorted(map(int, shown)) == list(range(8, 20))
    assert '<a href="/timeline/?place=sudzha&amp;to=2024-08-19">7 more events here' in html


def test_the_whole_story_counts_each_place_as_publishing_and_unpublishing_leave_it(client):
    # Without filters or a day, the counts are the story summary's: each publish renews them.
    sudzha = place("sudzha", "51.19", "35.27", Precision.AREA)
    for day in range(1, 15):
        make_event(slug=f"day-{day}", start_day=day, place=sudzha)
    make_event(slug="nowhere", start_day=1, place=None)
    html = client.get("/map/").text
    assert '<a href="/timeline/?place=sudzha">2 more events here' in html
    assert "1 event with no place we can map" in html
    latest = make_event(slug="day-15", start_day=15, place=sudzha)
    html = client.get("/map/").text
    assert '<a href="/timeline/?place=sudzha">3 more events here' in html
    assert 'href="/events/day-15/"' in map_marks(html)
    latest.status = "draft"
    latest.save()
    Event.objects.get(slug="nowhere").delete()
    html = client.get("/map/").text
    assert '<a href="/timeline/?place=sudzha">2 more events here' in html
    assert 'href="/events/day-15/"' not in html and "no place we can map" not in html


def test_events_beyond_the_map_or_without_a_place_are_named_in_words(client, border):
    make_event(slug="in-doha", place=place("doha", "25.29", "51.53", Precision.AREA))
    make_event(slug="nowhere", place=None)
    html = client.get("/map/").text
    assert "in-doha" not in map_marks(html)
    assert "Beyond this map" in html and 'href="/events/in-doha/"' in map_list(html)
    assert "1 event with no place we can map" in html


def test_the_map_queries_do_not_grow_with_the_story(client, border):
    for path in ("/map/", "/map/?kind=military&day=2024-08-20"):
        few = count_queries(client, path)
        cache.clear()
        for n in range(60):
            make_event(start_day=n % 28 + 1, place=Place.objects.all()[n % 3])
            make_event(start_day=n % 28 + 1, place=None)
        many = count_queries(client, path)
        # The validator, the story's summary (with the events at each place), the latest
        # events at each place; a filtered map counts its own places and sums its own days.
        assert len(few) == len(many) == (5 if "kind" in path else 3), many
        assert len(set(many)) == len(many), "a query ran twice"


def test_the_event_page_shows_its_place_on_a_small_map(client, border):
    event = border["glushkovo"]
    html = client.get(event.get_absolute_url()).text
    drawn = places_drawn(svg_of(html))
    assert list(drawn) == ["glushkovo"]
    assert drawn["glushkovo"].find(f"{SVG}a") is None, "its own mark is not a link to itself"
    assert "near here, within about 3 km" in html
    far = make_event(slug="far", place=place("doha", "25.29", "51.53", Precision.AREA))
    html = client.get(far.get_absolute_url()).text
    assert 'class="story-map"' not in html and "beyond" in html


def test_nothing_is_loaded_from_elsewhere(client, border):
    response = client.get("/map/")
    assert "img-src 'self' data:;" in response.headers["Content-Security-Policy"]
    sources = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    elsewhere = [s for s in sources if "://" in s and "//testserver/" not in s]
    assert elsewhere == []


NODE = ROOT / "node_modules"


@pytest.mark.skipif(not (NODE / "world-atlas").exists(), reason="npm ci first")
def test_the_committed_basemap_is_what_the_command_makes(tmp_path, monkeypatch):
    monkeypatch.setattr(basemap, "BASEMAP", tmp_path / "basemap.json")
    call_command("make_basemap", stdout=open(tmp_path / "out", "w"))  # noqa: SIM115
    made = json.loads((tmp_path / "basemap.json").read_text())
    assert made == json.loads((ROOT / "timeline" / "data" / "basemap.json").read_text())
    assert [country["name"] for country in made["countries"]] == ["Russia", "Ukraine"]


@pytest.mark.skipif(not (NODE / "leaflet").exists(), reason="npm ci first")
def test_the_committed_leaflet_is_the_one_package_json_names():
    for name in ("leaflet.js", "leaflet.js.map", "leaflet.css"):
        assert filecmp.cmp(
            NODE / "leaflet" / "dist" / name, ROOT / "static" / "vendor" / "leaflet" / name, False
        ), f"run make vendor: static/vendor/leaflet/{name} differs from node_modules"


def test_a_tile_server_is_allowed_only_when_one_is_set(client, border, settings):
    assert 'data-tiles=""' in client.get("/map/").text
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    cache.clear()
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in client.get("/map/").text
    script = "from newsroom.settings import base; print(base.SECURE_CSP['img-src'])"
    env = {**os.environ, "MAP_TILE_URL": "https://{s}.tiles.example.org/{z}/{x}/{y}.png"}
    allowed = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert allowed.stdout.strip() == "[\"'self'\", 'data:', 'https://*.tiles.example.org']"


def test_a_long_story_steps_to_the_days_either_side():
    from django.http import QueryDict

    from timeline.map_views import day_steps

    days = {datetime.date(2024, 8, 1) + datetime.timedelta(days=n): 1 for n in range(0, 80, 2)}
    query = QueryDict("kind=military")
    assert [d.isoformat() for d, _, _ in day_steps(days, None, query)] == ["2024-08-01"]
    steps = day_steps(days, datetime.date(2024, 8, 10), query)
    assert [(d.day, url, current) for d, url, current in steps] == [
        (9, "?kind=military&day=2024-08-09", False),
        (10, "?kind=military&day=2024-08-10", True),
        (11, "?kind=military&day=2024-08-11", False),
    ]
    short = {day: 1 for day in list(days)[:5]}
    assert len(day_steps(short, None, query)) == 5

"""What the three exports share: the timeline's filters, 400s, no leaks, fixed queries, caching."""

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.publishing import PublicationStatus
from tests.factories import make_event, make_place
from tests.timeline.factories import make_correction
from tests.timeline.test_views import make_events
from timeline.models import Event, Place

from .helpers import CSV, EXPORTS, GEOJSON, TIMELINEJS

pytestmark = pytest.mark.django_db


def slugs(client, path):
    response = client.get(path)
    assert response.status_code == 200
    if path.startswith(CSV):
        return [row["event_id"] for row in csv.DictReader(io.StringIO(response.text))]
    data = response.json()
    if path.startswith(GEOJSON):
        return [feature["id"] for feature in data["features"]]
    return [slide["unique_id"] for slide in data["events"]]


@pytest.mark.parametrize("path", EXPORTS)
def test_nothing_unpublished_leaks_into_any_export(client, story, path):
    make_event(
        slug="scheduled-later",
        status=PublicationStatus.SCHEDULED,
        publish_at=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC),
        place=make_place(slug="later-place", latitude=1, longitude=1),
    )
    for status in (PublicationStatus.IN_REVIEW, PublicationStatus.ARCHIVED):
        make_event(slug=f"hidden-{status}", status=status, place=story["draft"].place)
    text = client.get(path).text
    for secret in ("secret", "Secret", "hidden", "Hidden", "Unchecked", "later"):
        assert secret not in text


@pytest.mark.parametrize("path", EXPORTS)
def test_the_timelines_filters_select_the_events(client, story, path):
    mapped = {"day", "minute"} if path == GEOJSON else {"day", "minute", "month", "approximate"}
    assert set(slugs(client, path + "?storyline=diplomacy")) == {"month", "approximate"} & mapped
    assert set(slugs(client, path + "?storyline=incursion")) == {"month", "day"} & mapped
    assert set(slugs(client, path + "?verification=confirmed")) == {"day"}
    assert set(slugs(client, path + "?source=russian-mod&from=2024-08-06&to=2024-08-06")) == {
        "minute"
    }
    assert slugs(client, path + "?place=sudzha") == ["day"]


@pytest.mark.parametrize("path", EXPORTS)
@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("?storyline=nowhere", "Storyline: “nowhere”"),
        ("?storyline=hidden", "Storyline: “hidden”"),  # used only by a draft: not a choice
        ("?kind=rumour", "Kind: “rumour”"),
        ("?from=yesterday", "From: “yesterday”"),
        ("?q=" + "x" * 300, "Words: “xxx"),
    ],
)
def test_a_bad_filter_is_a_400_naming_the_parameter_and_value(client, story, path, query, named):
    response = client.get(path + query)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert named in response.text
    assert "ETag" not in response


@pytest.mark.parametrize("path", EXPORTS)
def test_exports_are_cacheable_open_to_other_sites_and_set_no_cookie(client, story, path):
    first = client.get(path)
    assert first["Access-Control-Allow-Origin"] == "*"
    assert not first.cookies and "Cookie" not in first.get("Vary", "")
    again = client.get(path, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    stored = client.get(path)
    assert stored.content == first.content
    assert stored["Content-Type"] == first["Content-Type"]


def make_story(count):
    """The timeline's own long story, every place on the map, every fifth event corrected."""
    make_events(count)
    Place.objects.update(latitude=50, longitude=35)
    for event in Event.objects.filter(corrections__isnull=True)[::5]:
        make_correction(event)


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


# The fingerprint (2), the filter choices in use (5), then the events and their storylines,
# citations and corrections; GeoJSON needs the events and places only.
@pytest.mark.parametrize(("path", "expected"), [(TIMELINEJS, 11), (CSV, 11), (GEOJSON, 8)])
def test_an_export_runs_a_fixed_number_of_queries_however_long_the_story(client, path, expected):
    make_story(10)
    few = count_queries(client, path)
    cache.clear()
    make_story(250)
    many = count_queries(client, path)
    assert len(few) == len(many) == expected
    assert len(set(many)) == len(many), "a query ran twice"
    assert len(slugs(client, path)) == 260

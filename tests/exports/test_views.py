"""What the three exports share: filters, 400s, no leaks, streaming, fixed queries, caching."""

import csv
import datetime
import io
import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.caching import public_etag
from newsroom.publishing import PublicationStatus
from tests.factories import make_event, make_place
from tests.timeline.factories import make_correction
from tests.timeline.test_views import make_events
from timeline import export_views, exports
from timeline.models import Event, Place

from .helpers import CSV, EXPORTS, GEOJSON, TIMELINEJS, content, parsed, text

pytestmark = pytest.mark.django_db

MOMENT = re.compile(r"'\d{4}-\d{2}-\d{2} [\d:.]+(?:\+00:00)?'")


def slugs(client, path):
    response = client.get(path)
    assert response.status_code == 200
    if path.startswith(CSV):
        return [row["event_id"] for row in csv.DictReader(io.StringIO(text(response)))]
    data = parsed(response)
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
    exported = text(client.get(path))
    for secret in ("secret", "Secret", "hidden", "Hidden", "Unchecked", "later"):
        assert secret not in exported


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
    exported = content(first)
    assert first["Access-Control-Allow-Origin"] == "*"
    assert not first.cookies and "Cookie" not in first.get("Vary", "")
    again = client.get(path, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    second = client.get(path)
    assert content(second) == exported
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize("path", EXPORTS)
def test_a_matching_etag_answers_304_with_no_body_and_no_export_query(client, story, path):
    etag = client.get(path)["ETag"]
    with CaptureQueriesContext(connection) as validator:
        public_etag()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert not response.streaming and response.content == b""
    # Only what the validator itself reads (at its own "now"): no filter choices, no events.
    assert without_moments(queries) == without_moments(validator)


def without_moments(queries):
    return [MOMENT.sub("(now)", query["sql"]) for query in queries.captured_queries]


@pytest.mark.parametrize("path", EXPORTS)
def test_an_export_is_never_stored_in_the_page_cache(client, story, path):
    cache.clear()
    exported = content(client.get(path))
    assert b"Forces cross the border" in exported
    # The tests' cache is the per-process memory one: its values are the pickled entries.
    assert not any(b"Forces cross the border" in value for value in cache._cache.values())


def as_written_whole(path, exported):
    """The export's bytes as writing its parsed content in one go gives them."""
    if not path.startswith(CSV):
        return exports.as_json(json.loads(exported)).encode()
    buffer = io.StringIO()
    csv.writer(buffer).writerows(csv.reader(io.StringIO(exported.decode(), newline="")))
    return buffer.getvalue().encode()


@pytest.mark.parametrize("path", EXPORTS)
def test_an_export_in_many_small_chunks_has_every_event_once_in_order(client, monkeypatch, path):
    make_story(7)
    whole = content(client.get(path))
    assert whole == as_written_whole(path, whole)
    # Two events per round of queries, and every piece written on its own.
    monkeypatch.setattr(export_views, "CHUNK_SIZE", 2)
    monkeypatch.setattr(export_views, "BLOCK_SIZE", 1)
    response = client.get(path)
    blocks = list(response.streaming_content)
    assert len(blocks) > 7
    assert b"".join(blocks) == whole
    expected = Event.objects.published().chronological().values_list("slug", flat=True)
    assert slugs(client, path) == list(expected)


@pytest.mark.parametrize("order", ["oldest", "newest"])
@pytest.mark.parametrize("path", EXPORTS)
def test_chunks_meet_exactly_where_events_tie_in_either_order(client, monkeypatch, path, order):
    # Each chunk starts after the last event of the one before. A day and its last hour end at
    # the same instant, so they tie on the sort time: the finer date comes first, then the key.
    # Four to a day, in chunks of two after a first of one, split every kind of tie.
    place = make_place(latitude=50, longitude=35)
    for day in (7, 6):
        for hour in (None, 23, 23, None):
            make_event(start_day=day, start_hour=hour, place=place)
    assert Event.objects.values("sorts_at").distinct().count() == 2
    monkeypatch.setattr(export_views, "CHUNK_SIZE", 2)
    monkeypatch.setattr(export_views, "FIRST_CHUNK_SIZE", 1)
    expected = Event.objects.published().chronological()
    if order == "newest":
        expected = expected.reverse()
    assert slugs(client, f"{path}?order={order}") == list(expected.values_list("slug", flat=True))
    assert len(set(slugs(client, f"{path}?order={order}"))) == 8


def make_story(count):
    """The timeline's own long story, every place on the map, every fifth event corrected."""
    make_events(count)
    Place.objects.update(latitude=50, longitude=35)
    for event in Event.objects.filter(corrections__isnull=True)[::5]:
        make_correction(event)


def count_queries(client, path):
    # The story's summary as the last write left it: the first read after a write builds it.
    content(client.get(path))
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        assert response.status_code == 200
        content(response)  # the events are read as the export is sent
    return [query["sql"] for query in queries.captured_queries]


# The fingerprint (1) and the story's summary (1), every storyline, source and place once (3),
# then for each chunk the events, their storyline links, citations and corrections; GeoJSON
# needs the places once and the events.
FIXED_QUERIES = {TIMELINEJS: 5, CSV: 5, GEOJSON: 3}
PER_CHUNK = {TIMELINEJS: 4, CSV: 4, GEOJSON: 1}


@pytest.mark.parametrize("path", EXPORTS)
def test_an_export_runs_a_fixed_number_of_queries_however_long_the_story(client, path):
    # Past the small first chunk, both lengths fit in one more.
    make_story(export_views.FIRST_CHUNK_SIZE + 10)
    few = count_queries(client, path)
    cache.clear()
    make_story(150)
    many = count_queries(client, path)
    assert len(few) == len(many) == FIXED_QUERIES[path] + 2 * PER_CHUNK[path]
    assert len(set(many)) == len(many), "a query ran twice"
    assert len(slugs(client, path)) == export_views.FIRST_CHUNK_SIZE + 160


@pytest.mark.parametrize("path", EXPORTS)
def test_the_first_chunk_is_the_small_one(client, monkeypatch, path):
    monkeypatch.setattr(export_views, "CHUNK_SIZE", 4)
    monkeypatch.setattr(export_views, "FIRST_CHUNK_SIZE", 2)
    make_story(7)  # three chunks: 2, 4 and 1
    assert len(count_queries(client, path)) == FIXED_QUERIES[path] + 3 * PER_CHUNK[path]
    assert len(slugs(client, path)) == 7


@pytest.mark.parametrize("path", EXPORTS)
def test_the_queries_grow_only_with_the_number_of_chunks(client, monkeypatch, path):
    monkeypatch.setattr(export_views, "CHUNK_SIZE", 2)
    make_story(7)  # four chunks: 2, 2, 2 and 1
    seven = count_queries(client, path)
    cache.clear()
    make_story(1)  # still four: 2, 2, 2 and 2
    eight = count_queries(client, path)
    assert len(seven) == len(eight) == FIXED_QUERIES[path] + 4 * PER_CHUNK[path]
    assert len(set(eight)) == len(eight), "a query ran twice"

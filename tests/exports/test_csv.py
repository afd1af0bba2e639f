"""The CSV export: one row per event, spreadsheet-safe, read back exactly by the importer."""

import csv
import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command

from newsroom.publishing import PublicationStatus
from newsroom.revisions.models import Revision
from timeline.exports import COLUMNS
from timeline.models import Event

from .helpers import CSV, content, empty_the_story, import_file, text

pytestmark = pytest.mark.django_db


def rows(response):
    return {row["event_id"]: row for row in csv.DictReader(io.StringIO(text(response)))}


def test_the_download_is_named_typed_and_has_the_export_header(client, story):
    response = client.get(CSV)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="events.csv"'
    assert text(response).split("\r\n", 1)[0] == ",".join(COLUMNS)
    one = client.get(CSV + "?storyline=incursion")
    assert one["Content-Disposition"] == 'attachment; filename="events-incursion.csv"'


def test_dates_places_and_sources_are_in_their_columns(client, story):
    by_id = rows(client.get(CSV))
    assert [by_id[slug]["date"] for slug in ("year", "month", "day", "hour", "minute")] == [
        "2024",
        "2024-08",
        "2024-08-06",
        "2024-08-07T03",
        "2024-08-06T14:20",
    ]
    day = by_id["day"]
    assert (day["precision"], day["end_date"], day["approximate"]) == ("day", "2024-08-08", "false")
    assert (day["place"], day["place_name"], day["region"], day["country"]) == (
        "sudzha",
        "Sudzha",
        "Kursk region",
        "Russia",
    )
    # An area, so at its public precision: its centre to one decimal place.
    assert (day["latitude"], day["longitude"], day["location_precision"]) == (
        "51.2",
        "35.3",
        "area",
    )
    assert by_id["hour"]["time_zone"] == "Europe/Moscow"
    assert by_id["approximate"]["approximate"] == "true"
    assert json.loads(by_id["month"]["storylines"]) == [
        {"slug": "incursion", "title": "The Kursk incursion", "position": 1},
        {"slug": "diplomacy", "title": "Diplomacy", "position": 2},
    ]
    claim = json.loads(by_id["minute"]["sources"])[0]
    assert (claim["source"], claim["affiliation"], claim["party"], claim["stance"]) == (
        "russian-mod",
        "party",
        "russia",
        "claims",
    )
    assert by_id["minute"]["attribution"] == (
        "Reported by Social media videos (affiliation unknown). "
        "Claimed by Russia, a party to the conflict: Russia's defence ministry."
    )
    assert by_id["day"]["url"] == "http://testserver/events/day/"


def test_cells_a_spreadsheet_would_run_as_formulas_are_guarded(client, story):
    minute = rows(client.get(CSV))["minute"]
    assert minute["title"] == '\'=HYPERLINK("http://evil.example") strike'
    assert minute["summary"].startswith("'-1+1")
    # Numbers are left as numbers: a negative coordinate is no formula.
    assert (minute["latitude"], minute["longitude"]) == ("-12.5", "-70.25")


def round_trip(client, tmp_path):
    """Export, import into an emptied database with --publish, export again."""
    first = content(client.get(CSV))
    empty_the_story()
    path = tmp_path / "events.csv"
    path.write_bytes(first)
    import_file(path, "--publish")
    cache.clear()
    return first, content(client.get(CSV))


def test_the_round_trip_gives_the_same_file(client, story, tmp_path):
    first, second = round_trip(client, tmp_path)
    assert first.count(b"\r\n") == 7  # the header and six published events
    assert second == first
    assert set(Event.objects.values_list("status", flat=True)) == {PublicationStatus.PUBLISHED}
    assert Revision.objects.count() == Event.objects.count() == 6


def test_the_demo_story_round_trips_too(client, settings, tmp_path):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    settings.DEBUG = False
    first, second = round_trip(client, tmp_path)
    assert first.count(b"\r\n") > 10
    assert second == first

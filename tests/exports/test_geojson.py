"""The GeoJSON export: a point for each event whose place has coordinates, and nothing else."""

import pytest

from .helpers import GEOJSON, parsed

pytestmark = pytest.mark.django_db


def test_only_events_with_coordinates_become_points(client, story):
    response = client.get(GEOJSON)
    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Disposition"] == 'attachment; filename="events.geojson"'
    data = parsed(response)
    assert data["type"] == "FeatureCollection"
    by_id = {feature["id"]: feature for feature in data["features"]}
    # "year" has a place without coordinates, "month" none at all; the draft is not public.
    assert sorted(by_id) == ["day", "minute"]
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        longitude, latitude = feature["geometry"]["coordinates"]
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90
        assert feature["properties"]["slug"] == feature["id"]
    # RFC 7946: longitude first.
    assert by_id["minute"]["geometry"]["coordinates"] == [-70.25, -12.5]
    # An area at its public precision: its centre to one decimal place (timeline/geo.py).
    assert by_id["day"]["geometry"]["coordinates"] == [35.3, 51.2]
    assert by_id["day"]["properties"] == {
        "slug": "day",
        "title": "Forces cross the border",
        "date": "2024-08-06",
        "end_date": "2024-08-08",
        "date_label": "6–8 August 2024",
        "precision": "day",
        "kind": "military",
        "verification": "confirmed",
        "place": "Sudzha, Kursk region",
        "location_precision": "area",
        "radius_km": 25.0,
        "url": "http://testserver/events/day/",
    }
    assert by_id["minute"]["properties"]["date"] == "2024-08-06T14:20"

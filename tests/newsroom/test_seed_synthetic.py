"""seed_synthetic: many realistic published events, made in batches, with progress."""

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from newsroom.articles.models import Article
from newsroom.sources.models import Citation
from timeline.models import Event

pytestmark = pytest.mark.django_db


def seed(*args):
    out = io.StringIO()
    call_command("seed_synthetic", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def test_it_adds_published_sourced_events_with_progress(debug, client):
    output = seed("--events", "250", "--batch-size", "100")
    assert "    100 / 250 events" in output and "    250 / 250 events" in output
    assert Event.objects.published().count() == 250
    assert not Event.objects.annotate(n=Count("citations")).filter(n=0).exists()
    assert not Event.objects.annotate(n=Count("storylines")).filter(n=0).exists()
    stances = set(Citation.objects.values_list("stance", flat=True))
    assert stances == {"reports", "claims", "confirms", "denies"}
    affiliations = set(Citation.objects.values_list("source__affiliation", flat=True))
    assert affiliations == {"party", "independent", "unknown"}
    assert Article.objects.published().count() == 13
    assert Event.objects.filter(place__isnull=False).count() > 200
    # Every derived date column is there, so the pages read it as the editors' events.
    assert client.get("/timeline/").status_code == 200
    assert client.get(Event.objects.last().get_absolute_url()).status_code == 200


def test_its_places_have_coordinates_so_the_map_and_the_geojson_carry_its_events(debug, client):
    seed("--events", "150")
    published = Event.objects.published()
    placed = published.filter(place__isnull=False).count()
    export = client.get("/api/exports/events.geojson")
    features = json.loads(b"".join(export.streaming_content))["features"]
    assert len(features) == placed > 100
    counts = re.search(
        r"(\d+) places on the map(?:; (\d+) events? with no place)?", client.get("/map/").text
    )
    assert int(counts[1]) == published.exclude(place=None).values("place").distinct().count()
    assert int(counts[2] or 0) == published.filter(place=None).count()


def test_only_independent_confirmation_makes_an_event_confirmed(debug):
    seed("--events", "200")
    for event in Event.objects.filter(verification="confirmed").prefetch_related("citations"):
        assert any(c.stance == "confirms" and not c.source.is_party for c in event.citations.all())


def test_running_it_again_adds_more(debug):
    seed("--events", "30")
    seed("--events", "20")
    assert Event.objects.count() == 50


def test_it_refuses_without_debug_or_with_nothing_to_do(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        seed("--events", "10")
    settings.DEBUG = True
    with pytest.raises(CommandError, match="at least 1"):
        seed("--events", "0")
    assert not Event.objects.exists()

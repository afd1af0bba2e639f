"""An event's facets (timeline/facets.py) follow its links however they change, and on
PostgreSQL the timeline's filters read them, through their index, with the same result as the
link tables give."""

import io
import itertools
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import make_citation, make_event, make_party, make_source, make_storyline
from timeline.facets import facets_of
from timeline.filters import EventFilter
from timeline.models import Event

pytestmark = pytest.mark.django_db


def from_links(event):
    """What the facets should be, read afresh from the links."""
    return facets_of(event.storylines.all(), [c.source for c in event.citations.all()])


def assert_true_to_links(*events):
    for event in events:
        event.refresh_from_db()
        assert event.facets == from_links(event)


def test_facets_follow_every_kind_of_change_to_the_links():
    ukraine, russia = make_party(), make_party()
    kyiv, tass, monitor = make_source(party=ukraine), make_source(party=russia), make_source()
    front, talks = make_storyline(), make_storyline()
    event = make_event(storylines=[front])
    other = make_event()
    assert_true_to_links(event, other)
    assert event.facets == [f"storyline:{front.pk}"]

    cited = make_citation(event, kyiv)
    make_citation(event, monitor)
    assert_true_to_links(event)
    assert f"party:{ukraine.pk}" in event.facets and f"source:{monitor.pk}" in event.facets

    talks.events.add(event, other)  # from the storyline's side
    assert_true_to_links(event, other)
    event.storylines.remove(front)
    assert_true_to_links(event)
    talks.events.clear()
    assert_true_to_links(event, other)
    assert not other.facets

    cited.delete()
    assert_true_to_links(event)
    assert f"party:{ukraine.pk}" not in event.facets

    make_citation(event, tass)
    tass.party = ukraine  # a source's party corrected: its events follow
    tass.save()
    assert_true_to_links(event)
    assert f"party:{ukraine.pk}" in event.facets and f"party:{russia.pk}" not in event.facets

    event.storylines.add(front)
    front.delete()  # its links go with it
    assert_true_to_links(event)
    assert not any(name.startswith("storyline:") for name in event.facets)


def test_bulk_made_events_carry_their_facets(settings):
    settings.DEBUG = True
    call_command("seed_synthetic", "--events", "120", "--batch-size", "50", stdout=io.StringIO())
    events = Event.objects.prefetch_related("storylines", "citations__source")
    assert all(event.facets == from_links(event) for event in events)
    assert all(event.facets for event in events)


def filtered(data):
    return list(EventFilter(data, queryset=Event.objects.published()).qs.values_list("pk"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="facets are read on PostgreSQL")
def test_the_filters_read_the_facets_and_find_what_the_links_find(settings, monkeypatch):
    settings.DEBUG = True
    call_command("seed_synthetic", "--events", "200", "--batch-size", "100", stdout=io.StringIO())
    choices = EventFilter({}).choices_in_use()
    queries = [
        {"storyline": storyline, "party": party, "source": source}
        for (storyline, _), (party, _), (source, _) in itertools.product(
            choices["storyline"][:3], choices["party"], choices["source"][:4]
        )
    ]
    by_facets = [filtered(data) for data in queries]
    query = EventFilter({"storyline": choices["storyline"][0][0]}).qs.query
    assert '"facets" @>' in str(query)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    everything = Event.objects.all()  # no other condition the planner could prefer
    assert "timeline_event_facets" in EventFilter(queries[0], queryset=everything).qs.explain()

    # As on SQLite, the filters ask the link tables.
    monkeypatch.setattr("timeline.filters.connection", SimpleNamespace(vendor="sqlite"))
    assert '"facets" @>' not in str(EventFilter({"storyline": choices["storyline"][0][0]}).qs.query)
    assert by_facets == [filtered(data) for data in queries]
    assert any(by_facets) and not all(by_facets)

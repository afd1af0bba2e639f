"""On PostgreSQL the timeline's word search reads its GIN index instead of every event."""

import pytest
from django.db import connection

from tests.factories import make_event
from timeline.filters import EventFilter
from timeline.models import Event

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the index exists on PostgreSQL only"
    ),
]


def test_the_word_search_uses_the_index(client):
    make_event(title="Bridge near Glushkovo destroyed")
    filtered = EventFilter({"q": "bridge"}, queryset=Event.objects.all()).qs
    with connection.cursor() as cursor:
        # A tiny table is cheaper to scan; make the planner show whether it can use the index.
        cursor.execute("SET LOCAL enable_seqscan = off")
    assert "timeline_event_search" in filtered.explain()
    assert [event.title for event in filtered] == ["Bridge near Glushkovo destroyed"]

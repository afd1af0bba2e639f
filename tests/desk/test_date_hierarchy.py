"""The events list's date hierarchy: the years, months and days that hold events, found from
the index on the sort instant rather than by reading every row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html

from tests.factories import make_event

pytestmark = pytest.mark.django_db

LIST = "/admin/timeline/event/"


@pytest.fixture
def dated_events():
    # No event in 2025, none in March to July 2024, none on 7 August 2024.
    for year, month, day in [(2023, 12, 31), (2024, 2, 29), (2024, 8, 6), (2024, 8, 8)]:
        make_event(start_year=year, start_month=month, start_day=day)
    make_event(start_year=2024, start_month=8, start_day=8, start_hour=23, start_minute=50)
    make_event(start_year=2026, start_month=1, start_day=1, start_hour=0, start_minute=5)


def offered(client, query=""):
    """The hierarchy's choices on the list page, and the SQL that the page ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST + query)
    assert response.status_code == 200
    page = html.fromstring(response.content)
    choices = page.xpath('//nav[@class="toplinks"]/a[not(@class="date-back")]')
    return [choice.text_content() for choice in choices], [q["sql"] for q in queries]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["2023", "2024", "2026"]),
        ("?sorts_at__year=2024", ["February 2024", "August 2024"]),
        ("?sorts_at__year=2024&sorts_at__month=8", ["6 August", "8 August"]),
        ("?sorts_at__year=2025", []),
    ],
)
def test_the_hierarchy_offers_the_periods_that_hold_events(
    client, editor, dated_events, query, expected
):
    client.force_login(editor)
    choices, queries = offered(client, query)
    assert choices == expected
    if connection.features.supports_slicing_ordering_in_compound:  # PostgreSQL: the index
        assert not any("DISTINCT" in sql and "sorts_at" in sql for sql in queries)


def test_a_search_narrows_the_hierarchy(client, editor, dated_events):
    make_event(title="Sudzha taken", start_year=2022, start_month=5, start_day=1)
    client.force_login(editor)
    assert offered(client, "?q=Sudzha")[0] == ["1 May"]

"""Filtering the timeline by address: each filter, the choices offered, every bad value."""

import re

import pytest
from django.db import connection

from tests.factories import make_event
from tests.timeline.factories import make_filter_story
from timeline.filters import EventFilter
from timeline.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return make_filter_story()


def titles(response):
    assert response.status_code == 200
    return re.findall(r'class="event-title"[^>]*><a href="[^"]+">([^<]+)</a>', response.text)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["Forces cross the border", "Seym bridge destroyed", "Talks on prisoner exchange"]),
        ("storyline=incursion", ["Forces cross the border", "Seym bridge destroyed"]),
        ("storyline=diplomacy", ["Talks on prisoner exchange"]),
        ("kind=infrastructure", ["Seym bridge destroyed"]),
        ("verification=confirmed", ["Forces cross the border"]),
        ("place=sudzha", ["Forces cross the border"]),
        ("source=reuters", ["Forces cross the border", "Talks on prisoner exchange"]),
        ("party=russia", ["Seym bridge destroyed"]),
        ("from=2024-08-16", ["Seym bridge destroyed", "Talks on prisoner exchange"]),
        ("to=2024-08-16", ["Forces cross the border", "Seym bridge destroyed"]),
        ("from=2024-08-16&to=2024-08-16", ["Seym bridge destroyed"]),
        ("q=bridge", ["Seym bridge destroyed"]),
        ("q=exchange", ["Talks on prisoner exchange"]),
        ("storyline=incursion&verification=claimed", ["Seym bridge destroyed"]),
        (
            "order=newest",
            ["Talks on prisoner exchange", "Seym bridge destroyed", "Forces cross the border"],
        ),
        ("q=plant", []),
        (
            "utm_source=newsletter",
            ["Forces cross the border", "Seym bridge destroyed", "Talks on prisoner exchange"],
        ),
    ],
)
def test_each_filter_narrows_the_list(client, story, query, expected):
    assert titles(client.get(f"/timeline/?{query}")) == expected


def test_a_month_event_is_in_a_range_only_once_its_month_is_over(client, story):
    make_event(slug="month", title="Fighting through August")
    assert "Fighting through August" in titles(client.get("/timeline/?from=2024-08-20"))
    assert "Fighting through August" not in titles(client.get("/timeline/?to=2024-08-20"))
    assert "Fighting through August" in titles(client.get("/timeline/?to=2024-08-31"))


def test_choices_list_only_what_published_events_use(client, story):
    html = client.get("/timeline/").text
    form = html[html.index("<form") : html.index("</form>")]
    for used in (
        "The Kursk incursion",
        "Diplomacy",
        "Sudzha",
        "Reuters",
        "Russia",
        "Infrastructure",
        "Diplomatic",
        "Confirmed",
        "Claimed",
    ):
        assert used in form
    for unused in (
        "Hidden storyline",
        "Hidden place",
        "Leaky source",
        "Nuclear safety",
        ">False<",
        "Casualty figures",
    ):
        assert unused not in form
    assert form.count(">Reuters<") == 1


def test_the_form_works_without_script_or_csrf(client, story):
    html = client.get("/timeline/").text
    form = html[html.index("<form") : html.index("</form>")]
    assert 'method="get"' in form and "csrfmiddlewaretoken" not in form
    for name in (
        "q",
        "storyline",
        "kind",
        "verification",
        "place",
        "source",
        "party",
        "from",
        "to",
        "order",
        "date",
    ):
        assert f'name="{name}"' in form
        assert re.search(rf'<label for="id_{name}">', form), name


def test_the_form_keeps_what_was_chosen(client, story):
    html = client.get("/timeline/?storyline=incursion&from=2024-08-02&q=bridge").text
    assert re.search(r'<option value="incursion" selected>', html)
    assert 'value="2024-08-02"' in html and 'value="bridge"' in html


def test_active_filters_each_have_a_remove_link(client, story):
    html = client.get("/timeline/?storyline=incursion&verification=claimed&page=1").text
    active = html[html.index('class="tl-active"') :]
    assert "Storyline: The Kursk incursion" in active and "Status: Claimed" in active
    assert 'href="?verification=claimed">remove' in active
    assert 'href="?storyline=incursion">remove' in active
    assert "Clear all filters" in active
    assert 'class="tl-active"' not in client.get("/timeline/").text


@pytest.mark.parametrize(
    "query, message",
    [
        ("from=yesterday", "From: “yesterday”: Enter a valid date."),
        ("to=2024-02-30", "To: “2024-02-30”: Enter a valid date."),
        ("storyline=unknown-slug", "Storyline: “unknown-slug”: “unknown-slug” is not among"),
        ("storyline=hidden", "“hidden” is not among the choices that published events use"),
        ("place=hidden-place", "Place: “hidden-place”"),
        ("source=leaky", "Source cited: “leaky”"),
        ("party=nobody", "Party cited: “nobody”"),
        ("verification=nonsense", "Status: “nonsense”"),
        ("kind=nuclear_safety", "Kind: “nuclear_safety”"),
        ("order=sideways", "Order: “sideways”"),
        ("from=2024-08-20&to=2024-08-01", "The range starts (20 August 2024) after it ends"),
        ("date=soon", "Jump to date: “soon”: Enter a valid date."),
        ("to=9999-12-31", "To: “9999-12-31”: The timeline searches days from 0001-01-02 to"),
        ("from=0001-01-01", "From: “0001-01-01”: The timeline searches days from 0001-01-02"),
        ("order=newest&date=9999-12-31", "Jump to date: “9999-12-31”: The timeline searches"),
        ("date=0001-01-01", "Jump to date: “0001-01-01”: The timeline searches days"),
        ("page=abc", "Page: “abc” is not a page number"),
        ("page=0", "Page: That page number is less than 1"),
        ("page=-2", "Page: That page number is less than 1"),
        ("q=" + "x" * 201, "Words: “xxx"),
    ],
)
def test_a_bad_value_gets_a_400_that_says_what_was_wrong(client, story, query, message):
    response = client.get(f"/timeline/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode().replace("&quot;", '"')
    assert "Forces cross the border" not in response.text
    assert response.text.count("<h1") == 1


def test_the_first_and_last_searchable_days_answer(client, story):
    everything = titles(client.get("/timeline/"))
    assert titles(client.get("/timeline/?from=0001-01-02&to=9999-12-30")) == everything


def test_several_bad_values_are_all_named(client, story):
    html = client.get("/timeline/?from=yesterday&verification=nonsense").text
    assert "“yesterday”" in html and "“nonsense”" in html


def test_a_page_past_the_end_is_not_found(client, story):
    assert client.get("/timeline/?page=2").status_code == 404


def test_jump_to_date_lands_on_the_page_holding_it(client, story, monkeypatch):
    monkeypatch.setattr("timeline.views.EVENTS_PER_PAGE", 1)
    monkeypatch.setattr("timeline.views.EventListView.paginate_by", 1)
    response = client.get("/timeline/?storyline=incursion&date=2024-08-16")
    assert response.status_code == 302
    assert response["Location"] == "?storyline=incursion&page=2#d-2024-08-16"
    assert titles(client.get("/timeline/?storyline=incursion&page=2")) == ["Seym bridge destroyed"]
    newest = client.get("/timeline/?order=newest&date=2024-08-06")
    assert newest["Location"] == "?order=newest&page=3#d-2024-08-06"


def landing(client, query):
    """Follow a jump; the heading it lands on must be on the page it leads to."""
    response = client.get(f"/timeline/?{query}")
    assert response.status_code == 302, response.status_code
    page, anchor = response["Location"].split("#")
    html = client.get(f"/timeline/{page}").text
    assert f'id="{anchor}"' in html, f"#{anchor} is not on {page}"
    return response["Location"]


@pytest.mark.parametrize(
    "query, location",
    [
        # Only "August 2024" holds the 21st, oldest first; the 20th is the nearest day after.
        ("date=2024-08-21", "?page=4#d-2024-08"),
        ("date=2024-08-18", "?page=3#d-2024-08-20"),
        ("date=2024-08-06", "?page=1#d-2024-08-06"),
        ("date=2023-01-01", "?page=1#d-2024-08-06"),
        # Newest first, "August 2024" comes first and holds every day of August; a day with a
        # heading of its own still lands there.
        ("order=newest&date=2024-08-18", "?order=newest&page=1#d-2024-08"),
        ("order=newest&date=2024-08-16", "?order=newest&page=3#d-2024-08-16"),
        ("order=newest&date=2025-03-01", "?order=newest&page=1#d-2024-08"),
        ("storyline=incursion&date=2024-08-17", None),
    ],
)
def test_jump_to_date_lands_on_the_heading_that_holds_or_follows_it(
    client, story, monkeypatch, query, location
):
    monkeypatch.setattr("timeline.views.EVENTS_PER_PAGE", 1)
    monkeypatch.setattr("timeline.views.EventListView.paginate_by", 1)
    make_event(slug="month", title="Fighting through August")
    if location is None:
        html = client.get(f"/timeline/?{query}").text
        assert "Nothing here is dated on or after 17 August 2024." in html
    else:
        assert landing(client, query) == location


def test_jump_to_date_on_a_story_known_only_by_month(client):
    make_event(slug="a", title="Fighting through August")
    make_event(slug="b", title="Talks in September", start_month=9)
    assert landing(client, "date=2024-08-20") == "?page=1#d-2024-08"
    assert landing(client, "date=2024-08-31") == "?page=1#d-2024-08"
    assert landing(client, "date=2024-09-01") == "?page=1#d-2024-09"
    assert landing(client, "order=newest&date=2024-08-20") == "?order=newest&page=1#d-2024-08"


@pytest.mark.parametrize(
    "query, note",
    [
        ("date=2024-10-01", "Nothing here is dated on or after 1 October 2024."),
        ("order=newest&date=2024-07-31", "Nothing here is dated on or before 31 July 2024."),
    ],
)
def test_jump_past_every_event_says_so(client, story, query, note):
    response = client.get(f"/timeline/?{query}")
    assert response.status_code == 200
    assert note in response.text
    assert "Forces cross the border" in response.text  # the list is still there to read


@pytest.mark.parametrize(
    "query, location",
    [
        ("date=0001-01-02", "?page=1#d-2024-08-06"),
        ("order=newest&date=9999-12-30", "?order=newest&page=1#d-2024-08-20"),
    ],
)
def test_jump_to_the_calendars_ends_lands_at_the_list_ends(client, story, query, location):
    assert landing(client, query) == location


def test_filtered_choices_and_counts_never_count_unpublished_events(client, story):
    html = client.get("/timeline/?q=plant").text
    assert "Draft about a plant" not in html
    assert "No published event matches these filters." in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL plan")
def test_a_status_filters_page_reads_down_an_index_of_status_and_order():
    """At 100,000 events, reading the whole timeline's order for the few of one status read
    thousands of rows for a page: the status and the order are one index."""
    for verification in Event.Verification.values:
        make_event(verification=verification)
    with connection.cursor() as cursor:
        # A tiny table is cheaper to scan and sort: make the planner show what it can use.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
    page = EventFilter({"verification": "claimed"}, queryset=Event.objects.published()).qs
    assert "event_status_in_order" in page[:50].explain()

"""The event form's date boxes: typed as an editor says it, stored as the same parts as ever."""

import re

import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test.testcases import assert_and_parse_html

from tests.desk.forms import admin_form_data
from tests.desk.test_event_admin import ADD_URL, change_url, new_event_data
from tests.factories import make_event
from timeline.date_fields import ZoneSelect, zone_choices
from timeline.models import Event

pytestmark = pytest.mark.django_db

DATES_URL = "/admin/timeline/event/dates/"
PARTS = ["year", "month", "day", "hour", "minute"]
NOTHING = dict.fromkeys(PARTS)


def add(client, **dates):
    return client.post(ADD_URL, new_event_data(client, **dates))


def stored(event):
    event.refresh_from_db()
    start = {part: getattr(event, f"start_{part}") for part in PARTS}
    end = {part: getattr(event, f"end_{part}") for part in PARTS}
    return start, end, event.is_approximate, event.time_zone


def parts(*values):
    return {**NOTHING, **dict(zip(PARTS, values, strict=False))}


def echo(response, name):
    found = re.search(rf'<p class="date-echo" id="id_{name}_echo"[^>]*>(.*?)</p>', response.text)
    return found[1] if found else None


@pytest.fixture
def editing(client, editor):
    client.force_login(editor)
    return client


@pytest.mark.parametrize(
    ("dates", "start", "end", "approximate", "zone"),
    [
        ({"start": "2024"}, parts(2024), NOTHING, False, "Europe/Kyiv"),
        ({"start": "Aug 2024"}, parts(2024, 8), NOTHING, False, "Europe/Kyiv"),
        ({"start": "c. August 2024"}, parts(2024, 8), NOTHING, True, "Europe/Kyiv"),
        ({"start": "about 6 Aug 2024"}, parts(2024, 8, 6), NOTHING, True, "Europe/Kyiv"),
        (
            {"start": "6 August 2024 14:20", "time_zone": "Europe/London"},
            parts(2024, 8, 6, 14, 20),
            NOTHING,
            False,
            "Europe/London",
        ),
        ({"start": "2024-08-06T14"}, parts(2024, 8, 6, 14), NOTHING, False, "Europe/Kyiv"),
        ({"start": "6–7 Aug 2024"}, parts(2024, 8, 6), parts(2024, 8, 7), False, "Europe/Kyiv"),
        (
            {"start": "6 Aug 2024 14:20", "end": "16:00"},
            parts(2024, 8, 6, 14, 20),
            parts(2024, 8, 6, 16, 0),
            False,
            "Europe/Kyiv",
        ),
        (
            {"start": "Aug 2024", "end": "c. Sep 2024"},
            parts(2024, 8),
            parts(2024, 9),
            True,
            "Europe/Kyiv",
        ),
        # The same end twice (the range, and the end box) is no contradiction.
        (
            {"start": "6–7 Aug 2024", "end": "7 August 2024"},
            parts(2024, 8, 6),
            parts(2024, 8, 7),
            False,
            "Europe/Kyiv",
        ),
    ],
)
def test_a_typed_date_is_stored_as_its_parts(editing, dates, start, end, approximate, zone):
    response = add(editing, **dates)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert stored(Event.objects.get(slug="talks")) == (start, end, approximate, zone)


def test_an_event_opens_with_its_date_in_words_and_saves_back_unchanged(editing):
    event = make_event(
        start_year=2024,
        start_month=8,
        start_day=6,
        start_hour=14,
        start_minute=20,
        end_year=2024,
        end_month=8,
        end_day=7,
        is_approximate=True,
        time_zone="Europe/Moscow",
    )
    before = stored(event)
    page = editing.get(change_url(event))
    form = page.context["adminform"].form
    assert form["start"].value() == "c. 6 August 2024, 14:20"
    assert form["end"].value() == "7 August 2024"
    assert echo(page, "start") == "c. 6 August 2024, 14:20 Moscow time – 7 August 2024"
    assert echo(page, "end") == "7 August 2024"
    response = editing.post(change_url(event), admin_form_data(page, title="Renamed"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert stored(event) == before


def test_an_hour_opens_as_its_window_and_stays_an_hour(editing):
    event = make_event(start_year=2024, start_month=8, start_day=6, start_hour=14)
    page = editing.get(change_url(event))
    assert page.context["adminform"].form["start"].value() == "6 August 2024, 14:00–15:00"
    assert editing.post(change_url(event), admin_form_data(page)).status_code == 302
    assert stored(event)[0] == parts(2024, 8, 6, 14)


def test_changing_the_date_rewrites_every_part(editing):
    event = make_event(start_year=2024, start_month=8, start_day=6, end_year=2024, end_month=9)
    page = editing.get(change_url(event))
    response = editing.post(change_url(event), admin_form_data(page, start="2023", end=""))
    assert response.status_code == 302
    assert stored(event)[:3] == (parts(2023), NOTHING, False)


@pytest.mark.parametrize(
    ("dates", "box", "message"),
    [
        ({"start": "31 September 2024"}, "start", "There is no 31 September."),
        ({"start": "6 Agust 2024"}, "start", "“Agust” is not a month."),
        ({"start": "6–4 Aug 2024"}, "start", "The end (4 August 2024) is before the start"),
        ({"start": "6 Aug 2024", "end": "5 Aug 2024"}, "end", "The end (5 August 2024) is"),
        (
            {"start": "6–7 Aug 2024", "end": "9 Aug 2024"},
            "end",
            "The start box already ends the range on 7 August 2024",
        ),
        ({"start": ""}, "start", "Type when it happened, e.g. 6 August 2024."),
        ({"start": "2024", "time_zone": "Kyiv"}, "time_zone", "Select a valid choice."),
    ],
)
def test_a_wrong_date_is_a_form_error_and_nothing_is_stored(editing, dates, box, message):
    response = add(editing, **dates)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors[box][0].startswith(message), errors
    assert message in response.text.replace("&#x27;", "'").replace("&quot;", '"')
    assert not Event.objects.exists()


def test_a_wrong_date_leaves_the_stored_one_alone(editing):
    event = make_event(start_year=2024, start_month=8, start_day=6)
    before = stored(event)
    page = editing.get(change_url(event))
    response = editing.post(change_url(event), admin_form_data(page, start="31 Sep 2024"))
    assert response.status_code == 200
    assert stored(event) == before
    assert event.version == page.context["adminform"].form.instance.version


def test_a_model_error_about_a_part_shows_on_its_box(editing):
    form = editing.get(ADD_URL).context["adminform"].form
    form.cleaned_data = {}
    form._update_errors(ValidationError({"end_year": "The end cannot come before the start."}))
    assert form.errors == {"end": ["The end cannot come before the start."]}


def test_without_javascript_the_save_says_back_what_was_understood(editing):
    response = add(editing, start="c. aug 2024", end="sept 2024", _continue="1")
    event = Event.objects.get(slug="talks")
    page = editing.get(response.url)
    assert echo(page, "start") == "c. August–September 2024"
    assert echo(page, "end") == "September 2024"
    assert page.context["adminform"].form["start"].value() == "c. August 2024"
    # A save refused for another field keeps what was typed and says how it was read.
    response = editing.post(
        change_url(event), admin_form_data(page, start="6 aug 2024 14:20", title="")
    )
    assert response.status_code == 200
    assert echo(response, "start") == "6 August 2024, 14:20 Kyiv time – September 2024"
    assert 'aria-describedby="id_start_echo id_start_helptext"' in response.text


def test_the_zone_is_a_choice_of_real_zones_with_the_newsrooms_first(editing):
    zone = editing.get(ADD_URL).context["adminform"].form.fields["time_zone"]
    values = [value for value, _ in zone.choices]
    assert values[0] == settings.NEWSROOM_EVENT_TIME_ZONE == "Europe/Kyiv"
    assert {"UTC", "Europe/London", "America/New_York"} <= set(values)
    assert "Kyiv" not in values


class TestTheEndpoint:
    def ask(self, client, **query):
        response = client.get(DATES_URL, query)
        assert response.status_code == 200
        return response.json()

    def test_says_back_each_box(self, editing):
        answer = self.ask(editing, start="c. Aug 2024", end="6 Sep 2024", time_zone="UTC")
        assert answer == {
            "start": {"label": "c. August 2024 – 6 September 2024", "error": ""},
            "end": {"label": "6 September 2024", "error": ""},
        }

    def test_uses_the_zone_chosen(self, editing):
        answer = self.ask(editing, start="6 Aug 2024 14:20", time_zone="Europe/London")
        assert answer["start"]["label"] == "6 August 2024, 14:20 London time"

    def test_says_what_is_wrong(self, editing):
        answer = self.ask(editing, start="31 September 2024", end="")
        assert answer["start"] == {"label": "", "error": "There is no 31 September."}
        assert answer["end"] == {"label": "", "error": ""}

    @pytest.mark.parametrize(
        "query",
        [
            {"start": "6 Aug\x00 2024"},
            {"start": "9" * 10_000},
            {"start": "2024", "time_zone": "../../etc/passwd"},
            {"end": "16:00"},
            {},
        ],
    )
    def test_odd_input_is_answered_in_words(self, editing, query):
        answer = self.ask(editing, **query)
        assert set(answer) == {"start", "end"}

    def test_invalid_utf8_is_answered_in_words(self, editing):
        assert editing.get(f"{DATES_URL}?start=%FF%FE2024").json()["start"]["error"]

    def test_is_for_those_who_write_events(self, client, reporter, moderator):
        assert client.get(DATES_URL, {"start": "2024"}).status_code == 302  # to the login
        client.force_login(moderator)
        assert client.get(DATES_URL, {"start": "2024"}).status_code == 403
        client.force_login(reporter)
        assert client.get(DATES_URL, {"start": "2024"}).status_code == 200

    def test_only_reads(self, editing):
        assert editing.post(DATES_URL, {"start": "2024"}).status_code == 405


def parse(html):
    return assert_and_parse_html(None, html, None, "Invalid HTML:")


@pytest.mark.parametrize("value", [None, "", "Europe/Kyiv", "Europe/Moscow", "Nowhere/Else"])
def test_the_zone_list_is_the_select_django_would_write(value):
    """Written in one pass for speed, it is the same element as Django's own select."""
    choices = [*zone_choices(), ("A&B <zone>", "A&B <zone>")]
    attrs = {"id": "id_time_zone", "required": True, "aria-describedby": "id_time_zone_helptext"}
    ours = ZoneSelect(choices=choices).render("time_zone", value, attrs)
    django_own = forms.Select(choices=choices).render("time_zone", value, attrs)
    assert parse(ours) == parse(django_own)
    assert ours.count(" selected") == (value in dict(choices))


def test_the_event_form_offers_every_zone_with_the_events_chosen(client, editor):
    client.force_login(editor)
    event = make_event(time_zone="Europe/Moscow")
    html = client.get(change_url(event)).text
    zones = re.search(r'<select[^>]* name="time_zone"[^>]*>(.*?)</select>', html, re.DOTALL).group(
        1
    )
    assert len(re.findall("<option ", zones)) == len(zone_choices())
    assert re.findall(r'<option value="([^"]+)" selected>', zones) == ["Europe/Moscow"]

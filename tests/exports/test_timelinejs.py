"""The TimelineJS 3 export: each date at its own precision, storylines as groups, text escaped."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from tests.factories import make_event, make_storyline

from .helpers import TIMELINEJS, parsed

pytestmark = pytest.mark.django_db


def slides(client, query=""):
    response = client.get(TIMELINEJS + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return {slide["unique_id"]: slide for slide in parsed(response)["events"]}


def test_each_date_carries_exactly_the_parts_known(client, story):
    by_id = slides(client)
    assert by_id["year"]["start_date"] == {"year": 2024}
    assert by_id["month"]["start_date"] == {"year": 2024, "month": 8}
    assert by_id["day"]["start_date"] == {"year": 2024, "month": 8, "day": 6}
    assert by_id["day"]["end_date"] == {"year": 2024, "month": 8, "day": 8}
    # TimelineJS knows no time zone: the wall clock in the event's zone, and the zone in words.
    assert by_id["minute"]["start_date"] == {
        "year": 2024,
        "month": 8,
        "day": 6,
        "hour": 14,
        "minute": 20,
        "display_date": "6 August 2024, 14:20 Kyiv time",
    }
    assert by_id["hour"]["start_date"] == {
        "year": 2024,
        "month": 8,
        "day": 7,
        "hour": 3,
        "display_date": "7 August 2024, 03:00–04:00 Moscow time",
    }
    for slug in ("year", "month", "day"):
        assert "display_date" not in by_id[slug]


def test_an_approximate_date_reads_as_the_site_writes_it(client, story):
    slide = slides(client)["approximate"]
    assert slide["start_date"] == {"year": 2024, "month": 8, "display_date": "c. August 2024"}
    assert slide["display_date"] == story["approximate"].date_label == "c. August 2024"


def test_storylines_are_groups_the_first_by_position_when_several(client, story):
    by_id = slides(client)
    assert by_id["month"]["group"] == "The Kursk incursion"  # also in Diplomacy, position 2
    assert by_id["approximate"]["group"] == "Diplomacy"
    assert "group" not in by_id["year"]


def test_the_text_gives_status_attribution_corrections_and_link_escaped(client, story):
    text = slides(client)["minute"]["text"]
    assert text["headline"] == "=HYPERLINK(&quot;http://evil.example&quot;) strike"
    html = text["text"]
    assert "&lt;b&gt;bold&lt;/b&gt; &amp;" in html and "<b>" not in html
    assert "<strong>Status: Claimed.</strong>" in html
    assert "Claimed by Russia, a party to the conflict: Russia&#x27;s defence ministry." in html
    assert "Reported by Social media videos (affiliation unknown)." in html
    assert '<a href="http://testserver/events/minute/">' in html
    corrected = slides(client)["day"]["text"]["text"]
    assert "The crossing was on the 6th, not the 5th." in corrected
    assert "Dated ahead" not in corrected


def test_each_field_is_escaped_for_the_way_timelinejs_reads_it(client):
    """TimelineJS reads a group or display_date as HTML, takes its text, and writes that back
    as HTML: escaped twice. Headlines and texts it takes as HTML once. (The browser tests in
    tests/browser/test_timelinejs_embed.py show what readers see.)"""
    marked = '<test> & "q"'
    storyline = make_storyline(title=marked, slug="marked")
    make_event(slug="marked", title=marked, start_day=6, start_hour=9, storylines=[storyline])
    data = parsed(client.get(TIMELINEJS))
    slide = data["events"][0]
    assert slide["text"]["headline"] == "&lt;test&gt; &amp; &quot;q&quot;"
    assert slide["group"] == "&amp;lt;test&amp;gt; &amp;amp; &amp;quot;q&amp;quot;"
    assert slide["display_date"] == "6 August 2024, 09:00–10:00 Kyiv time"
    # Autolink would rewrite addresses in the text after TimelineJS cleans it.
    assert slide["autolink"] is False and data["title"]["autolink"] is False


def test_an_image_is_media_with_its_absolute_address_credit_and_alt(client, story):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "grey").save(buffer, "PNG")
    event = story["day"]
    event.image.save("crossing.png", ContentFile(buffer.getvalue()), save=False)
    event.image_alt, event.image_credit = "A column of vehicles", "Photo agency"
    event.save()
    media = slides(client)["day"]["media"]
    assert media["url"].startswith("http://testserver/media/events/")
    assert media["url"].endswith(".png")
    assert (media["alt"], media["credit"]) == ("A column of vehicles", "Photo agency")
    assert "media" not in slides(client)["month"]


def test_one_storyline_is_a_timeline_of_its_own(client, story):
    response = client.get(TIMELINEJS + "?storyline=diplomacy")
    data = parsed(response)
    assert data["title"]["text"]["headline"] == "Diplomacy"
    assert "?storyline=diplomacy" in data["title"]["text"]["text"]
    assert [slide["unique_id"] for slide in data["events"]] == ["month", "approximate"]

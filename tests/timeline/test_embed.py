"""The timeline's and the map's embeds: the same filters as their pages, framable by any site,
light and cached."""

import base64
import hashlib
import re
from decimal import Decimal
from html import unescape
from urllib.parse import parse_qs

import pytest
from django.core.cache import cache

from tests.factories import make_citation, make_event, make_place, make_source, make_storyline
from tests.timeline.test_views import count_queries, make_events
from timeline.models import Event, Storyline
from timeline.views import EMBED_EVENTS_PER_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    front, talks = make_storyline(title="The front", slug="front"), make_storyline(slug="talks")
    witness = make_source(name="A witness")
    for day in range(1, 16):
        event = make_event(
            slug=f"day-{day}",
            title=f"Day {day} at the front",
            start_day=day,
            storylines=[front] if day % 3 else [talks],
        )
        make_citation(event, witness)


def titles(response):
    return re.findall(r'class="event-title" id="event-\d+"><a href="[^"]+">([^<]+)<', response.text)


def test_the_embed_shows_a_first_screen_of_events_and_the_way_to_the_rest(client, story):
    response = client.get("/embed/timeline/")
    assert response.status_code == 200
    assert titles(response) == [f"Day {day} at the front" for day in range(1, 11)]
    assert "15 events, oldest first; 1 to 10 here." in response.text
    assert '<a href="?page=2" target="_self" rel="next">Later events</a>' in response.text
    assert '<a href="/timeline/?">The whole timeline</a>' in response.text
    assert titles(client.get("/embed/timeline/?page=2")) == [
        f"Day {day} at the front" for day in range(11, 16)
    ]
    assert EMBED_EVENTS_PER_PAGE == 10


@pytest.mark.parametrize(
    "query", ["?storyline=talks", "?storyline=front&order=newest", "?q=Day+1&from=2024-08-10"]
)
def test_the_embed_selects_what_the_timeline_selects(client, story, query):
    embed, page = client.get(f"/embed/timeline/{query}"), client.get(f"/timeline/{query}")
    assert titles(embed) == titles(page)[:EMBED_EVENTS_PER_PAGE]
    whole = re.search(r'<h1><a href="/timeline/\?([^"]*)">', embed.text).group(1)
    assert parse_qs(unescape(whole)) == parse_qs(query[1:])


EMBEDS = ["/embed/timeline/", "/embed/map/"]


@pytest.mark.parametrize(("embed", "what"), [("timeline", "timeline"), ("map", "map")])
def test_a_bad_filter_is_a_400_that_says_what_and_can_be_framed(client, story, embed, what):
    response = client.get(f"/embed/{embed}/?storyline=nope&from=2024-02-30")
    assert response.status_code == 400
    assert f"The {what} cannot show what the address asks for" in response.text
    assert "“nope” is not among the choices" in response.text
    assert "From: “2024-02-30”" in response.text
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]


@pytest.mark.parametrize("embed", EMBEDS)
def test_any_site_may_frame_the_embed_from_the_view_or_the_stored_copy(client, story, embed):
    for _ in range(2):  # made, then served from the stored pages
        response = client.get(f"{embed}?storyline=front")
        assert "X-Frame-Options" not in response
        assert response["Cross-Origin-Opener-Policy"] == "unsafe-none"
        policy = response["Content-Security-Policy"]
        assert "frame-ancestors *" in policy
        assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy


def test_every_other_page_still_refuses_framing(client, story):
    pages = ["/timeline/", "/map/", "/events/day-1/", "/", "/oembed?url=http://testserver/map/"]
    for path in pages:
        response = client.get(path)
        assert response["X-Frame-Options"] == "DENY", path
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", path
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], path


@pytest.mark.parametrize(("embed", "stylesheets"), [(EMBEDS[0], 1), (EMBEDS[1], 2)])
def test_the_inline_stylesheets_are_the_ones_the_policy_allows(client, story, embed, stylesheets):
    response = client.get(embed)
    styles = re.findall(r"<style>(.*?)</style>", response.text, re.DOTALL)
    assert len(styles) == stylesheets
    allowed = re.search(r"style-src ([^;]*)", response["Content-Security-Policy"]).group(1)
    for style in styles:
        digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed.split()
    # Nothing to fetch before the first paint: no stylesheet, no script, no image.
    assert not re.search(r'<link rel="stylesheet"|<script|<img', response.text)


@pytest.mark.parametrize("embed", EMBEDS)
def test_the_embed_sets_no_cookie_and_is_stored_like_every_public_page(client, story, embed):
    # A stale session and a malformed CSRF cookie, which other pages answer with cookies.
    client.cookies.load({"sessionid": "stale", "csrftoken": "malformed"})
    assert set(client.get("/timeline/?order=newest").cookies) == {"sessionid", "csrftoken"}
    first = client.get(embed)
    assert not first.cookies
    assert "Cookie" not in first.get("Vary", "")
    assert "csrfmiddlewaretoken" not in first.text
    assert "public" in first["Cache-Control"] and "must-revalidate" in first["Cache-Control"]
    again = client.get(embed)
    assert again.content == first.content and not again.cookies
    revalidated = client.get(embed, headers={"If-None-Match": first["ETag"]})
    assert revalidated.status_code == 304


@pytest.mark.parametrize("embed", EMBEDS)
def test_a_partners_parameters_never_reach_the_embeds_links(client, story, embed):
    response = client.get(f"{embed}?storyline=front&utm_source=partner&date=2024-08-06&day=x")
    assert response.status_code == 200
    assert "utm_source" not in response.text and "date=" not in response.text
    assert "day=" not in response.text


def test_the_timeline_offers_its_embed_with_its_filters(client, story):
    response = client.get("/timeline/?storyline=front&order=newest&page=1&utm_source=x")
    code = re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', response.text).group(1)
    assert code == (
        "&lt;iframe src=&quot;http://testserver/embed/timeline/?storyline=front&amp;amp;"
        "order=newest&quot; title=&quot;Timeline (Storyline: The front), from Newsroom&quot; "
        "width=&quot;640&quot; height=&quot;600&quot; loading=&quot;lazy&quot; "
        "style=&quot;border: 0; max-width: 100%&quot;&gt;&lt;/iframe&gt;"
    )
    assert (
        '<link rel="alternate" type="application/json+oembed" href="http://testserver/oembed?'
        "url=http%3A%2F%2Ftestserver%2Ftimeline%2F%3Fstoryline%3Dfront%26order%3Dnewest&amp;"
        'format=json" title="Timeline (Storyline: The front)">'
    ) in response.text


def test_embed_queries_do_not_grow_with_the_story(client):
    make_events(12)
    storyline = Storyline.objects.first().slug
    for path in ["/embed/timeline/", f"/embed/timeline/?storyline={storyline}&order=newest"]:
        cache.clear()
        few = count_queries(client, path)
        make_events(300)
        cache.clear()
        many = count_queries(client, path)
        # The validator, the story's summary, the events and their storylines and citations; a
        # filtered list sums its own days in one more.
        assert len(few) == len(many) == (6 if "storyline" in path else 5), path
        assert len(set(many)) == len(many), "a query ran twice"
    assert Event.objects.count() == 612


def map_marks(html):
    """The events the map's drawing links to, in order."""
    drawing = re.search(r'<svg class="story-map".*?</svg>', html, re.DOTALL).group(0)
    return re.findall(r'class="map-event[^"]*" href="/events/([^/]+)/"', drawing)


@pytest.mark.parametrize("query", ["", "storyline=talks", "storyline=front&from=2024-08-10"])
def test_the_map_embed_draws_what_the_map_draws(client, query):
    sudzha = make_place(
        name="Sudzha", slug="sudzha", latitude=Decimal("51.19"), longitude=Decimal("35.27")
    )
    front, talks = make_storyline(slug="front"), make_storyline(slug="talks")
    for day in range(1, 16):
        make_event(
            slug=f"day-{day}", start_day=day, place=sudzha, storylines=[front, talks][day % 2 :][:1]
        )
    embed, page = client.get(f"/embed/map/?{query}"), client.get(f"/map/?{query}")
    assert map_marks(embed.text) == map_marks(page.text)
    assert map_marks(embed.text), "the map draws events"
    assert "How to read the map" in embed.text and "Places on the map" in embed.text
    whole = re.search(r'<h1><a href="/map/\?([^"]*)">', embed.text).group(1)
    assert parse_qs(unescape(whole)) == parse_qs(query)


def test_the_map_offers_its_embed_with_its_filters(client, story):
    response = client.get("/map/?storyline=front&day=2024-08-06&utm_source=x")
    code = unescape(
        re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', response.text).group(1)
    )
    assert code.startswith(
        '<iframe src="http://testserver/embed/map/?storyline=front" '
        'title="Map (Storyline: The front), from Newsroom"'
    )
    assert (
        '<link rel="alternate" type="application/json+oembed" href="http://testserver/oembed?'
        "url=http%3A%2F%2Ftestserver%2Fmap%2F%3Fstoryline%3Dfront&amp;"
        'format=json" title="Map (Storyline: The front)">'
    ) in response.text


def test_map_embed_queries_do_not_grow_with_the_story(client):
    places = [
        make_place(slug=f"place-{n}", latitude=Decimal("51.2"), longitude=Decimal(f"35.{n}"))
        for n in range(3)
    ]
    make_events(12)
    storyline = Storyline.objects.first().slug
    for path in ["/embed/map/", f"/embed/map/?storyline={storyline}"]:
        cache.clear()
        Event.objects.update(place=places[0])
        few = count_queries(client, path)
        make_events(300)
        for n, place in enumerate(places):
            Event.objects.filter(pk__gt=n * 200).update(place=place)
        cache.clear()
        many = count_queries(client, path)
        # The validator, the story's summary (the filters' choices, the events at each place),
        # the latest events at each place; a filtered map counts its own places.
        assert len(few) == len(many) == (4 if "storyline" in path else 3), (path, many)
        assert len(set(many)) == len(many), "a query ran twice"

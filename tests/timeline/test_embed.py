"""The timeline's embed: the same filters as the page, framable by any site, light and cached."""

import re
from html import unescape
from urllib.parse import parse_qs

import pytest
from django.core.cache import cache

from tests.factories import make_citation, make_event, make_source, make_storyline
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


def test_a_bad_filter_is_a_400_that_says_what_and_can_be_framed(client, story):
    response = client.get("/embed/timeline/?storyline=nope&from=2024-02-30")
    assert response.status_code == 400
    assert "“nope” is not among the choices" in response.text
    assert "From: “2024-02-30”" in response.text
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]


def test_any_site_may_frame_the_embed_from_the_view_or_the_stored_copy(client, story):
    for _ in range(2):  # made, then served from the stored pages
        response = client.get("/embed/timeline/?storyline=front")
        assert "X-Frame-Options" not in response
        policy = response["Content-Security-Policy"]
        assert "frame-ancestors *" in policy
        assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy


def test_every_other_page_still_refuses_framing(client, story):
    for path in ["/timeline/", "/events/day-1/", "/", "/oembed?url=http://testserver/timeline/"]:
        response = client.get(path)
        assert response["X-Frame-Options"] == "DENY", path
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], path


def test_the_inline_stylesheet_is_the_one_the_policy_allows(client, story):
    import base64
    import hashlib

    response = client.get("/embed/timeline/")
    styles = re.findall(r"<style>(.*?)</style>", response.text, re.DOTALL)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert f"style-src 'self' 'sha256-{digest}'" in response["Content-Security-Policy"]
    # Nothing to fetch before the first paint: no stylesheet, no script, no image.
    assert not re.search(r'<link rel="stylesheet"|<script|<img', response.text)


def test_the_embed_sets_no_cookie_and_is_stored_like_every_public_page(client, story):
    # A stale session and a malformed CSRF cookie, which other pages answer with cookies.
    client.cookies.load({"sessionid": "stale", "csrftoken": "malformed"})
    assert set(client.get("/timeline/?order=newest").cookies) == {"sessionid", "csrftoken"}
    first = client.get("/embed/timeline/")
    assert not first.cookies
    assert "Cookie" not in first.get("Vary", "")
    assert "csrfmiddlewaretoken" not in first.text
    assert "public" in first["Cache-Control"] and "must-revalidate" in first["Cache-Control"]
    again = client.get("/embed/timeline/")
    assert again.content == first.content and not again.cookies
    revalidated = client.get("/embed/timeline/", headers={"If-None-Match": first["ETag"]})
    assert revalidated.status_code == 304


def test_a_partners_parameters_never_reach_the_embeds_links(client, story):
    response = client.get("/embed/timeline/?storyline=front&utm_source=partner&date=2024-08-06")
    assert "utm_source" not in response.text and "date=" not in response.text


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

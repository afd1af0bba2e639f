"""Pages point feed readers at the feeds with <link rel="alternate">."""

import re

import pytest

from tests.factories import make_article, make_event, make_storyline

pytestmark = pytest.mark.django_db

TYPES = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
}
SITE_FEEDS = {
    (TYPES[fmt], f"/feeds/{name}.{fmt}") for name in ("timeline", "articles") for fmt in TYPES
}


def alternates(client, path):
    html = client.get(path).text
    return set(
        re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)">', html)
    )


@pytest.fixture
def front():
    storyline = make_storyline(title="The front", slug="front")
    event = make_event(slug="forces-cross", storylines=[storyline])
    make_article(slug="bridge", events=[event])
    return storyline


@pytest.mark.parametrize(
    "path",
    [
        *("/", "/timeline/", "/timeline/?kind=military", "/events/forces-cross/"),
        *("/articles/", "/articles/bridge/", "/sources/"),
    ],
)
def test_every_page_links_the_site_feeds(client, front, path):
    assert alternates(client, path) == SITE_FEEDS


def test_the_timeline_filtered_to_a_storyline_links_its_feeds_too(client, front):
    found = alternates(client, "/timeline/?storyline=front&order=newest")
    storyline_feeds = {(TYPES[fmt], f"/feeds/storylines/front.{fmt}") for fmt in TYPES}
    assert found == SITE_FEEDS | storyline_feeds
    assert 'title="The front (Atom)"' in client.get("/timeline/?storyline=front").text


def test_every_linked_feed_answers(client, front):
    for content_type, href in alternates(client, "/timeline/?storyline=front"):
        response = client.get(href)
        assert response.status_code == 200, href
        assert response["Content-Type"] == f"{content_type}; charset=utf-8", href

"""robots.txt as crawlers read it: Python's parser takes the first rule that matches."""

import urllib.robotparser

import pytest

from tests.factories import make_article, make_event, make_source

pytestmark = [pytest.mark.django_db, pytest.mark.validator]

CRAWLERS = ["*", "Googlebot", "SomeNewBot/1.0"]
PRIVATE = [
    "/admin/",
    "/admin/timeline/event/1/change/",
    "/preview/timeline.event/1/",
    "/preview/s/some-token/",
    "/submit/receipt/some-token/",
    "/uk/submit/receipt/some-token/",
    "/ru/submit/receipt/some-token/",
]


def robots(client):
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(client.get("/robots.txt").text.splitlines())
    return parser


@pytest.mark.parametrize("agent", CRAWLERS)
def test_crawlers_are_kept_out_of_the_desk_previews_and_receipts(client, agent):
    parser = robots(client)
    refused = [path for path in PRIVATE if parser.can_fetch(agent, f"http://testserver{path}")]
    assert refused == [], f"robots.txt lets {agent} crawl these"


@pytest.mark.parametrize("agent", CRAWLERS)
def test_crawlers_may_read_every_public_page(client, agent):
    event = make_event(slug="crossing")
    article = make_article(slug="story")
    source = make_source(slug="outlet")
    public = [
        "/",
        "/timeline/",
        "/timeline/?order=newest",
        event.get_absolute_url(),
        "/articles/",
        f"/articles/{article.slug}/",
        "/sources/",
        f"/sources/{source.slug}/",
        "/submit/",
        "/feeds/timeline.atom",
        "/sitemap.xml",
    ]
    parser = robots(client)
    assert [path for path in public if not parser.can_fetch(agent, path)] == []
    assert parser.site_maps() == ["http://testserver/sitemap.xml"]

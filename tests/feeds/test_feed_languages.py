"""Each feed in Ukrainian and Russian, at its language's address: it says its language the way
its format does, links to the pages in that language, and writes dates in that language's
grammar. Feed readers parse them as they parse the English ones."""

import json

import feedparser
import pytest

from tests.articles.factories import count_page_queries
from tests.factories import make_article, make_event, make_storyline

from .atom import atom_problems
from .reading import FORMATS, read_feed

pytestmark = pytest.mark.django_db

LANGUAGES = ["uk", "ru"]
# A month with a day, in the genitive: the item's date as its text gives it (timeline/dates.py).
DAY = {"uk": "6 серпня 2024", "ru": "6 августа 2024"}
TITLE = {"uk": "хронологія", "ru": "хроника"}


@pytest.fixture
def story():
    front = make_storyline(title="The front", slug="front")
    make_event(slug="crossing", start_day=6, storylines=[front])
    make_article(slug="week")


def feed_language(response, fmt):
    """The language the feed declares, where its format declares one."""
    if fmt == "json":
        return json.loads(response.content)["language"]
    parsed = feedparser.parse(response.content)
    return parsed.feed.language if fmt == "rss" else parsed.feed.get("language")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_feed_in_a_language_says_so_and_links_to_the_pages_in_it(client, story, language, fmt):
    path = f"/{language}/feeds/timeline.{fmt}"
    response = client.get(path)
    assert response.status_code == 200
    assert feed_language(response, fmt) == language
    assert TITLE[language] in response.content.decode()
    [entry] = read_feed(client, path)
    assert entry.link == f"http://testserver/{language}/events/crossing/"
    assert DAY[language] in entry.text

    [article] = read_feed(client, f"/{language}/feeds/articles.{fmt}")
    assert article.link == f"http://testserver/{language}/articles/week/"


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_english_feed_stays_english_at_its_address(client, story, fmt):
    response = client.get(f"/feeds/timeline.{fmt}")
    assert feed_language(response, fmt) in ("en-gb", "en-GB")
    [entry] = read_feed(client, f"/feeds/timeline.{fmt}")
    assert entry.link == "http://testserver/events/crossing/"
    assert "6 August 2024" in entry.text


@pytest.mark.validator
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("feed", ["timeline", "storylines/front", "articles"])
def test_every_atom_feed_in_every_language_is_valid_atom(client, story, language, feed):
    response = client.get(f"/{language}/feeds/{feed}.atom")
    assert response.status_code == 200
    assert atom_problems(response.content) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("feed", ["timeline", "articles"])
def test_a_feed_in_another_language_runs_the_english_feeds_queries(client, story, language, feed):
    english = count_page_queries(client, f"/feeds/{feed}.atom")
    assert count_page_queries(client, f"/{language}/feeds/{feed}.atom") == english

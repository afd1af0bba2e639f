"""Languages at addresses: English where it always was, Ukrainian under /uk/, Russian under /ru/.

The address alone says a reader's page's language, so the stored-page cache can never hand one
language's page to another's address; the desk follows the staff member's own language.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from tests.factories import make_article, make_citation, make_event, make_source, make_storyline
from tests.seo.pages import read_head, structured_data

pytestmark = pytest.mark.django_db

LANG = {"": "en-GB", "/uk": "uk", "/ru": "ru"}
# The switcher's name, in each language: a word the catalogues translate on every reader page.
SWITCHER_NAME = {"": "Language", "/uk": "Мова", "/ru": "Язык"}
LANGUAGE_WORD = {prefix: f'aria-label="{name}"' for prefix, name in SWITCHER_NAME.items()}
CONTENT_LANGUAGE = {"": "en-gb", "/uk": "uk", "/ru": "ru"}


class PageReader(HTMLParser):
    """The parts of a page this file checks: <html lang>, the alternates, the switcher."""

    def __init__(self):
        super().__init__()
        self.lang, self.alternates, self.switcher, self._in_switcher = None, {}, [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            assert attrs["hreflang"] not in self.alternates, "an hreflang given twice"
            self.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "nav" and "language-nav" in attrs.get("class", ""):
            self._in_switcher = True
        elif tag == "a" and self._in_switcher:
            self.switcher.append(attrs | {"text": ""})

    def handle_data(self, data):
        if self._in_switcher and self.switcher:
            self.switcher[-1]["text"] += data.strip()

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_switcher = False


def read(client, path, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200, path
    reader = PageReader()
    reader.feed(response.content.decode())
    return response, reader


@pytest.fixture
def story():
    storyline, source = make_storyline(slug="incursion"), make_source()
    event = make_event(slug="crossing", storylines=[storyline])
    make_citation(event, source)
    make_article(slug="analysis", events=[event])
    return event


READER_PAGES = [
    "/",
    "/timeline/",
    "/timeline/?kind=military&order=newest",
    "/map/",
    "/events/crossing/",
    "/articles/",
    "/articles/analysis/",
    "/sources/",
    "/submit/",
]


@pytest.mark.parametrize("prefix", LANG)
@pytest.mark.parametrize("page", READER_PAGES)
def test_every_reader_page_answers_in_the_language_of_its_address(client, story, prefix, page):
    response, reader = read(client, prefix + page)
    assert reader.lang == LANG[prefix]
    assert LANGUAGE_WORD[prefix] in response.content.decode()
    assert response["Content-Language"] == CONTENT_LANGUAGE[prefix]


@pytest.mark.parametrize("path", ["/embed/timeline/", "/embed/map/", "/timeline/live.json?since="])
def test_embeds_and_the_live_count_have_their_addresses_in_each_language(client, story, path):
    for prefix in LANG:
        response = client.get(prefix + path)
        assert response.status_code == 200
        assert response["Content-Language"] == CONTENT_LANGUAGE[prefix]
    _, embed = read(client, "/uk/embed/timeline/")
    assert embed.lang == "uk"


@pytest.mark.parametrize("feed", ["timeline.atom", "articles.rss"])
def test_feeds_have_their_addresses_in_each_language(client, story, feed):
    assert client.get(f"/feeds/{feed}").status_code == 200
    assert client.get(f"/uk/feeds/{feed}").status_code == 200
    assert "/ru/events/crossing/" in client.get("/ru/feeds/timeline.atom").content.decode()


@pytest.mark.parametrize(
    "path",
    ["/api/", "/api/events/", "/api/exports/events.csv", "/robots.txt", "/sitemap.xml", "/oembed"],
)
def test_machines_addresses_have_no_language_prefix(client, story, path):
    assert client.get(f"/uk{path}").status_code == 404
    assert client.get(f"/ru{path}").status_code == 404
    assert client.get(path, headers={"accept-language": "uk"}).status_code in (200, 400)


def test_the_api_stays_english_whatever_the_browser_asks(client, story):
    response = client.get("/api/events/", headers={"accept-language": "ru"})
    assert response["Content-Language"] == "en-gb"
    assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.parametrize("page", ["/timeline/", "/events/crossing/", "/"])
def test_an_unprefixed_page_is_english_whatever_the_browser_or_cookie_says(client, story, page):
    client.cookies["django_language"] = "uk"
    response, reader = read(client, page, accept_language="ru,uk;q=0.9")
    assert reader.lang == "en-GB"
    assert LANGUAGE_WORD[""] in response.content.decode()
    # It does not vary by the browser's language, so a shared cache keeps one copy.
    assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.parametrize(("first", "then"), [("/uk", ""), ("", "/uk"), ("/ru", "/uk")])
def test_a_stored_page_is_never_served_at_another_languages_address(client, story, first, then):
    warmed, _ = read(client, f"{first}/timeline/", accept_language="uk")
    served, reader = read(client, f"{then}/timeline/", accept_language="ru")
    assert reader.lang == LANG[then]
    assert LANGUAGE_WORD[then] in served.content.decode()
    assert LANGUAGE_WORD[first] not in served.content.decode()
    # And the first address is still served from the cache in its own language.
    again, reader = read(client, f"{first}/timeline/")
    assert again.content == warmed.content and reader.lang == LANG[first]


@pytest.mark.parametrize(
    ("headers", "lang"),
    [
        ({}, "en-gb"),
        ({"accept_language": "uk-UA,uk;q=0.9,en;q=0.5"}, "uk"),
        ({"accept_language": "ru"}, "ru"),
        ({"accept_language": "de"}, "en-gb"),
    ],
)
def test_the_desk_follows_the_staff_members_browser(admin_client, headers, lang):
    response = admin_client.get("/admin/", headers=headers)
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in response.content.decode()
    assert {"Accept-Language", "Cookie"} <= {name.strip() for name in response["Vary"].split(",")}


def test_the_desk_follows_the_language_cookie_before_the_browser(admin_client):
    admin_client.cookies["django_language"] = "ru"
    response = admin_client.get("/admin/", headers={"accept_language": "uk"})
    assert '<html lang="ru"' in response.content.decode()


def test_the_switcher_names_each_language_in_itself_and_keeps_the_query(client, story):
    query = "?kind=military&order=newest"
    _, reader = read(client, f"/ru/timeline/{query}&utm_source=mail")
    assert [(a["text"], a["lang"], a["hreflang"]) for a in reader.switcher] == [
        ("English", "en-GB", "en"),
        ("Українська", "uk", "uk"),
        ("Русский", "ru", "ru"),
    ]
    # The filters are kept; a parameter the page does not read is not.
    assert [a["href"] for a in reader.switcher] == [
        "/timeline/?kind=military&order=newest",
        "/uk/timeline/?kind=military&order=newest",
        "/ru/timeline/?kind=military&order=newest",
    ]
    assert [a.get("aria-current") for a in reader.switcher] == [None, None, "true"]


@pytest.mark.parametrize("page", [p for p in READER_PAGES if p != "/submit/"])
def test_the_alternates_are_complete_and_reciprocal(client, story, page):
    _, first = read(client, page)
    alternates = first.alternates
    assert set(alternates) == {"en", "uk", "ru", "x-default"}
    assert alternates["x-default"] == alternates["en"]
    assert all(urlsplit(href).scheme == "http" for href in alternates.values()), "absolute"
    for language in ("en", "uk", "ru"):
        href = alternates[language]
        parts = urlsplit(href)
        _, other = read(client, f"{parts.path}?{parts.query}" if parts.query else parts.path)
        assert other.alternates == alternates, f"{href} does not list the same set back"
        assert other.lang == {"en": "en-GB", "uk": "uk", "ru": "ru"}[language]


def test_an_address_that_is_no_page_answers_in_its_language_without_a_switcher(client):
    response = client.get("/uk/nowhere/")
    assert response.status_code == 404
    reader = PageReader()
    reader.feed(response.content.decode())
    assert reader.lang == "uk" and not reader.switcher and not reader.alternates


@pytest.mark.parametrize(("prefix", "tag"), [("", "en-GB"), ("/uk", "uk"), ("/ru", "ru")])
@pytest.mark.parametrize("page", ["/timeline/", "/events/crossing/", "/articles/analysis/"])
def test_structured_data_names_the_pages_language(client, story, prefix, tag, page):
    nodes = structured_data(client, prefix + page).values()
    assert {node["inLanguage"] for node in nodes if "inLanguage" in node} == {tag}
    locale = read_head(client, prefix + page).meta["og:locale"]
    assert locale == {"": "en_GB", "/uk": "uk_UA", "/ru": "ru_RU"}[prefix]


def test_oembed_gives_the_embed_in_the_pages_language(client, story):
    response = client.get("/oembed", {"url": "http://testserver/uk/timeline/?kind=military"})
    assert response.status_code == 200
    assert 'src="http://testserver/uk/embed/timeline/?kind=military"' in response.json()["html"]

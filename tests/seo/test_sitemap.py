"""The sitemap lists every public page once, with its last public change, and nothing else:
an index of sections (sitemaps.org protocol), each page of a section a fixed number of queries
and at most SECTION_SIZE addresses. robots.txt points crawlers at it and away from the desk,
previews and receipts."""

import datetime
import re
from collections import Counter

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree, html

from newsroom import sitemaps as sitemap_sections
from newsroom.articles.models import Article
from newsroom.publishing import PublicationStatus
from tests.articles.factories import UNPUBLISHED
from tests.articles.factories import make_correction as correct_article
from tests.factories import PAST, make_article, make_citation, make_event, make_source
from tests.timeline.factories import make_correction as correct_event
from timeline.models import Event

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
LINK = "{http://www.w3.org/1999/xhtml}link"
# Each page in every language: English at its address, the others under their prefix.
PREFIXES = {"en": "", "uk": "/uk", "ru": "/ru"}
LISTS = ["/", "/timeline/", "/map/", "/articles/", "/sources/"]
# The protocol's limits, and its dates: W3C Datetime, from a year alone to fractions of seconds.
MOST_URLS, MOST_BYTES = 50_000, 50 * 1024 * 1024
W3C_DATETIME = re.compile(
    r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?"
)


def protocol_entries(response, root, entry, most=MOST_URLS):
    """[(loc, lastmod or None)] of a sitemap file, checked against the sitemaps.org rules: UTF-8
    XML in the protocol's namespace, the right root, each entry one absolute <loc> of at most
    2,048 characters and at most one <lastmod> in W3C Datetime, and no more than ``most``
    entries."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert len(response.content) <= MOST_BYTES
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    document = etree.fromstring(response.content)
    assert document.tag == NS + root
    entries = []
    for element in document:
        assert element.tag == NS + entry
        children = Counter(child.tag for child in element)
        allowed = {NS + "loc", NS + "lastmod"} | (
            {NS + "changefreq", NS + "priority", LINK} if entry == "url" else set()
        )
        assert set(children) <= allowed and children[NS + "loc"] == 1, children
        assert all(count == 1 for tag, count in children.items() if tag != LINK), children
        loc = element.findtext(NS + "loc")
        assert loc.startswith(HOST + "/") and len(loc) <= 2048, loc
        lastmod = element.findtext(NS + "lastmod")
        assert lastmod is None or W3C_DATETIME.fullmatch(lastmod), lastmod
        entries.append((loc, lastmod))
    assert 0 < len(entries) <= most
    return entries


def index(client):
    """[(address, lastmod)] of every page of the sitemap, as /sitemap.xml lists them."""
    return protocol_entries(client.get("/sitemap.xml"), "sitemapindex", "sitemap")


def section(client, address, most=sitemap_sections.SECTION_SIZE):
    """[(address, lastmod)] of the English pages on one page of a section, after checking that
    each is there in every language, with the same lastmod, and that every <url> names the same
    complete set of alternates (reciprocal), English as the x-default. The list pages are one
    page of their own."""
    if "/sitemap-lists.xml" in address:
        most = len(LISTS)
    response = client.get(address.removeprefix(HOST))
    entries = protocol_entries(response, "urlset", "url", most * len(PREFIXES))
    alternates = {
        url.findtext(NS + "loc"): {
            link.get("hreflang"): link.get("href") for link in url.iter(LINK)
        }
        for url in etree.fromstring(response.content)
    }
    english = [(loc, lastmod) for loc, lastmod in entries if not loc.startswith(HOST + "/uk/")]
    english = [(loc, lastmod) for loc, lastmod in english if not loc.startswith(HOST + "/ru/")]
    lastmods = dict(entries)
    for loc, lastmod in english:
        path = loc.removeprefix(HOST)
        expected = {code: f"{HOST}{prefix}{path}" for code, prefix in PREFIXES.items()}
        expected["x-default"] = loc
        for language_version in set(expected.values()):
            assert alternates[language_version] == expected, language_version
            assert lastmods[language_version] == lastmod
    assert len(entries) == len(english) * len(PREFIXES)
    return english


def sitemap(client, most=sitemap_sections.SECTION_SIZE):
    """{address: lastmod} of every <url> on every page the index lists; none listed twice."""
    listed = [entry for page, _ in index(client) for entry in section(client, page, most)]
    addresses = [address for address, _ in listed]
    assert len(addresses) == len(set(addresses)), "an address is listed twice"
    return dict(listed)


def day(moment):
    return moment.date().isoformat()


@pytest.fixture
def story():
    source, hidden_source = make_source(slug="seen"), make_source(slug="unseen")
    event = make_event(slug="public-event")
    make_citation(event, source)
    article = make_article(slug="public-article")
    for state, values in UNPUBLISHED.items():
        slug = state.replace(" ", "-")
        hidden = make_event(slug=f"event-{slug}", **values)
        make_citation(hidden, hidden_source)  # cited only by unpublished events: no page
        make_article(slug=f"article-{slug}", **values)
    return {"event": event, "article": article}


def test_the_sitemap_lists_every_published_page_and_nothing_else(client, story):
    listed = sitemap(client)
    assert set(listed) == {
        *(HOST + path for path in LISTS),
        f"{HOST}/events/public-event/",
        f"{HOST}/articles/public-article/",
        f"{HOST}/sources/seen/",
    }
    assert all(listed.values()), "every address has a lastmod"


def test_each_language_version_the_sitemap_lists_is_a_page_naming_the_same_alternates(
    client, story
):
    for page, _ in index(client):
        document = etree.fromstring(client.get(page.removeprefix(HOST)).content)
        for url in document:
            loc = url.findtext(NS + "loc")
            response = client.get(loc.removeprefix(HOST))
            assert response.status_code == 200, loc
            in_page = {
                link.get("hreflang"): link.get("href")
                for link in html.fromstring(response.content).xpath(
                    "//head/link[@rel='alternate'][@hreflang]"
                )
            }
            in_sitemap = {link.get("hreflang"): link.get("href") for link in url.iter(LINK)}
            assert in_page == in_sitemap, loc


def test_an_items_last_change_is_its_save_its_going_public_or_its_correction(client):
    make_event(slug="saved")
    corrected = make_event(slug="corrected")
    correct_event(corrected, published_at=PAST + datetime.timedelta(days=10))
    correct_event(corrected, note="Not yet.", published_at=PAST + datetime.timedelta(days=9000))
    went_public = make_event(slug="went-public", status=PublicationStatus.SCHEDULED)
    article = make_article(slug="article")
    correct_article(article, published_at=PAST + datetime.timedelta(days=20))
    Event.objects.update(updated_at=PAST)
    Article.objects.update(updated_at=PAST)
    # Scheduled for a time that has now come: public with no save since.
    Event.objects.filter(pk=went_public.pk).update(publish_at=PAST + datetime.timedelta(days=5))
    cited = make_source(slug="cited")
    make_citation(went_public, cited)
    listed = sitemap(client)
    assert listed[f"{HOST}/events/saved/"] == day(PAST)
    assert listed[f"{HOST}/events/corrected/"] == "2024-09-11"  # the correction that is public
    assert listed[f"{HOST}/events/went-public/"] == "2024-09-06"
    assert listed[f"{HOST}/articles/article/"] == "2024-09-21"
    assert listed[f"{HOST}/sources/cited/"] == "2024-09-06"  # its newest citing event
    assert listed[f"{HOST}/timeline/"] == listed[f"{HOST}/sources/"] == "2024-09-11"
    assert listed[f"{HOST}/articles/"] == "2024-09-21" == listed[f"{HOST}/"]


def test_unpublished_changes_do_not_date_the_list_pages(client, story):
    before = sitemap(client)[f"{HOST}/timeline/"]
    Event.objects.filter(status=PublicationStatus.PUBLISHED).update(updated_at=PAST)
    Event.objects.exclude(status=PublicationStatus.PUBLISHED).update(
        updated_at=PAST + datetime.timedelta(days=400)
    )
    cache.clear()
    assert sitemap(client)[f"{HOST}/timeline/"] == day(PAST) <= before


def test_a_sources_date_follows_the_published_events_citing_it(client):
    """A source's date is kept in the story's summary: it must move with each change readers
    can see, and with a scheduled event's time coming, which no save marks."""
    source, waiting = make_source(slug="cited"), make_source(slug="waiting")
    event = make_event(slug="citing")
    make_citation(event, source)
    later = make_event(**UNPUBLISHED["scheduled later"])
    make_citation(later, waiting)
    make_citation(make_event(status=PublicationStatus.DRAFT), source)  # saved last, unseen
    Event.objects.filter(pk=event.pk).update(updated_at=PAST)
    listed = sitemap(client)
    assert listed[f"{HOST}/sources/cited/"] == day(PAST)
    assert f"{HOST}/sources/waiting/" not in listed

    # Its time comes, with no save since it was scheduled.
    went_public = PAST + datetime.timedelta(days=3)
    Event.objects.filter(pk=later.pk).update(publish_at=went_public, updated_at=PAST)
    cache.clear()
    assert sitemap(client)[f"{HOST}/sources/waiting/"] == day(went_public)

    event.title = "Changed"
    event.save()
    cache.clear()
    assert sitemap(client)[f"{HOST}/sources/cited/"] == day(event.updated_at)

    event.status = PublicationStatus.DRAFT
    event.save()
    cache.clear()
    assert f"{HOST}/sources/cited/" not in sitemap(client)


def grow(count):
    source = make_source()
    for _ in range(count):
        event = make_event()
        make_citation(event, source)
        correct_event(event)
        correct_article(make_article(events=[event]))


def count_queries(client, path):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    sql = [query["sql"] for query in captured.captured_queries]
    assert len(set(sql)) == len(sql), "a query ran twice"
    return len(sql)


def last_pages(client):
    """The index, and the last page of each section: the ones that grow with the story."""
    last = {page.split("?")[0]: page for page, _ in index(client)}
    return ["/sitemap.xml", *(page.removeprefix(HOST) for page in last.values())]


@pytest.mark.parametrize("pages_of", [3, sitemap_sections.SECTION_SIZE])
def test_the_sitemap_runs_the_same_queries_whatever_the_size(client, monkeypatch, pages_of):
    monkeypatch.setattr(sitemap_sections, "SECTION_SIZE", pages_of)
    grow(2)
    few = [count_queries(client, path) for path in last_pages(client)]
    grow(60)
    # The validator's one; for the index one for events, one for articles and the story's
    # summary for sources; the list pages two (when events and articles last changed), the
    # sources the summary and the sources, any other page one.
    assert few == [count_queries(client, path) for path in last_pages(client)] == [4, 3, 2, 2, 3]
    assert len(sitemap(client, most=pages_of)) == len(LISTS) + 62 * 2 + 2  # a source per grow()


def test_a_story_across_many_pages_lists_every_published_event_once(client, monkeypatch):
    monkeypatch.setattr(sitemap_sections, "SECTION_SIZE", 3)
    published = {make_event().get_absolute_url() for _ in range(10)}
    for values in UNPUBLISHED.values():
        make_event(**values)
    published |= {make_event().get_absolute_url() for _ in range(2)}
    listed = sitemap(client, most=3)  # every page at most 3 addresses, none listed twice
    events = {address.removeprefix(HOST) for address in listed if "/events/" in address}
    assert events == published
    event_pages = [page for page, _ in index(client) if "/sitemap-events.xml" in page]
    assert len(event_pages) >= 12 // 3


def test_each_page_in_the_index_is_dated_by_its_newest_change(client, monkeypatch):
    monkeypatch.setattr(sitemap_sections, "SECTION_SIZE", 3)
    for n in range(7):
        event = make_event()
        make_citation(event, make_source())
        Event.objects.filter(pk=event.pk).update(updated_at=PAST + datetime.timedelta(days=n))
    make_article()
    for page, lastmod in index(client):
        assert lastmod == max(moment for _, moment in section(client, page, most=3)), page


def test_the_sitemap_pages_are_cached_public_pages(client, story):
    # The first page of events the index lists: on PostgreSQL earlier tests may have moved the
    # keys past the first range.
    events = next(page for page, _ in index(client) if "/sitemap-events.xml" in page)
    for page in ["/sitemap.xml", events.removeprefix(HOST)]:
        first = client.get(page)
        assert first["ETag"] and "public" in first["Cache-Control"] and not first.cookies
        assert client.get(page, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.parametrize("page", ["x", "0", "-1", "١", "000"])
def test_a_bad_sitemap_page_is_a_clear_400(client, page):
    response = client.get("/sitemap-events.xml", {"p": page})
    assert response.status_code == 400
    assert "is not a sitemap page number" in response.text


@pytest.mark.parametrize(
    "page", ["9" * 5000, str(2**63), str(2**63 // sitemap_sections.SECTION_SIZE + 2)]
)
def test_a_sitemap_page_past_any_key_is_a_404(client, story, page):
    assert client.get("/sitemap-events.xml", {"p": page}).status_code == 404


def test_a_sitemap_page_past_the_end_or_listing_nothing_is_a_404(client, story, monkeypatch):
    monkeypatch.setattr(sitemap_sections, "SECTION_SIZE", 1)  # page n lists the item numbered n
    for name, model in [("events", Event), ("articles", Article)]:
        public = story[name.removesuffix("s")].pk
        unpublished = model.objects.exclude(status=PublicationStatus.PUBLISHED).first().pk
        past_the_end = model.objects.order_by("pk").last().pk + 1
        for page, status in [(public, 200), (unpublished, 404), (past_the_end, 404)]:
            response = client.get(f"/sitemap-{name}.xml", {"p": page})
            assert response.status_code == status, (name, page)
    assert client.get("/sitemap-lists.xml?p=2").status_code == 404


def test_an_unknown_sitemap_section_is_a_404(client, story):
    assert client.get("/sitemap-drafts.xml").status_code == 404


def test_robots_txt_points_to_the_sitemap_and_away_from_private_addresses(client):
    response = client.get("/robots.txt", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "max-age=86400" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert response.text.splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        "Disallow: /submit/receipt/",
        "Disallow: /uk/submit/receipt/",
        "Disallow: /ru/submit/receipt/",
        "Sitemap: http://localhost/sitemap.xml",
    ]
    assert client.post("/robots.txt").status_code == 405

"""sitemap.xml lists every public page with its last public change, and nothing else;
robots.txt points crawlers at it and away from the desk, previews and receipts."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.articles.models import Article
from newsroom.publishing import PublicationStatus
from tests.articles.factories import UNPUBLISHED
from tests.articles.factories import make_correction as correct_article
from tests.factories import PAST, make_article, make_citation, make_event, make_source
from tests.timeline.factories import make_correction as correct_event
from timeline.models import Event

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
LISTS = ["/", "/timeline/", "/articles/", "/sources/"]


def sitemap(client):
    """{address: lastmod} of every <url> in /sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)
    return {
        url.find("s:loc", NS).text: url.find("s:lastmod", NS).text
        for url in root.findall("s:url", NS)
    }


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


def grow(count):
    source = make_source()
    for _ in range(count):
        event = make_event()
        make_citation(event, source)
        correct_event(event)
        correct_article(make_article(events=[event]))


def count_queries(client):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/sitemap.xml").status_code == 200
    sql = [query["sql"] for query in captured.captured_queries]
    assert len(set(sql)) == len(sql), "a query ran twice"
    return len(sql)


def test_the_sitemap_runs_the_same_queries_whatever_the_size(client):
    grow(2)
    few = count_queries(client)
    grow(150)
    # The validator's two, the list pages' two, and one each for events, articles and sources.
    assert few == count_queries(client) == 7
    assert len(sitemap(client)) == len(LISTS) + 152 * 2 + 2  # and a source for each grow()


def test_the_sitemap_is_a_cached_public_page(client, story):
    first = client.get("/sitemap.xml")
    assert first["ETag"] and "public" in first["Cache-Control"] and not first.cookies
    assert client.get("/sitemap.xml", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.parametrize("page", ["x", "0", "-1", "١", "000"])
def test_a_bad_sitemap_page_is_a_clear_400(client, page):
    response = client.get("/sitemap.xml", {"p": page})
    assert response.status_code == 400
    assert "is not a sitemap page number" in response.text


def test_a_sitemap_page_of_more_digits_than_int_reads_is_a_404(client):
    assert client.get("/sitemap.xml", {"p": "9" * 5000}).status_code == 404


def test_a_sitemap_page_past_the_end_is_a_404(client, story):
    assert client.get("/sitemap.xml?p=2").status_code == 404


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
        "Sitemap: http://localhost/sitemap.xml",
    ]
    assert client.post("/robots.txt").status_code == 405

"""Structured data, canonical links and social cards on every public page (issue 6, point 2)."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from newsroom.publishing import PublicationStatus
from newsroom.sources.models import Citation
from tests.articles.factories import image_file
from tests.articles.factories import make_correction as correct_article
from tests.factories import (
    PAST,
    make_article,
    make_citation,
    make_event,
    make_party,
    make_place,
    make_source,
    make_user,
)
from tests.timeline.factories import make_correction as correct_event
from timeline.models import Event

from .pages import breadcrumb_names, read_head, structured_data

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
YEAR = datetime.timedelta(days=365)


def iso(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds")


@pytest.fixture
def story():
    russia = make_party(name="Russia", slug="russia")
    ministry = make_source(name="Russian defence ministry", slug="mod", party=russia)
    outlet = make_source(name="The Outlet", slug="outlet")
    sudzha = make_place(
        name="Sudzha",
        region="Kursk Oblast",
        latitude="51.190000",
        longitude="35.270000",
        location_precision="near",  # to two decimal places, so as stored
    )
    early = make_event(slug="early", title="Early movements", start_month=7)  # July 2024
    crossing = make_event(
        slug="crossing",
        title="Forces cross the border",
        start_day=6,
        start_hour=5,
        start_minute=30,
        end_year=2024,
        end_month=8,
        end_day=6,
        end_hour=9,
        end_minute=0,
        place=sudzha,
        verification="claimed",
        first_published_at=PAST,
    )
    make_citation(crossing, ministry, stance=Citation.Stance.CLAIMS)
    make_citation(crossing, outlet)
    last = make_event(slug="last", title="Talks proposed", start_month=9, start_day=2)
    hidden = {
        name: make_event(slug=f"hidden-{n}", title=f"Hidden {name}", start_year=year, **values)
        for n, (name, year, values) in enumerate(
            [
                ("draft", 2023, {"status": PublicationStatus.DRAFT, "publish_at": None}),
                ("archived", 2025, {"status": PublicationStatus.ARCHIVED}),
            ]
        )
    }
    return {"early": early, "crossing": crossing, "last": last, **hidden}


def test_the_article_page_is_a_news_article(client):
    writer = make_user("writer", first_name="Olena", last_name="Koval")
    nameless = make_user("login-only")  # no full name: never shown, so never an author
    article = make_article(slug="story", headline="Into Kursk", bylines=[writer, nameless])
    article.lead_image.save("photo.jpg", image_file(640, 480))
    article.lead_image_alt = "Smoke over a river"
    article.save()
    older = correct_article(article, note="A date was wrong.", published_at=PAST)
    newer = correct_article(article, note="A name was misspelt.")

    data = structured_data(client, "/articles/story/")
    news = data["NewsArticle"]
    url = f"{HOST}/articles/story/"
    assert news["headline"] == "Into Kursk"
    assert news["description"] == article.standfirst
    assert news["datePublished"] == iso(article.publish_at)
    assert news["dateModified"] == iso(newer.published_at)  # the page's "Updated"
    assert news["author"] == [{"@type": "Person", "name": "Olena Koval"}]
    assert news["publisher"] == {"@type": "Organization", "name": "Newsroom", "url": f"{HOST}/"}
    assert news["mainEntityOfPage"] == url == news["url"]
    assert news["image"] == {
        "@type": "ImageObject",
        "url": f"{HOST}/media/{article.lead_image.name}",
        "description": "Smoke over a river",
        "width": 640,
        "height": 480,
    }
    assert news["correction"] == [
        {"@type": "CorrectionComment", "text": n.note, "datePublished": iso(n.published_at)}
        for n in (newer, older)
    ]
    assert breadcrumb_names(data) == ["Front page", "Articles", "Into Kursk"]


def test_an_uncorrected_article_was_modified_when_published_and_is_by_the_newsroom(client):
    article = make_article(slug="plain")
    news = structured_data(client, "/articles/plain/")["NewsArticle"]
    assert news["dateModified"] == news["datePublished"] == iso(article.publish_at)
    assert news["author"]["@type"] == "Organization"
    assert "correction" not in news and "image" not in news


def test_the_timeline_is_a_live_blog_of_published_events(client, story):
    data = structured_data(client, "/timeline/")
    live = data["LiveBlogPosting"]
    assert live["url"] == f"{HOST}/timeline/"
    updates = {update["url"]: update for update in live["liveBlogUpdate"]}
    assert list(updates) == [f"{HOST}/events/{slug}/" for slug in ("early", "crossing", "last")]
    crossing = updates[f"{HOST}/events/crossing/"]
    assert crossing["@type"] == "BlogPosting"
    assert crossing["headline"] == "Forces cross the border"
    assert crossing["datePublished"] == iso(PAST)
    assert crossing["contentReferenceTime"] == "2024-08-06T05:30+03:00"
    assert updates[f"{HOST}/events/early/"]["contentReferenceTime"] == "2024-07"
    # The same truth as the page: the status, and the party's claim read as a claim.
    assert "Verification status: Claimed." in crossing["articleBody"]
    assert (
        "Claimed by Russia, a party to the conflict: Russian defence ministry."
        in (crossing["articleBody"])
    )
    assert "Hidden" not in json.dumps(data)
    assert breadcrumb_names(data) == ["Front page", "Timeline"]


def moments(live, *names):
    return [datetime.datetime.fromisoformat(live[name]) for name in names]


def test_the_live_blog_covers_our_reporting_from_its_first_publish_and_has_no_end(client, story):
    day = datetime.timedelta(days=1)
    # Published first, unpublished, and published again: our coverage began the first time.
    Event.objects.filter(pk=story["early"].pk).update(
        first_published_at=PAST - 3 * day, publish_at=PAST + day
    )
    Event.objects.filter(pk=story["last"].pk).update(publish_at=PAST + 5 * day)
    Event.objects.filter(pk=story["archived"].pk).update(first_published_at=PAST - 30 * day)
    correction = correct_event(
        story["crossing"], note="The hour was wrong.", published_at=PAST + 7 * day
    )
    correct_event(story["crossing"], note="Dated ahead.", published_at=timezone.now() + day)

    live = structured_data(client, "/timeline/")["LiveBlogPosting"]
    assert live["coverageStartTime"] == live["datePublished"] == iso(PAST - 3 * day)
    assert "coverageEndTime" not in live  # the story is still being covered
    assert live["dateModified"] == iso(correction.published_at)  # the latest public change
    # Read as a search engine does: coverage begins before every update it lists, and the
    # page changed last no earlier than any of them.
    start, modified = moments(live, "coverageStartTime", "dateModified")
    for update in live["liveBlogUpdate"]:
        [published] = moments(update, "datePublished")
        assert start <= published <= modified, update["headline"]


def test_a_filtered_timeline_covers_what_it_lists(client, story):
    Event.objects.filter(pk=story["early"].pk).update(first_published_at=PAST - YEAR)
    live = structured_data(client, "/timeline/?place=" + story["crossing"].place.slug)
    live = live["LiveBlogPosting"]
    assert live["coverageStartTime"] == live["datePublished"] == live["dateModified"] == iso(PAST)
    assert [u["headline"] for u in live["liveBlogUpdate"]] == ["Forces cross the border"]


def test_an_empty_timeline_claims_no_coverage(client):
    live = structured_data(client, "/timeline/")["LiveBlogPosting"]
    assert live["liveBlogUpdate"] == []
    assert not {"coverageStartTime", "datePublished", "dateModified"} & set(live)


def test_the_event_page_is_a_report_about_an_event(client, story):
    crossing = story["crossing"]
    correction = correct_event(crossing, note="The hour was wrong.")
    data = structured_data(client, "/events/crossing/")
    posting = data["BlogPosting"]
    assert posting["url"] == posting["mainEntityOfPage"] == f"{HOST}/events/crossing/"
    assert posting["headline"] == "Forces cross the border"
    assert posting["datePublished"] == iso(PAST)
    assert posting["dateModified"] == iso(correction.published_at)
    assert posting["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "The hour was wrong.",
            "datePublished": iso(correction.published_at),
        }
    ]
    assert posting["about"] == {
        "@type": "Event",
        "name": "Forces cross the border",
        "description": crossing.summary,
        "startDate": "2024-08-06T05:30+03:00",
        "endDate": "2024-08-06T09:00+03:00",
        "location": {
            "@type": "Place",
            "name": "Sudzha, Kursk Oblast",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Sudzha",
                "addressRegion": "Kursk Oblast",
                "addressCountry": "Russia",
            },
            "geo": {"@type": "GeoCoordinates", "latitude": 51.19, "longitude": 35.27},
        },
    }
    assert breadcrumb_names(data) == ["Front page", "Timeline", "Forces cross the border"]


def test_a_place_without_a_region_has_an_address_without_one(client):
    make_event(slug="kyiv", place=make_place(name="Kyiv", country="Ukraine"))
    about = structured_data(client, "/events/kyiv/")["BlogPosting"]["about"]
    assert about["location"] == {
        "@type": "Place",
        "name": "Kyiv",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Kyiv",
            "addressCountry": "Ukraine",
        },
    }


def test_an_uncorrected_event_has_no_correction_list(client, story):
    posting = structured_data(client, "/events/crossing/")["BlogPosting"]
    assert "correction" not in posting


def test_an_event_image_goes_with_the_event_on_its_page_and_in_the_live_blog(client):
    event = make_event(slug="pictured", image_alt="Smoke over the crossing")
    event.image.save("photo.jpg", image_file(640, 480))
    image = {
        "@type": "ImageObject",
        "url": f"{HOST}/media/{event.image.name}",
        "description": "Smoke over the crossing",
        "width": 640,
        "height": 480,
    }
    assert structured_data(client, "/events/pictured/")["BlogPosting"]["image"] == image
    [update] = structured_data(client, "/timeline/")["LiveBlogPosting"]["liveBlogUpdate"]
    assert update["image"] == image


def test_a_month_precision_event_has_no_invented_day(client, story):
    about = structured_data(client, "/events/early/")["BlogPosting"]["about"]
    assert about["startDate"] == "2024-07" and "endDate" not in about and "location" not in about


@pytest.mark.parametrize(
    ("path", "kind", "trail"),
    [
        ("/", "CollectionPage", ["Front page"]),
        ("/articles/", "CollectionPage", ["Front page", "Articles"]),
        ("/sources/", "CollectionPage", ["Front page", "Sources"]),
        ("/sources/mod/", "CollectionPage", ["Front page", "Sources", "Russian defence ministry"]),
        ("/submit/", "WebPage", ["Front page", "Send an update or a correction"]),
    ],
)
def test_every_other_page_says_what_it_is_and_where(client, story, path, kind, trail):
    data = structured_data(client, path)
    assert data[kind]["url"] == f"{HOST}{path}"
    assert data[kind]["name"] == (trail[-1] if path != "/" else "The story so far")
    assert breadcrumb_names(data) == trail
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [crumb["position"] for crumb in crumbs] == list(range(1, len(trail) + 1))
    assert crumbs[-1]["item"] == f"{HOST}{path}" and crumbs[0]["item"] == f"{HOST}/"


@pytest.mark.parametrize(
    "path", ["/", "/timeline/", "/events/crossing/", "/articles/", "/sources/", "/submit/"]
)
def test_every_page_has_a_canonical_link_and_social_cards(client, story, path):
    head = read_head(client, path)
    url = f"{HOST}{path}"
    assert head.links["canonical"] == head.meta["og:url"] == url
    assert head.meta["og:site_name"] == "Newsroom"
    assert head.meta["og:title"] == head.meta["twitter:title"] != ""
    assert head.meta["og:description"] == head.meta["twitter:description"] != ""
    assert head.meta["og:type"] == ("article" if path.startswith("/events/") else "website")
    assert head.meta["twitter:card"] == "summary" and "og:image" not in head.meta


def test_a_page_with_an_image_gets_a_large_card(client):
    article = make_article(slug="pictured", headline="Pictured")
    article.lead_image.save("photo.jpg", image_file(800, 400))
    article.lead_image_alt = "A bridge"
    article.save()
    head = read_head(client, "/articles/pictured/")
    image = f"{HOST}/media/{article.lead_image.name}"
    assert head.links["canonical"] == f"{HOST}/articles/pictured/"
    assert head.meta["og:type"] == "article"
    assert head.meta["og:image"] == head.meta["twitter:image"] == image
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == ("800", "400")
    assert head.meta["og:image:alt"] == head.meta["twitter:image:alt"] == "A bridge"
    assert head.meta["twitter:card"] == "summary_large_image"


def test_the_canonical_timeline_keeps_only_what_changes_the_list(client, story):
    head = read_head(client, "/timeline/?utm_source=feed&kind=military&q=&page=1&verification=")
    assert head.links["canonical"] == f"{HOST}/timeline/?kind=military"
    head = read_head(client, "/timeline/?order=newest&place=" + story["crossing"].place.slug)
    canonical = f"{HOST}/timeline/?place={story['crossing'].place.slug}&order=newest"
    assert head.links["canonical"] == canonical


def test_the_canonical_address_is_absolute_for_the_host_asked(client, story):
    response = client.get("/events/crossing/", HTTP_HOST="localhost")
    assert '<link rel="canonical" href="http://localhost/events/crossing/">' in response.text


def strings(data):
    if isinstance(data, dict):
        return [text for value in data.values() for text in strings(value)]
    if isinstance(data, list):
        return [text for value in data for text in strings(value)]
    return [data]


def test_a_title_cannot_end_the_script_element(client):
    hostile = '</script><script>alert("x")</script> & <!-- more'
    make_article(slug="hostile", headline=hostile)
    make_event(slug="hostile-event", title=hostile)
    for path in ("/articles/hostile/", "/events/hostile-event/", "/timeline/"):
        html = client.get(path).text
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert "<" not in block[1] and ">" not in block[1] and "&" not in block[1]
        assert hostile in strings(json.loads(block[1]))  # read back exactly as written
        assert '<script>alert("x")' not in html
    news = structured_data(client, "/articles/hostile/")["NewsArticle"]
    assert news["headline"] == hostile


def test_a_staff_preview_names_the_public_address(client):
    article = make_article(slug="soon", status=PublicationStatus.DRAFT, publish_at=None)
    client.force_login(make_user("ed", group="editor"))
    response = client.get(f"/preview/articles.article/{article.pk}/")
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in response.text
    assert '<link rel="canonical" href="http://testserver/articles/soon/">' in response.text

"""The first public views: the story in order, at each date's precision, attributed, leak-free."""

import datetime
import re
from html import unescape
from urllib.parse import parse_qsl

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.publishing import PublicationStatus
from newsroom.sources.models import Citation, Party, Source
from tests.factories import (
    PAST,
    make_article,
    make_citation,
    make_event,
    make_party,
    make_place,
    make_source,
    make_storyline,
)
from tests.timeline.factories import make_correction
from timeline import facets
from timeline.models import Event, Storyline

ONE_DAY = datetime.timedelta(days=1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    russia = make_party(name="Russia", slug="russia")
    officials = make_source(name="Russian officials", party=russia)
    independent = make_source(name="The Independent", slug="the-independent")
    videos = make_source(name="Social media videos", affiliation=Source.Affiliation.UNKNOWN)
    incursion = make_storyline(title="The Kursk incursion")
    start = make_event(
        slug="incursion-begins",
        title="Ukrainian forces cross into the Kursk region",
        start_day=6,
        verification="confirmed",
        is_key=True,
        storylines=[incursion],
    )
    make_citation(start, independent)
    bridge = make_event(
        slug="bridge",
        title="Bridge near Glushkovo destroyed",
        place=make_place(name="Glushkovo", region="Kursk region"),
        storylines=[incursion],
    )
    make_citation(bridge, videos)
    make_citation(bridge, officials, stance=Citation.Stance.CLAIMS, quote="Completely destroyed")
    draft = make_event(
        slug="secret-draft",
        title="Unchecked draft item",
        status=PublicationStatus.DRAFT,
        publish_at=None,
    )
    make_citation(draft, independent)
    return {"start": start, "bridge": bridge, "draft": draft}


def test_timeline_lists_published_events_oldest_first_at_their_precision(client, story):
    response = client.get("/timeline/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("6 August 2024") < html.index("August 2024</time>", html.index("6 August"))
    assert '<time datetime="2024-08-06">6 August 2024</time>' in html
    assert '<time datetime="2024-08">August 2024</time>' in html
    assert "Glushkovo, Kursk region" in html
    assert "Confirmed" in html and "Reported" in html


def test_claims_are_attributed_to_their_party(client, story):
    html = client.get("/timeline/").content.decode()
    assert "Claimed by Russia, a party to the conflict: Russian officials" in html
    assert "Reported by Social media videos (affiliation unknown)" in html


def test_the_draft_event_never_shows(client, story):
    assert "Unchecked draft item" not in client.get("/timeline/").content.decode()
    assert client.get("/events/secret-draft/").status_code == 404
    assert client.get("/events/no-such-event/").status_code == 404


def test_a_scheduled_event_shows_only_from_its_time(client, story):
    soon = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(hours=1)
    make_event(slug="later", title="Scheduled item", status="scheduled", publish_at=soon)
    assert "Scheduled item" not in client.get("/timeline/").content.decode()
    assert client.get("/events/later/").status_code == 404


def test_event_page_groups_citations_by_stance(client, story):
    response = client.get(story["bridge"].get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert html.index("Who reports") < html.index("Who claims")
    assert "party to the conflict: Russia" in html
    assert "Completely destroyed" in html


def test_citation_links_open_safely(client, story):
    make_citation(
        story["start"], make_source(), url="https://example.org/report", title="The report"
    )
    html = client.get(story["start"].get_absolute_url()).content.decode()
    assert '<a href="https://example.org/report" rel="noopener nofollow">The report</a>' in html


def test_text_is_escaped(client, story):
    make_event(slug="xss", title="<script>alert(1)</script>")
    html = client.get("/events/xss/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("zone", ["UTC", "Europe/Kyiv", "America/Los_Angeles"])
def test_a_day_is_the_same_day_in_every_time_zone(client, settings, zone):
    settings.TIME_ZONE = zone
    event = make_event(slug="start", start_day=6)
    for path in ("/timeline/", event.get_absolute_url()):
        html = client.get(path).content.decode()
        assert "6 August 2024" in html
        assert not re.search(r"\b[57] August 2024", html)


def make_events(count):
    party = make_party()
    sources = [make_source(party=party), make_source(), make_source()]
    storylines = [make_storyline(), make_storyline()]
    places = [make_place(), make_place()]
    for n in range(count):
        event = make_event(
            start_day=n % 28 + 1, place=places[n % 2], storylines=storylines[: n % 3]
        )
        Citation.objects.bulk_create(
            Citation(event=event, source=source, stance=stance)
            for source, stance in zip(sources, ["claims", "reports", "denies"], strict=True)
        )
        facets.renew([event.pk])  # bulk_create sends no signal


def count_queries(client, path):
    """The queries of a page made afresh: no stored page and no kept sums, with the story's
    summary as the last write left it (timeline/summary.py; the first read after builds it)."""
    client.get(path)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


# Each language's page runs the same queries as the English one (/uk/, /ru/: the interface's
# language changes no query).
LANGUAGE_PREFIXES = ["", "/uk", "/ru"]


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
def test_timeline_queries_do_not_grow_with_the_story(client, prefix):
    make_events(12)
    few = count_queries(client, f"{prefix}/timeline/")
    make_events(488)
    many = count_queries(client, f"{prefix}/timeline/")
    assert len(few) == len(many) == 5
    assert len(set(many)) == len(many), "a query ran twice"


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
def test_event_page_queries_do_not_grow_with_its_sources(client, prefix):
    make_events(1)
    event = make_event(slug="cited")
    sources = [make_source() for _ in range(30)]
    Citation.objects.bulk_create(Citation(event=event, source=s, stance="reports") for s in sources)
    assert len(count_queries(client, f"{prefix}/events/cited/")) == 6


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?order=newest",
        "?storyline={storyline}&kind=military&order=newest",
        "?storyline={storyline}&verification=reported&party={party}",
        "?q=happened&from=2024-08-02",
    ],
)
def test_filtered_timeline_queries_do_not_grow_either(client, query):
    make_events(12)
    names = {"storyline": Storyline.objects.first().slug, "party": Party.objects.first().slug}
    path = "/timeline/" + query.format(**names)
    few = count_queries(client, path)
    cache.clear()
    make_events(300)
    many = count_queries(client, path)
    # The validator, the story's summary, the page and its storylines and citations; a filtered
    # list also sums its own days, count included, in one query.
    assert len(few) == len(many) == (6 if "=" in query.replace("order=", "") else 5)
    assert len(set(many)) == len(many), "a query ran twice"


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
def test_event_page_queries_do_not_grow_with_the_story(client, prefix):
    make_events(5)
    event = Event.objects.filter(storylines__isnull=False).distinct().last()
    make_article(events=[event])
    make_correction(event)
    few = count_queries(client, prefix + event.get_absolute_url())
    cache.clear()
    make_events(200)
    for storyline in event.storylines.all():
        storyline.events.add(*Event.objects.all()[:150])
    make_article(events=[event])
    make_correction(event)
    many = count_queries(client, prefix + event.get_absolute_url())
    assert len(few) == len(many) == 8
    assert len(set(many)) == len(many), "a query ran twice"


def test_events_sit_under_headings_at_their_own_precision(client, story):
    make_event(slug="evening", title="Evening strike", start_day=6, start_hour=20, start_minute=5)
    html = client.get("/timeline/").text
    headings = re.findall(
        r'<h2 class="tl-heading"[^>]*><time datetime="([^"]+)">([^<]+)</time>', html
    )
    assert headings == [("2024-08-06", "6 August 2024"), ("2024-08", "August 2024")]
    day = html[html.index('id="d-2024-08-06"') : html.index('id="d-2024-08"')]
    assert "Ukrainian forces cross" in day and "Evening strike" in day
    assert "6 August 2024, 20:05 Kyiv time" in day


def test_key_events_stand_out_in_words(client, story):
    html = client.get("/timeline/").text
    html = html[html.index("<main") :]  # the page's head names the event too, in its JSON-LD
    card = html[html.index("Ukrainian forces cross") - 600 :]
    assert "event-key" in card[:700] and "Key event" in card


def test_the_strip_counts_published_events_per_day_and_links_each_day(client, story):
    make_event(slug="also-6", start_day=6)
    make_event(slug="on-9", start_day=9)
    make_event(slug="draft-9", start_day=9, status=PublicationStatus.DRAFT, publish_at=None)
    html = client.get("/timeline/").text
    strip = html[html.index('class="tl-strip"') : html.index("</figure>")]
    assert "<title>6 August 2024: 2 events</title>" in strip
    assert "<title>9 August 2024: 1 event</title>" in strip
    assert strip.count("<a href=") == 2
    assert 'href="?from=2024-08-06&amp;to=2024-08-06"' in strip
    assert "1 event dated only to a month or a year is not in the strip" in strip
    # Drawn on the server: the scripts are the JSON-LD data block, which never runs, and the
    # Embed button's copy script.
    assert re.findall(r"<script\b[^>]*>", html) == [
        '<script type="application/ld+json">',
        '<script src="/static/js/embed-code.js" defer>',
    ]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "order=newest",
        "storyline={storyline}&storyline={storyline}&q=Ukrainian+forces&page=1",
        "from=2024-08-01&to=2024-08-31&kind=&verification=confirmed",
        "q=Ukrainian&utm_source=%D0%A1%D1%83%D0%B4%D0%B6%D0%B0",
    ],
)
def test_the_strip_links_each_day_with_the_rest_of_the_query_kept(client, story, query):
    """Each bar's address is the page's, with the day as both bounds, whatever else it has."""
    query = query.format(storyline=story["start"].storylines.get().slug)
    html = client.get(f"/timeline/?{query}").text
    strip = html[html.index('class="tl-strip"') : html.index("</figure>")]
    expected = QueryDict(query, mutable=True)
    for name in ["page", "from", "to", "utm_source"]:
        expected.pop(name, None)
    for name in [name for name, value in expected.items() if not value]:
        expected.pop(name)
    expected["from"] = expected["to"] = "2024-08-06"
    links = [unescape(href) for href in re.findall(r'<a href="([^"]+)"><title>6 August', strip)]
    assert len(links) == 1 and links[0].startswith("?")
    assert sorted(parse_qsl(links[0][1:])) == sorted(parse_qsl(expected.urlencode()))


def test_the_event_page_links_sources_corrections_and_a_suggestion(client, story):
    bridge = story["bridge"]
    make_correction(bridge, note="The older note.", published_at=PAST)
    make_correction(bridge, note="The newer note.")
    make_correction(bridge, note="Not yet public.", published_at=timezone.now() + ONE_DAY)
    html = client.get(bridge.get_absolute_url()).text
    assert html.index("The newer note.") < html.index("The older note.")
    assert "Not yet public." not in html  # dated ahead, as on the article page and in feeds
    assert '<a href="/submit/?event=bridge">Suggest a correction' in html
    officials = Source.objects.get(name="Russian officials")
    assert f'<a href="/sources/{officials.slug}/">Russian officials</a>' in html


def test_only_published_articles_are_related(client, story):
    start = story["start"]
    make_article(headline="Published analysis", slug="analysis", events=[start])
    make_article(
        headline="Draft analysis", events=[start], status=PublicationStatus.DRAFT, publish_at=None
    )
    make_article(
        headline="Scheduled analysis",
        events=[start],
        status=PublicationStatus.SCHEDULED,
        publish_at=datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=1),
    )
    make_article(headline="Archived analysis", events=[start], status=PublicationStatus.ARCHIVED)
    html = client.get(start.get_absolute_url()).text
    assert '<a href="/articles/analysis/">Published analysis</a>' in html
    for hidden in ("Draft analysis", "Scheduled analysis", "Archived analysis"):
        assert hidden not in html


def test_a_related_article_shows_the_time_its_own_page_gives(client, story):
    # Republished: first seen on 10 August, its publish time later moved to 1 September.
    first = datetime.datetime(2024, 8, 10, 9, 0, tzinfo=datetime.UTC)
    make_article(slug="analysis", events=[story["start"]], first_published_at=first)
    article_page = client.get("/articles/analysis/").text
    event_page = client.get(story["start"].get_absolute_url()).text
    assert '<time datetime="2024-08-10T' in article_page
    assert '<time datetime="2024-08-10T' in event_page and ">10 August 2024</time>" in event_page
    assert "1 September 2024" not in event_page


def test_previous_and_next_skip_unpublished_events(client, story):
    incursion = Storyline.objects.get(title="The Kursk incursion")
    other = make_storyline(title="Other line")
    make_event(
        slug="gap",
        title="Hidden gap",
        start_day=7,
        storylines=[incursion],
        status=PublicationStatus.ARCHIVED,
    )
    make_event(
        slug="later-draft",
        title="Hidden later",
        start_day=20,
        storylines=[incursion],
        status=PublicationStatus.IN_REVIEW,
        publish_at=None,
    )
    middle = make_event(
        slug="middle", title="Middle event", start_day=10, storylines=[incursion, other]
    )
    html = client.get(middle.get_absolute_url()).text
    nav = html[html.index('class="tl-neighbours"') :]
    assert 'href="/events/incursion-begins/" rel="prev"' in nav
    assert 'href="/events/bridge/" rel="next"' in nav
    assert "Hidden" not in html
    assert "nothing earlier" in nav and "nothing later" in nav  # alone in "Other line"


@pytest.mark.parametrize("status", ["draft", "in_review", "archived", "scheduled"])
def test_unpublished_events_leak_nowhere(client, story, status):
    secret_line = make_storyline(title="Secret line", slug="secret-line")
    future = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=1)
    make_event(
        slug="hidden",
        title="Hidden event",
        start_day=3,
        storylines=[secret_line, Storyline.objects.get(title="The Kursk incursion")],
        place=make_place(name="Secret place"),
        status=status,
        publish_at=future if status == "scheduled" else PAST,
    )
    pages = [client.get(path).text for path in ("/timeline/", story["start"].get_absolute_url())]
    for html in pages:
        assert "Hidden event" not in html and "Secret" not in html
        assert "3 August 2024" not in html
    assert "2 events" in pages[0]
    assert client.get("/events/hidden/").status_code == 404
    assert client.get("/timeline/?storyline=secret-line").status_code == 400


def test_a_long_story_comes_in_pages_of_at_most_fifty(client):
    make_events(120)
    first = client.get("/timeline/").text
    assert first.count('class="event-title"') == 50
    assert "120 events, 1 to 50 shown here." in first
    assert 'href="?page=2" rel="next">Later events</a>' in first
    last = client.get("/timeline/?page=3").text
    assert last.count('class="event-title"') == 20
    assert 'href="?page=2" rel="prev">Earlier events</a>' in last and 'rel="next"' not in last


def test_readers_see_why_an_event_is_confirmed_on_one_partys_word(client, story):
    bridge = story["bridge"]
    bridge.verification = Event.Verification.CONFIRMED
    bridge.verification_note = "Our reporter saw the damage."
    bridge.save()
    html = client.get(bridge.get_absolute_url()).text
    assert "Why we call it confirmed:</strong> Our reporter saw the damage." in html
    plain = client.get(story["start"].get_absolute_url()).text
    assert "Why we call it confirmed" not in plain

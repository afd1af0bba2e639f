"""A source's page: what it is, whose side it is on, and every published event that cites it."""

import pytest

from newsroom.sources.models import Citation, Source
from tests.articles.factories import UNPUBLISHED, count_page_queries, page_html
from tests.factories import make_citation, make_event, make_party, make_source, make_storyline
from timeline import facets

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministry():
    russia = make_party(name="Russia", slug="russia")
    source = make_source(
        name="Russian Ministry of Foreign Affairs",
        slug="russian-mfa",
        short_name="Russia's foreign ministry",
        kind=Source.Kind.GOVERNMENT,
        country="Russia",
        party=russia,
        description="The ministry's briefings and statements.",
    )
    later = make_event(title="Bridge destroyed", start_day=16)
    earlier = make_event(title="Incursion condemned", start_day=7)
    make_citation(later, source, stance=Citation.Stance.CLAIMS, quote="Completely destroyed")
    make_citation(earlier, source, stance=Citation.Stance.DENIES, speaker="A spokesperson")
    make_citation(later, make_source(name="An outlet"), stance=Citation.Stance.REPORTS)
    for label, values in UNPUBLISHED.items():
        make_citation(make_event(title=f"Hidden {label} event", **values), source)
    return source


def test_the_page_says_what_the_source_is_and_whose_side(client, ministry):
    html = page_html(client, "/sources/russian-mfa/")
    assert html.count("<h1") == 1 and "Russian Ministry of Foreign Affairs</h1>" in html
    assert "Government body, Russia" in html
    assert "A party to the conflict: Russia." in html
    assert "The ministry&#x27;s briefings and statements." in html


def test_every_published_event_citing_it_in_order_with_the_stance(client, ministry):
    html = page_html(client, "/sources/russian-mfa/")
    assert html.index("Incursion condemned") < html.index("Bridge destroyed")
    assert "Russia&#x27;s foreign ministry denies</strong> (A spokesperson)" in html
    assert "Russia&#x27;s foreign ministry claims</strong>" in html
    assert "Completely destroyed" in html
    assert "2 published events" in html
    assert "Hidden" not in html


def test_an_independent_source_says_so(client):
    source = make_source(name="An outlet", slug="an-outlet")
    make_citation(make_event(), source)
    assert "Not a party to the conflict" in page_html(client, "/sources/an-outlet/")


def test_a_source_only_unpublished_events_cite_has_no_page(client):
    source = make_source(name="Secret contact", slug="secret")
    for values in UNPUBLISHED.values():
        make_citation(make_event(**values), source)
    make_source(name="Never cited", slug="never-cited")
    assert client.get("/sources/secret/").status_code == 404
    assert client.get("/sources/never-cited/").status_code == 404
    assert client.get("/sources/no-such-source/").status_code == 404
    html = page_html(client, "/sources/")
    assert "Secret contact" not in html and "Never cited" not in html


def test_the_list_names_each_cited_source_once(client, ministry):
    html = page_html(client, "/sources/")
    assert html.count("Russian Ministry of Foreign Affairs") == 1
    assert "Party to the conflict: Russia" in html
    assert html.count("<h1") == 1


def test_bad_page_numbers_get_a_clear_answer(client, ministry):
    response = client.get("/sources/russian-mfa/?page=abc")
    assert response.status_code == 400
    assert "is not a page number" in response.content.decode()
    assert client.get("/sources/russian-mfa/?page=9").status_code == 404


def test_pages_touch_no_session_and_answer_conditional_requests(client, ministry):
    for path in ("/sources/", "/sources/russian-mfa/"):
        response = client.get(path)
        assert not response.cookies and "Cookie" not in response.get("Vary", ""), path
        assert client.get(path, headers={"if-none-match": response["ETag"]}).status_code == 304


def cite_many(source, count):
    storylines = [make_storyline(), make_storyline()]
    other = make_source()
    for n in range(count):
        event = make_event(start_day=n % 28 + 1, storylines=storylines[: n % 3])
        Citation.objects.bulk_create(
            [
                Citation(event=event, source=source, stance="claims"),
                Citation(event=event, source=other, stance="reports"),
            ]
        )
        facets.renew([event.pk])  # bulk_create sends no signal


@pytest.mark.parametrize(("path", "expected"), [("/sources/", 3), ("/sources/russian-mfa/", 6)])
def test_query_counts_do_not_grow(client, ministry, path, expected):
    cite_many(ministry, 3)
    few = count_page_queries(client, path)
    cite_many(ministry, 120)
    assert few == count_page_queries(client, path) == expected

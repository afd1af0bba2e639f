"""The front page: the latest key events and articles, and the storylines with their spans."""

import datetime

import pytest

from tests.articles.factories import UNPUBLISHED, count_page_queries, page_html
from tests.factories import make_article, make_citation, make_event, make_source, make_storyline

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    incursion = make_storyline(title="The incursion", slug="incursion")
    talks = make_storyline(title="Peace talks", slug="talks")
    make_storyline(title="Only drafts here", slug="drafts-only")
    source = make_source()
    events = [
        make_event(title="Border crossed", start_day=6, is_key=True, storylines=[incursion]),
        make_event(title="Bridge falls", start_day=16, is_key=True, storylines=[incursion]),
        make_event(title="Not key", start_day=18, storylines=[incursion]),
        make_event(title="Talks postponed", start_month=8, storylines=[talks], is_key=True),
    ]
    for label, values in UNPUBLISHED.items():
        hidden = make_storyline(title=f"Hidden {label} storyline")
        make_event(
            title=f"Hidden {label} event",
            start_month=9,
            is_key=True,
            storylines=[incursion, hidden],
            **values,
        )
        make_article(headline=f"Hidden {label} article", **values)
    for event in events:
        make_citation(event, source)
    make_article(
        headline="The latest article",
        publish_at=datetime.datetime(2024, 8, 20, tzinfo=datetime.UTC),
    )
    make_article(
        headline="An older article", publish_at=datetime.datetime(2024, 8, 10, tzinfo=datetime.UTC)
    )


def test_the_front_page_has_one_h1_and_the_latest_key_events_first(client, story):
    html = page_html(client, "/")
    assert html.count("<h1") == 1
    key = html.split('id="key-events-heading"')[1].split("</section>")[0]
    assert key.index("Talks postponed") < key.index("Bridge falls") < key.index("Border crossed")
    assert "Not key" not in key


def test_latest_articles_come_newest_first(client, story):
    html = page_html(client, "/")
    assert html.index("The latest article") < html.index("An older article")


def test_storylines_show_their_published_span_and_count(client, story):
    html = page_html(client, "/")
    storylines = html.split('id="storylines-heading"')[1].split("</section>")[0]
    assert "The incursion" in storylines and "Peace talks" in storylines
    assert (
        '<time datetime="2024-08-06">6 August 2024</time> to '
        '<time datetime="2024-08-18">18 August 2024</time>'
    ) in storylines
    assert "· 3 events" in storylines
    assert (
        '<time datetime="2024-08">August 2024</time>' in storylines and "· 1 event\n" in storylines
    )
    assert '?storyline=incursion"' in storylines


def test_nothing_unpublished_reaches_the_front_page(client, story):
    html = page_html(client, "/")
    assert "Hidden" not in html
    assert "Only drafts here" not in html
    assert "September" not in html


def test_an_empty_site_has_a_front_page(client):
    html = page_html(client, "/")
    assert "No key events have been published yet." in html


def test_the_front_page_touches_no_session_and_answers_conditional_requests(client, story):
    response = client.get("/")
    assert not response.cookies and "Cookie" not in response.get("Vary", "")
    assert client.get("/", headers={"if-none-match": response["ETag"]}).status_code == 304


def test_the_front_page_runs_the_same_queries_whatever_the_size(client, story):
    few = count_page_queries(client, "/")
    storylines = [make_storyline() for _ in range(5)]
    source = make_source()
    for n in range(150):
        event = make_event(start_day=n % 28 + 1, is_key=n % 2 == 0, storylines=storylines[: n % 4])
        make_citation(event, source)
        make_article()
    assert few == count_page_queries(client, "/") == 7

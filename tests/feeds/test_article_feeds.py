"""The articles feed, in every format."""

import datetime

import pytest

from tests.articles.factories import UNPUBLISHED, count_page_queries, make_correction
from tests.factories import PAST, make_article, make_event, make_storyline, make_user

from .reading import FORMATS, read_feed

pytestmark = pytest.mark.django_db

LATER = PAST + datetime.timedelta(days=3)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_feed_holds_published_articles_only(client, fmt):
    make_article(headline="Out now")
    for state, values in UNPUBLISHED.items():
        make_article(headline=f"Not public: {state}", **values)
    assert [entry.title for entry in read_feed(client, f"/feeds/articles.{fmt}")] == ["Out now"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_article_item_has_its_standfirst_byline_times_and_corrections(
    client, fmt, django_capture_on_commit_callbacks
):
    writers = [
        make_user("alex", first_name="Alex", last_name="Doe"),
        make_user("sam", first_name="Sam", last_name="Roe"),
        make_user("nameless"),  # a login name is never shown to the public
    ]
    first = PAST - datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(
            headline="Bridge falls",
            slug="bridge-falls",
            standfirst="A key bridge near Glushkovo is down.",
            bylines=writers,
            first_published_at=first,
        )
        make_correction(article, note="The bridge is over the Seym.", published_at=LATER)
    [entry] = read_feed(client, f"/feeds/articles.{fmt}")
    assert entry.link == "http://testserver/articles/bridge-falls/"
    assert (entry.published, entry.updated) == (first, LATER)
    assert "A key bridge near Glushkovo is down." in entry.text
    assert "Correction, 4 September 2024: The bridge is over the Seym." in entry.text
    expected = ["Alex Doe", "Sam Roe"] if fmt == "json" else ["Alex Doe and Sam Roe"]
    assert entry.authors == expected
    assert "nameless" not in client.get(f"/feeds/articles.{fmt}").text


@pytest.mark.parametrize("fmt", FORMATS)
def test_articles_are_tagged_with_the_storylines_of_their_published_events(client, fmt):
    front = make_storyline(title="The front")
    hidden = make_storyline(title="Not yet public")
    make_article(
        events=[
            make_event(storylines=[front]),
            make_event(storylines=[front, make_storyline(title="Aid")]),
            make_event(storylines=[hidden], **UNPUBLISHED["draft"]),
        ]
    )
    [entry] = read_feed(client, f"/feeds/articles.{fmt}")
    assert entry.tags == ["The front", "Aid"]


def make_articles(count):
    writer = make_user(f"writer{count}", first_name="Pat", last_name=f"Writer {count}")
    for _ in range(count):
        article = make_article(
            bylines=[writer], events=[make_event(storylines=[make_storyline()]), make_event()]
        )
        make_correction(article, published_at=PAST)


@pytest.mark.parametrize("fmt", FORMATS)
def test_feed_queries_do_not_grow_with_the_articles(client, fmt):
    make_articles(2)
    few = count_page_queries(client, f"/feeds/articles.{fmt}")
    make_articles(60)
    assert few == count_page_queries(client, f"/feeds/articles.{fmt}") == 6

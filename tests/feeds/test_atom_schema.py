"""Every Atom feed is valid Atom (RFC 4287): our RELAX NG grammar and the rules beside it."""

import pytest

from tests.articles.factories import make_correction as correct_article
from tests.factories import (
    make_article,
    make_citation,
    make_event,
    make_source,
    make_storyline,
    make_user,
)
from tests.timeline.factories import make_correction as correct_event

from .atom import atom_problems

pytestmark = pytest.mark.validator

ENTRY = """
  <entry>
    {author}
    <title>Forces cross the border</title>
    {links}
    <id>https://example.org/events/crossing/</id>
    <updated>2024-08-06T05:30:00+03:00</updated>
  </entry>"""
AUTHOR = "<author><name>Newsroom</name></author>"
LINK = '<link href="https://example.org/events/crossing/"/>'


def feed(*, author=AUTHOR, entry_author="", entries=1, id_="https://example.org/feed", **parts):
    """A small Atom feed; each keyword changes or (given None) leaves out one part."""
    updated = parts.get("updated", "2024-08-06T09:00:00Z")
    entry = ENTRY.format(author=entry_author, links=parts.get("links", LINK))
    parts = [
        author,
        "<title>The timeline</title>",
        f"<id>{id_}</id>" if id_ else "",
        f"<updated>{updated}</updated>" if updated else "",
        *[entry] * entries,
    ]
    body = "\n  ".join(parts)
    return f'<feed xmlns="http://www.w3.org/2005/Atom">\n  {body}\n</feed>'.encode()


def test_the_grammar_takes_a_plain_valid_feed():
    assert atom_problems(feed()) == []


def test_a_feed_may_leave_its_author_to_entries_that_all_name_one():
    assert atom_problems(feed(author="", entry_author=AUTHOR, entries=2)) == []


@pytest.mark.parametrize(
    ("document", "why"),
    [
        (feed(author=""), "no author on the feed or its entry"),
        (feed(author="", entries=0), "no author and no entries"),
        (feed(id_=None), "no id"),
        (feed(updated=None), "no updated"),
        (feed(updated="2024-08-06T09:00:00"), "a time without its offset"),
        (feed(updated="2024-08-06"), "a date without a time"),
        (feed(updated="2024-08-06t09:00:00z"), "a lower-case T and Z"),
        (feed(author="<author><uri>https://example.org/</uri></author>"), "a person without name"),
        (feed(id_="feed"), "a relative id"),
        (feed(links=LINK * 2), "two alternate links of the same type"),
        (feed(links=""), "an entry with neither content nor link"),
    ],
)
def test_the_grammar_refuses_what_rfc_4287_forbids(document, why):
    assert atom_problems(document) != [], why


@pytest.fixture
def story():
    """Every kind of entry the feeds hold: corrected and not, with bylines and without."""
    front = make_storyline(title="The front", slug="front")
    outlet = make_source(name="The Outlet", slug="outlet")
    crossing = make_event(title="Forces cross <the> border & more", storylines=[front])
    make_citation(crossing, outlet)
    correct_event(crossing, note="The hour was wrong.")
    make_event(title="Talks proposed", storylines=[front])
    writer = make_user("writer", first_name="Olena", last_name="Koval")
    signed = make_article(slug="signed", headline="Into Kursk", bylines=[writer])
    correct_article(signed, note="A name was misspelt.")
    make_article(slug="unsigned", headline="The week")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/feeds/timeline.atom", "/feeds/storylines/front.atom", "/feeds/articles.atom"]
)
def test_every_atom_feed_is_valid_atom(client, story, path):
    response = client.get(path)
    assert response.status_code == 200
    assert atom_problems(response.content) == []


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/feeds/timeline.atom", "/feeds/articles.atom"])
def test_a_feed_with_no_entries_yet_is_valid_atom(client, path):
    """With no entry to name an author, the feed's own is the only one."""
    response = client.get(path)
    assert response.status_code == 200
    assert atom_problems(response.content) == []

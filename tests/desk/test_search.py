"""The events list's search box: on PostgreSQL it reads the full-text index, and finds what the
plain search (every row, LIKE over four columns, as on SQLite) finds for an editor's words."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from tests.factories import make_event
from timeline import admin
from timeline.models import Event

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the index exists on PostgreSQL only"
)


def search(client, words):
    response = client.get("/admin/timeline/event/", {"q": words})
    assert response.status_code == 200
    return response.context["cl"]


def found(client, words):
    return {event.title for event in search(client, words).result_list}


def plain_search(words):
    """Django's own search: each word somewhere in the title, summary, text or slug."""
    events = Event.objects.all()
    for word in words.split():
        events = events.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(body__icontains=word)
            | Q(slug__icontains=word)
        )
    return {event.title for event in events}


@pytest.mark.parametrize(
    "words", ["Sudzha", "Kursk", "bridge", "Zaporizhzhia", "Kursk region", "troops", "Doha"]
)
def test_the_demo_story_is_found_as_before(client, settings, editor, words):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    settings.DEBUG = False
    client.force_login(editor)
    expected = plain_search(words)
    assert expected  # each word is in the demo
    assert found(client, words) == expected


def test_the_start_of_a_word_or_a_slug_finds_the_event(client, editor):
    make_event(title="In Ukrainian-held Sudzha, empty streets", slug="sudzha-streets")
    make_event(title="Talks postponed", slug="talks-postponed")
    client.force_login(editor)
    assert found(client, "Sudzh") == {"In Ukrainian-held Sudzha, empty streets"}
    assert found(client, "talks-postponed") == {"Talks postponed"}
    # Punctuation alone, or the query syntax of PostgreSQL, is a search like any other.
    assert search(client, "!:*&|").result_count == 0


@on_postgresql
@pytest.mark.parametrize("most", [admin.MOST_SEARCH_MATCHES, 1])
def test_the_search_reads_the_full_text_index_once_unless_it_matches_too_many(
    client, editor, monkeypatch, most
):
    # Up to the most, the matches are read once and the list looks them up by id; beyond, each
    # of the list's queries matches the words again.
    monkeypatch.setattr(admin, "MOST_SEARCH_MATCHES", most)
    make_event(title="Bridge near Glushkovo destroyed")
    make_event(title="Glushkovo shelled again")
    make_event(title="Talks postponed")
    client.force_login(editor)
    with CaptureQueriesContext(connection) as captured:
        titles = found(client, "Glushkovo")
    assert titles == {"Bridge near Glushkovo destroyed", "Glushkovo shelled again"}
    matching = [query["sql"] for query in captured if "to_tsvector" in query["sql"]]
    assert (len(matching) == 1) if most > 1 else (len(matching) > 1), matching
    with connection.cursor() as cursor:
        # A tiny table is cheaper to scan, and walking another index while filtering rows is
        # what the planner may pick from whatever statistics earlier tests left: leave it only
        # bitmap scans, which need an index the condition itself can use.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        for sql in matching:
            cursor.execute(f"EXPLAIN {sql}")
            assert "timeline_event_search" in str(cursor.fetchall()), sql


@on_postgresql
def test_the_query_syntax_of_postgresql_is_read_as_plain_words(client, editor):
    make_event(title="In Ukrainian-held Sudzha, empty streets")
    client.force_login(editor)
    for words in ["sudzha & (", "Sudzha's", "!sudzha:*", "'sudzha' | ''"]:
        assert found(client, words) == {"In Ukrainian-held Sudzha, empty streets"}, words

"""Readers' search in Ukrainian and Russian finds events by their translations."""

import pytest
from django.db import connection

from tests.articles.factories import page_html
from tests.factories import make_citation, make_event, make_source

from .factories import translate

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemmed search is PostgreSQL's"
)


@pytest.fixture
def events():
    kursk = make_event(title="Fighting in the Kursk region", slug="kursk")
    translate(kursk, "ru", title="Бои в Курской области", summary="Курская область.")
    translate(kursk, "uk", title="Бої в Курській області", summary="Курська область.")
    other = make_event(title="Talks in Doha", slug="doha")
    translate(other, "ru", title="Переговоры в Дохе")
    translate(other, "uk", title="Переговори в Досі")
    source = make_source()
    make_citation(kursk, source)
    make_citation(other, source)
    return kursk, other


def titles(client, path):
    html = page_html(client, path)
    return {
        slug
        for slug in ("kursk", "doha")
        if f'href="{path.split("/timeline")[0]}/events/{slug}/"' in html
    }


@postgresql_only
def test_russian_words_are_found_in_any_of_their_forms(client, events):
    assert titles(client, "/ru/timeline/?q=Курская") == {"kursk"}
    assert titles(client, "/ru/timeline/?q=Курской") == {"kursk"}
    assert titles(client, "/ru/timeline/?q=переговоров") == {"doha"}


@postgresql_only
def test_ukrainian_words_are_found_by_their_stems(client, events):
    assert titles(client, "/uk/timeline/?q=Курської") == {"kursk"}
    assert titles(client, "/uk/timeline/?q=курська область") == {"kursk"}
    assert titles(client, "/uk/timeline/?q=переговорів") == {"doha"}


def test_the_words_as_written_are_found_everywhere(client, events):
    assert titles(client, "/ru/timeline/?q=Курской") == {"kursk"}
    assert titles(client, "/uk/timeline/?q=Досі") == {"doha"}


def test_english_words_still_find_events_on_a_translated_page(client, events):
    assert titles(client, "/uk/timeline/?q=Doha") == {"doha"}


def test_english_search_ignores_translations(client, events):
    assert titles(client, "/timeline/?q=Курской") == set()


def test_a_translation_readers_do_not_see_is_not_searched(client, events):
    kursk, _other = events
    kursk.title = "Fighting in Kursk"
    kursk.save()  # the Russian translation is now outdated
    assert titles(client, "/ru/timeline/?q=Курской") == set()


@postgresql_only
@pytest.mark.parametrize(("language", "word"), [("ru", "Курской"), ("uk", "Курської")])
def test_the_search_reads_the_language_index(events, language, word):
    from django.contrib.contenttypes.models import ContentType

    from newsroom.translations.models import Translation
    from timeline.filters import translated_search
    from timeline.models import Event

    # Enough translations of events that reading them all would cost more than the index.
    event_type = ContentType.objects.get_for_model(Event)
    Translation.objects.bulk_create(
        Translation(
            content_type=event_type,
            object_id=10**6 + n,
            language=language,
            fields={"title": f"Событие {n}", "summary": "Текст."},
            ready=True,
        )
        for n in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE translations_translation")
    ids = translated_search(word, language)
    assert ids.exists()
    plan = ids.explain()
    assert f"translations_search_{language}" in plan, plan


def test_a_query_of_no_word_finds_nothing_translated(client, events):
    assert titles(client, "/uk/timeline/?q=%21%21%21") == set()

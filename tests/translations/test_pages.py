"""Readers' pages in Ukrainian and Russian show the content's translations, or its English
original, labelled and marked lang="en"; English pages are as they were."""

import pytest

from newsroom.publishing import PublicationStatus
from tests.articles.factories import count_page_queries, page_html
from tests.factories import (
    make_article,
    make_citation,
    make_event,
    make_party,
    make_place,
    make_source,
    make_storyline,
)
from tests.timeline.factories import make_correction

from .factories import translate

pytestmark = pytest.mark.django_db

MISSING = {"uk": "Ще не перекладено", "ru": "Ещё не переведено"}
BEING_UPDATED = {"uk": "Переклад оновлюється", "ru": "Перевод обновляется"}


@pytest.fixture
def bridge():
    place = make_place(name="Glushkovo", slug="glushkovo")
    translate(place, "uk", name="Глушково")
    party = make_party(name="Russia")
    translate(party, "uk", name="Росія")
    source = make_source(name="Defence ministry", slug="ministry", party=party)
    translate(source, "uk", name="Міністерство оборони")
    storyline = make_storyline(title="The incursion")
    translate(storyline, "uk", title="Наступ")
    event = make_event(
        slug="bridge",
        title="Bridge destroyed",
        summary="The bridge over the Seym was destroyed.",
        place=place,
        storylines=[storyline],
    )
    make_citation(event, source)
    translate(event, "uk", title="Міст зруйновано", summary="Міст через Сейм зруйновано.")
    return event


def test_the_ukrainian_event_page_is_in_ukrainian(client, bridge):
    html = page_html(client, "/uk/events/bridge/")
    for text in ("Міст зруйновано", "Міст через Сейм зруйновано.", "Глушково", "Наступ"):
        assert text in html
    assert "Міністерство оборони" in html and "Росія" in html
    assert "Bridge destroyed" not in html
    assert MISSING["uk"] not in html and ' lang="en"' not in html


def test_english_pages_are_unchanged(client, bridge):
    html = page_html(client, "/events/bridge/")
    assert "Bridge destroyed" in html and "Міст" not in html
    assert 'class="untranslated"' not in html


def test_an_untranslated_event_is_shown_in_english_with_a_label(client, bridge):
    html = page_html(client, "/ru/events/bridge/")
    assert '<h1 lang="en">Bridge destroyed</h1>' in html
    assert MISSING["ru"] in html


def test_an_outdated_translation_gives_way_to_the_corrected_original(client, bridge):
    bridge.summary = "The bridge over the Seym was destroyed by a strike."
    bridge.save()
    html = page_html(client, "/uk/events/bridge/")
    assert "The bridge over the Seym was destroyed by a strike." in html
    assert "Міст через Сейм зруйновано." not in html
    assert BEING_UPDATED["uk"] in html
    # What did not change is still shown in Ukrainian.
    assert "Глушково" in html


def test_a_translation_not_marked_ready_is_not_shown(client):
    event = make_event(slug="draft-translation", title="Talks postponed")
    make_citation(event, make_source())
    translate(event, "uk", ready=False, title="Переговори відкладено")
    html = page_html(client, "/uk/events/draft-translation/")
    assert "Переговори відкладено" not in html and MISSING["uk"] in html


def test_an_unpublished_original_hides_its_translation(client):
    event = make_event(slug="hidden", title="Secret", status=PublicationStatus.DRAFT)
    translate(event, "uk", title="Таємниця")
    assert client.get("/uk/events/hidden/").status_code == 404
    assert "Таємниця" not in page_html(client, "/uk/timeline/")


def test_the_timeline_lists_translated_events(client, bridge):
    make_citation(make_event(title="Only in English"), make_source())
    html = page_html(client, "/uk/timeline/")
    assert "Міст зруйновано" in html
    assert '<p class="event-summary" lang="en">' in html
    assert MISSING["uk"] in html


def test_the_article_page_shows_its_translation_and_corrections(client, bridge):
    from tests.articles.factories import make_correction as correct_article

    article = make_article(slug="story", headline="The story", standfirst="In short.")
    translate(article, "ru", headline="История", standfirst="Коротко.")
    correction = correct_article(article, note="A date was wrong.")
    translate(correction, "ru", note="Дата была неверной.")
    html = page_html(client, "/ru/articles/story/")
    assert "История" in html and "Коротко." in html and "Дата была неверной." in html
    assert MISSING["ru"] not in html
    assert "The story" in page_html(client, "/articles/story/")


def test_an_event_correction_is_translated(client, bridge):
    correction = make_correction(bridge, note="The date was wrong.")
    translate(correction, "uk", note="Дата була хибна.")
    html = page_html(client, "/uk/events/bridge/")
    assert "Дата була хибна." in html and "The date was wrong." not in html


def grow(size):
    """``size`` published, translated events with their place, storyline, source and party,
    and an article linking them, with a correction each."""
    party = make_party()
    storyline = make_storyline()
    events = []
    for _ in range(size):
        place, source = make_place(), make_source(party=party)
        event = make_event(place=place, storylines=[storyline], is_key=True)
        make_citation(event, source)
        make_correction(event)
        for item in (event, place, source):
            translate(item, "uk", **{"title" if item is event else "name": "Переклад"})
        events.append(event)
    translate(party, "uk", name="Сторона")
    translate(storyline, "uk", title="Лінія")
    article = make_article(events=events)
    translate(article, "uk", headline="Стаття")
    return events[-1], article, source


@pytest.mark.parametrize("prefix", ["", "/uk", "/ru"])
@pytest.mark.parametrize(
    ("page", "expected"),
    [
        *(("timeline", 5), ("event", 8), ("home", 7)),
        *(("articles", 4), ("article", 7), ("sources", 3), ("source", 6)),
    ],
)
def test_query_counts_are_fixed_in_every_language(client, prefix, page, expected):
    def path(event, article, source):
        return (
            prefix
            + {
                "timeline": "/timeline/",
                "event": event.get_absolute_url(),
                "article": article.get_absolute_url(),
                "source": f"/sources/{source.slug}/",
                "articles": "/articles/",
                "sources": "/sources/",
                "home": "/",
            }[page]
        )

    few = count_page_queries(client, path(*grow(2)))
    many = count_page_queries(client, path(*grow(30)))
    assert (few, many) == (expected, expected) and expected <= 8


def test_the_filters_name_storylines_places_and_sources_in_the_pages_language(client, bridge):
    html = page_html(client, "/uk/timeline/")
    for name in ("Наступ", "Глушково", "Міністерство оборони", "Росія"):
        assert f">{name}</option>" in html
    assert ">Glushkovo</option>" in page_html(client, "/timeline/")


def test_a_filter_in_use_is_named_in_the_pages_language(client, bridge):
    html = page_html(client, "/uk/timeline/?place=glushkovo")
    assert "Глушково" in html and "Міст зруйновано" in html


def test_the_home_page_lists_storylines_in_the_pages_language(client, bridge):
    bridge.is_key = True
    bridge.save()
    html = page_html(client, "/uk/")
    assert "Наступ" in html and "Міст зруйновано" in html
    assert "The incursion" in page_html(client, "/")


def test_the_feeds_at_ukrainian_addresses_carry_the_translations(client, bridge):
    correction = make_correction(bridge, note="The date was wrong.")
    translate(correction, "uk", note="Дата була хибна.")
    feed = client.get("/uk/feeds/timeline.json").json()
    [item] = feed["items"]
    assert item["title"] == "Міст зруйновано" and item["summary"] == "Міст через Сейм зруйновано."
    assert "Дата була хибна." in item["content_html"]
    assert client.get("/feeds/timeline.json").json()["items"][0]["title"] == "Bridge destroyed"
    storyline = bridge.storylines.get()
    assert "Наступ" in client.get(f"/uk/feeds/storylines/{storyline.slug}.json").json()["title"]


def test_the_map_names_places_and_events_in_the_pages_language(client):
    place = make_place(name="Sudzha", slug="sudzha", latitude="51.19", longitude="35.27")
    translate(place, "uk", name="Суджа")
    event = make_event(title="Sudzha taken", place=place)
    make_citation(event, make_source())
    translate(event, "uk", title="Суджу взято")
    html = page_html(client, "/uk/map/")
    assert "Суджа" in html and "Суджу взято" in html
    assert "Sudzha taken" in page_html(client, "/map/")


def test_the_lists_of_articles_and_sources_are_translated(client, bridge):
    article = make_article(slug="story", headline="The story")
    translate(article, "uk", headline="Історія")
    assert "Історія" in page_html(client, "/uk/articles/")
    html = page_html(client, "/uk/sources/")
    assert "Міністерство оборони" in html and "Defence ministry" not in html
    html = page_html(client, "/uk/sources/ministry/")
    assert "<h1>Міністерство оборони</h1>" in html and "Міст зруйновано" in html

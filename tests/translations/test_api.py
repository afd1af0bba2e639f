"""The API and the exports in a language: ?lang=uk|ru|en, 400 on anything else, each language
stored apart."""

import csv
import io
import json

import pytest

from tests.exports.helpers import content
from tests.factories import make_article, make_citation, make_event, make_place, make_source

from .factories import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def bridge():
    place = make_place(name="Glushkovo", slug="glushkovo", latitude="51.3", longitude="34.6")
    translate(place, "uk", name="Глушково")
    source = make_source(name="Defence ministry", slug="ministry")
    translate(source, "uk", name="Міністерство оборони")
    event = make_event(slug="bridge", title="Bridge destroyed", place=place)
    make_citation(event, source)
    translate(event, "uk", title="Міст зруйновано")
    return event


def test_an_event_in_ukrainian(client, bridge):
    data = client.get("/api/events/bridge/?lang=uk").json()
    assert data["title"] == "Міст зруйновано"
    assert "Глушково" in json.dumps(data, ensure_ascii=False)
    assert "Міністерство оборони" in json.dumps(data, ensure_ascii=False)


def test_english_without_lang_or_with_en_and_a_fallback_in_russian(client, bridge):
    for query in ("", "?lang=en", "?lang=ru"):
        assert client.get(f"/api/events/bridge/{query}").json()["title"] == "Bridge destroyed"


def test_lists_are_stored_apart_per_language(client, bridge):
    english = client.get("/api/events/").json()
    ukrainian = client.get("/api/events/?lang=uk").json()
    assert english["results"][0]["title"] == "Bridge destroyed"
    assert ukrainian["results"][0]["title"] == "Міст зруйновано"
    assert client.get("/api/places/?lang=uk").json()["results"][0]["name"] == "Глушково"
    assert client.get("/api/places/glushkovo/?lang=uk").json()["name"] == "Глушково"


def test_an_article_in_ukrainian(client, bridge):
    article = make_article(slug="story", headline="The story", events=[bridge])
    translate(article, "uk", headline="Історія")
    assert client.get("/api/articles/story/?lang=uk").json()["headline"] == "Історія"
    assert client.get("/api/articles/?lang=uk").json()["results"][0]["headline"] == "Історія"


@pytest.mark.parametrize(
    "path", ["/api/events/", "/api/events/bridge/", "/api/places/", "/api/articles/"]
)
@pytest.mark.parametrize("value", ["xx", "UK", "", "en-gb"])
def test_any_other_language_is_a_400(client, bridge, path, value):
    response = client.get(f"{path}?lang={value}")
    assert response.status_code == 400
    [problem] = response.json()["problems"]
    assert problem["parameter"] == "lang" and problem["value"] == value


def text(client, path):
    return content(client.get(path)).decode()


def test_the_exports_in_ukrainian(client, bridge):
    rows = list(csv.DictReader(io.StringIO(text(client, "/api/exports/events.csv?lang=uk"))))
    assert rows[0]["title"] == "Міст зруйновано" and rows[0]["place_name"] == "Глушково"
    english = text(client, "/api/exports/events.csv")
    assert "Bridge destroyed" in english and "Міст" not in english
    geojson = text(client, "/api/exports/events.geojson?lang=uk")
    assert "Міст зруйновано" in geojson
    timelinejs = json.loads(text(client, "/api/exports/timelinejs.json?lang=uk"))
    assert "Міст зруйновано" in timelinejs["events"][0]["text"]["headline"]


@pytest.mark.parametrize("name", ["events.csv", "events.geojson", "timelinejs.json"])
def test_an_export_refuses_an_unknown_language(client, bridge, name):
    response = client.get(f"/api/exports/{name}?lang=xx")
    assert response.status_code == 400 and "“xx” is not a language here" in response.text


# The interface's words in an answer follow ?lang= too: the date as the timeline writes it in
# that language, the kind's and the status's labels, and the attribution lines.
WORDS = {
    "uk": {"date": "серпень 2024", "kind": "Військові", "reports": "Повідомляє"},
    "ru": {"date": "август 2024", "kind": "Военные", "reports": "Сообщает"},
}


@pytest.mark.parametrize("language", WORDS)
def test_an_events_labels_dates_and_attribution_follow_lang(client, bridge, language):
    words = WORDS[language]
    data = client.get(f"/api/events/bridge/?lang={language}").json()
    assert words["date"] in data["date"]["label"]
    assert data["date"]["precision"] == "month"  # a token in every language, as OpenAPI says
    assert data["kind"] == {"value": "military", "label": words["kind"]}
    assert data["attributions"][0].startswith(words["reports"])
    listed = client.get(f"/api/events/?lang={language}").json()["results"][0]
    assert listed["date"] == data["date"] and listed["kind"] == data["kind"]


def test_an_english_answer_keeps_english_words(client, bridge):
    data = client.get("/api/events/bridge/").json()
    assert data["date"]["precision"] == "month" and data["date"]["label"] == "August 2024"
    assert data["kind"]["label"] == "Military"
    assert data["attributions"][0].startswith("Reported by")


# An approximate day: TimelineJS is given the timeline's own words for it.
ABOUT = {"uk": "бл. 6 серпня 2024", "ru": "ок. 6 августа 2024"}
SLIDE = {
    "uk": ["Статус: Повідомлено.", "Джерела й подробиці", "/uk/events/bridge/", "/uk/timeline/"],
    "ru": ["Статус: Сообщено.", "Источники и подробности", "/ru/events/bridge/", "/ru/timeline/"],
}


@pytest.mark.parametrize("language", WORDS)
def test_the_exports_write_dates_and_words_in_the_language_asked(client, bridge, language):
    make_event(slug="raid", start_day=6, is_approximate=True, publish_at=bridge.publish_at)
    timelinejs = json.loads(text(client, f"/api/exports/timelinejs.json?lang={language}"))
    [raid] = [slide for slide in timelinejs["events"] if slide["unique_id"] == "raid"]
    assert raid["start_date"]["display_date"] == ABOUT[language]
    everything = json.dumps(timelinejs, ensure_ascii=False)
    for words in SLIDE[language]:
        assert words in everything
    assert "lang=" not in everything  # the readers' pages say their language by address
    assert "Status:" not in everything and "Sources and details" not in everything
    feature = json.loads(text(client, f"/api/exports/events.geojson?lang={language}"))
    [properties] = [f["properties"] for f in feature["features"] if f["id"] == "bridge"]
    assert WORDS[language]["date"] in properties["date_label"]
    assert properties["precision"] == "month"
    rows = list(
        csv.DictReader(io.StringIO(text(client, f"/api/exports/events.csv?lang={language}")))
    )
    assert {row["event_id"]: row["precision"] for row in rows} == {"bridge": "month", "raid": "day"}

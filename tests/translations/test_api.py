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

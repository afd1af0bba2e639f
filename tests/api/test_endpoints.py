"""What each endpoint returns: the representations, pages, errors, and nothing unpublished."""

import json

import pytest
from django.test import Client

from tests.factories import make_event

pytestmark = pytest.mark.django_db

LISTS = ["/api/events/", "/api/storylines/", "/api/places/", "/api/sources/", "/api/articles/"]
UNPUBLISHED = ["draft", "scheduled", "hidden", "hidden-place", "leaky", "draft-article", "Leaky"]


def get_json(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def slugs(data):
    return [item["slug"] for item in data["results"]]


def test_the_index_links_every_collection_and_the_document(client, story):
    links = get_json(client, "/api/")
    assert links["events"] == "http://testserver/api/events/"
    assert links["openapi"] == "http://testserver/api/openapi.json"
    for link in links.values():
        assert client.get(link).status_code == 200


def test_an_event_says_what_the_timeline_says(client, story):
    event = get_json(client, "/api/events/statement/")
    assert event["url"] == "http://testserver/events/statement/"
    assert event["api_url"] == "http://testserver/api/events/statement/"
    assert event["date"] == {
        "start": "2024-08-16T14:20+03:00",
        "end": None,
        "precision": "minute",
        "approximate": False,
        "label": "16 August 2024, 14:20 Kyiv time",
    }
    assert event["verification"] == {"value": "claimed", "label": "Claimed"}
    assert event["attributions"] == [
        "Claimed by Russia, a party to the conflict: Russian defence ministry"
    ]
    [citation] = event["citations"]
    assert citation["party"] == {"slug": "russia", "name": "Russia"}
    assert citation["is_party"] and citation["speaker"] == "A spokesperson"
    assert citation["stance"] == "claims" and citation["url"] is None
    assert event["corrections"] == [
        {"note": "The bridge is over the Seym.", "published_at": "2024-09-03T09:30:00Z"}
    ]
    assert event["published_at"] == "2024-09-01T12:00:00Z"
    assert event["updated_at"] == "2024-09-03T09:30:00Z"
    assert event["verification_note"] is None


def test_dates_keep_their_precision(client, story):
    crossing = get_json(client, "/api/events/crossing/")
    planned = get_json(client, "/api/events/planned/")
    assert crossing["date"]["start"] == "2024-08-06" and crossing["date"]["precision"] == "day"
    assert planned["date"]["start"] == "2024" and planned["date"]["label"] == "c. 2024"
    # An area: its centre to one decimal place (timeline/geo.py).
    assert crossing["place"]["latitude"] == 51.2 and crossing["place"]["region"] == "Kursk region"
    assert crossing["updated_at"] == crossing["published_at"]  # never corrected


def test_an_article_lists_only_its_published_events_and_public_corrections(client, story):
    article = get_json(client, "/api/articles/pushes/")
    assert [event["slug"] for event in article["events"]] == ["crossing"]
    assert article["bylines"] == ["Alex Doe"]
    assert article["body_html"].startswith("<p>The first paragraph")
    assert [c["note"] for c in article["corrections"]] == ["A date was wrong."]
    assert article["updated_at"] == article["corrections"][0]["published_at"]
    assert article["lead_image"] is None


def test_collections_hold_only_what_published_events_use(client, story):
    assert slugs(get_json(client, "/api/storylines/")) == ["diplomacy", "incursion"]
    assert slugs(get_json(client, "/api/places/")) == ["sudzha"]
    sources = get_json(client, "/api/sources/")["results"]
    assert [(s["slug"], s["event_count"]) for s in sources] == [("reuters", 2), ("ru-mod", 2)]
    assert sources[0]["website"] == "https://www.reuters.com/"
    assert sources[1]["party"] == {"slug": "russia", "name": "Russia"}
    incursion = get_json(client, "/api/storylines/incursion/")
    assert incursion["event_count"] == 2
    assert incursion["events_url"] == "http://testserver/api/events/?storyline=incursion"


@pytest.mark.parametrize("path", [*LISTS, "/api/events/statement/", "/api/articles/pushes/"])
def test_nothing_unpublished_shows(client, story, path):
    text = client.get(path).content.decode()
    for word in UNPUBLISHED:
        assert f'"{word}"' not in text and f"/{word}/" not in text and word not in text


@pytest.mark.parametrize(
    "path",
    [
        "/api/events/draft/",
        "/api/events/scheduled/",
        "/api/articles/draft-article/",
        "/api/storylines/hidden/",
        "/api/places/hidden-place/",
        "/api/sources/leaky/",
        "/api/events/no-such-thing/",
        "/api/events/not a slug/",
        "/api/places/%00/",
        "/api/sources/%E2%80%94/",
    ],
)
def test_an_unpublished_or_unknown_item_is_a_json_404(client, story, path):
    data = get_json(client, path, status=404)
    assert data["status"] == 404 and "no published" in data["detail"]


def test_pages_link_to_each_other_and_never_overlap(client, story):
    for n in range(7):
        make_event(slug=f"more-{n}", start_day=n + 1)
    first = get_json(client, "/api/events/?page_size=4&utm_source=x")
    assert first["count"] == 12 and first["previous"] is None
    # Unknown parameters are dropped, so every page links to the one stored copy of the next.
    assert first["next"] == "http://testserver/api/events/?page=2&page_size=4"
    second = get_json(client, first["next"])
    third = get_json(client, second["next"])
    assert third["next"] is None and third["previous"] == first["next"]
    seen = slugs(first) + slugs(second) + slugs(third)
    assert len(seen) == len(set(seen)) == 12
    assert seen == slugs(get_json(client, "/api/events/?page_size=100"))


def test_the_default_page_holds_fifty(client, story):
    for n in range(60):
        make_event(slug=f"more-{n}")
    data = get_json(client, "/api/events/")
    assert len(data["results"]) == 50 and data["count"] == 65


@pytest.mark.parametrize("size", ["101", "1000", "0", "-1", "ten", "1e2", "99999999999999999999"])
def test_page_size_is_capped_with_a_clear_400(client, story, size):
    data = get_json(client, f"/api/storylines/?page_size={size}", status=400)
    assert data["problems"] == [
        {
            "parameter": "page_size",
            "value": size,
            "message": f"“{size}” is not a page size: give a whole number from 1 to 100.",
        }
    ]


def test_the_largest_page_is_allowed(client, story):
    assert len(get_json(client, "/api/events/?page_size=100")["results"]) == 5


@pytest.mark.parametrize("page", ["0", "x", "-2", "2.0", "٣"])
def test_a_bad_page_number_is_a_400(client, story, page):
    data = get_json(client, f"/api/places/?page={page}", status=400)
    assert [p["parameter"] for p in data["problems"]] == ["page"]


def test_a_page_past_the_end_is_a_json_404(client, story):
    assert get_json(client, "/api/events/?page=2", status=404)["detail"] == (
        "There is no page 2: the last is 1."
    )


def test_an_empty_list_is_an_empty_first_page(client):
    assert get_json(client, "/api/events/") == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }


@pytest.mark.parametrize(
    "query, parameter, value",
    [
        ("kind=bogus", "kind", "bogus"),
        ("storyline=hidden", "storyline", "hidden"),  # used only by a draft: refused, not empty
        ("source=leaky", "source", "leaky"),
        ("from=yesterday", "from", "yesterday"),
        ("to=2024-02-30", "to", "2024-02-30"),
        ("q=" + "x" * 201, "q", "x" * 201),
        ("order=sideways", "order", "sideways"),
    ],
)
def test_a_bad_filter_is_a_400_naming_the_parameter_and_value(
    client, story, query, parameter, value
):
    data = get_json(client, f"/api/events/?{query}", status=400)
    assert data["status"] == 400
    [found] = data["problems"]
    assert (found["parameter"], found["value"]) == (parameter, value)
    assert found["message"]


def test_every_problem_is_named_at_once(client, story):
    data = get_json(client, "/api/events/?kind=bogus&from=2024-09-01&to=2024-08-01&page=x", 400)
    assert [p["parameter"] for p in data["problems"]] == ["kind", None, "page"]
    assert "after it ends" in data["problems"][1]["message"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(story, method):
    client = Client(enforce_csrf_checks=True)  # a 405 that says why, not the CSRF 403
    response = getattr(client, method)("/api/events/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert json.loads(response.content)["status"] == 405


def test_head_answers_like_get_without_a_body(client, story):
    response = client.head("/api/events/crossing/")
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"] == client.get("/api/events/crossing/")["ETag"]


def test_an_override_note_goes_with_the_confirmed_status(client, story):
    make_event(
        slug="struck",
        title="Bridge struck",
        verification="confirmed",
        verification_note="Our reporter saw the damage.",
    )
    event = get_json(client, "/api/events/struck/")
    assert event["verification"]["value"] == "confirmed"
    assert event["verification_note"] == "Our reporter saw the damage."

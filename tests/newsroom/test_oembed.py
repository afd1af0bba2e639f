"""oEmbed (https://oembed.com) answers for the pages that offer an embed, and for nothing else."""

import json
import re

import pytest
from django.http import QueryDict

from newsroom import embeds
from tests.factories import make_citation, make_event, make_source, make_storyline
from timeline.views import describe_embed

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    event = make_event(
        slug="crossing", storylines=[make_storyline(title="The front", slug="front")]
    )
    make_citation(event, make_source())


def oembed(client, url, **query):
    return client.get("/oembed", {"url": url, **query})


def iframe_src(answer):
    return re.search(r'<iframe src="([^"]+)"', answer["html"]).group(1).replace("&amp;", "&")


def test_a_timeline_address_gets_its_embed_with_its_filters(client, story):
    page = "http://testserver/timeline/?storyline=front&order=newest&page=3&utm_source=cms"
    response = oembed(client, page)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    answer = json.loads(response.content)
    assert answer == {
        "version": "1.0",
        "type": "rich",
        "title": "Timeline (Storyline: The front)",
        "provider_name": "Newsroom",
        "provider_url": "http://testserver/",
        "cache_age": 3600,
        "html": answer["html"],
        "width": 640,
        "height": 600,
    }
    assert iframe_src(answer) == "http://testserver/embed/timeline/?storyline=front&order=newest"
    assert 'width="640" height="600"' in answer["html"]
    assert 'title="Timeline (Storyline: The front), from Newsroom"' in answer["html"]
    # The iframe it gives shows that page.
    assert client.get(iframe_src(answer).removeprefix("http://testserver")).status_code == 200


def test_a_plain_timeline_address_and_https_work_too(client, story):
    answer = json.loads(oembed(client, "https://testserver/timeline/", format="json").content)
    assert answer["title"] == "Timeline"
    assert iframe_src(answer) == "http://testserver/embed/timeline/"


@pytest.mark.parametrize(
    ("maxwidth", "maxheight", "width", "height"),
    [("320", "", 320, 600), ("", "200", 640, 200), ("2000", "9000", 640, 600), ("1", "1", 1, 1)],
)
def test_the_size_keeps_within_what_the_consumer_allows(
    client, story, maxwidth, maxheight, width, height
):
    size = {
        name: value for name, value in [("maxwidth", maxwidth), ("maxheight", maxheight)] if value
    }
    answer = json.loads(oembed(client, "http://testserver/timeline/", **size).content)
    assert (answer["width"], answer["height"]) == (width, height)
    assert f'width="{width}" height="{height}"' in answer["html"]


def test_a_map_address_gets_the_maps_embed_with_its_filters(client, story):
    answer = json.loads(
        oembed(client, "http://testserver/map/?storyline=front&day=2024-08-06").content
    )
    assert answer["title"] == "Map (Storyline: The front)"
    assert iframe_src(answer) == "http://testserver/embed/map/?storyline=front"
    assert client.get(iframe_src(answer).removeprefix("http://testserver")).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "http://elsewhere.example/timeline/",
        "http://testserver.example/timeline/",
        "http://testserver:8080/timeline/",
        "http://testserver/",
        "http://testserver/events/crossing/",
        "http://testserver/embed/timeline/",
        "http://testserver/api/events/",
        "http://testserver/oembed",
        "http://testserver/no-such-page/",
        "http://testserver/embed/map/",
    ],
)
def test_any_other_address_is_a_404(client, story, url):
    response = oembed(client, url)
    assert response.status_code == 404
    assert json.loads(response.content)["status"] == 404


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({}, "url"),
        ({"url": ""}, "url"),
        ({"url": "/timeline/"}, "url"),
        ({"url": "testserver/timeline/"}, "url"),
        ({"url": "ftp://testserver/timeline/"}, "url"),
        ({"url": "http://[::1/timeline/"}, "url"),
        ({"url": "http://testserver/timeline/?storyline=nope"}, "url"),
        ({"url": "http://testserver/timeline/?from=2024-02-30"}, "url"),
        ({"url": "http://testserver/map/?storyline=nope"}, "url"),
        ({"url": "http://testserver/timeline/", "maxwidth": "0"}, "maxwidth"),
        ({"url": "http://testserver/timeline/", "maxwidth": "wide"}, "maxwidth"),
        ({"url": "http://testserver/timeline/", "maxheight": "-5"}, "maxheight"),
        ({"url": "http://testserver/timeline/", "maxheight": "9" * 5000}, "maxheight"),
        ({"url": "http://testserver/timeline/", "format": "yaml"}, "format"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(client, story, query, named):
    response = client.get("/oembed", query)
    assert response.status_code == 400
    problems = json.loads(response.content)["problems"]
    assert [problem["parameter"] for problem in problems] == [named]


def test_a_bad_filter_says_what_is_wrong_with_it(client, story):
    response = oembed(client, "http://testserver/timeline/?storyline=nope")
    assert (
        "“nope” is not among the choices" in json.loads(response.content)["problems"][0]["message"]
    )


def test_xml_is_not_implemented_as_the_specification_says(client, story):
    assert oembed(client, "http://testserver/timeline/", format="xml").status_code == 501


def test_the_answer_is_stored_like_a_page(client, story, django_assert_num_queries):
    first = oembed(client, "http://testserver/timeline/?storyline=front", maxwidth="400")
    with django_assert_num_queries(1):  # the validator's fingerprint
        again = oembed(client, "http://testserver/timeline/?storyline=front", maxwidth="400", x="1")
    assert again.content == first.content
    revalidated = client.get(
        "/oembed",
        {"url": "http://testserver/timeline/?storyline=front", "maxwidth": "400"},
        headers={"If-None-Match": first["ETag"]},
    )
    assert revalidated.status_code == 304


def test_describe_refuses_what_the_timeline_refuses(story, rf):
    with pytest.raises(embeds.BadAddress):
        describe_embed(rf.get("/"), QueryDict("kind=weather"))

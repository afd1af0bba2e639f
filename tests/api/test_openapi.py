"""The OpenAPI document is valid and describes what the endpoints really return."""

import pytest
import requests
import schemathesis
from django.test import RequestFactory
from django.urls import get_resolver, reverse
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.specs.openapi.checks import positive_data_acceptance

from newsroom.api import openapi

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_document_is_valid_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    validate(document)
    assert document["servers"] == [{"url": "http://testserver"}]


def test_it_documents_every_api_route_and_nothing_else(document):
    api = get_resolver().resolve("/api/").url_name and reverse("api:index")
    routes = {
        f"{api}{pattern.pattern}".replace("<str:slug>", "{slug}")
        for pattern in get_resolver("newsroom.api.urls").url_patterns
    }
    assert set(document["paths"]) == routes


def test_fixed_values_are_enumerated(document):
    parameters = document["components"]["parameters"]
    assert parameters["kind"]["schema"]["enum"][:2] == ["", "military"]
    assert parameters["order"]["schema"]["enum"] == ["", "oldest", "newest"]
    assert parameters["page_size"]["schema"]["maximum"] == 100
    for name in ("from", "to"):
        assert "A day from 0001-01-02 to 9999-12-30" in parameters[name]["description"]


# Built from the same code the live server serves it from (checked below); loaded eagerly because
# the lazy fixture loader of schemathesis 4.32 reads a private attribute pytest 9 no longer has.
schema = schemathesis.openapi.from_dict(openapi.document(RequestFactory().get("/")))


def test_the_live_server_serves_that_document(live_server):
    served = requests.get(f"{live_server.url}/api/openapi.json", timeout=10).json()
    assert {**served, "servers": None} == {**schema.raw_schema, "servers": None}


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_answer_matches_the_document(case, live_server, story):
    """No 500, and every answer (errors included) has the documented status, type and shape.

    A value of the right shape may still be refused: a kind no published event has, or a range
    that ends before it starts, is a documented 400. So "valid input must succeed" is left out.
    """
    case.call_and_validate(base_url=live_server.url, excluded_checks=[positive_data_acceptance])


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "path, slug",
    [
        ("/api/events/{slug}/", "statement"),
        ("/api/events/{slug}/", "crossing"),
        ("/api/events/{slug}/", "planned"),
        ("/api/storylines/{slug}/", "incursion"),
        ("/api/places/{slug}/", "sudzha"),
        ("/api/sources/{slug}/", "ru-mod"),
        ("/api/sources/{slug}/", "reuters"),
        ("/api/articles/{slug}/", "pushes"),
    ],
)
def test_published_items_match_the_document(live_server, story, path, slug):
    """Generated slugs rarely name a published item, so each kind is also checked found."""
    case = schema[path]["GET"].Case(path_parameters={"slug": slug})
    response = case.call_and_validate(base_url=live_server.url)
    assert response.status_code == 200

"""The same content renders the same bytes: every public list and choice ends its order with the
row's key, so rows with equal names come out in one order, the order of their keys.

The twins are made so that the database's own order of equal names is not their keys' order: the
first of each pair is saved again last, which on PostgreSQL moves its row behind its twin.
"""

import pytest
from django.core.cache import caches

from newsroom.caching import forget_fingerprint
from newsroom.sources.models import Source
from tests.factories import (
    make_citation,
    make_event,
    make_party,
    make_place,
    make_source,
    make_storyline,
)
from timeline.models import Place, Storyline

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/timeline/",
    "/sources/",
    "/api/places/",
    "/api/sources/",
    "/api/storylines/",
    "/api/exports/events.csv",
    "/api/exports/timelinejs.json",
    "/feeds/timeline.atom",
]


@pytest.fixture
def twins():
    """Two places, storylines and sources each with one name (a party's name is unique), keys
    in reverse slug order (z- made first), each used by a published event."""
    places = [make_place(name="Sudzha", region="Kursk region", slug=f"{c}-sudzha") for c in "za"]
    storylines = [make_storyline(title="The incursion", slug=f"{c}-incursion") for c in "za"]
    russia = make_party(name="Russia", slug="russia")
    sources = [make_source(name="Defence ministry", slug=f"{c}-mod", party=russia) for c in "za"]
    for day, (place, source) in enumerate(zip(places, sources, strict=True), start=6):
        event = make_event(place=place, storylines=storylines, start_day=day)
        make_citation(event, source)
    for rows in (places, storylines, sources):
        rows[0].save()  # a new row version on PostgreSQL, after its twin's
    return {"places": places, "storylines": storylines, "sources": sources}


def render(client, path):
    for each in caches.all():
        each.clear()
    forget_fingerprint()  # nothing kept from the last render: this one is made afresh
    response = client.get(path)
    assert response.status_code == 200, path
    return b"".join(response) if response.streaming else response.content


@pytest.mark.parametrize("path", PAGES)
def test_each_page_renders_the_same_bytes_every_time(client, twins, path):
    first = render(client, path)
    assert all(render(client, path) == first for _ in range(3))


def test_twins_come_in_the_order_of_their_keys_everywhere(client, twins):
    timeline = render(client, "/timeline/").decode()
    for rows in twins.values():
        assert rows[0].pk < rows[1].pk
        slugs = [row.slug for row in rows]
        assert timeline.index(f'value="{slugs[0]}"') < timeline.index(f'value="{slugs[1]}"')
    for path, key in [("/api/places/", "places"), ("/api/storylines/", "storylines")]:
        body = render(client, path).decode()
        first, second = (row.slug for row in twins[key])
        assert body.index(f'"{first}"') < body.index(f'"{second}"'), path
    sources = render(client, "/sources/").decode()
    first, second = (f"/sources/{source.slug}/" for source in twins["sources"])
    assert sources.index(first) < sources.index(second)


def test_the_models_order_equal_names_by_key(twins):
    for model in (Place, Storyline, Source):
        names = [row.pk for row in model.objects.all()]
        assert names == sorted(names), model

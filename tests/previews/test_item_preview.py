"""Staff open an unpublished item exactly as readers will see it, and only with rights to it."""

import re
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom.sources.models import Citation
from tests.factories import make_citation, make_event, make_party, make_source

from .conftest import PREVIEW_HEADERS, SOON, log_in, make_item, public_url, title_field

pytestmark = pytest.mark.django_db


def preview_url(item):
    return reverse("previews:item", args=[item._meta.label_lower, item.pk])


def main_element(response):
    """The page without the site's header, footer and preview banner."""
    return re.search(r"<main.*</main>", response.content.decode(), re.DOTALL).group()


def cite_both_sides(event):
    make_citation(event, make_source(name="Kyiv Independent"), quote="Troops crossed the border.")
    make_citation(
        event,
        make_source(name="Russian MoD", party=make_party(name="Russia")),
        stance=Citation.Stance.DENIES,
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("moderator", 403),
        ("author", 200),
        ("other reporter", 403),
        ("editor", 200),
    ],
)
def test_who_may_preview_a_draft_or_scheduled_item(client, people, item, who, status):
    response = log_in(client, people[who]).get(preview_url(item))
    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"] == f"/admin/login/?next={preview_url(item)}"
    assert client.get(public_url(item)).status_code == 404


def test_a_draft_event_preview_shows_what_readers_will_read(client, editor, event):
    cite_both_sides(event)
    client.force_login(editor)
    response = client.get(preview_url(event))
    assert response.context["preview"] is True
    page = response.content.decode()
    for text in [event.title, "Kyiv Independent", "Troops crossed the border.", "Russian MoD"]:
        assert text in page
    assert "Preview — not published" in page
    assert '<meta name="robots" content="noindex">' in page
    assert client.get(public_url(event)).status_code == 404


def test_a_draft_article_preview_shows_what_readers_will_read(client, author, article):
    client.force_login(author)
    page = client.get(preview_url(article)).content.decode()
    for text in ["Talks stall", "Nothing moved.", "By Alex Author", "<em>first</em>"]:
        assert text in page
    assert client.get(public_url(article)).status_code == 404


@pytest.mark.parametrize("kind", ["event", "article"])
def test_a_scheduled_preview_is_the_page_readers_get_when_its_time_comes(
    client, author, editor, kind
):
    item = make_item(kind, "scheduled", author=author, editor=editor)
    if kind == "event":
        cite_both_sides(item)
    else:
        linked = make_event(title="Linked and published")
        cite_both_sides(linked)
        item.events.add(linked)
    client.force_login(editor)
    preview = client.get(preview_url(item))
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + SOON):
        public = client.get(public_url(item))
    assert public.status_code == 200
    assert "preview" not in public.context
    assert main_element(preview) == main_element(public)


def test_a_preview_is_private_and_never_cached(client, editor, item):
    client.force_login(editor)
    response = client.get(preview_url(item))
    for header, value in PREVIEW_HEADERS.items():
        assert response[header] == value
    type(item).objects.filter(pk=item.pk).update(**{title_field(item): "A later headline"})
    assert "A later headline" in client.get(preview_url(item)).content.decode()


def test_a_published_event_can_be_previewed_too(client, editor):
    client.force_login(editor)
    assert client.get(preview_url(make_event())).status_code == 200


@pytest.mark.parametrize("address", ["/preview/auth.user/1/", "/preview/timeline.storyline/1/"])
def test_only_events_and_articles_can_be_previewed(client, editor, address):
    client.force_login(editor)
    assert client.get(address).status_code == 404


def test_a_missing_item_is_not_found(client, editor):
    client.force_login(editor)
    assert client.get("/preview/timeline.event/999999/").status_code == 404


def test_a_preview_cannot_be_posted_to(client, editor, item):
    client.force_login(editor)
    assert client.post(preview_url(item)).status_code == 405

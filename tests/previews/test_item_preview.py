"""Staff open an unpublished item exactly as readers will see it, and only with rights to it."""

import re

import pytest
from django.urls import reverse

from newsroom.publishing import PublicationStatus
from newsroom.sources.models import Citation
from tests.factories import PAST, make_citation, make_event, make_party, make_source
from timeline.models import Event

from .conftest import log_in

pytestmark = pytest.mark.django_db

PREVIEW_HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",
}


def preview_url(item):
    return reverse("previews:item", args=[item._meta.label_lower, item.pk])


def article_element(response):
    """The item as the page shows it, without the site's header and footer."""
    return re.search(r"<article.*</article>", response.content.decode(), re.DOTALL).group()


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
def test_who_may_preview_a_draft_or_scheduled_event(client, people, event, who, status):
    response = log_in(client, people[who]).get(preview_url(event))
    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"] == f"/admin/login/?next={preview_url(event)}"
    assert client.get(event.get_absolute_url()).status_code == 404


def test_the_preview_is_the_public_page_it_will_become(client, editor, event):
    source = make_source(name="Kyiv Independent")
    make_citation(event, source, quote="Troops crossed the border.")
    make_citation(
        event,
        make_source(name="Russian MoD", party=make_party(name="Russia")),
        stance=Citation.Stance.DENIES,
    )
    client.force_login(editor)

    preview = client.get(preview_url(event))
    assert preview.context["preview"] is True
    for text in [event.title, "Kyiv Independent", "Troops crossed the border.", "Russian MoD"]:
        assert text in preview.content.decode()
    assert client.get(event.get_absolute_url()).status_code == 404

    Event.objects.filter(pk=event.pk).update(status=PublicationStatus.PUBLISHED, publish_at=PAST)
    public = client.get(event.get_absolute_url())
    assert public.status_code == 200
    assert "preview" not in public.context
    assert article_element(preview) == article_element(public)


def test_a_preview_is_private_and_never_cached(client, editor, event):
    client.force_login(editor)
    response = client.get(preview_url(event))
    for header, value in PREVIEW_HEADERS.items():
        assert response[header] == value
    Event.objects.filter(pk=event.pk).update(title="A later headline")
    assert "A later headline" in client.get(preview_url(event)).content.decode()


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


def test_a_preview_cannot_be_posted_to(client, editor, event):
    client.force_login(editor)
    assert client.post(preview_url(event)).status_code == 405

"""Signed preview links: editors make and revoke them; anyone holding a live one sees one item."""

import datetime
from unittest import mock

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsroom.previews.models import TOKEN_SALT, PreviewLink
from tests.factories import make_event

from .conftest import PREVIEW_HEADERS, log_in, make_article, title_field

pytestmark = pytest.mark.django_db


def links_url(item):
    return reverse("previews:links", args=[item._meta.label_lower, item.pk])


def revoke_url(link):
    return reverse("previews:revoke", args=[link.pk])


def make_link(client, item, lifetime=24):
    response = client.post(links_url(item), {"lifetime": lifetime})
    assert response.status_code == 302, response.content
    assert response["Location"] == links_url(item)
    return PreviewLink.objects.for_item(item).first()


def test_an_editor_makes_a_link_that_works_without_an_account(client, editor, item):
    client.force_login(editor)
    before = timezone.now()
    link = make_link(client, item)
    assert link.created_by == editor
    assert link.expires_at - before >= datetime.timedelta(days=1)
    assert link.expires_at - timezone.now() <= datetime.timedelta(days=1)

    page = client.get(links_url(item)).content.decode()
    address = f"http://testserver{link.get_absolute_url()}"
    assert address in page and "<td>editor, " in page and "<td>Works</td>" in page

    reader = Client().get(link.get_absolute_url())
    assert reader.status_code == 200
    assert reader.context["preview"] is True
    assert getattr(item, title_field(item)) in reader.content.decode()
    assert "/admin/" not in reader.content.decode()
    for header, value in PREVIEW_HEADERS.items():
        assert reader[header] == value


def test_the_links_page_looks_like_the_admin(client, editor, event):
    client.force_login(editor)
    response = client.get(links_url(event))
    assert response.templates[0].name == "previews/links.html"
    assert "admin/base_site.html" in [template.name for template in response.templates]
    page = response.content.decode()
    assert reverse("admin:timeline_event_change", args=[event.pk]) in page
    assert reverse("previews:item", args=["timeline.event", event.pk]) in page
    assert response["Cache-Control"] == "private, no-store"


def test_the_staff_pages_let_the_browser_say_where_their_forms_come_from(client, editor, event):
    """Under "no-referrer" a browser posts "Origin: null", and the CSRF check refuses that.

    The real browser's side of it is tests/browser/test_previews.py; the page opened through the
    link, whose address is the secret, still names itself to no one.
    """
    client.force_login(editor)
    link = make_link(client, event)
    for response in [client.get(links_url(event)), client.post(revoke_url(link))]:
        assert response["Referrer-Policy"] == "same-origin"
    assert client.get(link.get_absolute_url())["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("who", ["author", "other reporter", "moderator"])
def test_only_editors_make_see_or_revoke_links(client, people, editor, event, who):
    link = make_link(log_in(Client(), editor), event)
    log_in(client, people[who])
    assert client.get(links_url(event)).status_code == 403
    assert client.post(links_url(event), {"lifetime": 24}).status_code == 403
    assert client.post(revoke_url(link)).status_code == 403
    assert list(PreviewLink.objects.live()) == [link]


def test_anonymous_visitors_are_sent_to_log_in(client, editor, event):
    link = make_link(log_in(Client(), editor), event)
    for response in [client.get(links_url(event)), client.post(revoke_url(link))]:
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next=/preview/")
    assert link in PreviewLink.objects.live()


def test_a_lifetime_not_offered_is_a_form_error(client, editor, event):
    client.force_login(editor)
    response = client.post(links_url(event), {"lifetime": 24 * 365})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not PreviewLink.objects.exists()


def test_making_a_link_needs_the_csrf_token(editor, event):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(links_url(event), {"lifetime": 24}).status_code == 403
    assert not PreviewLink.objects.exists()


def test_a_link_stops_working_when_it_expires(client, editor, event):
    link = make_link(log_in(Client(), editor), event, lifetime=1)
    soon = timezone.now() + datetime.timedelta(minutes=59)
    later = timezone.now() + datetime.timedelta(minutes=61)
    with mock.patch("django.utils.timezone.now", return_value=soon):
        assert client.get(link.get_absolute_url()).status_code == 200
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert event.title not in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_a_revoked_link_stops_working(client, editor, event):
    editors = log_in(Client(), editor)
    link = make_link(editors, event)
    assert editors.get(revoke_url(link)).status_code == 405
    response = editors.post(revoke_url(link))
    assert response.status_code == 302
    assert response["Location"] == links_url(event)
    link.refresh_from_db()
    assert (link.revoked_by, link.is_live()) == (editor, False)

    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "revoked" in response.content.decode()
    assert "Revoked" in editors.get(links_url(event)).content.decode()


def test_revoking_twice_keeps_the_first_revocation(editor, event):
    editors = log_in(Client(), editor)
    link = make_link(editors, event)
    editors.post(revoke_url(link))
    first = PreviewLink.objects.get().revoked_at
    editors.post(revoke_url(link))
    assert PreviewLink.objects.get().revoked_at == first


def swap_payload(token, other_token):
    """This link's signature on another link's id."""
    return f"{other_token.split(':')[0]}:{token.split(':', 1)[1]}"


@pytest.mark.parametrize(
    "forge",
    [
        lambda link, other: link.token[:-1] + ("A" if link.token[-1] != "A" else "B"),
        lambda link, other: swap_payload(link.token, other.token),
        lambda link, other: signing.Signer(salt="another.purpose").sign_object(link.pk),
        lambda link, other: signing.Signer(salt=TOKEN_SALT).sign_object(str(link.pk)),
        lambda link, other: str(link.pk),
        lambda link, other: "not-a-token",
    ],
    ids=["tampered", "payload swapped", "other salt", "not an id", "bare id", "garbage"],
)
def test_a_token_this_site_did_not_make_finds_nothing(client, editor, event, forge):
    editors = log_in(Client(), editor)
    link = make_link(editors, event)
    other = make_link(editors, make_event())
    assert client.get(reverse("previews:shared", args=[forge(link, other)])).status_code == 404


def test_a_link_shows_its_own_item_and_no_other(client, editor, event):
    other = make_event(title="Another draft entirely", status="draft", publish_at=None)
    # An article with the event's id: the link names the model as well as the id.
    make_article(pk=event.pk, headline="An article sharing the id")
    link = make_link(log_in(Client(), editor), event)
    response = client.get(link.get_absolute_url(), {"pk": other.pk, "slug": other.slug})
    page = response.content.decode()
    assert event.title in page
    assert other.title not in page and "An article sharing the id" not in page
    assert response.templates[0].name == "timeline/event_detail.html"
    assert not [t.name for t in response.templates if t.name.startswith("admin/")]
    staff_only = reverse("previews:item", args=["timeline.event", other.pk])
    assert client.get(staff_only).status_code == 302


def test_a_link_to_a_deleted_item_finds_nothing(client, editor, event):
    link = make_link(log_in(Client(), editor), event)
    event.delete()
    assert client.get(link.get_absolute_url()).status_code == 404


def test_the_links_page_of_a_missing_item_is_not_found(client, editor):
    client.force_login(editor)
    assert client.get("/preview/timeline.event/999999/links/").status_code == 404
    assert client.get("/preview/auth.user/1/links/").status_code == 404

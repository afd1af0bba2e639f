"""The revision pages of the admin, as editors, reporters and moderators use them."""

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsroom.publishing import PublicationStatus, StaleVersion
from newsroom.revisions.models import Revision
from newsroom.revisions.services import record_revision
from newsroom.sources.models import Citation, Source
from tests.desk.forms import admin_form_data
from tests.factories import make_citation, make_event, make_source, make_storyline, make_user
from timeline.models import Event

from .builders import editor, make_article, save_revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event = make_event(title="Incursion begins", storylines=[make_storyline(title="Fighting")])
    make_citation(
        event, make_source(name="Russian MoD"), stance=Citation.Stance.CLAIMS, quote="Repelled."
    )
    return event


@pytest.fixture
def history(event):
    """Version 1 as created by Olena; version 2 retitled by Oksana, without citations."""
    olena, oksana = editor("olena"), editor("oksana")
    first = record_revision(item=event, user=olena, comment="Created")
    event.citations.all().delete()
    second = save_revision(event, oksana, comment="Changed title", title="Incursion")
    return first, second


def history_url(item):
    return reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_history", args=[item.pk])


def revision_url(item, version):
    name = f"admin:{item._meta.app_label}_{item._meta.model_name}_revision"
    return reverse(name, args=[item.pk, version])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def restore(client, event, version, *, seen_version):
    return client.post(revision_url(event, version), {"version": seen_version})


def test_the_history_lists_revisions_newest_first_with_what_changed(client, event, history):
    client.force_login(make_user("reporter", group="reporter"))

    response = client.get(history_url(event))

    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Version 2") < page.index("Version 1")
    assert "oksana" in page and "Changed title" in page
    assert "Title, Citations" in page
    assert revision_url(event, 1) in page
    assert "Created" in page
    assert '<ol class="breadcrumbs">' in page


def test_the_history_costs_the_same_queries_however_long_it_is(client, event):
    user = editor()
    client.force_login(user)
    record_revision(item=event, user=user)

    def queries_for_history():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(history_url(event)).status_code == 200
        return len(queries)

    short = queries_for_history()
    for n in range(8):
        save_revision(event, user, title=f"Title {n}")
    assert Revision.objects.for_item(event).count() == 9
    assert queries_for_history() == short


def test_a_revision_page_shows_its_diff_and_a_restore_button(client, event, history):
    client.force_login(editor("anna"))

    response = client.get(revision_url(event, 1))

    assert response.status_code == 200
    page = response.content.decode()
    assert "This is the first recorded revision" in page
    assert "Compared with the current version (2): what a restore would change" in page
    assert "Incursion begins" in page
    assert "Russian MoD — Claims — “Repelled.”" in page
    assert "Restore this revision" in page
    assert '<input type="hidden" name="version" value="2">' in page
    assert "csrfmiddlewaretoken" in page

    page = client.get(revision_url(event, 2)).content.decode()
    assert "Changes from version 1 to version 2" in page
    assert "This is the current version." in page
    assert "Restore this revision" not in page


def test_a_restore_is_a_new_revision_and_leaves_publishing_alone(client, event, history):
    anna = editor("anna")
    client.force_login(anna)
    event.status = PublicationStatus.DRAFT
    event.publish_at = None
    event.save()

    response = restore(client, event, 1, seen_version=2)

    assert response.status_code == 302
    assert response.url == reverse("admin:timeline_event_change", args=[event.pk])
    assert messages_of(response) == ["Restored revision 1 of “Incursion begins” as version 3."]
    event.refresh_from_db()
    assert (event.title, event.version, event.updated_by) == ("Incursion begins", 3, anna)
    assert [str(citation) for citation in event.citations.all()] == ["Russian MoD claims"]
    assert (event.status, event.publish_at) == (PublicationStatus.DRAFT, None)
    newest = Revision.objects.for_item(event).first()
    assert (newest.version, newest.comment, newest.created_by) == (3, "Restored revision 1", anna)


def test_a_stale_restore_is_refused_and_names_who_changed_it(client, event, history):
    client.force_login(editor("anna"))
    save_revision(event, history[1].created_by, title="Oksana again")

    response = restore(client, event, 1, seen_version=2)

    assert response.status_code == 302
    assert response.url == revision_url(event, 1)
    (message,) = messages_of(response)
    event.refresh_from_db()
    assert message == (
        f"Revision 1 was not restored: {StaleVersion(event).describe()} "
        "Compare again before restoring."
    )
    assert "oksana changed “oksana again” at" in message.lower()
    assert (event.title, event.version, event.citations.count()) == ("Oksana again", 3, 0)


def test_a_user_who_may_not_change_events_gets_403_on_a_restore(client, event, history):
    client.force_login(make_user("moderator", group="moderator"))
    page = client.get(revision_url(event, 1))
    assert page.status_code == 200
    assert "Restore this revision" not in page.content.decode()

    assert restore(client, event, 1, seen_version=2).status_code == 403

    event.refresh_from_db()
    assert (event.title, event.version) == ("Incursion", 2)


def test_staff_with_no_rights_to_events_cannot_see_their_history(client, event, history):
    client.force_login(make_user("intern"))
    assert client.get(history_url(event)).status_code == 403
    assert client.get(revision_url(event, 1)).status_code == 403


def test_a_restore_without_the_csrf_token_is_refused(event, history):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor("anna"))
    assert restore(client, event, 1, seen_version=2).status_code == 403
    event.refresh_from_db()
    assert event.version == 2


def test_a_restore_needs_the_version_the_editor_saw(client, event, history):
    client.force_login(editor("anna"))
    assert client.post(revision_url(event, 1)).status_code == 400
    assert client.get(revision_url(event, 9)).status_code == 404


def test_a_deleted_source_is_skipped_not_a_server_error(client, event, history):
    # A draft: a public event may not be left without a citation (see the next test).
    Event.objects.filter(pk=event.pk).update(status=PublicationStatus.DRAFT)
    client.force_login(editor("anna"))
    # Version 2 cites it no more, so the source may go.
    cited = history[0].data["citations"][0]["source"]
    Source.objects.filter(pk=cited).delete()

    page = client.get(revision_url(event, 1)).content.decode()
    assert f"a citation of source #{cited} (deleted)" in page
    assert "Russian MoD — Claims" not in page  # its name is gone with it
    response = restore(client, event, 1, seen_version=2)

    assert response.status_code == 302
    (message,) = messages_of(response)
    assert message.endswith(f"Skipped: a citation of source #{cited} (deleted).")
    event.refresh_from_db()
    assert (event.title, event.citations.count()) == ("Incursion begins", 0)


def test_a_restore_that_would_leave_a_public_event_uncited_is_refused(client, event, history):
    cited = history[0].data["citations"][0]["source"]
    make_citation(event, make_source(name="Reuters"))  # version 2 cites someone else
    Source.objects.filter(pk=cited).delete()
    client.force_login(editor("anna"))

    response = restore(client, event, 1, seen_version=2)

    assert response.status_code == 302
    (message,) = messages_of(response)
    assert "cannot be restored" in message and "at least one citation" in message
    assert [c.source.name for c in event.citations.all()] == ["Reuters"]


def test_an_articles_history_and_restore_work_the_same_way(client, event):
    olena = editor("olena")
    article = make_article(bylines=[olena], events=[event])
    record_revision(item=article, user=olena)
    article.event_links.all().delete()
    save_revision(article, olena, headline="Changed")
    client.force_login(make_user("reporter", group="reporter"))

    assert "Headline, Linked events" in client.get(history_url(article)).content.decode()
    page = client.get(revision_url(article, 1)).content.decode()
    assert "Incursion begins" in page

    response = restore(client, article, 1, seen_version=2)

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.event_links.get().event) == ("Kursk incursion", event)


def test_an_edit_saved_in_the_admin_can_be_compared_and_undone(client, event):
    # A draft, whose last citation may go: a public event keeps at least one.
    Event.objects.filter(pk=event.pk).update(status=PublicationStatus.DRAFT)
    olena = editor("olena")
    record_revision(item=event, user=olena, comment="Created")
    client.force_login(olena)
    change_url = reverse("admin:timeline_event_change", args=[event.pk])
    data = admin_form_data(client.get(change_url), title="Retitled", **{"citations-0-DELETE": "on"})
    assert client.post(change_url, data).status_code == 302

    assert "Title, Citations" in client.get(history_url(event)).content.decode()
    page = client.get(revision_url(event, 1))
    assert '<input type="hidden" name="version" value="2">' in page.content.decode()
    response = restore(client, event, 1, seen_version=2)

    assert response.url == change_url
    event.refresh_from_db()
    assert (event.title, event.version, event.citations.count()) == ("Incursion begins", 3, 1)


def test_a_revision_page_costs_the_same_queries_however_many_citations(client, event):
    user = editor()
    client.force_login(user)

    def queries_for_revision_page(citations):
        for n in range(citations):
            make_citation(event, make_source(), quote=f"Quote {n}")
        save_revision(event, user, title=f"With {event.citations.count()} citations")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(revision_url(event, event.version)).status_code == 200
        return len(queries)

    record_revision(item=event, user=user)
    assert queries_for_revision_page(1) == queries_for_revision_page(6)


def test_a_restore_that_no_longer_fits_is_refused_with_the_reason(client, event, history):
    client.force_login(editor("anna"))
    event.slug = "moved"
    event.save()
    make_event(slug=history[0].data["slug"])

    response = restore(client, event, 1, seen_version=2)

    assert response.url == revision_url(event, 1)
    (message,) = messages_of(response)
    assert message == "Revision 1 cannot be restored: Event with this Slug already exists."
    event.refresh_from_db()
    assert (event.slug, event.version) == ("moved", 2)


def test_a_long_history_comes_in_pages_that_still_say_what_changed(client, event, monkeypatch):
    monkeypatch.setattr(admin.site._registry[Event], "revisions_per_page", 2)
    user = editor()
    client.force_login(user)
    record_revision(item=event, user=user, comment="Created")
    for n in range(4):
        save_revision(event, user, title=f"Title {n}", comment=f"Edit {n}")

    first = client.get(history_url(event))
    last = client.get(history_url(event), {"p": 3})

    def rows(response):
        return [(revision.version, changed) for revision, changed in response.context["rows"]]

    # Version 4 is compared with version 3, although 3 is on the next page.
    assert rows(first) == [(5, ["Title"]), (4, ["Title"])]
    assert "5 revisions" in first.content.decode()
    assert rows(last) == [(1, None)]
    assert "Created" in last.content.decode()


def test_an_item_saved_before_revisions_were_kept_has_an_empty_history(client, event):
    client.force_login(editor())
    response = client.get(history_url(event))
    assert response.status_code == 200
    assert "No revisions have been recorded for this event yet." in response.content.decode()

"""Taking an item off the site: the desk asks first, and the address then says it was withdrawn."""

import datetime
import re
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsroom.publishing import PublicationStatus as Status
from newsroom.revisions.models import Revision
from tests.browser.conftest import restore_roles
from tests.desk.forms import admin_form_data
from tests.factories import make_article, make_citation, make_event, make_source, make_user

pytestmark = pytest.mark.django_db

WITHDRAWN = datetime.datetime(2024, 9, 3, 9, 15, tzinfo=datetime.UTC)
NOTE = "The video it rested on was shown to be from 2022."


def admin_url(item, view):
    opts = item._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/{view}/"


def live_event(**kwargs):
    event = make_event(
        title="Bridge destroyed", summary="A bridge near Glushkovo is down.", **kwargs
    )
    make_citation(event, make_source())
    return event


def live_article():
    return make_article(headline="Bridge destroyed", standfirst="A bridge near Glushkovo is down.")


@pytest.fixture(params=[live_event, live_article], ids=["event", "article"])
def item(request):
    return request.param()


def confirm(client, item, step, **data):
    page = client.get(admin_url(item, step))
    version = re.search(rf'name="version-{item.pk}" value="(\d+)"', page.text)[1]
    with mock.patch("django.utils.timezone.now", return_value=WITHDRAWN):
        return client.post(
            admin_url(item, step), {"post": "yes", f"version-{item.pk}": version, **data}
        )


def test_the_change_form_offers_archive_only_through_its_confirmation(client, editor, item):
    client.force_login(editor)
    form = client.get(admin_url(item, "change")).text
    assert f'href="{admin_url(item, "archive")}"' in form
    assert f'href="{admin_url(item, "unpublish")}"' in form
    assert 'value="archive"' not in form and 'value="unpublish"' not in form

    page = client.get(admin_url(item, "archive"))
    assert page.status_code == 200
    assert "What is live now leaves the public site at once" in page.text
    assert 'name="note"' in page.text
    assert f'href="{item.get_absolute_url()}"' in page.text  # the address that will change
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED


def test_a_one_click_archive_from_the_change_form_is_refused(client, editor, item):
    client.force_login(editor)
    data = admin_form_data(client.get(admin_url(item, "change")), _transition="archive")
    assert client.post(admin_url(item, "change"), data).status_code == 400
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED


def test_a_confirmed_archive_withdraws_the_item_with_the_editors_note(client, editor, item):
    url = item.get_absolute_url()
    assert Client().get(url).status_code == 200  # and the page is now stored
    client.force_login(editor)
    response = confirm(client, item, "archive", note=f"  {NOTE}\n")
    assert response.status_code == 302
    assert response["Location"] == admin_url(item, "change")
    item.refresh_from_db()
    assert (item.status, item.withdrawn_at, item.withdrawal_note) == (
        Status.ARCHIVED,
        WITHDRAWN,
        NOTE,
    )
    revision = Revision.objects.for_item(item).first()
    assert revision.comment == f"Archived by Ed Itor, with the public note “{NOTE}”"

    reader = Client().get(url)
    assert reader.status_code == 410
    assert reader.context["title"] == "Bridge destroyed"
    main = reader.text[reader.text.index("<main") :]
    assert "<h1>Bridge destroyed</h1>" in main
    assert 'was withdrawn from the site on <time datetime="2024-09-03">3 September 2024</time>' in (
        main
    )
    assert NOTE in main
    # Nothing else of it stays public.
    assert "Glushkovo" not in reader.text


def test_the_withdrawn_page_runs_a_fixed_number_of_queries(client, editor):
    event = live_event()
    client.force_login(editor)
    confirm(client, event, "archive", note=NOTE)
    reader = Client()
    with CaptureQueriesContext(connection) as queries:
        assert reader.get(event.get_absolute_url()).status_code == 410
    # validator (1) + the published event (none) + the withdrawn one
    assert len(queries) == 3


def test_an_item_never_live_is_archived_without_a_note_and_stays_not_found(client, editor):
    event = make_event(status=Status.DRAFT, publish_at=None)
    client.force_login(editor)
    page = client.get(admin_url(event, "archive"))
    assert 'name="note"' not in page.text
    assert "leaves the public site" not in page.text
    assert confirm(client, event, "archive").status_code == 302
    event.refresh_from_db()
    assert (event.status, event.withdrawn_at) == (Status.ARCHIVED, None)
    assert Client().get(event.get_absolute_url()).status_code == 404


def test_leaving_the_archive_clears_the_withdrawal(client, editor):
    event = live_event()
    client.force_login(editor)
    confirm(client, event, "archive", note=NOTE)
    url = admin_url(event, "change")
    data = admin_form_data(client.get(url), _transition="return_to_draft")
    assert client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert (event.status, event.withdrawn_at, event.withdrawal_note) == (Status.DRAFT, None, "")
    assert Client().get(event.get_absolute_url()).status_code == 404


def test_a_note_too_long_is_a_form_error_and_archives_nothing(client, editor):
    event = live_event()
    client.force_login(editor)
    response = confirm(client, event, "archive", note="x" * 1001)
    assert response.status_code == 200
    assert "Ensure this value has at most 1000 characters" in response.text
    event.refresh_from_db()
    assert event.status == Status.PUBLISHED


def test_unpublish_asks_first_and_says_the_address_will_be_not_found(client, editor, item):
    client.force_login(editor)
    page = client.get(admin_url(item, "unpublish"))
    assert "Its address will answer “Page not found” until it is published again" in page.text
    assert 'name="note"' not in page.text
    assert confirm(client, item, "unpublish").status_code == 302
    item.refresh_from_db()
    assert (item.status, item.withdrawn_at) == (Status.DRAFT, None)
    assert Client().get(item.get_absolute_url()).status_code == 404


def test_a_stale_confirmation_changes_nothing(client, editor):
    event = live_event()
    client.force_login(editor)
    with mock.patch("django.utils.timezone.now", return_value=WITHDRAWN):
        response = client.post(
            admin_url(event, "archive"), {"post": "yes", f"version-{event.pk}": "0"}, follow=True
        )
    assert any("after you opened it" in str(m) for m in response.context["messages"])
    event.refresh_from_db()
    assert event.status == Status.PUBLISHED


class TestBulk:
    def select(self, *items, action="archive_selected"):
        data = {"action": action, "_selected_action": [item.pk for item in items]}
        data.update({f"version-{item.pk}": str(item.version) for item in items})
        return data

    def test_archive_selected_asks_first_then_withdraws_the_live_ones(self, client, editor):
        live, draft = live_event(), make_event(status=Status.DRAFT, publish_at=None)
        client.force_login(editor)
        page = client.post("/admin/timeline/event/", self.select(live, draft))
        assert page.status_code == 200
        assert "Archive 2 events?" in page.text and 'name="note"' in page.text
        live.refresh_from_db()
        assert live.status == Status.PUBLISHED

        data = {**self.select(live, draft), "post": "yes", "note": NOTE}
        response = client.post("/admin/timeline/event/", data, follow=True)
        assert "Archive: 2 events." in [str(m) for m in response.context["messages"]]
        live.refresh_from_db()
        draft.refresh_from_db()
        assert (live.status, live.withdrawal_note) == (Status.ARCHIVED, NOTE)
        assert (draft.status, draft.withdrawn_at, draft.withdrawal_note) == (
            Status.ARCHIVED,
            None,
            "",
        )

    def test_unpublish_selected_asks_first(self, client, editor):
        article = live_article()
        client.force_login(editor)
        client.post("/admin/articles/article/", self.select(article, action="unpublish_selected"))
        article.refresh_from_db()
        assert article.status == Status.PUBLISHED


class TestViewOnSite:
    """Only a live item has a page on the site; anything else offers the staff preview."""

    @pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW])
    def test_an_item_not_yet_public_offers_the_preview_instead(self, client, editor, status):
        event = make_event(status=status, publish_at=None)
        client.force_login(editor)
        page = client.get(admin_url(event, "change")).text
        assert "View on site" not in page
        assert f'href="/preview/timeline.event/{event.pk}/"' in page

    def test_a_scheduled_item_not_live_yet_has_no_page_to_view(self, client, editor):
        future = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=1)
        event = live_event(status=Status.SCHEDULED, publish_at=future)
        client.force_login(editor)
        assert "View on site" not in client.get(admin_url(event, "change")).text

    def test_a_live_item_keeps_view_on_site(self, client, editor, item):
        client.force_login(editor)
        page = client.get(admin_url(item, "change")).text
        link = re.search(r'<a href="([^"]+)" class="viewsitelink">View on site</a>', page)
        assert client.get(link[1], follow=True).request["PATH_INFO"] == item.get_absolute_url()


@pytest.mark.django_db(transaction=True)
def test_the_stored_page_is_not_served_once_the_item_is_withdrawn(client):
    """Committed for real, as in production, where the page cache keeps the rendered page."""
    restore_roles()
    event = live_event()
    reader = Client()
    assert reader.get(event.get_absolute_url()).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert reader.get(event.get_absolute_url()).status_code == 200
    assert len(queries) == 0, "the second reader is served the stored page"
    client.force_login(make_user("olena", group="editor"))
    confirm(client, event, "archive", note=NOTE)
    assert reader.get(event.get_absolute_url()).status_code == 410

"""Publishing from the desk: what an item needs to go public, and what a publish leaves behind."""

import datetime
from unittest import mock

import pytest

from newsroom.articles.models import Article
from newsroom.publishing import PublicationStatus as Status
from newsroom.revisions.services import record_revision
from tests.desk.forms import admin_form_data
from tests.factories import make_citation, make_event, make_source

pytestmark = pytest.mark.django_db

# A clock reading with microseconds, as the real one has; the admin's form shows only seconds.
NOW = datetime.datetime(2024, 9, 2, 10, 30, 15, 123456, tzinfo=datetime.UTC)


def change_url(item):
    opts = item._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/change/"


def history_url(item):
    return change_url(item).replace("/change/", "/history/")


def draft_event():
    event = make_event(status=Status.DRAFT, publish_at=None)
    make_citation(event, make_source())
    return event


def draft_article():
    return Article.objects.create(headline="Sudzha falls", slug="sudzha", standfirst="Taken.")


@pytest.mark.parametrize("make_draft", [draft_event, draft_article], ids=["event", "article"])
def test_saving_a_published_item_unchanged_records_no_publish_time_change(
    client, editor, make_draft
):
    item = make_draft()
    record_revision(item=item, user=editor, comment="Created")
    client.force_login(editor)
    url = change_url(item)
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        published = client.post(url, admin_form_data(client.get(url), _transition="publish"))
    assert published.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED

    # The editor opens the published item and saves it without touching anything.
    assert client.post(url, admin_form_data(client.get(url))).status_code == 302

    [(newest, changed), *_] = client.get(history_url(item)).context["rows"]
    assert (newest.comment, changed) == ("Saved", [])

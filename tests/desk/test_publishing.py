"""Publishing from the desk: what an item needs to go public, and what a publish leaves behind."""

import datetime
from unittest import mock

import pytest

from newsroom.articles.models import Article
from newsroom.publishing import PublicationStatus as Status
from newsroom.publishing import publish_times_to_the_second
from newsroom.revisions.services import record_revision
from tests.desk.forms import add_inline_rows, admin_form_data
from tests.factories import make_citation, make_event, make_source
from timeline.models import Event

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


class TestAnEventGoesPublicOnlyWithACitation:
    """Readers must see who says so: the workflow refuses to publish or schedule without it."""

    def test_publish_on_the_form_is_refused_with_a_way_to_add_one(self, client, editor):
        event = make_event(status=Status.DRAFT, publish_at=None, title="Shelling in Sudzha")
        client.force_login(editor)
        url = change_url(event)
        data = admin_form_data(client.get(url), summary="Edited.", _transition="publish")
        response = client.post(url, data)
        # Back to the form, at the citations, and the edit itself is kept.
        assert (response.status_code, response["Location"]) == (302, f"{url}#citations-group")
        event.refresh_from_db()
        assert (event.status, event.publish_at, event.summary) == (Status.DRAFT, None, "Edited.")
        [message] = client.get(url).context["messages"]
        assert str(message) == (
            "“Shelling in Sudzha” was saved but not published: an event goes public only with "
            "at least one citation, so that readers see who says so. "
            f'<a href="{url}#citations-group">Add a citation</a>'
        )

    def test_adding_a_citation_in_the_same_save_lets_it_through(self, client, editor):
        event = make_event(status=Status.DRAFT, publish_at=None)
        client.force_login(editor)
        url = change_url(event)
        data = add_inline_rows(
            admin_form_data(client.get(url), _transition="publish"),
            "citations",
            [{"source": make_source().pk, "stance": "reports", "position": 0}],
        )
        assert client.post(url, data).status_code == 302
        event.refresh_from_db()
        assert event.status == Status.PUBLISHED

    def test_scheduling_is_refused_too(self, client, editor):
        event = make_event(status=Status.IN_REVIEW, publish_at=None)
        client.force_login(editor)
        url = change_url(event)
        data = admin_form_data(
            client.get(url), publish_at_0="2099-01-01", publish_at_1="09:00", _transition="publish"
        )
        client.post(url, data)
        event.refresh_from_db()
        assert event.status == Status.IN_REVIEW

    def test_the_bulk_action_publishes_only_the_cited_ones(self, client, editor):
        bare = make_event(status=Status.IN_REVIEW, publish_at=None, title="Bare")
        cited = draft_event()
        client.force_login(editor)
        response = client.post(
            "/admin/timeline/event/",
            {
                "action": "publish_selected",
                "_selected_action": [bare.pk, cited.pk],
                f"version-{bare.pk}": bare.version,
                f"version-{cited.pk}": cited.version,
            },
            follow=True,
        )
        bare.refresh_from_db()
        cited.refresh_from_db()
        assert (bare.status, cited.status) == (Status.IN_REVIEW, Status.PUBLISHED)
        messages = [str(m) for m in response.context["messages"]]
        assert any(
            m.startswith("“Bare” was not published: an event goes public only with")
            and f'href="{change_url(bare)}#citations-group"' in m
            for m in messages
        ), messages

    def test_a_public_event_keeps_its_last_citation(self, client, editor):
        event = make_event()
        make_citation(event, make_source())
        client.force_login(editor)
        url = change_url(event)
        data = admin_form_data(client.get(url), **{"citations-0-DELETE": "on"})
        response = client.post(url, data)
        assert response.status_code == 200
        assert "An event goes public only with at least one citation" in response.text
        assert event.citations.count() == 1

    def test_a_draft_may_lose_its_citations(self, client, editor):
        event = draft_event()
        client.force_login(editor)
        url = change_url(event)
        data = admin_form_data(client.get(url), **{"citations-0-DELETE": "on"})
        assert client.post(url, data).status_code == 302
        assert not event.citations.exists()


def test_the_migration_drops_microseconds_stored_before():
    event = make_event(publish_at=NOW, first_published_at=NOW)
    publish_times_to_the_second(Event)
    event.refresh_from_db()
    assert event.publish_at == event.first_published_at == NOW.replace(microsecond=0)

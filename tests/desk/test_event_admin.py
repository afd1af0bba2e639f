"""The admin enforces publishing rights on the server: a reporter's forged POST cannot publish."""

import pytest

from newsroom.publishing import PublicationStatus
from tests.factories import make_event, make_user
from timeline.models import Event

pytestmark = pytest.mark.django_db


def change_form_data(event, **overrides):
    data = {
        "title": event.title,
        "slug": event.slug,
        "summary": event.summary,
        "body": "",
        "kind": event.kind,
        "start_year": event.start_year,
        "start_month": event.start_month or "",
        "start_day": event.start_day or "",
        "time_zone": event.time_zone,
        "verification": event.verification,
        "citations-TOTAL_FORMS": 0,
        "citations-INITIAL_FORMS": 0,
        "status": PublicationStatus.PUBLISHED,
        "publish_at_0": "2024-09-01",
        "publish_at_1": "12:00:00",
    }
    data.update(overrides)
    return data


def post_change(client, event, **overrides):
    return client.post(
        f"/admin/timeline/event/{event.pk}/change/", change_form_data(event, **overrides)
    )


@pytest.fixture
def draft():
    return make_event(slug="draft", status=PublicationStatus.DRAFT, publish_at=None)


def test_a_reporter_cannot_publish_with_a_forged_post(client, draft):
    client.force_login(make_user("reporter", group="reporter"))
    response = post_change(client, draft)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.DRAFT
    assert draft.publish_at is None
    assert client.get("/events/draft/").status_code == 404


def test_an_editor_can_publish_and_is_recorded(client, draft):
    editor = make_user("editor", group="editor")
    client.force_login(editor)
    response = post_change(client, draft)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.PUBLISHED
    assert draft.updated_by == editor
    assert client.get("/events/draft/").status_code == 200


def test_a_reporter_drafts_an_event_with_its_date_at_month_precision(client):
    reporter = make_user("reporter", group="reporter")
    client.force_login(reporter)
    template = Event(
        title="Talks postponed",
        slug="talks",
        summary="Postponed.",
        kind="diplomatic",
        start_year=2024,
        start_month=8,
        verification="reported",
    )
    response = client.post("/admin/timeline/event/add/", change_form_data(template))
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="talks")
    assert (event.status, event.created_by, event.date_label) == ("draft", reporter, "August 2024")


def test_an_impossible_date_is_a_form_error_not_a_crash(client, draft):
    client.force_login(make_user("editor", group="editor"))
    response = post_change(client, draft, start_day=31, start_month=2)
    assert response.status_code == 200
    assert "February 2024 has only 29 days." in response.content.decode()


def test_an_unknown_time_zone_is_a_form_error_not_a_crash(client, draft):
    client.force_login(make_user("editor", group="editor"))
    response = post_change(client, draft, time_zone="Kyiv")
    assert response.status_code == 200
    assert "“Kyiv” is not a known time zone" in response.content.decode()


def test_moderators_cannot_open_events_for_editing(client, draft):
    client.force_login(make_user("moderator", group="moderator"))
    response = post_change(client, draft)
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.DRAFT

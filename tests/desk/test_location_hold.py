"""The desk holds back an event's exact location, and shows a reader's location only to those
who may see submissions (docs/design.md, rule 9)."""

import datetime

import pytest
from django.utils import timezone

from newsroom import sitemaps
from newsroom.moderation.services import submission_accept_as_event
from newsroom.publishing import PublicationStatus
from newsroom.revisions.services import record_revision, restore_revision
from tests.desk.forms import admin_form_data
from tests.factories import make_citation, make_event, make_place, make_source
from tests.moderation.factories import make_submission
from timeline.models import Event

pytestmark = pytest.mark.django_db

READER_LOCATION = "Behind the school on Lenin Street, by the blue gate"


def change_url(event):
    return f"/admin/timeline/event/{event.pk}/change/"


@pytest.fixture
def event():
    place = make_place(latitude="47.918273", longitude="33.645182", location_precision="point")
    event = make_event(place=place)
    make_citation(event, make_source())
    return event


def test_an_editor_holds_the_location_for_a_day_and_readers_see_it_near(client, editor, event):
    client.force_login(editor)
    data = admin_form_data(client.get(change_url(event)), hold_location="24")
    before = timezone.now()
    assert client.post(change_url(event), data).status_code == 302
    event.refresh_from_db()
    day = datetime.timedelta(hours=24)
    assert before + day - datetime.timedelta(seconds=1) <= event.location_held_until
    assert event.location_held_until <= timezone.now() + day
    assert "Held back until" in client.get(change_url(event)).text
    client.logout()
    assert "47.918273" not in client.get(event.get_absolute_url()).text
    assert "47.92" in client.get(event.get_absolute_url()).text


def test_a_reporter_may_not_hold_a_location(client, reporter, event):
    client.force_login(reporter)
    page = client.get(change_url(event))
    assert "hold_location" not in page.context["adminform"].form.fields
    data = admin_form_data(page, hold_location="24")
    client.post(change_url(event), data)
    event.refresh_from_db()
    assert event.location_held_until is None


def test_lifting_the_hold_shows_the_point_again(client, editor, event):
    Event.objects.filter(pk=event.pk).update(location_held_until=None)
    event = Event.objects.get(pk=event.pk)
    event.location_held_until = timezone.now() + datetime.timedelta(hours=6)
    event.save()
    client.force_login(editor)
    data = admin_form_data(client.get(change_url(event)), hold_location="lift")
    assert client.post(change_url(event), data).status_code == 302
    event.refresh_from_db()
    assert event.location_held_until is None
    event.place.refresh_from_db()
    assert event.place.location_held_until is None


def test_a_save_with_no_change_keeps_the_hold(client, editor, event):
    event = Event.objects.get(pk=event.pk)
    until = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=6)
    event.location_held_until = until
    event.save()
    client.force_login(editor)
    data = admin_form_data(client.get(change_url(event)), title="Renamed")
    assert client.post(change_url(event), data).status_code == 302
    event.refresh_from_db()
    assert (event.title, event.location_held_until) == ("Renamed", until)


def test_restoring_a_revision_never_lifts_a_hold(editor, event):
    first = record_revision(item=event, user=editor)
    event = Event.objects.get(pk=event.pk)
    until = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=6)
    event.location_held_until = until
    event.version += 1
    event.save()
    record_revision(item=event, user=editor)
    restore_revision(revision=first, user=editor, expected_version=event.version)
    event.refresh_from_db()
    assert event.location_held_until == until


def test_an_unknown_hold_is_a_form_error(client, editor, event):
    client.force_login(editor)
    data = admin_form_data(client.get(change_url(event)), hold_location="forever")
    response = client.post(change_url(event), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["hold_location"]


class TestReadersLocation:
    @pytest.fixture
    def draft(self, moderator):
        submission = make_submission(location=READER_LOCATION)
        return submission, submission_accept_as_event(
            submission=submission,
            moderator=moderator,
            event_data={
                "title": "Smoke over the bridge",
                "summary": "Smoke was seen over the bridge.",
                "start_year": 2024,
                "kind": Event.Kind.MILITARY,
                "verification": Event.Verification.CLAIMED,
                "place": make_place(latitude="50.1", longitude="30.2"),
            },
        )

    def test_editors_see_it_on_the_draft_and_moderators_on_the_submission(
        self, client, editor, moderator, draft
    ):
        submission, event = draft
        client.force_login(editor)
        assert READER_LOCATION in client.get(change_url(event)).text
        client.force_login(moderator)
        page = client.get(f"/admin/moderation/submission/{submission.pk}/change/")
        assert READER_LOCATION in page.text

    def test_reporters_do_not(self, client, reporter, draft):
        _submission, event = draft
        client.force_login(reporter)
        response = client.get(change_url(event))
        assert response.status_code == 200
        assert READER_LOCATION not in response.text

    @pytest.mark.parametrize(
        "path",
        [
            "/events/smoke-over-the-bridge/",
            "/timeline/",
            "/api/events/",
            "/api/events/smoke-over-the-bridge/",
            "/api/places/",
            "/feeds/timeline.atom",
            "/feeds/timeline.json",
            "/api/exports/events.csv",
            "/api/exports/events.geojson",
            "/api/exports/timelinejs.json",
            "/sitemap-events.xml",
        ],
    )
    def test_no_public_outlet_nor_the_receipt_carries_it(self, client, draft, path):
        submission, event = draft
        make_citation(event, make_source())
        Event.objects.filter(pk=event.pk).update(
            status=PublicationStatus.PUBLISHED, publish_at=timezone.now()
        )
        if path == "/sitemap-events.xml":  # the page listing this event's id
            path += f"?p={(event.pk - 1) // sitemaps.SECTION_SIZE + 1}"
        response = client.get(path)
        assert response.status_code == 200
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Smoke over the bridge" in content or path.startswith(
            ("/sitemap-events.xml", "/api/places/")
        )
        assert READER_LOCATION.encode() not in content
        receipt = client.get(f"/submit/receipt/{submission.receipt_token}/")
        assert receipt.status_code == 200
        assert READER_LOCATION not in receipt.text

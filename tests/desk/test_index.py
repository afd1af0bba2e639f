"""The desk's front page: what waits for the person logged in, as counts with links."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.moderation.models import Submission
from newsroom.moderation.services import (
    submission_accept_as_event,
    submission_accept_onto_event,
    submission_mark_applied,
)
from newsroom.publishing import PublicationStatus as Status
from tests.factories import make_event

pytestmark = pytest.mark.django_db


def tallies(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return {tally.label: (tally.count, tally.url) for tally in response.context["tallies"]}


@pytest.fixture
def desk_work(reporter, editor):
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    make_event(status=Status.DRAFT, publish_at=None, created_by=reporter)
    make_event(status=Status.DRAFT, publish_at=None, created_by=reporter)
    make_event(status=Status.DRAFT, publish_at=None, created_by=editor)
    make_event(status=Status.IN_REVIEW, publish_at=None, created_by=reporter)
    make_event(status=Status.SCHEDULED, publish_at=tomorrow)
    make_event()  # published: waits for nobody
    Article.objects.create(
        headline="A", slug="a", standfirst="a", status=Status.IN_REVIEW, created_by=reporter
    )
    Submission.objects.create(kind="new_development", text="Shelling")


def test_a_reporter_sees_their_drafts_and_the_review_queue(client, reporter, desk_work):
    client.force_login(reporter)
    counts = tallies(client)
    assert counts["Your draft events"][0] == 2
    assert counts["Events waiting for review"][0] == 1
    assert counts["Events scheduled"][0] == 1
    assert counts["Articles waiting for review"][0] == 1
    # Reporters do not see the reader submissions.
    assert "Reader submissions waiting" not in counts


def test_each_count_links_to_the_same_items(client, reporter, desk_work):
    client.force_login(reporter)
    for label, (count, url) in tallies(client).items():
        listing = client.get(url)
        assert listing.status_code == 200, (label, url)
        assert listing.context["cl"].result_count == count, label


def test_an_editor_sees_pending_submissions(client, editor, desk_work):
    client.force_login(editor)
    counts = tallies(client)
    assert counts["Your draft events"][0] == 1
    assert counts["Reader submissions waiting"][0] == 1


def test_a_moderator_sees_only_the_moderation_queue(client, moderator, desk_work):
    client.force_login(moderator)
    response = client.get("/admin/")
    assert list(tallies(client)) == ["Reader submissions waiting"]
    models = [m["object_name"] for app in response.context["app_list"] for m in app["models"]]
    assert models == ["Submission"]


def test_editors_see_accepted_submissions_to_apply_and_drafts_from_readers(
    client, editor, reporter, moderator
):
    event = make_event()
    for accepted_for in ("citation", "correction", "citation"):
        submission_accept_onto_event(
            submission=Submission.objects.create(kind="correction", text="Wrong date"),
            moderator=moderator,
            event=event,
            accepted_for=accepted_for,
        )
    submission_mark_applied(submission=Submission.objects.last(), editor=editor)
    submission_accept_as_event(
        submission=Submission.objects.create(kind="new_development", text="Shelling"),
        moderator=moderator,
        event_data={
            "title": "Shelling",
            "summary": "Shelling.",
            "kind": "military",
            "start_year": 2024,
            "verification": "reported",
        },
    )
    for user, expected in ((editor, True), (reporter, False)):
        client.force_login(user)
        counts = tallies(client)
        assert counts["Draft events from reader submissions"][0] == 1
        assert ("Accepted submissions for an editor to apply" in counts) is expected
        for label, (count, url) in counts.items():
            assert client.get(url).context["cl"].result_count == count, label
    client.force_login(editor)
    assert tallies(client)["Accepted submissions for an editor to apply"][0] == 2


def test_an_editor_finds_what_waits_for_review_one_click_from_its_form(client, editor, desk_work):
    client.force_login(editor)
    response = client.get("/admin/")
    queue = response.context["review_queue"]
    assert [(waiting.kind, waiting.item.status) for waiting in queue] == [
        ("Event", Status.IN_REVIEW),
        ("Article", Status.IN_REVIEW),
    ]
    for waiting in queue:
        assert f'href="{waiting.url}"' in response.content.decode()
        assert client.get(waiting.url).context["original"] == waiting.item


def test_the_review_queue_is_for_those_who_may_publish(client, reporter, desk_work):
    client.force_login(reporter)
    assert client.get("/admin/").context["review_queue"] == []


def test_the_review_queue_costs_one_query_per_kind_of_item(client, editor, desk_work):
    client.force_login(editor)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    for _ in range(15):
        make_event(status=Status.IN_REVIEW, publish_at=None)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/admin/")
    assert len(response.context["review_queue"]) == 11  # ten events, then the article
    assert len(many.captured_queries) == len(few.captured_queries)

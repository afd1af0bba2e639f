"""Each decision through the admin's own endpoints: made once, by a moderator, recorded."""

import datetime
import io

import pytest
from django.test import Client
from PIL import Image

from newsroom.moderation.models import Submission
from newsroom.moderation.services import submission_accept_onto_event, submission_claim
from newsroom.publishing import PublicationStatus
from tests.factories import make_event, make_place, make_storyline, make_user
from tests.moderation.test_queue import make_submission, messages_of, page_url, with_photo
from timeline.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return make_user("moderator", group="moderator", first_name="Mira")


@pytest.fixture
def as_moderator(moderator):
    client = Client()
    client.force_login(moderator)
    return client


NEW_EVENT = {
    "title": "Armour seen near Sudzha",
    "summary": "A reader saw a column of armour.",
    "kind": "military",
    "start_year": "2024",
    "start_month": "8",
    "start_day": "7",
    "time_zone": "Europe/Kyiv",
    "verification": "reported",
}


def decisions(original=None, event=None):
    """view -> (data it posts, the status it leaves)."""
    return {
        "accept-as-event": (NEW_EVENT, "accepted"),
        "accept-onto-event": ({"accepted_for": "citation", "event": event.pk}, "accepted"),
        "reject": ({"reason": "We could not confirm this."}, "rejected"),
        "duplicate": ({"original": original.pk}, "duplicate"),
        "spam": ({}, "spam"),
    }


VIEWS = list(decisions(original=Submission(pk=1), event=Event(pk=1)))


@pytest.fixture(params=VIEWS)
def decision(request):
    original = make_submission()
    data, status = decisions(original=original, event=make_event())[request.param]
    return request.param, data, status


def test_each_decision_is_recorded_with_who_and_when(as_moderator, moderator, decision):
    view, data, status = decision
    item = make_submission()
    response = as_moderator.post(page_url(item, view), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.status == status
    assert item.decided_by == moderator and item.decided_at is not None
    assert item.claimed_by is None


def test_a_decision_cannot_be_made_twice(as_moderator, moderator, decision):
    view, data, status = decision
    item = make_submission()
    as_moderator.post(page_url(item, view), data)
    item.refresh_from_db()
    first = (item.status, item.decided_at, Event.objects.count())
    response = as_moderator.post(page_url(item, "reject"), {"reason": "Second thoughts."})
    assert response.status_code == 302
    response = as_moderator.post(page_url(item, view), data, follow=True)
    assert response.status_code == 200
    assert f"was already {status} by Mira" in " ".join(messages_of(response))
    item.refresh_from_db()
    assert (item.status, item.decided_at, Event.objects.count()) == first


@pytest.mark.parametrize("role", ["editor", "reporter", "anonymous"])
def test_a_forged_decision_is_refused(role, decision):
    view, data, _ = decision
    item = make_submission()
    client = Client()
    if role != "anonymous":
        client.force_login(make_user(f"the-{role}", group=role))
    response = client.post(page_url(item, view), data)
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    else:
        assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == "pending" and item.decided_at is None
    assert not Event.objects.filter(title=NEW_EVENT["title"]).exists()


def test_a_decision_without_the_csrf_token_is_refused(moderator):
    item = make_submission()
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    assert client.post(page_url(item, "spam")).status_code == 403
    item.refresh_from_db()
    assert item.status == "pending"


def test_decisions_are_posts(as_moderator):
    item = make_submission()
    for view in ("claim", "spam"):
        assert as_moderator.get(page_url(item, view)).status_code == 405


# Accepting as a new draft event.


def test_the_event_form_starts_from_what_the_reader_sent(as_moderator):
    item = make_submission(
        text="Armour on the road to Sudzha.",
        occurred_on=datetime.date(2024, 8, 7),
        occurred_time=datetime.time(5, 40),
        is_date_approximate=True,
    )
    form = as_moderator.get(page_url(item, "accept-as-event")).context["form"]
    assert form["summary"].value() == "Armour on the road to Sudzha."
    values = [form[f"start_{part}"].value() for part in ("year", "month", "day", "hour", "minute")]
    assert values == [2024, 8, 7, 5, 40]
    assert form["is_approximate"].value() is True
    assert "use_photo" not in form.fields  # no photo, nothing to offer


def test_accepted_as_a_draft_event_that_links_back(as_moderator, moderator):
    item = make_submission()
    place, storyline = make_place(), make_storyline()
    data = {**NEW_EVENT, "start_hour": "5", "place": place.pk, "storylines": [storyline.pk]}
    as_moderator.post(page_url(item, "accept-as-event"), data)
    item.refresh_from_db()
    event = item.accepted_as
    assert item.accepted_for == "new_event"
    assert event.status == PublicationStatus.DRAFT and event.publish_at is None
    assert event.created_by == moderator
    assert event.slug == "armour-seen-near-sudzha"
    assert event.date_label.startswith("7 August 2024, 05:00")
    assert (event.place, list(event.storylines.all())) == (place, [storyline])
    assert list(event.from_submissions.all()) == [item]
    assert not Event.objects.published().filter(pk=event.pk).exists()


def test_the_photo_becomes_the_event_image_with_its_credit(as_moderator):
    item = with_photo()
    data = {**NEW_EVENT, "use_photo": "on", "image_credit": "A reader", "image_alt": "Tanks"}
    as_moderator.post(page_url(item, "accept-as-event"), data)
    event = Event.objects.get(title=NEW_EVENT["title"])
    assert (event.image_credit, event.image_alt) == ("A reader", "Tanks")
    assert event.image.name.startswith("events/") and event.image.name != item.photo.name
    with event.image.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
    assert (image.width, image.height) == (event.image_width, event.image_height) == (200, 300)
    assert not image.getexif() and "xmp" not in image.info


def test_the_photo_needs_a_credit(as_moderator):
    item = with_photo()
    response = as_moderator.post(
        page_url(item, "accept-as-event"), {**NEW_EVENT, "use_photo": "on"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["image_credit"] == ["Give a credit for the photo."]
    item.refresh_from_db()
    assert item.status == "pending" and not Event.objects.exists()


def test_an_impossible_date_is_a_form_error_and_nothing_is_decided(as_moderator):
    item = make_submission()
    response = as_moderator.post(
        page_url(item, "accept-as-event"), {**NEW_EVENT, "start_month": "2", "start_day": "30"}
    )
    assert response.status_code == 200
    assert "only 29 days" in str(response.context["form"].errors)
    item.refresh_from_db()
    assert item.status == "pending"


def test_two_events_with_one_title_get_different_slugs(as_moderator):
    for item in (make_submission(), make_submission()):
        as_moderator.post(page_url(item, "accept-as-event"), NEW_EVENT)
    slugs = sorted(Event.objects.values_list("slug", flat=True))
    assert slugs == ["armour-seen-near-sudzha", "armour-seen-near-sudzha-2"]


# Accepting onto an event, and an editor applying it.


def test_accepted_onto_an_event_waits_for_an_editor_to_apply(as_moderator, moderator):
    event = make_event()
    item = make_submission(kind=Submission.Kind.CORRECTION, event=event)
    form = as_moderator.get(page_url(item, "accept-onto-event")).context["form"]
    assert form["event"].value() == event.pk
    as_moderator.post(
        page_url(item, "accept-onto-event"), {"accepted_for": "correction", "event": event.pk}
    )
    item.refresh_from_db()
    assert (item.status, item.accepted_for, item.event) == ("accepted", "correction", event)

    # A moderator does not apply it; an editor or a reporter may, once.
    assert as_moderator.post(page_url(item, "applied")).status_code == 403
    editor = make_user("editor", group="editor")
    client = Client()
    client.force_login(editor)
    response = client.post(page_url(item, "applied"), follow=True)
    assert f"“{item}” is marked applied." in messages_of(response)
    response = client.post(page_url(item, "applied"), follow=True)
    assert "marked" in " ".join(messages_of(response)) and "applied at" in " ".join(
        messages_of(response)
    )
    item.refresh_from_db()
    assert item.applied_by == editor and item.applied_at is not None


def test_a_reporter_may_mark_one_applied(moderator):
    item = make_submission()
    submission_accept_onto_event(
        submission=item, moderator=moderator, event=make_event(), accepted_for="citation"
    )
    client = Client()
    client.force_login(make_user("reporter", group="reporter"))
    assert client.post(page_url(item, "applied")).status_code == 302
    item.refresh_from_db()
    assert item.applied_at is not None


def test_a_new_event_or_a_pending_item_has_nothing_to_apply(moderator):
    item = make_submission()
    client = Client()
    client.force_login(make_user("editor", group="editor"))
    response = client.post(page_url(item, "applied"), follow=True)
    assert "not a source or correction to apply" in " ".join(messages_of(response))


# Rejecting, duplicates and spam.


def test_a_rejection_needs_a_reason(as_moderator):
    item = make_submission()
    response = as_moderator.post(page_url(item, "reject"), {"reason": "   "})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    as_moderator.post(page_url(item, "reject"), {"reason": "We could not confirm this."})
    item.refresh_from_db()
    assert (item.status, item.decision_reason) == ("rejected", "We could not confirm this.")


@pytest.mark.parametrize("original", ["itself", "missing", ""])
def test_a_duplicate_names_another_submission(as_moderator, original):
    item = make_submission()
    number = {"itself": item.pk, "missing": item.pk + 100, "": ""}[original]
    response = as_moderator.post(page_url(item, "duplicate"), {"original": number})
    assert response.status_code == 200 and "original" in response.context["form"].errors
    item.refresh_from_db()
    assert item.status == "pending"


def test_spam_in_bulk_leaves_decided_and_claimed_items_alone(as_moderator, moderator):
    fresh, mine = make_submission(), make_submission()
    held = make_submission()
    decided = make_submission()
    as_moderator.post(page_url(decided, "reject"), {"reason": "No."})
    submission_claim(submission=mine, moderator=moderator)
    submission_claim(submission=held, moderator=make_user("other", group="moderator"))
    response = as_moderator.post(
        "/admin/moderation/submission/",
        {"action": "mark_as_spam", "_selected_action": [fresh.pk, mine.pk, held.pk, decided.pk]},
        follow=True,
    )
    assert "Marked 2 as spam." in messages_of(response)
    statuses = dict(Submission.objects.values_list("pk", "status"))
    assert [statuses[s.pk] for s in (fresh, mine, held, decided)] == [
        "spam",
        "spam",
        "pending",
        "rejected",
    ]

"""The queue in the admin: what it lists, who may open it, claims, and the photo view."""

import datetime
import io
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone
from PIL import Image

from newsroom.images import clean_image
from newsroom.moderation.models import Submission
from newsroom.moderation.services import CLAIM_FOR, DecisionRefused, submission_claim
from tests.factories import make_event, make_user
from tests.newsroom.test_images import photo_with_metadata

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/submission/"


def make_submission(**kwargs):
    values = {"kind": Submission.Kind.NEW_DEVELOPMENT, "text": "Shelling reported in Sudzha."}
    return Submission.objects.create(**{**values, **kwargs})


def with_photo(**kwargs):
    """A submission holding a photo as the submit form stores it: cleaned, metadata gone."""
    return make_submission(photo=clean_image(photo_with_metadata()), **kwargs)


def page_url(submission, view):
    return f"{QUEUE}{submission.pk}/{view}/"


def logged_in(client, user):
    client.force_login(user)
    return client


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def moderator():
    return make_user("moderator", group="moderator", first_name="Mira")


@pytest.fixture
def second_moderator():
    return make_user("moderator2", group="moderator", first_name="Taras")


@pytest.fixture
def editor():
    return make_user("editor", group="editor")


@pytest.fixture
def reporter():
    return make_user("reporter", group="reporter")


# The listing.


def listed(client, query=""):
    response = client.get(f"{QUEUE}?{query}")
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def test_the_queue_shows_pending_items_oldest_first(client, moderator):
    newer = make_submission()
    older = make_submission()
    Submission.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=3)
    )
    rejected = make_submission(status="rejected", decided_at=timezone.now())
    logged_in(client, moderator)
    assert listed(client) == [older, newer]
    assert listed(client, "status=rejected") == [rejected]
    assert len(listed(client, "status=all")) == 3


def test_the_queue_filters_by_kind_photo_and_event(client, moderator):
    plain = make_submission()
    pictured = with_photo()
    correction = make_submission(kind=Submission.Kind.CORRECTION, event=make_event())
    logged_in(client, moderator)
    assert listed(client, "kind__exact=correction") == [correction]
    assert listed(client, "photo=yes") == [pictured]
    assert listed(client, "photo=no") == [plain, correction]
    assert listed(client, "concerns_event=yes") == [correction]
    assert listed(client, "concerns_event=no") == [plain, pictured]


def test_the_queue_columns_say_what_a_moderator_needs(client, moderator, second_moderator):
    event = make_event(title="Sudzha gas station")
    item = with_photo(text="A column of armour passed the gas station at dawn.", event=event)
    submission_claim(submission=item, moderator=second_moderator)
    page = logged_in(client, moderator).get(QUEUE).content.decode()
    assert "A column of armour passed" in page
    assert "Sudzha gas station" in page
    assert "Taras (moderator2) until" in page
    assert "New development, with a photo" in page


# Who may open it.


def test_moderators_and_editors_see_the_sender_but_reporters_get_403(
    client, moderator, editor, reporter
):
    item = with_photo(contact_details="signal: +380 00 000 0000", sender_hash="a1b2c3")
    for user in (moderator, editor):
        page = logged_in(client, user).get(page_url(item, "change")).content.decode()
        assert "signal: +380 00 000 0000" in page and "a1b2c3" in page
    logged_in(client, reporter)
    for url in (QUEUE, page_url(item, "change"), page_url(item, "photo")):
        assert client.get(url).status_code == 403, url


def test_the_change_page_offers_decisions_not_a_save(client, moderator, editor):
    item = make_submission()
    page = logged_in(client, moderator).get(page_url(item, "change")).content.decode()
    assert 'name="_save"' not in page
    for view in ("claim", "accept-as-event", "accept-onto-event", "reject", "duplicate", "spam"):
        assert page_url(item, view) in page
    # An editor reads the submission but is offered no decision.
    page = logged_in(client, editor).get(page_url(item, "change")).content.decode()
    assert page_url(item, "claim") not in page and page_url(item, "reject") not in page


def test_the_change_form_cannot_change_the_decision_fields(client, moderator):
    item = make_submission()
    logged_in(client, moderator).post(
        page_url(item, "change"), {"status": "accepted", "text": "Rewritten", "kind": "correction"}
    )
    item.refresh_from_db()
    assert (item.status, item.text, item.kind) == (
        "pending",
        "Shelling reported in Sudzha.",
        "new_development",
    )


# Claims.


def test_a_claim_keeps_a_second_moderator_out_until_it_lapses(client, moderator, second_moderator):
    item = make_submission()
    logged_in(client, moderator).post(page_url(item, "claim"))
    item.refresh_from_db()
    assert item.claimed_by == moderator

    response = logged_in(client, second_moderator).post(page_url(item, "claim"), follow=True)
    assert "Mira is working on" in " ".join(messages_of(response))
    response = client.post(page_url(item, "reject"), {"reason": "Not news."}, follow=True)
    assert "Mira is working on" in " ".join(messages_of(response))
    item.refresh_from_db()
    assert (item.claimed_by, item.status) == (moderator, "pending")

    later = timezone.now() + CLAIM_FOR + datetime.timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        client.post(page_url(item, "claim"))
        item.refresh_from_db()
        assert item.claimed_by == second_moderator
        assert item.claimed_until == later + CLAIM_FOR
        # Now the first moderator is the one kept out, and the second may decide.
        logged_in(Client(), moderator).post(page_url(item, "spam"))
        client.post(page_url(item, "reject"), {"reason": "Not news."})
    item.refresh_from_db()
    assert (item.status, item.decided_by, item.decided_at) == ("rejected", second_moderator, later)


def test_a_lapsed_claim_lets_another_moderator_decide(client, moderator, second_moderator):
    item = make_submission()
    submission_claim(submission=item, moderator=moderator)
    later = timezone.now() + CLAIM_FOR + datetime.timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        logged_in(client, second_moderator).post(page_url(item, "spam"))
    item.refresh_from_db()
    assert (item.status, item.decided_by) == ("spam", second_moderator)


def test_a_moderator_renews_and_releases_their_own_claim(client, moderator, second_moderator):
    item = make_submission()
    submission_claim(submission=item, moderator=moderator)
    first_until = item.claimed_until
    # Renewed five minutes before it lapses, the claim runs CLAIM_FOR from then, past its first end.
    renewed_at = first_until - datetime.timedelta(minutes=5)
    with mock.patch("django.utils.timezone.now", return_value=renewed_at):
        response = logged_in(client, moderator).post(page_url(item, "claim"), follow=True)
    assert "is yours until" in " ".join(messages_of(response))
    item.refresh_from_db()
    assert (item.claimed_by, item.claimed_until) == (moderator, renewed_at + CLAIM_FOR)

    after_first = first_until + datetime.timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=after_first):
        # Once the first claim would have lapsed, the renewed one still keeps a colleague out.
        with pytest.raises(DecisionRefused, match="Mira is working on"):
            submission_claim(submission=item, moderator=second_moderator)
        client.post(page_url(item, "release"))
        submission_claim(submission=item, moderator=second_moderator)  # free again at once
    item.refresh_from_db()
    assert item.claimed_by == second_moderator


def test_claim_next_takes_the_oldest_item_nobody_holds(client, moderator, second_moderator):
    first, second, third = make_submission(), make_submission(), make_submission()
    submission_claim(submission=first, moderator=second_moderator)
    response = logged_in(client, moderator).post(f"{QUEUE}claim-next/")
    assert response["Location"] == page_url(second, "change")
    client.post(f"{QUEUE}claim-next/")
    third.refresh_from_db()
    assert third.claimed_by == moderator
    response = client.post(f"{QUEUE}claim-next/", follow=True)
    assert "Nothing waits" in " ".join(messages_of(response))


def test_a_decided_item_cannot_be_claimed(moderator):
    item = make_submission(status="spam", decided_at=timezone.now())
    with pytest.raises(DecisionRefused, match="already spam"):
        submission_claim(submission=item, moderator=moderator)


def test_editors_and_reporters_cannot_claim(client, editor, reporter):
    item = make_submission()
    for user in (editor, reporter):
        assert logged_in(client, user).post(page_url(item, "claim")).status_code == 403
        assert client.post(f"{QUEUE}claim-next/").status_code == 403
    item.refresh_from_db()
    assert item.claimed_by is None


# The photo.


def test_the_photo_is_sent_inline_with_its_type_and_nosniff(client, moderator, editor):
    item = with_photo()
    for user in (moderator, editor):
        response = logged_in(client, user).get(page_url(item, "photo"))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Content-Disposition"] == f'inline; filename="submission-{item.pk}.jpg"'
        assert response["X-Content-Type-Options"] == "nosniff"
        body = b"".join(response.streaming_content)
        assert not Image.open(io.BytesIO(body)).getexif()


def test_the_admin_never_links_the_photo_by_its_public_address(client, moderator, settings):
    item = with_photo()
    page = logged_in(client, moderator).get(page_url(item, "change")).content.decode()
    assert page_url(item, "photo") in page
    assert item.photo.name not in page and settings.MEDIA_URL not in page


def test_the_photo_view_needs_a_login_and_a_photo(client, moderator):
    item = with_photo()
    response = client.get(page_url(item, "photo"))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    bare = make_submission()
    assert logged_in(client, moderator).get(page_url(bare, "photo")).status_code == 404

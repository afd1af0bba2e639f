"""Two moderators at once, each on their own database connection: exactly one wins.

Each thread gets its own connection from Django, and a barrier releases both calls together,
so the conditional updates really race in the database. SQLite allows one writer at a time and
would only test its own lock, so these run on PostgreSQL, the production database (CI's).
"""

import threading

import pytest
from django.db import connection

from newsroom.moderation.models import Submission
from newsroom.moderation.services import (
    DecisionRefused,
    submission_accept_as_event,
    submission_claim,
    submission_claim_next,
    submission_mark_duplicate,
    submission_mark_spam,
    submission_reject,
)
from tests.browser.conftest import restore_roles
from tests.factories import make_user
from tests.moderation.test_queue import make_submission
from timeline.models import Event

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs two real connections to a server database: run with a PostgreSQL "
        "DATABASE_URL (CI does)",
    ),
]

EVENT = {
    "title": "Armour seen near Sudzha",
    "summary": "A reader saw a column of armour.",
    "kind": "military",
    "start_year": 2024,
    "start_month": 8,
    "verification": "reported",
}


def race(*calls):
    """Run each call in its own thread and connection, all released at once.

    Returns what each returned, or the DecisionRefused it raised.
    """
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except DecisionRefused as refusal:
            results[index] = refusal
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.fixture
def moderators():
    restore_roles()  # a transaction test's flush removed the groups the migrations made
    return make_user("mira", group="moderator"), make_user("taras", group="moderator")


def decide(name, submission, moderator, original):
    """One decision by ``moderator``, made from a fresh copy as a separate request would."""
    item = Submission.objects.get(pk=submission.pk)
    return {
        "accept": lambda: submission_accept_as_event(
            submission=item, moderator=moderator, event_data=EVENT
        ),
        "reject": lambda: submission_reject(submission=item, moderator=moderator, reason="No."),
        "duplicate": lambda: submission_mark_duplicate(
            submission=item, moderator=moderator, original=original
        ),
        "spam": lambda: submission_mark_spam(submissions=[item], moderator=moderator) or None,
    }[name]


@pytest.mark.parametrize(
    ("first", "second"),
    [("accept", "reject"), ("reject", "accept"), ("accept", "accept"), ("duplicate", "spam")],
)
def test_two_moderators_deciding_at_once_leave_exactly_one_decision(moderators, first, second):
    original = make_submission()
    for _ in range(5):  # a few rounds, so either side may win
        item = make_submission()
        results = race(
            decide(first, item, moderators[0], original),
            decide(second, item, moderators[1], original),
        )
        refused = [result for result in results if isinstance(result, DecisionRefused)]
        # spam answers with a count (0 when it lost), the others raise when they lose
        won = [result for result in results if result and not isinstance(result, DecisionRefused)]
        assert len(won) == 1 and len(refused) + results.count(None) == 1, results
        item.refresh_from_db()
        winner = moderators[results.index(won[0])]
        assert item.status != "pending" and item.decided_by == winner
        expected_events = 1 if item.status == "accepted" else 0
        assert Event.objects.filter(from_submissions=item).count() == expected_events
    assert Event.objects.count() == Submission.objects.filter(accepted_for="new_event").count()


def test_two_moderators_claiming_at_once_get_one_claim(moderators):
    for _ in range(5):
        item = make_submission()
        results = race(
            *(
                lambda moderator=moderator, pk=item.pk: submission_claim(
                    submission=Submission.objects.get(pk=pk), moderator=moderator
                )
                for moderator in moderators
            )
        )
        assert sum(isinstance(result, DecisionRefused) for result in results) == 1, results
        item.refresh_from_db()
        assert item.claimed_by in moderators


def test_claim_next_gives_two_moderators_different_items(moderators):
    first, second = make_submission(), make_submission()
    results = race(*(lambda m=m: submission_claim_next(moderator=m) for m in moderators))
    assert {result.pk for result in results} == {first.pk, second.pk}
    claims = dict(Submission.objects.values_list("pk", "claimed_by"))
    assert set(claims.values()) == {moderator.pk for moderator in moderators}

"""Contact details of decided submissions are removed after a while; the rest stays."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from newsroom.moderation.models import Submission
from tests.moderation.factories import make_submission

pytestmark = pytest.mark.django_db

PRIVATE = {"contact_name": "Anna", "contact_details": "anna@example.org", "sender_hash": "a" * 64}


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def run(*args):
    out = StringIO()
    call_command("purge_submission_contacts", *args, stdout=out)
    return out.getvalue()


def test_contacts_of_old_decisions_go_and_everything_else_stays():
    old = make_submission(status=Submission.Status.REJECTED, decided_at=days_ago(40), **PRIVATE)
    recent = make_submission(status=Submission.Status.SPAM, decided_at=days_ago(10), **PRIVATE)
    pending = make_submission(**PRIVATE)
    Submission.objects.filter(pk=pending.pk).update(created_at=days_ago(400))

    assert run("--days", "30").strip() == (
        "Cleared contact details from 1 submission decided more than 30 days ago."
    )
    old.refresh_from_db()
    assert (old.contact_name, old.contact_details, old.sender_hash) == ("", "", "")
    assert old.text and old.status == Submission.Status.REJECTED
    for kept in (recent, pending):
        kept.refresh_from_db()
        assert kept.contact_details == "anna@example.org" and kept.sender_hash == "a" * 64


def test_running_again_changes_nothing():
    make_submission(status=Submission.Status.REJECTED, decided_at=days_ago(100), **PRIVATE)
    assert "from 1 submission" in run()
    assert "from 0 submissions" in run()


def test_the_default_comes_from_the_settings(settings):
    settings.SUBMISSION_CONTACT_RETENTION_DAYS = 5
    make_submission(status=Submission.Status.REJECTED, decided_at=days_ago(6), **PRIVATE)
    make_submission(status=Submission.Status.REJECTED, decided_at=days_ago(4), **PRIVATE)
    assert run() == "Cleared contact details from 1 submission decided more than 5 days ago.\n"


def test_a_negative_number_of_days_is_refused():
    with pytest.raises(CommandError, match="zero or more"):
        run("--days", "-1")

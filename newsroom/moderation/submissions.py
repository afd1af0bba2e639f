"""Taking in a reader's submission, and later forgetting who sent it."""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import Submission


def submission_create(*, sender_hash, photo=None, **values):
    """Store a submission with its photo whole, or nothing at all (docs/design.md, rule 5).

    ``photo`` must come from ``newsroom.images.clean_image``. The file is written inside the
    transaction and deleted again if the row cannot be written, so a failure leaves no orphan.
    """
    submission = Submission(sender_hash=sender_hash, **values)
    stored_name = None
    try:
        with transaction.atomic():
            if photo is not None:
                submission.photo.save(photo.name, photo, save=False)
                stored_name = submission.photo.name
            submission.save()
    except BaseException:
        if stored_name:
            submission.photo.storage.delete(stored_name)
        raise
    return submission


def purge_submission_contacts(*, older_than_days, now=None):
    """Clear who sent each submission decided more than ``older_than_days`` ago.

    Contact name, contact details and the sender hash go; what was sent and the decision stay.
    Returns how many submissions changed, so a second run reports none.
    """
    cutoff = (now or timezone.now()) - datetime.timedelta(days=older_than_days)
    return (
        Submission.objects.exclude(status=Submission.Status.PENDING)
        .filter(decided_at__lt=cutoff)
        .exclude(contact_name="", contact_details="", sender_hash="")
        .update(contact_name="", contact_details="", sender_hash="")
    )

"""The moderators' decisions on reader submissions, and the claims that keep them apart.

Every decision is one conditional UPDATE on a pending submission that nobody else holds, inside
a transaction: of two moderators deciding at once exactly one row is updated, and the other is
told who decided first. A decision records who made it and when, and is never made twice.
"""

import datetime
import os

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from newsroom.publishing import PublicationStatus, desk_time, staff_name
from newsroom.revisions.services import record_revision
from timeline.models import Event

from .models import Submission

CLAIM_FOR = datetime.timedelta(minutes=15)
MODERATE = "moderation.change_submission"
APPLY = "timeline.change_event"
Status = Submission.Status
AcceptedFor = Submission.AcceptedFor
# Accepted sources and corrections an editor has yet to add to their event.
TO_APPLY = Q(
    status=Status.ACCEPTED,
    accepted_for__in=[AcceptedFor.CITATION, AcceptedFor.CORRECTION],
    applied_at__isnull=True,
)


class DecisionRefused(Exception):
    """The submission was decided already, or another moderator holds it."""


def _require(user, permission):
    if not user.has_perm(permission):
        raise PermissionDenied("You may not moderate reader submissions.")


def _free_for(user, now):
    """Submissions nobody holds now, or that ``user`` holds."""
    return Q(claimed_until__isnull=True) | Q(claimed_until__lt=now) | Q(claimed_by=user)


def refusal(submission, user, now=None):
    """Why ``user`` cannot take ``submission`` now, read fresh from the database."""
    now = now or timezone.now()
    current = Submission.objects.select_related("decided_by", "claimed_by").get(pk=submission.pk)
    if current.status != Status.PENDING:
        state = current.get_status_display().lower()
        return DecisionRefused(
            _("“%(item)s” was already %(state)s by %(who)s at %(time)s; nothing was changed.")
            % {
                "item": current,
                "state": state,
                "who": staff_name(current.decided_by, unknown=_("someone")),
                "time": desk_time(current.decided_at),
            }
        )
    if current.claimed_by_id not in (None, user.pk) and current.claimed_until >= now:
        return DecisionRefused(
            _("%(who)s is working on “%(item)s” until %(time)s; nothing was changed.")
            % {
                "who": staff_name(current.claimed_by, unknown=_("Someone")),
                "item": current,
                "time": desk_time(current.claimed_until),
            }
        )
    return DecisionRefused(
        _("“%(item)s” changed meanwhile; nothing was changed.") % {"item": current}
    )


# Claims.


def submission_claim(*, submission, moderator):
    """Hold ``submission`` for ``moderator`` for CLAIM_FOR; renewing one's own claim is fine."""
    _require(moderator, MODERATE)
    now = timezone.now()
    until = now + CLAIM_FOR
    taken = (
        Submission.objects.filter(pk=submission.pk, status=Status.PENDING)
        .filter(_free_for(moderator, now))
        .update(claimed_by=moderator, claimed_until=until)
    )
    if not taken:
        raise refusal(submission, moderator, now)
    submission.claimed_by, submission.claimed_until = moderator, until
    return submission


def submission_release(*, submission, moderator):
    """Give up one's own claim so a colleague can take the item at once."""
    _require(moderator, MODERATE)
    Submission.objects.filter(pk=submission.pk, claimed_by=moderator).update(
        claimed_by=None, claimed_until=None
    )


def submission_claim_next(*, moderator):
    """Claim the oldest pending submission nobody holds; None when the queue is empty.

    On PostgreSQL the candidate row is locked with SKIP LOCKED, so moderators pressing the
    button together each get a different item instead of queueing on the same row. Elsewhere
    the conditional update in ``submission_claim`` still keeps two claims apart.
    """
    _require(moderator, MODERATE)
    with transaction.atomic():
        now = timezone.now()
        candidates = (
            Submission.objects.filter(status=Status.PENDING)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .order_by("created_at", "pk")
        )
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        # One row at a time: locking a longer slice would hide its other rows from colleagues.
        for _attempt in range(10):
            submission = candidates.first()
            if submission is None:
                return None
            try:
                return submission_claim(submission=submission, moderator=moderator)
            except DecisionRefused:
                continue  # taken between the read and the update: look again
    return None


# Decisions.


@transaction.atomic
def _decide(*, submission, moderator, status, **changes):
    """Record the decision if the submission is still pending and free for ``moderator``."""
    _require(moderator, MODERATE)
    now = timezone.now()
    changes = {
        "status": status,
        "decided_by": moderator,
        "decided_at": now,
        "claimed_by": None,
        "claimed_until": None,
        **changes,
    }
    decided = (
        Submission.objects.filter(pk=submission.pk, status=Status.PENDING)
        .filter(_free_for(moderator, now))
        .update(**changes)
    )
    if not decided:
        raise refusal(submission, moderator, now)
    for name, value in changes.items():
        setattr(submission, name, value)
    return submission


def _unique_slug(title):
    base = slugify(title)[:180] or "reader-submission"
    slug, n = base, 1
    while Event.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def submission_accept_as_event(*, submission, moderator, event_data):
    """Accept ``submission`` as a new draft event built from ``event_data`` and link them.

    ``event_data`` holds Event field values plus ``storylines`` and ``use_photo``; with
    ``use_photo`` the submission's stored photo (cleaned when it arrived) becomes the event's
    image, with the ``image_credit`` and ``image_alt`` given. The event is a draft: an editor
    reviews and publishes it, never the moderator.
    """
    data = dict(event_data)
    storylines = data.pop("storylines", ())
    use_photo = data.pop("use_photo", False)
    if use_photo and not submission.photo:
        raise ValidationError(_("This submission has no photo to use."))
    if use_photo and not data.get("image_credit", "").strip():
        raise ValidationError({"image_credit": _("Give a credit for the photo.")})
    with transaction.atomic():
        # The decision first: it locks the row, so a rival decision waits and then finds it taken.
        _decide(
            submission=submission,
            moderator=moderator,
            status=Status.ACCEPTED,
            accepted_for=AcceptedFor.NEW_EVENT,
        )
        event = Event(
            **data,
            slug=_unique_slug(data["title"]),
            status=PublicationStatus.DRAFT,
            publish_at=None,
            created_by=moderator,
            updated_by=moderator,
        )
        event.full_clean(exclude=["precision", "sorts_at"])
        if use_photo:
            with submission.photo.open("rb") as photo:
                extension = os.path.splitext(submission.photo.name)[1]
                event.image.save(f"photo{extension}", ContentFile(photo.read()), save=False)
        event.save()
        event.storylines.set(storylines)
        Submission.objects.filter(pk=submission.pk).update(accepted_as=event)
        submission.accepted_as = event
        record_revision(item=event, user=moderator, comment=f"Created from {submission}")
    return event


def submission_accept_onto_event(*, submission, moderator, event, accepted_for):
    """Accept ``submission`` as a source or a correction for an editor to apply to ``event``."""
    if accepted_for not in (AcceptedFor.CITATION, AcceptedFor.CORRECTION):
        raise ValidationError(_("Accept onto an event as a source or as a correction."))
    if event is None:
        raise ValidationError({"event": _("Choose the event it belongs to.")})
    return _decide(
        submission=submission,
        moderator=moderator,
        status=Status.ACCEPTED,
        accepted_for=accepted_for,
        event=event,
    )


def submission_reject(*, submission, moderator, reason):
    """Reject ``submission``; ``reason`` is shown to the sender on their receipt page."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why, in words the sender will read.")})
    return _decide(
        submission=submission, moderator=moderator, status=Status.REJECTED, decision_reason=reason
    )


def submission_mark_duplicate(*, submission, moderator, original):
    """Close ``submission`` as a duplicate of ``original``, another submission."""
    if original is None or original.pk == submission.pk:
        raise ValidationError({"original": _("Choose another submission, not this one.")})
    return _decide(
        submission=submission, moderator=moderator, status=Status.DUPLICATE, duplicate_of=original
    )


def submission_mark_spam(*, submissions, moderator):
    """Mark as spam those of ``submissions`` still pending and not held by someone else.

    Returns how many were marked; decided items and colleagues' claims are left alone.
    """
    _require(moderator, MODERATE)
    now = timezone.now()
    with transaction.atomic():
        return (
            Submission.objects.filter(pk__in=[item.pk for item in submissions])
            .filter(status=Status.PENDING)
            .filter(_free_for(moderator, now))
            .update(
                status=Status.SPAM,
                decided_by=moderator,
                decided_at=now,
                claimed_by=None,
                claimed_until=None,
            )
        )


def submission_mark_applied(*, submission, editor):
    """Record that ``editor`` added the accepted source or correction to its event."""
    if not editor.has_perm(APPLY):
        raise PermissionDenied("Only those who edit events apply accepted submissions.")
    with transaction.atomic():
        now = timezone.now()
        applied = Submission.objects.filter(TO_APPLY, pk=submission.pk).update(
            applied_by=editor, applied_at=now
        )
        if not applied:
            current = Submission.objects.select_related("applied_by").get(pk=submission.pk)
            if current.applied_at:
                raise DecisionRefused(
                    _("%(who)s marked “%(item)s” applied at %(time)s.")
                    % {
                        "who": staff_name(current.applied_by, unknown=_("Someone")),
                        "item": current,
                        "time": desk_time(current.applied_at),
                    }
                )
            raise DecisionRefused(
                _("“%(item)s” is not a source or correction to apply.") % {"item": current}
            )
    submission.applied_by, submission.applied_at = editor, now
    return submission

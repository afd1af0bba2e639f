"""The publishing workflow: the moves an article or event can make, and who may make them.

Every move is a conditional update on the item's version, so it can neither skip a colleague's
save nor run twice, and each one leaves a revision saying who made it.
"""

import functools
import operator
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from newsroom.caching import public_content_changing
from newsroom.publishing import PublicationStatus as Status
from newsroom.publishing import staff_name, update_if_unchanged
from newsroom.revisions.models import Revision
from newsroom.revisions.services import record_revision


class InvalidTransition(Exception):
    """The item is not in a state this move starts from."""


class NotPublishable(InvalidTransition):
    """The item lacks something it needs to go public (``Publishable.publication_error()``)."""

    def __init__(self, item, reason):
        self.item, self.reason = item, reason
        super().__init__(
            _("“%(item)s” was not published: %(reason)s") % {"item": item, "reason": reason}
        )


@dataclass(frozen=True)
class Transition:
    name: str
    # What the desk's buttons say: translated when shown.
    label: str
    # What the history says once it is done ("Published by Tom Hale").
    done: str
    sources: frozenset
    # Moves that can put an item on the public site, or take it off, need the publish right.
    needs_publish_right: bool

    def may(self, user, model):
        opts = model._meta
        action = "publish" if self.needs_publish_right else "change"
        return user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")

    def applies_to(self, item):
        return item.status in self.sources


TRANSITIONS = {
    transition.name: transition
    for transition in [
        Transition(
            "submit", _("Send for review"), "Sent for review", frozenset({Status.DRAFT}), False
        ),
        Transition(
            "return_to_draft",
            _("Return to draft"),
            "Returned to draft",
            frozenset({Status.IN_REVIEW, Status.ARCHIVED}),
            False,
        ),
        Transition(
            "publish", _("Publish"), "Published", frozenset({Status.DRAFT, Status.IN_REVIEW}), True
        ),
        Transition(
            "unpublish",
            _("Unpublish"),
            "Unpublished",
            frozenset({Status.PUBLISHED, Status.SCHEDULED}),
            True,
        ),
        Transition(
            "archive",
            _("Archive"),
            "Archived",
            frozenset({Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED, Status.SCHEDULED}),
            True,
        ),
    ]
}


def available_transitions(*, item, user):
    """The moves this user may make on this item now, in the order the desk shows them."""
    return [t for t in TRANSITIONS.values() if t.applies_to(item) and t.may(user, type(item))]


def get_transition(*, name, user, model):
    """The named move, or PermissionDenied when this user may not make it on this model."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise InvalidTransition(_("There is no step called “%(name)s”.") % {"name": name})
    if not transition.may(user, model):
        raise PermissionDenied(
            f"You may not {transition.label.lower()} {model._meta.verbose_name}s."
        )
    return transition


def _changes(transition, item, now, note):
    if transition.name == "publish":
        # A publish time ahead schedules the item: published() shows it from then on. "Now"
        # is kept to the second, as the desk's form shows it: stored microseconds would read as
        # a change of publish time at the editor's next save of the unchanged form.
        publish_at = item.publish_at or now.replace(microsecond=0)
        return {
            "status": Status.SCHEDULED if publish_at > now else Status.PUBLISHED,
            "publish_at": publish_at,
            "first_published_at": item.first_published_at or publish_at,
        }
    if transition.name == "archive":
        # Taken off the site while readers could see it: its address will say so.
        if type(item)._default_manager.published(at=now).filter(pk=item.pk).exists():
            return {"status": Status.ARCHIVED, "withdrawn_at": now, "withdrawal_note": note}
        return {"status": Status.ARCHIVED}
    if transition.name == "return_to_draft":
        return {"status": Status.DRAFT, "withdrawn_at": None, "withdrawal_note": ""}
    target = {"submit": Status.IN_REVIEW, "unpublish": Status.DRAFT}[transition.name]
    return {"status": target}


# A publish whose time is ahead schedules the item, and its revision says so.
SCHEDULED = "Scheduled"


def step_revisions(*, item):
    """The item's revisions that record a workflow step, newest first.

    A step's revision is told by its comment, which always opens with what was done and by whom.
    """
    done = {transition.done for transition in TRANSITIONS.values()} | {SCHEDULED}
    steps = functools.reduce(operator.or_, (Q(comment__startswith=f"{d} by ") for d in done))
    return Revision.objects.for_item(item).filter(steps)


def step_comment(*, transition, item, user, also=""):
    """The revision comment of a step just taken: "Published by Tom Hale; changed summary"."""
    done = SCHEDULED if item.status == Status.SCHEDULED else transition.done
    comment = f"{done} by {staff_name(user)}"
    if transition.name == "archive" and item.withdrawal_note:
        comment = f"{comment}, with the public note “{item.withdrawal_note}”"
    if also:
        comment = f"{comment}; {also}"
    return Truncator(comment).chars(200)


def cannot_take(item, transition):
    """Why the item may not take the step: it is not in a state the step starts from."""
    return _("“%(item)s” is %(status)s: it cannot take the step “%(step)s”.") % {
        "item": item,
        "status": item.get_status_display().lower(),
        "step": transition.label,
    }


def apply_transition(*, item, name, user, seen_version, note="", also=""):
    """Make the named move on ``item`` for ``user``; the caller gives the version it showed.

    ``note`` is the editor's public note when an archive withdraws a live item (else unused).
    ``also`` says what else the same save changed, for the step's one revision.

    Raises PermissionDenied, InvalidTransition (NotPublishable when the item may not go public
    as it stands), or StaleVersion when someone saved since.
    """
    transition = get_transition(name=name, user=user, model=type(item))
    # Publishing and scheduling alike: a scheduled item goes public with no further step.
    if transition.name == "publish" and transition.applies_to(item):
        if reason := item.publication_error():
            raise NotPublishable(item, reason)
    now = timezone.now()
    note = note.strip()
    with transaction.atomic():
        changes = _changes(transition, item, now, note)
        moved = update_if_unchanged(
            item,
            seen_version=seen_version,
            condition=Q(status__in=transition.sources),
            updated_by=user,
            updated_at=now,
            **changes,
        )
        if not moved:
            raise InvalidTransition(cannot_take(item, transition))
        item.refresh_from_db()
        comment = step_comment(transition=transition, item=item, user=user, also=also)
        record_revision(item=item, user=user, comment=comment)
        public_content_changing()
    return item

"""Changes to a live item that wait for someone who may publish (docs/design.md, rule 5).

A reporter's save of a published or scheduled item is kept here as the snapshot it would have
written; readers keep seeing the published version until an editor publishes the change (which
merges it three-way when the item moved on meanwhile) or sends it back.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from newsroom.publishing import PUBLIC_STATUSES, staff_name

from .merging import merge, resolve
from .models import PendingChange
from .registry import tracked
from .services import revision_at, save_content, snapshot


class MergeNeeded(Exception):
    """The item changed since the pending change started, on a field the change also changed."""

    def __init__(self, merged):
        self.merged = merged
        super().__init__("The change and the live version both changed the same fields.")


def may_publish(user, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


def must_wait(*, item, user):
    """Whether this user's save of this item waits for an editor instead of going public."""
    return item.status in PUBLIC_STATUSES and not may_publish(user, type(item))


def waiting_change(item):
    return PendingChange.objects.for_item(item).waiting().select_related("created_by").first()


def hold_change(*, item, data, user, based_on_version):
    """Keep ``data`` as the item's pending change. A change already waiting is continued: it
    keeps the version it started from, so publishing it still merges what happened since."""
    with transaction.atomic():
        change = PendingChange.objects.for_item(item).select_for_update().first()
        if change is None or change.returned_at is not None:
            if change is not None:
                change.delete()
            change = PendingChange(item=item, based_on_version=based_on_version)
        change.data = data
        change.created_by = user
        change.saved_at = timezone.now()
        change.save()
    return change


def rebased(*, change, item):
    """The change merged with what the item became since it started."""
    model = type(item)
    base = revision_at(item=item, version=change.based_on_version)
    spec = tracked(model)
    return merge(
        base=None if base is None else base.data,
        mine=change.data,
        theirs=snapshot(item),
        links={field.name for field in spec.many_to_many},
        rows={child.accessor for child in spec.children},
    )


def publish_change(*, change, user, expected_version, choices=None):
    """Put the pending change on the site as the item's next version, and forget it.

    With ``choices`` ({key: "mine" or "theirs"}, mine being the pending change) conflicts with
    later saves are settled; without, they raise MergeNeeded. Also raises StaleVersion and
    ValidationError as ``save_content`` does, changing nothing.
    """
    item = change.item
    if not may_publish(user, type(item)):
        raise PermissionDenied("You may not publish this change.")
    author = staff_name(change.created_by)
    comment = f"Published {author}’s pending change"
    if change.based_on_version == item.version:
        data = change.data
    else:
        merged = rebased(change=change, item=item)
        if merged.conflicts and choices is None:
            raise MergeNeeded(merged)
        data = resolve(merged=merged, choices=choices or {})
        comment += f", merged with version {item.version}"
    with transaction.atomic():
        item = save_content(
            item=item, data=data, user=user, expected_version=expected_version, comment=comment
        )
        change.delete()
    return item


def return_change(*, change, user, note=""):
    """Send the change back to its author unpublished, with a note they see on the item."""
    if not may_publish(user, change.content_type.model_class()):
        raise PermissionDenied("You may not send this change back.")
    change.returned_by = user
    change.returned_at = timezone.now()
    change.return_note = note.strip()
    change.save(update_fields=["returned_by", "returned_at", "return_note"])
    return change

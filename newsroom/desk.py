"""The admin site as the desk: its front page says what waits for the person logged in."""

from dataclasses import dataclass

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.articles.models import Article
from newsroom.moderation.models import Submission
from newsroom.moderation.services import TO_APPLY
from newsroom.publishing import PublicationStatus as Status
from newsroom.publishing import staff_label
from newsroom.revisions.merge_admin import pending_entries
from newsroom.revisions.models import PendingChange
from newsroom.revisions.pending import may_publish
from newsroom.staff_login import StaffLoginForm
from newsroom.translations.desk import translation_tallies
from timeline.models import Event

# What the front page calls each kind of item's work, whole: Ukrainian and Russian agree the
# adjective with the noun, which a sentence with the model's name slotted in could not do.
WORDS = {
    Event: {
        "new": _("New event"),
        "drafts": _("Your draft events"),
        "in_review": _("Events waiting for review"),
        "scheduled": _("Events scheduled"),
    },
    Article: {
        "new": _("New article"),
        "drafts": _("Your draft articles"),
        "in_review": _("Articles waiting for review"),
        "scheduled": _("Articles scheduled"),
    },
}


@dataclass(frozen=True)
class Tally:
    label: str
    count: int
    url: str


def _changelist(model, query):
    opts = model._meta
    return f"{reverse(f'admin:{opts.app_label}_{opts.model_name}_changelist')}?{query}"


def desk_new_items(user):
    """The front page's "New event" and "New article" links, for those who may add them: where
    most of a working day starts, without going through the list of apps."""
    links = []
    for model in (Event, Article):
        opts = model._meta
        if user.has_perm(f"{opts.app_label}.add_{opts.model_name}"):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
            links.append((WORDS[model]["new"], url))
    return links


def desk_tallies(user):
    """Counts with links for the desk's front page: one query per kind of item the user sees."""
    tallies = []
    now = timezone.now()
    for model in (Event, Article):
        opts = model._meta
        # Those who work on the items (who may change them), not those who only read them.
        if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            continue
        # Only the unpublished are read (down the status index): counting in every row took
        # 65 ms at 100,000 published events.
        waiting = model.objects.filter(
            status__in=[Status.DRAFT, Status.IN_REVIEW, Status.SCHEDULED]
        )
        counts = waiting.aggregate(
            drafts=Count("pk", filter=Q(status=Status.DRAFT, created_by=user)),
            in_review=Count("pk", filter=Q(status=Status.IN_REVIEW)),
            scheduled=Count("pk", filter=Q(status=Status.SCHEDULED, publish_at__gt=now)),
        )
        words = WORDS[model]
        tallies += [
            Tally(
                words["drafts"],
                counts["drafts"],
                _changelist(model, "status__exact=draft&mine=1"),
            ),
            Tally(
                words["in_review"],
                counts["in_review"],
                _changelist(model, "status__exact=in_review"),
            ),
            Tally(
                words["scheduled"],
                counts["scheduled"],
                _changelist(model, "public=upcoming"),
            ),
        ]
    return tallies + _submission_tallies(user) + translation_tallies(user, Tally)


def _submission_tallies(user):
    """What readers sent: the queue for those who see it, and what moderators accepted."""
    tallies = []
    may_edit_events = user.has_perm("timeline.change_event")
    if user.has_perm("moderation.view_submission"):
        counts = Submission.objects.aggregate(
            pending=Count("pk", filter=Q(status=Submission.Status.PENDING)),
            to_apply=Count("pk", filter=TO_APPLY),
        )
        tallies.append(
            Tally(
                _("Reader submissions waiting"),
                counts["pending"],
                _changelist(Submission, "status=pending"),
            )
        )
        if may_edit_events:
            tallies.append(
                Tally(
                    _("Accepted submissions for an editor to apply"),
                    counts["to_apply"],
                    _changelist(Submission, "status=all&to_apply=yes"),
                )
            )
    if may_edit_events:
        # Moderators' drafts are nobody's "your drafts": count them apart so they are not lost.
        drafts = (
            Event.objects.filter(status=Status.DRAFT, from_submissions__isnull=False)
            .distinct()
            .count()
        )
        tallies.append(
            Tally(
                _("Draft events from reader submissions"),
                drafts,
                _changelist(Event, "status__exact=draft&from_submissions__isnull=0"),
            )
        )
    return tallies


# The front page lists this many items waiting for review, per kind, oldest first; the tallies
# link to the rest.
REVIEW_SHOWN = 10


@dataclass(frozen=True)
class WaitingItem:
    item: object
    kind: str
    url: str
    sent_by: str


def desk_review_queue(user):
    """The items in review, for those who may publish them: each a click from its change form,
    where the publication panel publishes it (one query per kind of item)."""
    queue = []
    for model in (Event, Article):
        if not may_publish(user, model):
            continue
        opts = model._meta
        waiting = (
            model.objects.filter(status=Status.IN_REVIEW)
            .select_related("updated_by")
            .order_by("updated_at", "pk")[:REVIEW_SHOWN]
        )
        queue += [
            WaitingItem(
                item,
                opts.verbose_name.capitalize(),
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]),
                staff_label(item.updated_by),
            )
            for item in waiting
        ]
    return queue


# The front page shows this many changes waiting, newest first; the rest wait their turn.
PENDING_SHOWN = 20


def desk_pending_changes(request):
    """Changes to live items that wait for an editor, for those who may publish them, and the
    user's own changes, waiting or sent back, for everyone else (docs/design.md, rule 5)."""
    user, changes = request.user, []
    for model in (Event, Article):
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            continue
        found = PendingChange.objects.filter(
            content_type=ContentType.objects.get_for_model(model)
        ).select_related("created_by", "returned_by")
        mine = Q(created_by=user)
        found = found.filter(
            mine | Q(returned_at__isnull=True) if may_publish(user, model) else mine
        )
        found = list(found[:PENDING_SHOWN])
        items = model.objects.in_bulk([change.object_id for change in found])
        for change in found:
            if change.object_id in items:
                change.item = items[change.object_id]
                changes.append(change)
    return pending_entries(request, changes)


class DeskAutocomplete(AutocompleteJsonView):
    """The admin's autocomplete answers, offering colleagues as the desk names them, and each
    result with what its model admin's ``autocomplete_result()`` adds (a source's party)."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, AbstractBaseUser):
            result["text"] = staff_label(obj)
        if extra := getattr(self.model_admin, "autocomplete_result", None):
            result.update(extra(obj))
        return result


class DeskAdminSite(admin.AdminSite):
    site_header = _("Newsroom desk")
    site_title = _("Newsroom desk")
    index_title = _("The desk")
    index_template = "admin/desk_index.html"
    login_form = StaffLoginForm

    def index(self, request, extra_context=None):
        extra_context = {
            "new_items": desk_new_items(request.user),
            "tallies": desk_tallies(request.user),
            "review_queue": desk_review_queue(request.user),
            "pending_changes": desk_pending_changes(request),
            **(extra_context or {}),
        }
        return super().index(request, extra_context)

    def autocomplete_view(self, request):
        return DeskAutocomplete.as_view(admin_site=self)(request)

    def get_app_list(self, request, app_label=None):
        """Those who only read the editorial content (moderators) see just what they work on."""
        app_list = super().get_app_list(request, app_label)
        if request.user.has_perm("timeline.change_event") or request.user.has_perm(
            "articles.change_article"
        ):
            return app_list
        for app in app_list:
            app["models"] = [m for m in app["models"] if m["perms"]["change"] or m["perms"]["add"]]
        return [app for app in app_list if app["models"]]

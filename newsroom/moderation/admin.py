from django.contrib import admin, messages
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.text import Truncator
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _

from newsroom.admin import StrictActionsMixin
from newsroom.publishing import staff_label

from .admin_views import DecisionViewsMixin
from .models import Submission
from .services import TO_APPLY, submission_mark_spam


class StatusFilter(admin.SimpleListFilter):
    """Status, with the pending items shown unless another status (or all) is chosen."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Submission.Status.choices, ("all", _("All"))]

    def value(self):
        return super().value() or Submission.Status.PENDING

    def queryset(self, request, queryset):
        value = self.value()
        return queryset if value == "all" else queryset.filter(status=value)

    def choices(self, changelist):
        # No "All" that clears the parameter: that would mean pending again.
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class YesNoFilter(admin.SimpleListFilter):
    """A filter with a yes and a no; ``yes`` is the Q that says what yes means."""

    yes = Q()
    labels = (_("Yes"), _("No"))

    def lookups(self, request, model_admin):
        return list(zip(("yes", "no"), self.labels, strict=True))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(self.yes)
        if self.value() == "no":
            return queryset.exclude(self.yes)
        return queryset


class HasPhotoFilter(YesNoFilter):
    title = _("photo")
    parameter_name = "photo"
    labels = (_("With a photo"), _("Without"))
    yes = ~Q(photo="")


class ConcernsEventFilter(YesNoFilter):
    title = _("event")
    parameter_name = "concerns_event"
    labels = (_("About an event"), _("About no event"))
    yes = Q(event__isnull=False)


class ToApplyFilter(YesNoFilter):
    """Accepted sources and corrections an editor has yet to add to their event."""

    title = _("editors' work")
    parameter_name = "to_apply"
    labels = (_("For an editor to apply"), _("Nothing to apply"))
    yes = TO_APPLY


@admin.register(Submission)
class SubmissionAdmin(DecisionViewsMixin, StrictActionsMixin, admin.ModelAdmin):
    """The queue. Everything the reader sent is read-only: decisions are made by the buttons on
    the change page and the spam action, each a service call that records who and when."""

    # Narrow columns, the photo with the kind and the claim with the status, so that all of them
    # fit a laptop's 1,366 pixels.
    list_display = ["number", "kind_and_photo", "excerpt", "age", "event", "state"]
    list_display_links = ["number", "excerpt"]
    list_filter = [StatusFilter, "kind", HasPhotoFilter, ConcernsEventFilter, ToApplyFilter]
    list_select_related = ["event", "claimed_by"]
    search_fields = ["text", "location"]
    # The queue is always filtered (pending by default): one count, not a second of every row.
    show_full_result_count = False
    fieldsets = [
        (
            _("What the reader sent"),
            {
                "fields": [
                    "kind",
                    "text",
                    "event",
                    ("occurred_on", "occurred_time", "is_date_approximate"),
                    "location",
                    "link_list",
                    "photo_preview",
                    "created_at",
                ]
            },
        ),
        (
            _("Sender (private)"),
            {
                "description": _("Never shown publicly. Contact the sender only if they agreed."),
                "fields": ["contact_name", "contact_details", "may_contact", "sender_hash"],
            },
        ),
        (
            _("Decision"),
            {
                "fields": [
                    "status",
                    "claim",
                    "accepted_for",
                    "accepted_as",
                    ("applied_by_name", "applied_at"),
                    "duplicate_of",
                    ("decided_by_name", "decided_at"),
                    "decision_reason",
                ]
            },
        ),
    ]
    actions = ["mark_as_spam"]

    def get_readonly_fields(self, request, obj=None):
        # All of it: the reader's words are evidence, and decisions have their own buttons.
        return [
            field
            for _name, options in self.fieldsets
            for row in options["fields"]
            for field in (row if isinstance(row, tuple) else (row,))
        ]

    def has_add_permission(self, request):
        return False  # submissions come from readers only

    # Columns.

    @admin.display(description=_("no."), ordering="pk")
    def number(self, submission):
        return f"#{submission.pk}"

    @admin.display(description=_("what happened"))
    def excerpt(self, submission):
        return Truncator(submission.text).chars(70)

    @admin.display(description=_("waiting"), ordering="created_at")
    def age(self, submission):
        return timesince(submission.created_at)

    @admin.display(description=_("kind"), ordering="kind")
    def kind_and_photo(self, submission):
        kind = submission.get_kind_display()
        return _("%(kind)s, with a photo") % {"kind": kind} if submission.photo else kind

    @admin.display(description=_("claimed by"))
    def claim(self, submission):
        if submission.claimed_by is None or submission.claimed_until < timezone.now():
            return "—"
        user = submission.claimed_by
        until = timezone.localtime(submission.claimed_until)
        return _("%(who)s until %(time)s") % {"who": staff_label(user), "time": f"{until:%H:%M}"}

    @admin.display(description=_("status"), ordering="status")
    def state(self, submission):
        """The status, and while a claim runs, who holds the item until when."""
        status = submission.get_status_display()
        claim = self.claim(submission)
        return status if claim == "—" else f"{status}: {claim}"

    @admin.display(description=_("applied by"))
    def applied_by_name(self, submission):
        return staff_label(submission.applied_by)

    @admin.display(description=_("decided by"))
    def decided_by_name(self, submission):
        return staff_label(submission.decided_by)

    @admin.display(description=_("links"))
    def link_list(self, submission):
        # Shown as text to copy, never as live links: the addresses are the reader's.
        return format_html_join(
            "", "<div><code>{}</code></div>", ((link,) for link in submission.links)
        )

    @admin.display(description=_("photo"))
    def photo_preview(self, submission):
        if not submission.photo:
            return "—"
        url = reverse("admin:moderation_submission_photo", args=[submission.pk])
        return render_to_string("admin/moderation/submission/photo.html", {"photo_url": url})

    # Actions.

    @admin.action(description=_("Mark selected as spam"), permissions=["change"])
    def mark_as_spam(self, request, queryset):
        # Only pending items nobody else holds: a decision, once made, is never made again.
        marked = submission_mark_spam(submissions=list(queryset), moderator=request.user)
        skipped = queryset.count() - marked
        self.message_user(
            request, _("Marked %(count)d as spam.") % {"count": marked}, messages.SUCCESS
        )
        if skipped:
            self.message_user(
                request,
                _("%(count)d left alone: decided already, or held by another moderator.")
                % {"count": skipped},
                messages.WARNING,
            )

from django.contrib import admin, messages
from django.utils import timezone

from newsroom.admin import StrictActionsMixin

from .models import Submission


@admin.register(Submission)
class SubmissionAdmin(StrictActionsMixin, admin.ModelAdmin):
    """The queue. Decisions are recorded by actions that stamp who decided and when, never by
    editing the status field."""

    list_display = ["__str__", "kind", "status", "created_at", "event"]
    list_filter = ["status", "kind"]
    search_fields = ["text", "location"]
    readonly_fields = [
        "status",
        "photo",
        "receipt_token",
        "duplicate_of",
        "decided_by",
        "decision_reason",
        "decided_at",
        "created_at",
    ]
    autocomplete_fields = ["event"]
    actions = ["mark_as_spam"]

    @admin.action(description="Mark selected as spam", permissions=["change"])
    def mark_as_spam(self, request, queryset):
        # Only pending items: a decision, once made, is never made again.
        marked = queryset.filter(status=Submission.Status.PENDING).update(
            status=Submission.Status.SPAM, decided_by=request.user, decided_at=timezone.now()
        )
        self.message_user(request, f"Marked {marked} as spam.", messages.SUCCESS)

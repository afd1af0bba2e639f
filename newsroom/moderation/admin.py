from django.contrib import admin

from .models import Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """The queue, read-only for now: decisions are recorded by the moderation workflow, which
    stamps who decided and when, never by editing the status field."""

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

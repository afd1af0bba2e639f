import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from newsroom.images import RandomName
from newsroom.publishing import staff_member
from newsroom.storage import private_storage
from timeline.models import Event


def new_receipt_token():
    """An unguessable token: 256 bits from the operating system's random source."""
    return secrets.token_urlsafe(32)


class Submission(models.Model):
    """An update or correction sent by a reader, held for a moderator's decision."""

    class Kind(models.TextChoices):
        NEW_DEVELOPMENT = "new_development", _("New development")
        CORRECTION = "correction", _("Correction to an event")
        EXTRA_SOURCE = "extra_source", _("Another source")

    class AcceptedFor(models.TextChoices):
        NEW_EVENT = "new_event", _("A new draft event")
        CITATION = "citation", _("A source to add to the event")
        CORRECTION = "correction", _("A correction to the event")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        DUPLICATE = "duplicate", _("Duplicate")
        SPAM = "spam", _("Spam")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    text = models.TextField(_("what happened"))
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("event"),
        help_text=_("The event this concerns, if any."),
    )
    occurred_on = models.DateField(_("date"), null=True, blank=True)
    occurred_time = models.TimeField(_("time"), null=True, blank=True)
    is_date_approximate = models.BooleanField(_("date is approximate"), default=False)
    location = models.CharField(_("where"), max_length=300, blank=True)
    links = models.JSONField(
        _("links"), default=list, blank=True, help_text=_("Web addresses the reader gave.")
    )
    photo = models.ImageField(
        _("photo"), upload_to=RandomName("submissions"), storage=private_storage, blank=True
    )
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_details = models.CharField(
        _("contact details"),
        max_length=300,
        blank=True,
        help_text=_("Private: never shown publicly."),
    )
    may_contact = models.BooleanField(_("consents to be contacted"), default=False)

    # Private: a salted hash of the sender's network address, never the address itself.
    sender_hash = models.CharField(
        _("sender hash"), max_length=64, blank=True, editable=False, db_index=True
    )

    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    # A moderator's claim, so two never work one item; it lapses at claimed_until.
    claimed_by = staff_member(verbose_name=_("claimed by"))
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    accepted_for = models.CharField(
        _("accepted for"), max_length=10, choices=AcceptedFor, blank=True
    )
    accepted_as = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="from_submissions",
        verbose_name=_("accepted as"),
        help_text=_("The draft event made from this submission."),
    )
    # An editor applies an accepted source or correction to the event, then marks it done.
    applied_by = staff_member(verbose_name=_("applied by"))
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    receipt_token = models.CharField(
        max_length=64, unique=True, default=new_receipt_token, editable=False
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    decided_by = staff_member(verbose_name=_("decided by"))
    decision_reason = models.TextField(
        _("decision reason"),
        blank=True,
        help_text=_("Shown to the sender on their receipt page."),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="moderation_submission_decided_has_time",
                violation_error_message=_("A decision needs a time; a pending item has none."),
            ),
            models.CheckConstraint(
                condition=Q(status="accepted", accepted_for__gt="")
                | (~Q(status="accepted") & Q(accepted_for="")),
                name="moderation_submission_accepted_says_for_what",
                violation_error_message=_("An accepted submission says what it was accepted as."),
            ),
            models.CheckConstraint(
                condition=~Q(status="duplicate") | Q(duplicate_of__isnull=False),
                name="moderation_submission_duplicate_names_original",
                violation_error_message=_("Say which submission this duplicates."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

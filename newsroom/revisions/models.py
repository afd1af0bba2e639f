from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.publishing import staff_member


class RevisionQuerySet(models.QuerySet):
    def for_item(self, item):
        """One article's or event's revisions, newest first."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(item), object_id=item.pk
        ).order_by("-version")


class Revision(models.Model):
    """What an article or event looked like after one save: its fields, links and inlines."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    # The item's version after the save this revision records.
    version = models.PositiveIntegerField()
    data = models.JSONField()
    comment = models.CharField(max_length=200, blank=True)
    created_by = staff_member()
    created_at = models.DateTimeField(default=timezone.now)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "version"],
                name="revisions_revision_unique_version",
            ),
        ]

    def __str__(self):
        return f"Revision {self.version} of {self.content_type.name} {self.object_id}"


class PendingChangeQuerySet(models.QuerySet):
    def for_item(self, item):
        return self.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)

    def waiting(self):
        return self.filter(returned_at__isnull=True)


class PendingChange(models.Model):
    """A change to a live item by someone who may not publish: it waits for someone who may,
    while readers keep seeing the published version (docs/design.md, rule 5)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    # The snapshot the save would have written, and the item's version it started from.
    data = models.JSONField()
    based_on_version = models.PositiveIntegerField()
    created_by = staff_member()
    saved_at = models.DateTimeField(default=timezone.now)
    # Set when an editor sends the change back: its author sees why, until they save again.
    returned_by = staff_member()
    returned_at = models.DateTimeField(null=True, blank=True)
    return_note = models.TextField(blank=True)

    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-saved_at"]
        verbose_name = _("pending change")
        verbose_name_plural = _("pending changes")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="revisions_pendingchange_one_per_item"
            ),
        ]

    def __str__(self):
        return f"Pending change to {self.content_type.name} {self.object_id}"

"""What "published" means, written once for every publishable model (docs/design.md, rule 4)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    # Retired from the site but kept, with its history, in the admin.
    ARCHIVED = "archived", _("Archived")


# The title of the change form's fieldset that the publication panel shows instead.
PUBLICATION = _("Publication")

PUBLIC_STATUSES = [PublicationStatus.PUBLISHED, PublicationStatus.SCHEDULED]


def choice_label(choices, value):
    """The label of ``value`` among ``choices`` in the active language, or the value itself
    when it is none of them (as Django's get_FOO_display() gives it)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class PublishableQuerySet(models.QuerySet):
    def published(self, *, at=None):
        """Items the public may see: published, or scheduled and whose time has come.

        A scheduled item needs no background job: it is public from its publish time on.
        """
        return self.filter(status__in=PUBLIC_STATUSES, publish_at__lte=at or timezone.now())

    def withdrawn(self):
        """Items archived while they were public: their addresses say so (410 Gone)."""
        return self.filter(status=PublicationStatus.ARCHIVED, withdrawn_at__isnull=False)


def staff_member(**kwargs):
    """A link to the staff member who did something; the record outlives their account."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        **kwargs,
    )


def staff_name(user, *, unknown="someone"):
    """How the desk names a colleague in its messages."""
    return (user.get_full_name() or user.get_username()) if user else unknown


def staff_label(user):
    """How the desk lists a colleague, or offers one to choose: "Tom Hale (thale)", the login
    telling apart two people of one name; the login alone for an account with no name."""
    if user is None:
        return "—"
    name, login = user.get_full_name(), user.get_username()
    return f"{name} ({login})" if name else login


def desk_time(moment):
    """A moment as the desk's messages give it, in the newsroom's time zone ("E": the month
    as a date names it, which Ukrainian and Russian decline)."""
    return formats.date_format(timezone.localtime(moment), "j E Y, H:i")


def publish_times_to_the_second(model):
    """Drop the microseconds that publishing used to store (the desk's form shows seconds, so
    each save of a published item recorded a change of publish time). For data migrations."""
    for field in ("publish_at", "first_published_at"):
        for pk, moment in model.objects.exclude(**{field: None}).values_list("pk", field):
            if moment.microsecond:
                model.objects.filter(pk=pk).update(**{field: moment.replace(microsecond=0)})


class StaleVersion(Exception):
    """Someone saved since the version this change was based on (docs/design.md, rule 5)."""

    def __init__(self, current):
        self.current = current
        super().__init__(self.describe())

    def describe(self):
        who = staff_name(self.current.updated_by, unknown=_("Someone"))
        when = desk_time(self.current.updated_at)
        return _("%(who)s changed “%(item)s” at %(when)s, after you opened it.") % {
            "who": who,
            "item": self.current,
            "when": when,
        }


def update_if_unchanged(item, *, seen_version, condition=None, **changes):
    """Write ``changes`` and the next version only if nobody saved since ``seen_version``.

    The conditional UPDATE is the guard, so two racing saves cannot both pass. Returns False
    when the version still matches but ``condition`` does not; raises StaleVersion when it moved.
    """
    manager = type(item)._default_manager
    updated = manager.filter(condition or Q(), pk=item.pk, version=seen_version).update(
        version=F("version") + 1, **changes
    )
    if updated:
        item.version = seen_version + 1
        return True
    current = manager.select_related("updated_by").get(pk=item.pk)
    if current.version != seen_version:
        raise StaleVersion(current)
    return False


class Publishable(models.Model):
    """Workflow fields shared by articles and events."""

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PublicationStatus,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    publish_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        # The latest public item, and what went public after a moment, read down this index.
        db_index=True,
        help_text=_("When it goes public. A time in the future schedules it."),
    )
    first_published_at = models.DateTimeField(
        _("first published at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Indexed for the newest public change, read down it (the sitemap's list pages).
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    created_by = staff_member(editable=False, verbose_name=_("created by"))
    updated_by = staff_member(editable=False, verbose_name=_("last changed by"))

    # Bumped by every save; a save naming an older version is refused (docs/design.md, rule 5).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    # Set by the archive step when it takes a live item off the site, and cleared when the
    # item leaves the archive: the item's address then tells readers it was withdrawn.
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)
    withdrawal_note = models.TextField(
        _("public note on the withdrawal"),
        blank=True,
        editable=False,
        help_text=_("Shown to readers at the item's address, under the notice of its withdrawal."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        indexes = [
            # What the sitemap reads of every public item, to date each of its pages: read from
            # the index alone on PostgreSQL, without the rows and their text.
            models.Index(
                fields=["id", "status", "publish_at", "updated_at"],
                name="%(app_label)s_%(class)s_changes",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=PUBLIC_STATUSES) | Q(publish_at__isnull=False),
                name="%(app_label)s_%(class)s_public_has_publish_time",
                violation_error_message=_("A published or scheduled item needs a publish time."),
            ),
            models.CheckConstraint(
                condition=Q(status=PublicationStatus.ARCHIVED) | Q(withdrawn_at__isnull=True),
                name="%(app_label)s_%(class)s_withdrawn_only_when_archived",
                violation_error_message=_("Only an archived item can be withdrawn."),
            ),
        ]

    # Django's get_FOO_display() hashes every choice with its lazy label, translating each one:
    # a desk list shows the status on each of its rows, so only the label shown is translated.
    def get_status_display(self):
        return choice_label(PublicationStatus, self.status)

    def publication_error(self):
        """Why the item may not go public as it stands, or None. The workflow asks before every
        publish and schedule; a model with rules of its own overrides this."""
        return None

    @property
    def published_time(self):
        """When readers could first see it: its first publish, else its (scheduled) time."""
        return self.first_published_at or self.publish_at

    def updated_time(self, corrections):
        """When readers were last told of a change: the later of its publication and its
        newest public correction. Never ``updated_at``, which moves on every desk save,
        including fixes nobody is told about (docs/design.md, rule 6)."""
        moments = [self.published_time, *(c.published_at for c in corrections)]
        return max((moment for moment in moments if moment is not None), default=None)


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        """The corrections readers see: those whose date has come (one may be dated ahead)."""
        return self.filter(published_at__lte=timezone.now())


class Correction(models.Model):
    """A dated note telling readers what a published item got wrong (docs/design.md, rule 6)."""

    note = models.TextField(
        _("note"), help_text=_("What was wrong and what is right, in words for readers.")
    )
    # Indexed for the newest correction whose date has come, read down it.
    published_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    created_by = staff_member(editable=False, verbose_name=_("created by"))

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return _("Correction of %(date)s") % {
            "date": formats.date_format(self.published_at, "d E Y")
        }

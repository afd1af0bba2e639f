from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.publishing import staff_member

# Keeps a preview token from being valid anywhere else the project signs an integer.
TOKEN_SALT = "newsroom.previews.link"


def sign_link_id(link_id):
    return signing.Signer(salt=TOKEN_SALT).sign_object(link_id)


def unsign_link_id(token):
    """The link id a token carries, or None when the token was not made by this site."""
    try:
        link_id = signing.Signer(salt=TOKEN_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    return link_id if isinstance(link_id, int) else None


class PreviewLinkQuerySet(models.QuerySet):
    def live(self, *, at=None):
        return self.filter(revoked_at__isnull=True, expires_at__gt=at or timezone.now())

    def for_item(self, item):
        return self.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)


class PreviewLink(models.Model):
    """A read-only view of one unpublished item for someone without an account.

    Its address carries a signed id, so ids cannot be guessed; the row says until when it works
    and lets an editor revoke it before that.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = staff_member(verbose_name=_("revoked by"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="previews_previewlink_expires_after_creation",
                violation_error_message=_("A preview link must expire after it is made."),
            ),
        ]

    def __str__(self):
        return f"Preview link {self.pk} until {self.expires_at:%d %B %Y %H:%M}"

    def get_absolute_url(self):
        return reverse("previews:shared", kwargs={"token": self.token})

    @property
    def token(self):
        return sign_link_id(self.pk)

    def is_live(self, *, at=None):
        return self.revoked_at is None and self.expires_at > (at or timezone.now())

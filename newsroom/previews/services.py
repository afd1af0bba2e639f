from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from .models import PreviewLink


def preview_link_create(*, item, lifetime, created_by):
    """A link that shows ``item`` to anyone holding it for ``lifetime`` (a timedelta)."""
    now = timezone.now()
    return PreviewLink.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        expires_at=now + lifetime,
        created_by=created_by,
        created_at=now,
    )


def preview_link_revoke(*, link, revoked_by):
    """Stop the link working now; revoking it again keeps who revoked it first, and when."""
    PreviewLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=revoked_by
    )
    link.refresh_from_db(fields=["revoked_at", "revoked_by"])

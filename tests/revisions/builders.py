"""Articles, and saves that keep revisions, for the revision tests."""

from django.db.models import F

from newsroom.publishing import PublicationStatus
from newsroom.revisions.services import record_revision
from tests import factories
from tests.factories import make_user


def make_article(**kwargs):
    """A draft article with a plain body, whose revisions the tests compare."""
    return factories.make_article(
        **{
            "headline": "Kursk incursion",
            "slug": "kursk",
            "standfirst": "What we know.",
            "body": "",
            "status": PublicationStatus.DRAFT,
            "publish_at": None,
            **kwargs,
        }
    )


def save_revision(item, user, *, comment="", **changes):
    """An editor's save: the changes, the next version, and its revision."""
    for name, value in changes.items():
        setattr(item, name, value)
    type(item).objects.filter(pk=item.pk).update(version=F("version") + 1)
    item.version += 1
    item.updated_by = user
    item.save()
    return record_revision(item=item, user=user, comment=comment)


def editor(username="editor"):
    return make_user(username, group="editor", first_name=username.title())

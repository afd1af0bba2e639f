"""What can be previewed, who may see a preview, and the page that shows one."""

import operator
from dataclasses import dataclass
from functools import cache, reduce

from django.apps import apps
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Previewable:
    label: str
    # Imported on first use: a public view module must not be needed to load the URLconf.
    page: str
    # Whoever any of these fields names wrote the item and may preview it with change rights.
    author_fields: tuple[str, ...]

    @property
    def model(self):
        return apps.get_model(self.label)

    def page_view(self):
        return _as_view(self.page)

    def has_perm(self, user, action):
        opts = self.model._meta
        return user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")

    def can_share(self, user):
        """Editors only: a link opens the item to someone with no account at all."""
        return user.is_active and user.is_staff and self.has_perm(user, "publish")

    def can_preview(self, user, item):
        if not (user.is_active and user.is_staff):
            return False
        if self.has_perm(user, "publish"):
            return True
        return self.has_perm(user, "change") and self.is_author(user, item)

    def is_author(self, user, item):
        wrote = reduce(operator.or_, (Q(**{field: user}) for field in self.author_fields))
        return self.model._default_manager.filter(wrote, pk=item.pk).exists()


PREVIEWABLE = {
    entry.label: entry
    for entry in [
        Previewable("timeline.event", "newsroom.previews.pages.EventPreview", ("created_by",)),
        Previewable(
            "articles.article",
            "newsroom.previews.pages.ArticlePreview",
            ("created_by", "bylines"),
        ),
    ]
}


def get_previewable_or_404(label):
    try:
        return PREVIEWABLE[label]
    except KeyError:
        raise Http404("Only events and articles can be previewed.") from None


def previewable_for_content_type(content_type_id):
    opts = ContentType.objects.get_for_id(content_type_id)
    return get_previewable_or_404(f"{opts.app_label}.{opts.model}")


@cache
def _as_view(dotted_path):
    return import_string(dotted_path).as_view()

"""An article's or event's revisions in the admin: the history, one revision's diff, a restore."""

import itertools

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import Revision
from .services import (
    StaleVersion,
    changed_fields,
    diff,
    missing_references,
    restore_revision,
    revision_at,
    snapshot,
)


class RevisionAdminMixin:
    """For the ModelAdmin of a model that keeps revisions (see ``registry``).

    The history page lists the revisions; each has a page with its diff and a restore button.
    Restoring needs the change permission on the item and the version the editor was shown.
    """

    revision_history_template = "admin/revisions/history.html"
    revision_template = "admin/revisions/revision.html"
    revisions_per_page = 50

    def get_urls(self):
        return [
            # Before the admin's own patterns, whose "<path:object_id>/" would swallow it.
            path(
                "<path:object_id>/history/<int:version>/",
                self.admin_site.admin_view(self.revision_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_revision",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        item = self._viewable_item(request, object_id)
        if item is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        revisions = Revision.objects.for_item(item).select_related("created_by")
        paginator = self.get_paginator(request, revisions, self.revisions_per_page)
        page = paginator.get_page(request.GET.get(PAGE_VAR))
        shown = list(page.object_list)
        if shown:
            # What the oldest on the page changed needs the one before it, on the next page.
            shown.append(revisions.filter(version__lt=shown[-1].version).first())
        rows = [
            (
                revision,
                None
                if before is None
                else changed_fields(model=self.model, before=before.data, after=revision.data),
            )
            for revision, before in itertools.pairwise(shown)
        ]
        context = {
            **self._revision_context(
                request, item, title=_("History of “%(item)s”") % {"item": item}
            ),
            "rows": rows,
            "page": page,
            "page_range": paginator.get_elided_page_range(page.number),
            "page_var": PAGE_VAR,
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.revision_history_template, context)

    def revision_view(self, request, object_id, version):
        item = self._viewable_item(request, object_id)
        if item is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        revision = revision_at(item=item, version=version)
        if revision is None:
            raise Http404(f"“{item}” has no revision {version}.")
        if request.method == "POST":
            return self._restore(request, item, revision)
        previous = Revision.objects.for_item(item).filter(version__lt=version).first()
        context = {
            **self._revision_context(
                request,
                item,
                title=_("Revision %(version)s of “%(item)s”") % {"version": version, "item": item},
            ),
            "revision": revision,
            "previous": previous,
            "changes_from_previous": previous
            and diff(model=self.model, before=previous.data, after=revision.data),
            "changes_from_current": diff(
                model=self.model, before=snapshot(item), after=revision.data
            ),
            "missing": missing_references(revision=revision),
            "can_restore": revision.version != item.version
            and self.has_change_permission(request, item),
        }
        return TemplateResponse(request, self.revision_template, context)

    def _restore(self, request, item, revision):
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        try:
            seen_version = int(request.POST["version"])
        except (KeyError, ValueError):
            raise BadRequest(_("The form did not say which version you were shown.")) from None
        missing = missing_references(revision=revision)
        try:
            item = restore_revision(
                revision=revision, user=request.user, expected_version=seen_version
            )
        except StaleVersion as stale:
            self.message_user(
                request,
                _(
                    "Revision %(version)s was not restored: %(stale)s Compare again before "
                    "restoring."
                )
                % {"version": revision.version, "stale": stale.describe()},
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)
        except ValidationError as error:
            self.message_user(
                request,
                _("Revision %(version)s cannot be restored: %(reason)s")
                % {"version": revision.version, "reason": " ".join(error.messages)},
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)
        self.log_change(request, item, f"Restored revision {revision.version}.")
        message = _("Restored revision %(version)s of “%(item)s” as version %(new)s.") % {
            "version": revision.version,
            "item": item,
            "new": item.version,
        }
        if missing:
            message += " " + _("Skipped: %(missing)s.") % {"missing": "; ".join(missing)}
        self.message_user(request, message, messages.WARNING if missing else messages.SUCCESS)
        return HttpResponseRedirect(
            reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=[quote(item.pk)],
                current_app=self.admin_site.name,
            )
        )

    def _viewable_item(self, request, object_id):
        item = self.get_object(request, unquote(object_id))
        if item is not None and not self.has_view_or_change_permission(request, item):
            raise PermissionDenied
        return item

    def _revision_context(self, request, item, *, title):
        request.current_app = self.admin_site.name
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "object": item,
            "opts": self.opts,
            "module_name": capfirst(self.opts.verbose_name_plural),
        }

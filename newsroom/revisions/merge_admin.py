"""No lost work on the desk (docs/design.md, rule 5): the merge screen, and pending changes.

When a save is refused because a colleague saved in between, the editor gets a merge of the two
versions field by field instead of a choice between losing theirs and losing their own. When
someone without the publish right saves a live item, the save waits as a pending change: it is
run inside a savepoint, photographed with ``snapshot()`` and rolled back, so readers never see
it; an editor publishes it or sends it back.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core import signing
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from newsroom.publishing import StaleVersion, staff_name

from .diffs import diff, side_by_side
from .merging import MINE, THEIRS, merge, resolve
from .models import PendingChange
from .pending import (
    MergeNeeded,
    hold_change,
    may_publish,
    must_wait,
    publish_change,
    rebased,
    return_change,
    waiting_change,
)
from .registry import tracked
from .services import apply_snapshot, revision_at, save_content, snapshot

MERGE_SALT = "newsroom.revisions.merge"
# A merge screen left open overnight is better started again from the form.
MERGE_MAX_AGE = 12 * 60 * 60


def merge_of(model, *, base, mine, theirs):
    spec = tracked(model)
    return merge(
        base=base,
        mine=mine,
        theirs=theirs,
        links={field.name for field in spec.many_to_many},
        rows={child.accessor for child in spec.children},
    )


def merge_comment(**kwargs):
    """ "Merged by Tom Hale with Ana Kovalenko's version 7: kept theirs for title, mine for
    summary" — what came from whom, for the history, which keeps the newsroom's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _merge_comment(**kwargs)


def _merge_comment(*, model, user, other, version, merged, choices):
    opts = model._meta
    taken = dict(merged.taken)
    for conflict in merged.conflicts:
        taken[conflict.key] = choices.get(conflict.key, THEIRS)

    spec = tracked(model)
    # In the order the form shows them: fields, links, then child rows.
    order = [field.name for field in (*spec.fields, *spec.many_to_many)]
    order += [child.accessor for child in spec.children]

    def label(key):
        name, _, row = key.partition("-")
        field = opts.get_field(name)
        if row:
            return f"{field.related_model._meta.verbose_name} #{row}"
        if field.auto_created and not field.concrete:  # child rows: "citations"
            return str(field.related_model._meta.verbose_name_plural)
        return str(field.verbose_name)

    keys = sorted(taken, key=lambda key: order.index(key.partition("-")[0]))
    parts = [
        f"{side} for {', '.join(label(key) for key in keys if taken[key] == side)}"
        for side in (THEIRS, MINE)
        if side in taken.values()
    ]
    comment = f"Merged by {staff_name(user)} with {staff_name(other)}’s version {version}"
    if parts:
        comment += ": kept " + ", ".join(parts)
    return Truncator(comment).chars(200)


def _safe_next(request, default):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


class MergeAdminMixin:
    """For ``PublishableAdmin``: the merge screen and pending changes."""

    merge_template = "admin/publishing/merge.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/merge/",
                self.admin_site.admin_view(self.merge_view),
                name=f"{name}_merge",
            ),
            path(
                "<path:object_id>/pending/publish/",
                self.admin_site.admin_view(self.publish_pending_view),
                name=f"{name}_publish_pending",
            ),
            path(
                "<path:object_id>/pending/return/",
                self.admin_site.admin_view(self.return_pending_view),
                name=f"{name}_return_pending",
            ),
            *super().get_urls(),
        ]

    def _url(self, item, view):
        opts = self.opts
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_{view}",
            args=[quote(item.pk)],
            current_app=self.admin_site.name,
        )

    # Saving a live item without the publish right: the change waits.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        item = self.get_object(request, unquote(object_id)) if object_id else None
        if item is None or not must_wait(item=item, user=request.user):
            return super().changeform_view(request, object_id, form_url, extra_context)
        change = waiting_change(item)
        request.pending_hold = True
        with transaction.atomic():
            if change is not None:
                # The author continues their draft, over whatever the live item became since.
                merged = rebased(change=change, item=item)
                mine = {conflict.key: MINE for conflict in merged.conflicts}
                try:
                    with transaction.atomic():
                        apply_snapshot(
                            item=item, data=resolve(merged=merged, choices=mine), user=request.user
                        )
                except ValidationError:
                    change = None  # it no longer fits: the form shows the live version
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render"):
                response.render()  # while the draft is in place
            # Undo every write of this block, and drop what it would have told the page cache.
            transaction.set_rollback(True)
        held = getattr(request, "pending_snapshot", None)
        if held is not None:
            data, seen = held
            based_on = change.based_on_version if change is not None else seen
            hold_change(item=item, data=data, user=request.user, based_on_version=based_on)
        return response

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if getattr(request, "pending_hold", False):
            request.pending_snapshot = (snapshot(form.instance), form.cleaned_data["seen_version"])

    def response_change(self, request, obj):
        if getattr(request, "pending_snapshot", None) is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            _(
                "Your change to “%(item)s” waits for an editor to publish it. Readers still see "
                "the published version."
            )
            % {"item": obj},
            messages.SUCCESS,
        )
        return redirect(self._url(obj, "change"))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if form.stale is not None and self._only_stale(form, context):
            base, current = form.stale
            mine, lost = self._form_snapshot(request, form, context, base)
            return self._merge_screen(
                request,
                current,
                base_version=base.version if base else None,
                mine=mine,
                lost=lost,
                notice=_("%(stale)s Nothing was saved yet.")
                % {"stale": StaleVersion(current).describe()},
            )
        if obj is not None:
            context["pending_changes"] = self._pending_entries(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _only_stale(self, form, context):
        """Whether the version is the one thing wrong: a row the colleague deleted counts too."""
        if list(form.errors) != ["__all__"] or len(form.errors["__all__"]) != 1:
            return False
        for inline in context["inline_admin_formsets"]:
            formset = inline.formset
            if formset.non_form_errors():
                return False
            pk_name = formset.model._meta.pk.name
            if any(set(row.errors) - {pk_name} for row in formset.forms):
                return False
        return True

    def _form_snapshot(self, request, form, context, base):
        """What the refused save would have written, and what of it a merge cannot carry."""
        spec = tracked(self.model)
        accessors = {child.accessor for child in spec.children}
        links = {
            field.name: [obj.pk for obj in form.cleaned_data[field.name]]
            for field in spec.many_to_many
            if field.name in form.cleaned_data
        }
        rows, lost = {}, []
        for inline in context["inline_admin_formsets"]:
            formset = inline.formset
            accessor = formset.fk.remote_field.get_accessor_name()
            if accessor not in accessors:
                # Not part of a revision (corrections): say so, so the text can be copied.
                lost += [
                    text
                    for row in formset.forms
                    if row.has_changed() and (text := row.data.get(row.add_prefix("note")))
                ]
                continue
            rows[accessor] = [
                (self._row_id(formset, index, row), row.instance)
                for index, row in enumerate(formset.forms)
                if not row.cleaned_data.get("DELETE")
                and (index < formset.initial_form_count() or row.has_changed())
            ]
        mine = snapshot(form.instance, links=links, rows=rows)
        for name in request.FILES:
            if name in mine:
                # An upload is not kept past this request: the merge keeps the earlier file.
                mine[name] = (base.data if base else snapshot(form.stale[1])).get(name)
                lost.append(f"the new file for “{form.fields[name].label}”")
        return mine, lost

    @staticmethod
    def _row_id(formset, index, row):
        if index >= formset.initial_form_count():
            return None
        raw = row.data.get(row.add_prefix(formset.model._meta.pk.name))
        try:
            return int(raw)
        except (TypeError, ValueError):
            return None

    # The merge screen.

    def _merge_screen(self, request, item, *, base_version, mine, pending=None, lost=(), notice=""):
        item = self.model._default_manager.select_related("updated_by").get(pk=item.pk)
        base = revision_at(item=item, version=base_version) if base_version else None
        theirs = snapshot(item)
        merged = merge_of(self.model, base=base and base.data, mine=mine, theirs=theirs)
        sides = side_by_side(
            model=self.model,
            base=base and base.data,
            mine=mine,
            theirs=theirs,
            conflicts=merged.conflicts,
        )
        conflicts = {conflict.key for conflict in merged.conflicts}
        payload = {
            "item": [self.opts.label_lower, item.pk],
            "base": base_version,
            "theirs": item.version,
            "mine": mine,
            "pending": pending.pk if pending else None,
        }
        if pending is not None:
            waiting = _("%(who)s’s waiting change") % {"who": staff_name(pending.created_by)}
            labels = (waiting, _("Live now"))
        else:
            theirs = _("%(who)s’s (version %(version)s)") % {
                "who": staff_name(item.updated_by),
                "version": item.version,
            }
            labels = (_("Yours"), theirs)
        request.current_app = self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge the changes to “%(item)s”") % {"item": item},
            "subtitle": None,
            "opts": self.opts,
            "original": item,
            "rows": [
                {
                    "side": side,
                    "conflict": side.key in conflicts,
                    "taken": merged.taken.get(side.key, "same"),
                }
                for side in sides
            ],
            "has_conflicts": bool(conflicts),
            "mine_label": labels[0],
            "theirs_label": labels[1],
            "lost": lost,
            "notice": notice,
            "payload": signing.dumps(payload, salt=MERGE_SALT, compress=True),
            "merge_url": self._url(item, "merge"),
            "change_url": self._url(item, "change"),
            "base_version": base_version,
        }
        return TemplateResponse(request, self.merge_template, context)

    def merge_view(self, request, object_id):
        item = self.get_object(request, unquote(object_id))
        if item is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        if request.method != "POST":
            return redirect(self._url(item, "change"))
        try:
            payload = signing.loads(request.POST["merge"], salt=MERGE_SALT, max_age=MERGE_MAX_AGE)
        except (KeyError, signing.BadSignature):
            payload = None
        if payload is None or payload["item"] != [self.opts.label_lower, item.pk]:
            raise BadRequest("This merge is not one the desk offered, or it is too old.")
        pending = None
        if payload["pending"] is not None:
            pending = PendingChange.objects.filter(pk=payload["pending"]).first()
            if pending is None:
                self.message_user(request, _("That change was already decided."), messages.WARNING)
                return redirect(self._url(item, "change"))
        again = {"base_version": payload["base"], "mine": payload["mine"], "pending": pending}
        if item.version != payload["theirs"]:
            self.message_user(
                request,
                _("%(stale)s Here is the merge with their newest version.")
                % {"stale": StaleVersion(item).describe()},
                messages.WARNING,
            )
            return self._merge_screen(request, item, **again)
        base = revision_at(item=item, version=payload["base"]) if payload["base"] else None
        merged = merge_of(
            self.model, base=base and base.data, mine=payload["mine"], theirs=snapshot(item)
        )
        choices = {c.key: request.POST.get(f"choice-{c.key}") for c in merged.conflicts}
        if any(choice not in (MINE, THEIRS) for choice in choices.values()):
            self.message_user(request, _("Choose a version for each field."), messages.ERROR)
            return self._merge_screen(request, item, **again)
        try:
            item = self._save_merge(request, item, merged, choices, payload, pending)
        except (StaleVersion, ValidationError) as error:
            text = error.describe() if isinstance(error, StaleVersion) else " ".join(error.messages)
            self.message_user(
                request, _("Nothing was saved: %(reason)s") % {"reason": text}, messages.ERROR
            )
            return self._merge_screen(request, item, **again)
        return redirect(self._url(item, "change"))

    def _save_merge(self, request, item, merged, choices, payload, pending):
        user = request.user
        if pending is not None:
            item = publish_change(
                change=pending, user=user, expected_version=payload["theirs"], choices=choices
            )
            self.log_change(request, item, "Published a pending change, merged.")
            self.message_user(
                request, _("“%(item)s” now reads as merged.") % {"item": item}, messages.SUCCESS
            )
            return item
        data = resolve(merged=merged, choices=choices)
        if must_wait(item=item, user=user):
            hold_change(item=item, data=data, user=user, based_on_version=item.version)
            self.message_user(
                request,
                _("Your merged change to “%(item)s” waits for an editor to publish it.")
                % {"item": item},
                messages.SUCCESS,
            )
            return item
        comment = merge_comment(
            model=self.model,
            user=user,
            other=item.updated_by,
            version=item.version,
            merged=merged,
            choices=choices,
        )
        item = save_content(
            item=item, data=data, user=user, expected_version=payload["theirs"], comment=comment
        )
        self.log_change(request, item, comment)
        self.message_user(
            request,
            _("Saved the merge as version %(version)s.") % {"version": item.version},
            messages.SUCCESS,
        )
        return item

    # Pending changes: what waits, and an editor's decision on it.

    def _pending_entries(self, request, item):
        changes = list(
            PendingChange.objects.for_item(item).select_related("created_by", "returned_by")
        )
        for change in changes:
            change.item = item
        return pending_entries(request, changes)

    def _decided_change(self, request, object_id):
        if request.method != "POST":
            raise BadRequest("Publish or send back a change with the desk's buttons.")
        item = self.get_object(request, unquote(object_id))
        if item is None:
            raise BadRequest("That item no longer exists.")
        if not may_publish(request.user, self.model):
            raise PermissionDenied
        return item, waiting_change(item)

    def publish_pending_view(self, request, object_id):
        item, change = self._decided_change(request, object_id)
        back = _safe_next(request, self._url(item, "change"))
        if change is None:
            self.message_user(request, nothing_waits(item), messages.WARNING)
            return redirect(back)
        try:
            expected = int(request.POST["pending_version"])
        except (KeyError, ValueError):
            raise BadRequest(_("The form did not say which version you were shown.")) from None
        try:
            item = publish_change(change=change, user=request.user, expected_version=expected)
        except MergeNeeded:
            return self._merge_screen(
                request,
                item,
                base_version=change.based_on_version,
                mine=change.data,
                pending=change,
            )
        except (StaleVersion, ValidationError) as error:
            text = error.describe() if isinstance(error, StaleVersion) else " ".join(error.messages)
            self.message_user(
                request,
                _("The change was not published: %(reason)s") % {"reason": text},
                messages.ERROR,
            )
            return redirect(back)
        self.log_change(request, item, "Published a pending change.")
        self.message_user(
            request,
            _("Published %(who)s’s change to “%(item)s”.")
            % {"who": staff_name(change.created_by), "item": item},
            messages.SUCCESS,
        )
        return redirect(back)

    def return_pending_view(self, request, object_id):
        item, change = self._decided_change(request, object_id)
        back = _safe_next(request, self._url(item, "change"))
        if change is None:
            self.message_user(request, nothing_waits(item), messages.WARNING)
            return redirect(back)
        return_change(change=change, user=request.user, note=request.POST.get("pending_note", ""))
        self.message_user(
            request,
            _("Sent %(who)s’s change to “%(item)s” back, unpublished.")
            % {"who": staff_name(change.created_by), "item": item},
            messages.SUCCESS,
        )
        return redirect(back)


def nothing_waits(item):
    return _("No change to “%(item)s” waits.") % {"item": item}


def pending_entries(request, changes):
    """Each change waiting on its item (``change.item``), with the diff against the live
    version, and each change sent back to this user, for the change form's panel and the desk's
    front page. The author of a change sent back sees the editor's note until they save again."""
    entries = []
    for change in changes:
        item = change.item
        if change.returned_at is not None and change.created_by_id != request.user.pk:
            continue
        model = type(item)
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        entry = {
            "item": item,
            "change": change,
            "is_author": change.created_by_id == request.user.pk,
            "may_decide": may_publish(request.user, model),
            "change_url": reverse(f"{name}_change", args=[quote(item.pk)]),
            "publish_url": reverse(f"{name}_publish_pending", args=[quote(item.pk)]),
            "return_url": reverse(f"{name}_return_pending", args=[quote(item.pk)]),
            "next": request.get_full_path(),
        }
        if change.returned_at is None:
            # Live is the revision at the item's version: the change form may be showing the
            # author's draft in the item's place.
            live = revision_at(item=item, version=item.version)
            live = live.data if live is not None else snapshot(item)
            entry["diff"] = diff(model=model, before=live, after=change.data)
        entries.append(entry)
    return entries

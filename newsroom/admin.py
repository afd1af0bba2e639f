"""The desk's shared admin: workflow steps, the version check, history and corrections."""

import datetime
import functools
import itertools

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db import connections, models
from django.db.models import IntegerField, Max, Min, Value
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone, translation
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from newsroom.previews.previewable import PREVIEWABLE
from newsroom.publishing import (
    PublicationStatus,
    StaleVersion,
    desk_time,
    staff_label,
    update_if_unchanged,
)
from newsroom.revisions.admin import RevisionAdminMixin
from newsroom.revisions.merge_admin import MergeAdminMixin
from newsroom.revisions.services import diff, record_revision, revision_at, snapshot
from newsroom.workflow import (
    TRANSITIONS,
    InvalidTransition,
    NotPublishable,
    apply_transition,
    available_transitions,
    cannot_take,
    get_transition,
    step_revisions,
)


class VersionedForm(forms.ModelForm):
    """Carries the version the editor opened and refuses the save if someone saved since.

    The refusal keeps everything typed and shows what the other person changed; the admin then
    offers a merge of the two (``MergeAdminMixin``), so that nobody's change is lost.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.version
        self.conflict = []
        # (the revision the editor started from or None, the item as it is now) when refused.
        self.stale = None

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            self._check_version(cleaned_data.get("seen_version"))
        return cleaned_data

    def _check_version(self, seen):
        model = type(self.instance)
        # Lock the row until this request's transaction ends, so the check stays true.
        current = model._default_manager.select_for_update().get(pk=self.instance.pk)
        if seen == current.version:
            return
        before = revision_at(item=current, version=seen) if seen else None
        if before is not None:
            self.conflict = diff(model=model, before=before.data, after=snapshot(current))
        self.stale = (before, current)
        # The form keeps the version it started from: saving it again asks for a merge again,
        # never replaces the colleague's version unseen.
        raise ValidationError(
            _(
                "%(stale)s Nothing was saved, and what you typed is still below. Compare it "
                "with their changes, then save again to merge them."
            )
            % {"stale": StaleVersion(current).describe()}
        )


# Steps that take an item off the public site when it is live: each asks first, on a page of
# its own (as the admin asks before a delete), and is never taken from the change form itself.
CONFIRMED_STEPS = ("unpublish", "archive")
# The step the publication panel emphasises, when the person may take it: the first found.
MAIN_STEPS = ("publish", "submit", "return_to_draft")


# Django's words for a list row's checkbox, translated by its own catalogue.
SELECT_FOR_ACTION = "Select this object for an action - {}"


def schedule_time(moment):
    """When a scheduled item goes public, short: "6 August, 14:00", with the year only when it
    is not this one. static/js/desk-panel.js writes the same as the time is typed."""
    local = timezone.localtime(moment)
    same_year = local.year == timezone.localtime().year
    return formats.date_format(local, "j E, H:i" if same_year else "j E Y, H:i")


class WithdrawalNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Public note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_(
            "Readers see it at the address of each live item you archive, under the "
            "notice that it was withdrawn and when. Say why, in words for readers."
        ),
    )


class StrictActionsMixin:
    """Answer 403 to an action the user may not run, instead of ignoring it as Django does.

    Django hides such actions from the menu; a forged POST naming one deserves a refusal.
    """

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST":
            allowed = self.get_actions(request)
            if any(name not in allowed for name in request.POST.getlist("action") if name):
                raise PermissionDenied(_("You may not take that step."))
        return super().changelist_view(request, extra_context)


class IndexedDateHierarchy:
    """For an admin whose ``date_hierarchy`` is an indexed date and time: the years, months or
    days it offers are found by probing the index once for each that could hold a row, in one
    query. Django finds them with a DISTINCT over every row of the list, which at 100,000 events
    is most of the page's time."""

    def get_changelist(self, request, **kwargs):
        return IndexedDatesChangeList


class IndexedDatesChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        # The hierarchy's template tag asks the list's queryset for its datetimes(). A search's
        # matches are few and costly to find again for each probe: Django's query suits them.
        if not self.query:
            queryset.__class__ = _with_probed_datetimes(type(queryset))
        return queryset


# More periods than this (events strewn over centuries) and Django's own query is cheaper.
MOST_PROBES = 100


class ProbedDatetimes:
    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        features = connections[self.db].features
        if kind not in ("year", "month", "day") or tzinfo is not None:
            return super().datetimes(field_name, kind, order, tzinfo)
        if not features.supports_slicing_ordering_in_compound:
            return super().datetimes(field_name, kind, order, tzinfo)
        span = self.aggregate(first=Min(field_name), last=Max(field_name))
        if span["first"] is None:
            return []
        first, last = timezone.localtime(span["first"]), timezone.localtime(span["last"])
        days = _period_starts(first.date(), last.date(), kind)
        if len(days) > MOST_PROBES or last.year == datetime.MAXYEAR:
            return super().datetimes(field_name, kind, order, tzinfo)
        zone = timezone.get_current_timezone()
        bounds = [datetime.datetime(day.year, day.month, day.day, tzinfo=zone) for day in days]
        probes = [
            self.filter(**{f"{field_name}__gte": low, f"{field_name}__lt": high})
            .order_by()
            .prefetch_related(None)
            .values_list(Value(number, output_field=IntegerField()), flat=True)[:1]
            for number, (low, high) in enumerate(itertools.pairwise(bounds))
        ]
        if len(probes) > 1:
            probes[0] = probes[0].union(*probes[1:], all=True).order_by()
        present = set(probes[0])
        found = [bound for number, bound in enumerate(bounds[:-1]) if number in present]
        return found if order == "ASC" else found[::-1]


def _period_starts(first, last, kind):
    """The first day of each year, month or day from ``first`` to ``last``, and of the one
    after: the bounds of the periods in between."""
    if kind == "year":
        return [datetime.date(year, 1, 1) for year in range(first.year, last.year + 2)]
    if kind == "month":
        months = range(first.year * 12 + first.month - 1, last.year * 12 + last.month + 1)
        return [datetime.date(month // 12, month % 12 + 1, 1) for month in months]
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 2)]


@functools.cache
def _with_probed_datetimes(queryset_class):
    return type(queryset_class.__name__, (ProbedDatetimes, queryset_class), {})


class ChosenItems:
    """The items chosen in one autocomplete field across a formset's rows, fetched together."""

    def __init__(self, formset, name):
        self.formset = formset
        self.name = name

    @cached_property
    def by_key(self):
        field = self.formset.form.base_fields[self.name]
        key = field.to_field_name or "pk"
        values = {form[self.name].value() for form in self.formset.forms}
        values = [value for value in values if value not in field.empty_values]
        items = field.queryset.filter(**{f"{key}__in": values})
        return {str(getattr(item, key)): item for item in items}


class RowAutocomplete(AutocompleteSelect):
    """An autocomplete on an inline row: it labels the chosen item from what ``ChosenItems``
    fetched for all rows at once, where Django's looks it up with a query of its own per row."""

    chosen = None

    def optgroups(self, name, value, attr=None):
        if self.chosen is None:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for key in value:
            if (item := self.chosen.by_key.get(str(key))) is not None:
                label = self.choices.field.label_from_instance(item)
                options.append(self.create_option(name, key, label, True, len(options)))
        return [(None, options, 0)]


class ChosenInOneQuery:
    """For an inline's formset: its rows' ``RowAutocomplete`` widgets share one lookup."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        for name, field in form.fields.items():
            # The admin wraps the widget to add its "add another" and "change" links.
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, RowAutocomplete):
                widget.chosen = self._chosen.setdefault(name, ChosenItems(self, name))
        return form

    @cached_property
    def _chosen(self):
        return {}


class RowAutocompleteInline:
    """An inline whose autocomplete fields use ``RowAutocomplete``; its formset must mix in
    ``ChosenInOneQuery``."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = RowAutocomplete(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CorrectionInline(admin.StackedInline):
    """Public correction notes, offered once an item is public (docs/design.md, rule 6)."""

    extra = 0
    fields = ["published_at", "note"]
    verbose_name_plural = _("corrections (shown to readers, newest first)")


class PublishableAdmin(MergeAdminMixin, RevisionAdminMixin, StrictActionsMixin, admin.ModelAdmin):
    """What every article and event admin shares.

    Status changes only through workflow steps, each checked against the user's rights on the
    server, so a forged POST cannot publish. Every save names the version it started from.
    """

    form = VersionedForm
    # One count per list, not two: Django's count of the whole table reads every row.
    show_full_result_count = False
    change_form_template = "admin/publishing/change_form.html"
    actions = ["send_for_review", "publish_selected", "unpublish_selected", "archive_selected"]
    correction_inline = None
    # "2 events": each admin counts its items in words, as Ukrainian and Russian decline them.
    counted = ngettext_lazy("%(count)d item", "%(count)d items", "count")
    # Where on the change form an editor supplies what publication_error() says is missing.
    publication_fix_anchor = "content"
    publication_fix_label = _("Edit it")

    class Media:
        # The publication panel, Ctrl+S, and the browser's copy of unsaved input. On the lists
        # too: a save's redirect lands there, and that is where the copy is thrown away.
        js = ["js/desk-panel.js"]

    def action_checkbox(self, obj):
        # Django's own renders a widget's template for each row (6 ms of a list of 50 here);
        # this writes the same element.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(gettext(SELECT_FOR_ACTION), str(obj)),
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # Django shows a file input in a fieldset whose legend is its label: that names the
        # group, not the input, which screen readers then announce without a name.
        if isinstance(db_field, models.FileField) and field is not None:
            field.widget.attrs.setdefault("aria-label", field.label)
        return field

    def has_publish_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        fields = (*super().get_readonly_fields(request, obj), "status")
        # Only those who may publish choose when an item goes public.
        return fields if self.has_publish_permission(request) else (*fields, "publish_at")

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        if obj is not None and self.is_live(obj):
            inlines.append(self.correction_inline)
        return inlines

    @admin.display(description=_("status"), ordering="status")
    def status_column(self, item):
        # The version each row showed travels with a bulk action, which checks it per item.
        return format_html(
            '{} <input type="hidden" name="version-{}" value="{}">',
            item.get_status_display(),
            item.pk,
            item.version,
        )

    @admin.display(description=_("last change"), ordering="updated_at")
    def last_change(self, item):
        # When and who in one narrow column; the list must select_related("updated_by").
        when = date_format(localtime(item.updated_at), "DATETIME_FORMAT")
        return format_html(
            '<span class="nowrap">{}</span><br>{}', when, staff_label(item.updated_by)
        )

    def get_urls(self):
        opts = self.opts
        return [
            path(
                f"<path:object_id>/{name}/",
                self.admin_site.admin_view(self.step_view),
                {"name": name},
                name=f"{opts.app_label}_{opts.model_name}_{name}",
            )
            for name in CONFIRMED_STEPS
        ] + super().get_urls()

    def is_live(self, item):
        """Whether readers can see the item now."""
        return self.model.objects.published().filter(pk=item.pk).exists()

    def get_view_on_site_url(self, obj=None):
        # Anything not live has no public page yet (or no more): the desk offers the preview.
        if obj is None or not self.is_live(obj):
            return None
        return super().get_view_on_site_url(obj)

    # Saving.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and request.POST.get("_transition"):
            name = request.POST["_transition"]
            try:
                transition = get_transition(name=name, user=request.user, model=self.model)
            except InvalidTransition as error:
                raise BadRequest(str(error)) from error
            if name in CONFIRMED_STEPS:
                raise BadRequest(
                    _("“%(step)s” asks for confirmation on a page of its own; nothing was saved.")
                    % {"step": transition.label}
                )
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleVersion as stale:
            # Only a save racing past the form's check lands here; nothing was written.
            self.message_user(
                request, _("%(stale)s Nothing was saved.") % {"stale": stale}, messages.ERROR
            )
            return redirect(request.path)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        steps = available_transitions(item=obj or self.model(), user=request.user)
        context["steps"] = self._panel_steps(steps, self._publish_time(form, obj))
        context["confirmed_steps"] = [
            (step.label, self._step_url(obj, step.name))
            for step in steps
            if step.name in CONFIRMED_STEPS and obj is not None
        ]
        context["conflict"] = form.conflict
        previewable = PREVIEWABLE[self.opts.label_lower]
        context["can_preview"] = obj is not None and previewable.can_preview(request.user, obj)
        context["can_share_preview"] = previewable.can_share(request.user)
        if obj is not None:
            # Who moved it last, and when: the step's words, without what else the save changed.
            if step := step_revisions(item=obj).first():
                context["last_step"] = (step.comment.partition("; ")[0], step.created_at)
            publishable = TRANSITIONS["publish"].applies_to(obj)
            context["blockers"] = self.publication_blockers(obj) if publishable else []
        # The browser keeps unsaved input under this key (static/js/desk-panel.js).
        where = f"{obj.pk}:{obj.version}" if obj is not None else "add"
        context["draft_key"] = f"desk-draft:{self.opts.label_lower}:{where}"
        # The newsroom's clock, for the script's "Schedule for" (the browser's zone may differ).
        context["desk_now"] = timezone.localtime().replace(tzinfo=None, microsecond=0).isoformat()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _publish_time(self, form, obj):
        """The publish time the form shows: as typed when it came back with errors, else saved."""
        saved = obj.publish_at if obj is not None else None
        return getattr(form, "cleaned_data", {}).get("publish_at", saved)

    def _panel_steps(self, steps, publish_at):
        """The steps the form's own buttons take, the main one first among equals."""
        offered = [step for step in steps if step.name not in CONFIRMED_STEPS]
        names = {step.name for step in offered}
        main = next((name for name in MAIN_STEPS if name in names), None)
        ahead = publish_at is not None and publish_at > timezone.now()
        return [
            {
                "name": step.name,
                "label": _("Schedule for %(time)s") % {"time": schedule_time(publish_at)}
                if step.name == "publish" and ahead
                else step.label,
                "is_main": step.name == main,
            }
            for step in offered
        ]

    def publication_blockers(self, item):
        """What keeps the item from going public as it is stored: (reason, anchor, link text)."""
        if reason := item.publication_error():
            return [(capfirst(reason), self.publication_fix_anchor, self.publication_fix_label)]
        return []

    def save_model(self, request, obj, form, change):
        if change:
            update_if_unchanged(obj, seen_version=form.cleaned_data["seen_version"])
        else:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for item in formset.save(commit=False):
            if item.pk is None and hasattr(item, "created_by_id"):
                item.created_by = request.user
            item.save()
        for item in formset.deleted_objects:
            item.delete()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        item = form.instance
        # The comment is stored: the history keeps the newsroom's language, whoever saves.
        with translation.override(settings.LANGUAGE_CODE):
            changed = ", ".join(
                str(form.fields[name].label or name).lower()
                for name in form.changed_data
                if name != "seen_version"
            )
        if name := request.POST.get("_transition"):
            # A save that takes a step is one revision, named after the step, and one message.
            also = (f"changed {changed}" if changed else "") if change else "created"
            if taken := self._apply(
                request, item, name, seen_version=item.version, on_form=True, also=also
            ):
                self._say_done(request, item)
            # What became of the step is this save's one message (see message_user).
            request.desk_step_told = True
            if taken:
                return  # the step recorded this save's revision
        comment = (f"Changed {changed}" if changed else "Saved") if change else "Created"
        record_revision(item=item, user=request.user, comment=comment)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # Once a save has told how its step went, the admin's "was changed successfully" would
        # only repeat half of it.
        if level == messages.SUCCESS and getattr(request, "desk_step_told", False):
            return
        super().message_user(request, message, level, *args, **kwargs)

    def response_change(self, request, obj):
        # A step refused for something the form can fix leads back to that part of the form.
        if fix_url := getattr(request, "desk_fix_url", None):
            return redirect(fix_url)
        return super().response_change(request, obj)

    def _apply(self, request, item, name, *, seen_version, on_form=False, note="", also=""):
        """Take the step, or say why it was not; True when it was taken."""
        try:
            apply_transition(
                item=item,
                name=name,
                user=request.user,
                seen_version=seen_version,
                note=note,
                also=also,
            )
        except NotPublishable as refusal:
            fix_url = self._change_url(item) + f"#{self.publication_fix_anchor}"
            if on_form:
                done = _("“%(item)s” was saved but not published: %(reason)s")
            else:
                done = _("“%(item)s” was not published: %(reason)s")
            self.message_user(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    done % {"item": item, "reason": refusal.reason},
                    fix_url,
                    self.publication_fix_label,
                ),
                messages.WARNING,
            )
            if on_form:
                request.desk_fix_url = fix_url
            return False
        except (InvalidTransition, StaleVersion) as error:
            self.message_user(request, str(error), messages.WARNING)
            return False
        return True

    def _say_done(self, request, item):
        """The one message after a step on one item; a schedule says for when."""
        if item.status == PublicationStatus.SCHEDULED:
            done = _("“%(item)s” is now scheduled: it goes public on %(time)s.") % {
                "item": item,
                "time": desk_time(item.publish_at),
            }
        else:
            done = _("“%(item)s” is now %(status)s.") % {
                "item": item,
                "status": item.get_status_display().lower(),
            }
        self.message_user(request, done, messages.SUCCESS)

    def _change_url(self, item):
        return self._step_url(item, "change")

    def _step_url(self, item, view):
        opts = self.opts
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_{view}",
            args=[quote(item.pk)],
            current_app=self.admin_site.name,
        )

    # The steps that ask first: one page, for one item from its change form or for a selection.

    def step_view(self, request, object_id, name):
        transition = get_transition(name=name, user=request.user, model=self.model)
        item = self.get_object(request, unquote(object_id))
        if item is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        if not transition.applies_to(item):
            self.message_user(request, cannot_take(item, transition), messages.WARNING)
            return redirect(self._change_url(item))
        return self._confirm(request, transition, [item], cancel_url=self._change_url(item))

    def _confirm(self, request, transition, items, *, cancel_url):
        """The confirmation page for ``items``; once confirmed, the step, then None for a
        selection (the list reloads) or a redirect to the item's change form."""
        live = set(
            self.model.objects.published()
            .filter(pk__in=[item.pk for item in items])
            .values_list("pk", flat=True)
        )
        confirmed = request.method == "POST" and request.POST.get("post") == "yes"
        form = None
        if transition.name == "archive" and live:
            form = WithdrawalNoteForm(request.POST if confirmed else None)
        selection = request.POST.get("action")
        if confirmed and (form is None or form.is_valid()):
            note = form.cleaned_data["note"] if form else ""
            if selection:
                self._apply_to_selected(request, items, transition.name, note=note)
                return None
            [item] = items
            try:
                seen_version = int(request.POST[f"version-{item.pk}"])
            except (KeyError, ValueError):
                raise BadRequest(_("The form did not say which version you were shown.")) from None
            if self._apply(request, item, transition.name, seen_version=seen_version, note=note):
                self._say_done(request, item)
            return redirect(self._change_url(item))

        opts = self.opts
        if selection:
            title = _("%(step)s %(items)s?") % {
                "step": transition.label,
                "items": self.counted % {"count": len(items)},
            }
        else:
            title = _("%(step)s “%(item)s”?") % {"step": transition.label, "item": items[0]}
        rows = [
            {
                "item": item,
                "change_url": self._change_url(item),
                "public_url": item.get_absolute_url() if item.pk in live else None,
                # The version the list or the first showing of this page was based on.
                "version": request.POST.get(f"version-{item.pk}", item.version),
            }
            for item in items
        ]
        request.current_app = self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "opts": opts,
            "transition": transition,
            "rows": rows,
            "counted": self.counted % {"count": len(rows)},
            "any_live": bool(live),
            "form": form,
            "selection": selection,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "cancel_url": cancel_url,
        }
        return TemplateResponse(request, "admin/publishing/confirm_step.html", context)

    # Bulk workflow actions: the same steps, one conditional update per item.

    @admin.action(description=_("Send selected for review"), permissions=["change"])
    def send_for_review(self, request, queryset):
        self._apply_to_selected(request, queryset, "submit")

    @admin.action(
        description=_("Publish selected (scheduled when their publish time is ahead)"),
        permissions=["publish"],
    )
    def publish_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, "publish")

    @admin.action(description=_("Unpublish selected…"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        return self._confirm_selected(request, queryset, "unpublish")

    @admin.action(description=_("Archive selected…"), permissions=["publish"])
    def archive_selected(self, request, queryset):
        return self._confirm_selected(request, queryset, "archive")

    def _confirm_selected(self, request, queryset, name):
        if self._refuse_select_across(request):
            return None
        transition = get_transition(name=name, user=request.user, model=self.model)
        changelist = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist",
            current_app=self.admin_site.name,
        )
        return self._confirm(request, transition, list(queryset), cancel_url=changelist)

    def _refuse_select_across(self, request):
        if request.POST.get("select_across") == "1":
            self.message_user(
                request,
                _(
                    "Select the items on this page: a bulk step checks the version of each "
                    "item you saw, so it cannot take items you have not seen."
                ),
                messages.ERROR,
            )
            return True
        return False

    def _apply_to_selected(self, request, queryset, name, *, note=""):
        if self._refuse_select_across(request):
            return
        done = 0
        for item in queryset:
            try:
                seen_version = int(request.POST[f"version-{item.pk}"])
            except (KeyError, ValueError):
                self.message_user(
                    request,
                    _("“%(item)s” was not changed: reload the list.") % {"item": item},
                    messages.ERROR,
                )
                continue
            done += self._apply(request, item, name, seen_version=seen_version, note=note)
        if done:
            label = get_transition(name=name, user=request.user, model=self.model).label
            self.message_user(
                request,
                _("%(step)s: %(items)s.")
                % {"step": label, "items": self.counted % {"count": done}},
                messages.SUCCESS,
            )


class CreatedByMeFilter(admin.SimpleListFilter):
    title = _("author")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", _("Created by me"))]

    def queryset(self, request, queryset):
        return queryset.filter(created_by=request.user) if self.value() == "1" else queryset


class PublicationFilter(admin.SimpleListFilter):
    """Whether readers can see the item now: "scheduled" alone cannot say, time decides."""

    title = _("what readers see")  # the sidebar reads "By what readers see"
    parameter_name = "public"

    def lookups(self, request, model_admin):
        return [("live", _("Live now")), ("upcoming", _("Scheduled, not live yet"))]

    def queryset(self, request, queryset):
        live = queryset.model.objects.published()
        if self.value() == "live":
            return queryset.filter(pk__in=live.values("pk"))
        if self.value() == "upcoming":
            return queryset.filter(status=PublicationStatus.SCHEDULED).exclude(
                pk__in=live.values("pk")
            )
        return queryset

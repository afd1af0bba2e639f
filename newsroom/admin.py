"""The desk's shared admin: workflow steps, the version check, history and corrections."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from newsroom.previews.previewable import PREVIEWABLE
from newsroom.publishing import PublicationStatus, StaleVersion, update_if_unchanged
from newsroom.revisions.admin import RevisionAdminMixin
from newsroom.revisions.services import diff, record_revision, revision_at, snapshot
from newsroom.workflow import (
    InvalidTransition,
    NotPublishable,
    apply_transition,
    available_transitions,
    get_transition,
)


class VersionedForm(forms.ModelForm):
    """Carries the version the editor opened and refuses the save if someone saved since.

    The refusal keeps everything typed in the form, shows what the other person changed, and
    moves the form on to their version, so that saving again is a deliberate choice to replace it.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.version
        self.conflict = []

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
        self.data = self.data.copy()
        self.data[self.add_prefix("seen_version")] = current.version
        raise ValidationError(
            f"{StaleVersion(current).describe()} Nothing was saved, and what you typed is still "
            "below. Compare it with their changes; saving again will replace their version."
        )


class StrictActionsMixin:
    """Answer 403 to an action the user may not run, instead of ignoring it as Django does.

    Django hides such actions from the menu; a forged POST naming one deserves a refusal.
    """

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST":
            allowed = self.get_actions(request)
            if any(name not in allowed for name in request.POST.getlist("action") if name):
                raise PermissionDenied("You may not take that step.")
        return super().changelist_view(request, extra_context)


class CorrectionInline(admin.StackedInline):
    """Public correction notes, offered once an item is on the public site (DESIGN rule 6)."""

    extra = 0
    fields = ["published_at", "note"]
    verbose_name_plural = "corrections (shown to readers, newest first)"


class PublishableAdmin(RevisionAdminMixin, StrictActionsMixin, admin.ModelAdmin):
    """What every article and event admin shares.

    Status changes only through workflow steps, each checked against the user's rights on the
    server, so a forged POST cannot publish. Every save names the version it started from.
    """

    form = VersionedForm
    change_form_template = "admin/publishing/change_form.html"
    actions = ["send_for_review", "publish_selected", "unpublish_selected", "archive_selected"]
    correction_inline = None
    # Where on the change form an editor supplies what publication_error() says is missing.
    publication_fix_anchor = "content"
    publication_fix_label = "Edit it"

    def has_publish_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        fields = (*super().get_readonly_fields(request, obj), "status")
        # Only those who may publish choose when an item goes public.
        return fields if self.has_publish_permission(request) else (*fields, "publish_at")

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        if obj is not None and self.model.objects.published().filter(pk=obj.pk).exists():
            inlines.append(self.correction_inline)
        return inlines

    @admin.display(description="status", ordering="status")
    def status_column(self, item):
        # The version each row showed travels with a bulk action, which checks it per item.
        return format_html(
            '{} <input type="hidden" name="version-{}" value="{}">',
            item.get_status_display(),
            item.pk,
            item.version,
        )

    # Saving.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and request.POST.get("_transition"):
            try:
                get_transition(
                    name=request.POST["_transition"], user=request.user, model=self.model
                )
            except InvalidTransition as error:
                raise BadRequest(str(error)) from error
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleVersion as stale:
            # Only a save racing past the form's check lands here; nothing was written.
            self.message_user(request, f"{stale} Nothing was saved.", messages.ERROR)
            return redirect(request.path)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["transitions"] = available_transitions(item=obj or self.model(), user=request.user)
        context["conflict"] = context["adminform"].form.conflict
        previewable = PREVIEWABLE[self.opts.label_lower]
        context["can_preview"] = obj is not None and previewable.can_preview(request.user, obj)
        context["can_share_preview"] = previewable.can_share(request.user)
        return super().render_change_form(request, context, add, change, form_url, obj)

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
        changed = ", ".join(
            str(form.fields[name].label or name).lower()
            for name in form.changed_data
            if name != "seen_version"
        )
        comment = (f"Changed {changed}" if changed else "Saved") if change else "Created"
        record_revision(item=item, user=request.user, comment=comment)
        name = request.POST.get("_transition")
        if name and self._apply(request, item, name, seen_version=item.version, on_form=True):
            state = item.get_status_display().lower()
            self.message_user(request, f"“{item}” is now {state}.", messages.SUCCESS)

    def response_change(self, request, obj):
        # A step refused for something the form can fix leads back to that part of the form.
        if fix_url := getattr(request, "desk_fix_url", None):
            return redirect(fix_url)
        return super().response_change(request, obj)

    def _apply(self, request, item, name, *, seen_version, on_form=False):
        try:
            apply_transition(item=item, name=name, user=request.user, seen_version=seen_version)
        except NotPublishable as refusal:
            fix_url = self._change_url(item) + f"#{self.publication_fix_anchor}"
            done = "was saved but not published" if on_form else "was not published"
            self.message_user(
                request,
                format_html(
                    '“{}” {}: {} <a href="{}">{}</a>',
                    item,
                    done,
                    refusal.reason,
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

    def _change_url(self, item):
        opts = self.opts
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change",
            args=[quote(item.pk)],
            current_app=self.admin_site.name,
        )

    # Bulk workflow actions: the same steps, one conditional update per item.

    @admin.action(description="Send selected for review", permissions=["change"])
    def send_for_review(self, request, queryset):
        self._apply_to_selected(request, queryset, "submit")

    @admin.action(
        description="Publish selected (scheduled when their publish time is ahead)",
        permissions=["publish"],
    )
    def publish_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, "publish")

    @admin.action(description="Unpublish selected", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, "unpublish")

    @admin.action(description="Archive selected", permissions=["publish"])
    def archive_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, "archive")

    def _apply_to_selected(self, request, queryset, name):
        if request.POST.get("select_across") == "1":
            self.message_user(
                request,
                "Select the items on this page: a bulk step checks the version of each item "
                "you saw, so it cannot take items you have not seen.",
                messages.ERROR,
            )
            return
        done = 0
        for item in queryset:
            try:
                seen_version = int(request.POST[f"version-{item.pk}"])
            except (KeyError, ValueError):
                self.message_user(
                    request, f"“{item}” was not changed: reload the list.", messages.ERROR
                )
                continue
            done += self._apply(request, item, name, seen_version=seen_version)
        if done:
            label = get_transition(name=name, user=request.user, model=self.model).label
            noun = self.opts.verbose_name if done == 1 else self.opts.verbose_name_plural
            self.message_user(request, f"{label}: {done} {noun}.", messages.SUCCESS)


class CreatedByMeFilter(admin.SimpleListFilter):
    title = "author"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", "Created by me")]

    def queryset(self, request, queryset):
        return queryset.filter(created_by=request.user) if self.value() == "1" else queryset


class PublicationFilter(admin.SimpleListFilter):
    """Whether readers can see the item now: "scheduled" alone cannot say, time decides."""

    title = "on the site"
    parameter_name = "public"

    def lookups(self, request, model_admin):
        return [("live", "Live now"), ("upcoming", "Scheduled, not live yet")]

    def queryset(self, request, queryset):
        live = queryset.model.objects.published()
        if self.value() == "live":
            return queryset.filter(pk__in=live.values("pk"))
        if self.value() == "upcoming":
            return queryset.filter(status=PublicationStatus.SCHEDULED).exclude(
                pk__in=live.values("pk")
            )
        return queryset

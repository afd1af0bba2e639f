"""The queue's own admin pages: claim, decide, mark applied, and view a reader's photo.

Each is wrapped by the admin (login, staff, CSRF) and checks the right permission on the
server, so a forged POST from someone who may not moderate answers 403. Each decision calls a
service in services.py, which refuses a second decision with a message, never an error page.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .decision_forms import AcceptAsEventForm, AcceptOntoEventForm, DuplicateForm, RejectForm
from .services import (
    APPLY,
    DecisionRefused,
    refusal,
    submission_accept_as_event,
    submission_accept_onto_event,
    submission_claim,
    submission_claim_next,
    submission_mark_applied,
    submission_mark_duplicate,
    submission_mark_spam,
    submission_reject,
    submission_release,
)

PHOTO_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}


@dataclass(frozen=True)
class DecisionPage:
    """A decision taken on its own page: a form, and the service call it leads to."""

    form: type
    title: str  # with %(submission)s for the submission
    button: str
    decide: Callable  # (submission, user, form) -> the message for the moderator


def _accept_as_event(submission, user, form):
    event = submission_accept_as_event(
        submission=submission, moderator=user, event_data=form.event_data()
    )
    return _("Accepted as the draft event “%(event)s”, for an editor to review and publish.") % {
        "event": event
    }


def _accept_onto_event(submission, user, form):
    submission_accept_onto_event(submission=submission, moderator=user, **form.cleaned_data)
    return _("Accepted onto “%(event)s”, for an editor to apply.") % {"event": submission.event}


def _reject(submission, user, form):
    submission_reject(submission=submission, moderator=user, **form.cleaned_data)
    return _("“%(submission)s” is rejected; the sender sees your reason.") % {
        "submission": submission
    }


def _duplicate(submission, user, form):
    submission_mark_duplicate(submission=submission, moderator=user, **form.cleaned_data)
    return _("“%(submission)s” is closed as a duplicate of “%(original)s”.") % {
        "submission": submission,
        "original": form.cleaned_data["original"],
    }


# URL part -> page. Each gets the URL name moderation_submission_<part with underscores>.
DECISION_PAGES = {
    "accept-as-event": DecisionPage(
        AcceptAsEventForm,
        _("Accept %(submission)s as a new draft event"),
        _("Create the draft event"),
        _accept_as_event,
    ),
    "accept-onto-event": DecisionPage(
        AcceptOntoEventForm,
        _("Accept %(submission)s onto an existing event"),
        _("Accept onto the event"),
        _accept_onto_event,
    ),
    "reject": DecisionPage(RejectForm, _("Reject %(submission)s"), _("Reject"), _reject),
    "duplicate": DecisionPage(
        DuplicateForm,
        _("Mark %(submission)s a duplicate"),
        _("Mark as a duplicate"),
        _duplicate,
    ),
}


class DecisionViewsMixin:
    """For the Submission admin: the URLs and views of the moderators' decisions."""

    change_form_template = "admin/moderation/submission/change_form.html"
    change_list_template = "admin/moderation/submission/change_list.html"

    def get_urls(self):
        def route(suffix, view, name, post_only=False, **kwargs):
            view = require_POST(view) if post_only else view
            return path(
                suffix,
                self.admin_site.admin_view(view),
                kwargs,
                name=f"moderation_submission_{name}",
            )

        return [
            route("claim-next/", self.claim_next_view, "claim_next", post_only=True),
            route("<int:pk>/claim/", self.claim_view, "claim", post_only=True),
            route("<int:pk>/release/", self.release_view, "release", post_only=True),
            route("<int:pk>/spam/", self.spam_view, "spam", post_only=True),
            route("<int:pk>/applied/", self.applied_view, "applied", post_only=True),
            *(
                route(f"<int:pk>/{part}/", self.decision_view, part.replace("-", "_"), page=page)
                for part, page in DECISION_PAGES.items()
            ),
            route("<int:pk>/photo/", self.photo_view, "photo"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "can_moderate": self.has_change_permission(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        claimed = obj is not None and obj.claimed_by_id and obj.claimed_until >= timezone.now()
        context.update(
            claimed_by_me=claimed and obj.claimed_by_id == request.user.pk,
            claimed_by_other=claimed and obj.claimed_by_id != request.user.pk,
            can_moderate=self.has_change_permission(request),
            can_apply=request.user.has_perm(APPLY),
            show_save=False,
            show_save_and_continue=False,
            show_save_and_add_another=False,
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Helpers.

    def _submission(self, request, pk, *, moderate=True):
        """The submission, after checking the user may see it (and, with moderate, decide)."""
        allowed = (
            self.has_change_permission(request) if moderate else self.has_view_permission(request)
        )
        if not allowed:
            raise PermissionDenied("You may not moderate reader submissions.")
        submission = self.get_queryset(request).filter(pk=pk).first()
        if submission is None:
            raise Http404("There is no such submission.")
        return submission

    def _change_url(self, submission):
        return reverse("admin:moderation_submission_change", args=[submission.pk])

    def _done(self, request, submission, message):
        self.message_user(request, message, messages.SUCCESS)
        return redirect(self._change_url(submission))

    def _refused(self, request, submission, reason):
        self.message_user(request, str(reason), messages.ERROR)
        return redirect(self._change_url(submission))

    def decision_view(self, request, pk, page):
        """Show the decision's form; on a valid POST decide, and go back to the submission."""
        submission = self._submission(request, pk)
        form = page.form(request.POST or None, submission=submission)
        if request.method == "POST" and form.is_valid():
            try:
                message = page.decide(submission, request.user, form)
            except DecisionRefused as refused:
                return self._refused(request, submission, refused)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return self._done(request, submission, message)
        photo = reverse("admin:moderation_submission_photo", args=[submission.pk])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": submission,
            "title": page.title % {"submission": submission},
            "button": page.button,
            "form": form,
            # Laid out by the admin's own fieldset template, as its change forms are.
            "adminform": helpers.AdminForm(form, [(None, {"fields": form.lines()})], {}),
            "media": self.media + form.media,
            "photo_url": photo if submission.photo else "",
        }
        return TemplateResponse(request, "admin/moderation/submission/decision.html", context)

    # Claims.

    def claim_view(self, request, pk):
        submission = self._submission(request, pk)
        try:
            submission_claim(submission=submission, moderator=request.user)
        except DecisionRefused as refused:
            return self._refused(request, submission, refused)
        until = timezone.localtime(submission.claimed_until)
        message = _("“%(submission)s” is yours until %(time)s.") % {
            "submission": submission,
            "time": f"{until:%H:%M}",
        }
        return self._done(request, submission, message)

    def release_view(self, request, pk):
        submission = self._submission(request, pk)
        submission_release(submission=submission, moderator=request.user)
        message = _("You let “%(submission)s” go.") % {"submission": submission}
        return self._done(request, submission, message)

    def claim_next_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied("You may not moderate reader submissions.")
        submission = submission_claim_next(moderator=request.user)
        if submission is None:
            self.message_user(request, _("Nothing waits that nobody holds."), messages.INFO)
            return redirect("admin:moderation_submission_changelist")
        message = _("“%(submission)s” is yours for 15 minutes.") % {"submission": submission}
        return self._done(request, submission, message)

    # Decisions.

    def spam_view(self, request, pk):
        submission = self._submission(request, pk)
        if not submission_mark_spam(submissions=[submission], moderator=request.user):
            return self._refused(request, submission, refusal(submission, request.user))
        message = _("“%(submission)s” is marked as spam.") % {"submission": submission}
        return self._done(request, submission, message)

    def applied_view(self, request, pk):
        if not request.user.has_perm(APPLY):
            raise PermissionDenied("Only those who edit events apply accepted submissions.")
        submission = self.model._default_manager.filter(pk=pk).first()
        if submission is None:
            raise Http404("There is no such submission.")
        try:
            submission_mark_applied(submission=submission, editor=request.user)
        except DecisionRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
        else:
            message = _("“%(submission)s” is marked applied.") % {"submission": submission}
            self.message_user(request, message, messages.SUCCESS)
        if self.has_view_permission(request):
            return redirect(self._change_url(submission))
        return redirect("admin:index")

    # The photo.

    def photo_view(self, request, pk):
        """The reader's photo, to moderators and editors only, never from a public address."""
        submission = self._submission(request, pk, moderate=False)
        if not submission.photo:
            raise Http404("This submission has no photo.")
        extension = os.path.splitext(submission.photo.name)[1].lower()
        content_type = PHOTO_TYPES.get(extension)
        if content_type is None:
            raise Http404("This photo is not in a format the desk shows.")
        try:
            photo = submission.photo.open("rb")
        except FileNotFoundError:
            raise Http404("The photo file is missing.") from None
        response = FileResponse(
            photo,
            content_type=content_type,
            as_attachment=False,
            filename=f"submission-{submission.pk}{extension}",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        # Nothing runs or loads; only the browser's own image viewer may style the page it
        # makes around the photo (a nosniff image carries no markup of its own to style).
        response["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; sandbox"
        )
        return response

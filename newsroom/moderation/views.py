"""The reader's side of submissions: the form, and the receipt that later shows the decision."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig
from django.core.validators import slug_re
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from newsroom import images, structured_data
from newsroom.outages import DATABASE_UNAVAILABLE, database_unavailable
from timeline.models import Event

from .forms import SubmissionForm
from .models import Submission
from .ratelimit import RateLimitUnavailable, sender_hash, submission_limits
from .submissions import submission_create

# When the rate limit's counts cannot be reached, how long a reader is asked to wait.
UNAVAILABLE_RETRY_SECONDS = 60


# CSRF is checked by submit_form, once the body is known to be worth reading: the middleware's
# own check would read (and spool to disk) the whole body before this view could refuse it.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def submit(request):
    if request.method != "POST":
        return submit_form(request, sender=None)
    if _body_length(request) > settings.SUBMISSION_MAX_BODY_BYTES:
        return _too_large(request)
    sender = sender_hash(request)
    try:
        waits = [limit.retry_after(sender) for limit in submission_limits()]
    except RateLimitUnavailable:
        waits = []  # the form below says so, with the reader's text, once the body is read
    if wait := max(filter(None, waits), default=None):
        return _too_many(request, wait)
    try:
        request.POST  # noqa: B018 -- parsed here, within the cap, to answer a field too big
    except RequestDataTooBig:  # more written fields than DATA_UPLOAD_MAX_MEMORY_SIZE
        return _too_large(request)
    return submit_form(request, sender=sender)


@csrf_protect
def submit_form(request, *, sender):
    if request.method != "POST":
        return _form_page(request, _form_from_query(request))
    try:
        return _receive(request, sender)
    except RateLimitUnavailable:
        # Fail closed: with no count to check, nothing is stored. The reader keeps their text.
        response = _form_page(request, SubmissionForm(request.POST), unavailable=True, status=503)
        response["Retry-After"] = str(UNAVAILABLE_RETRY_SECONDS)
        return response


def _receive(request, sender):
    """Count the try, check the form, then count the submission and store it: each count is
    checked against its limit in the same atomic step that makes it (ratelimit.Limit.take)."""
    sent, tried = submission_limits()
    if wait := tried.take(sender):
        return _too_many(request, wait)
    form = SubmissionForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            return _form_page(request, form)
        if wait := sent.take(sender):
            return _too_many(request, wait)
        try:
            submission = submission_create(sender_hash=sender, **form.submission_values())
        except BaseException:
            sent.give_back(sender)
            raise
    except DATABASE_UNAVAILABLE:
        # Nothing was stored (submission_create is one transaction): the reader gets the form
        # back as they filled it in, to send again.
        form.concerns = None  # the event it is about cannot be looked up now
        context = _form_context(request, form, unavailable=True)
        return _private(database_unavailable("moderation/submit.html", context, request=request))
    response = redirect("moderation:receipt", token=submission.receipt_token)
    response.status_code = 303  # "see other": fetched with GET, so a reload sends nothing
    return response


def _too_many(request, wait):
    context = {"minutes": -(-wait // 60), "retry_at": timezone.now() + timedelta(seconds=wait)}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(wait)
    return _private(response)


def _form_page(request, form, *, unavailable=False, status=200):
    context = _form_context(request, form, unavailable=unavailable)
    return _private(render(request, "moderation/submit.html", context, status=status))


def _form_context(request, form, *, unavailable=False):
    return {
        "unavailable": unavailable,
        "form": form,
        "retention_days": settings.SUBMISSION_CONTACT_RETENTION_DAYS,
        "page_meta": structured_data.collection_page(
            request,
            title=gettext("Send an update or a correction"),
            description=gettext(
                "Tell the newsroom what you saw or know: a new development, a correction to an "
                "event, or another source."
            ),
            trail=[(gettext("Send an update or a correction"), request.path)],
            kind="WebPage",
        ),
    }


@require_safe
def receipt(request, token):
    # Tokens are URL-safe base64, a slug's alphabet: anything else (a NUL byte, say) is no
    # receipt, and is never sent to PostgreSQL, which cannot compare it.
    if not slug_re.fullmatch(token):
        raise Http404("No such receipt.")
    submission = get_object_or_404(Submission.objects.select_related("event"), receipt_token=token)
    context = {
        "submission": submission,
        "event": _published_or_none(submission.event),
        "accepted_as": _published_or_none(submission.accepted_as),
        "receipt_url": request.build_absolute_uri(),
    }
    response = _private(render(request, "moderation/receipt.html", context))
    # The address is the only key to this page: never hand it on, never index it.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def _form_from_query(request):
    """A blank form, or from an event's "suggest a correction" link, a correction to that event."""
    slug = request.GET.get("event", "")
    if not slug:
        return SubmissionForm()
    form = SubmissionForm(initial={"event": slug, "kind": Submission.Kind.CORRECTION})
    if form.concerns is None:
        # The same answer for an unknown and an unpublished event: nothing leaks.
        raise BadRequest(
            gettext(
                "There is no event at that address to suggest a correction to. Go back to the "
                "event and follow its link again, or send your update from the form without one."
            )
        )
    return form


def _published_or_none(event):
    if event is None or not Event.objects.published().filter(pk=event.pk).exists():
        return None
    return event


def _body_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads no body it was not told the length of


def _too_large(request):
    megabytes = 1024 * 1024
    context = {
        "body_limit_mb": settings.SUBMISSION_MAX_BODY_BYTES // megabytes,
        "photo_limit_mb": images.MAX_BYTES // megabytes,
    }
    return _private(render(request, "413.html", context, status=413))


def _private(response):
    """Pages that carry a CSRF token or a receipt are for one reader: no shared cache keeps them."""
    patch_cache_control(response, private=True, no_store=True)
    return response

"""Staff logins, throttled per account and per address by django-axes (settings: ``AXES_*``).

Axes counts failed logins in the database, so the count is shared by every app server and holds
when Redis is down. After ``AXES_FAILURE_LIMIT`` failures for one account, or from one address,
within ``AXES_COOLOFF_TIME``, Axes refuses to check any password, the right one included, until
that time has passed since the failure that reached the limit. This module says so on the login
page, with the time to try again, and answers 429 with ``Retry-After``.
"""

import math

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext


def client_address(request):
    """The address logins are counted by: ``REMOTE_ADDR``, never a header the client writes."""
    return request.META.get("REMOTE_ADDR")


def retry_at(request, credentials):
    """When the lockout on this account or address ends: for each of the two that is locked, the
    time the failures still counted drop below the limit (the oldest ones age out first)."""
    cool_off = get_cool_off(request)
    limit = get_failure_limit(request, credentials)
    ends = []
    for attempts in AxesProxyHandler.get_implementation().get_user_attempts(request, credentials):
        counted = 0
        for attempt in attempts.order_by("-attempt_time", "-pk"):
            counted += attempt.failures_since_start
            if counted >= limit:
                ends.append(attempt.attempt_time + cool_off)
                break
    return max(ends, default=timezone.now() + cool_off)


def wait_seconds(moment):
    return max(1, math.ceil((moment - timezone.now()).total_seconds()))


class StaffLoginForm(AdminAuthenticationForm):
    """The admin's login form, saying when a locked-out account or address may try again."""

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                raise forms.ValidationError(self.locked_out_message(), code="locked_out") from None
            raise

    def locked_out_message(self):
        credentials = {"username": self.cleaned_data.get("username")}
        until = retry_at(self.request, credentials)
        minutes = math.ceil(wait_seconds(until) / 60)
        local = timezone.localtime(until)
        return ngettext(
            "Too many failed logins for this account or from this network. Logins are refused, "
            "even with the right password, until %(time)s (%(zone)s), in about %(minutes)d "
            "minute.",
            "Too many failed logins for this account or from this network. Logins are refused, "
            "even with the right password, until %(time)s (%(zone)s), in about %(minutes)d "
            "minutes.",
            minutes,
        ) % {"time": date_format(local, "H:i"), "zone": local.tzname(), "minutes": minutes}


def locked_out(request, response, credentials):
    """Axes' lockout answer (``AXES_LOCKOUT_CALLABLE``): the login page the form already
    rendered with its message, as a 429 that says when to come back."""
    if response is None:  # a login made elsewhere than the login page: say it plainly
        response = HttpResponse(gettext("Too many failed logins. Try again later."))
    response.status_code = 429
    response["Retry-After"] = str(wait_seconds(retry_at(request, credentials)))
    return response

import datetime

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _


class Lifetime(models.IntegerChoices):
    """How long a new preview link works, in hours."""

    HOUR = 1, _("1 hour")
    DAY = 24, _("1 day")
    WEEK = 24 * 7, _("7 days")


def _hours(value):
    return datetime.timedelta(hours=int(value))


class PreviewLinkForm(forms.Form):
    lifetime = forms.TypedChoiceField(
        label=_("Works for"),
        choices=Lifetime,
        coerce=_hours,
        initial=Lifetime.DAY,
        help_text=_("After this the link stops working. You can revoke it sooner."),
    )

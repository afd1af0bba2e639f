import datetime

from django import forms
from django.db import models


class Lifetime(models.IntegerChoices):
    """How long a new preview link works, in hours."""

    HOUR = 1, "1 hour"
    DAY = 24, "1 day"
    WEEK = 24 * 7, "7 days"


def _hours(value):
    return datetime.timedelta(hours=int(value))


class PreviewLinkForm(forms.Form):
    lifetime = forms.TypedChoiceField(
        label="Works for",
        choices=Lifetime,
        coerce=_hours,
        initial=Lifetime.DAY,
        help_text="After this the link stops working. You can revoke it sooner.",
    )

"""The moderators' decision forms in the admin; the decisions themselves are in services.py."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import (
    AdminIntegerFieldWidget,
    AdminRadioSelect,
    AdminTextareaWidget,
    AdminTextInputWidget,
    AutocompleteSelect,
    AutocompleteSelectMultiple,
)
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from timeline.models import Event

from .models import Submission

# The summary a new event starts from: the reader's words, cut to a timeline-sized line.
SUMMARY_WORDS = 60
EVENT_FIELDS = [
    "title",
    "summary",
    "kind",
    "start_year",
    "start_month",
    "start_day",
    "start_hour",
    "start_minute",
    "is_approximate",
    "time_zone",
    "place",
    "storylines",
    "verification",
    "image_alt",
    "image_credit",
]


class AcceptAsEventForm(forms.ModelForm):
    """A new draft event, prefilled from the submission; the moderator edits it into shape."""

    use_photo = forms.BooleanField(
        label=_("Use the reader's photo as the event's image"),
        required=False,
        help_text=_("The stored copy, already stripped of its metadata."),
    )

    # The photo's choice before its alt text and credit.
    field_order = [*EVENT_FIELDS[:-2], "use_photo", *EVENT_FIELDS[-2:]]

    class Meta:
        model = Event
        fields = EVENT_FIELDS
        help_texts = {"image_credit": _("Required with the photo: who took it, as it will read.")}
        # The widgets the admin gives these fields on the event's own form.
        widgets = {
            **dict.fromkeys(
                ["title", "time_zone", "image_alt", "image_credit"], AdminTextInputWidget
            ),
            **dict.fromkeys(
                [name for name in EVENT_FIELDS if name.startswith("start_")],
                AdminIntegerFieldWidget,
            ),
            "summary": AdminTextareaWidget(attrs={"rows": 3}),
            **dict.fromkeys(
                ["kind", "verification"], AdminRadioSelect(attrs={"class": "radiolist inline"})
            ),
            "place": AutocompleteSelect(Event._meta.get_field("place"), admin.site),
            "storylines": AutocompleteSelectMultiple(
                Event._meta.get_field("storylines"), admin.site
            ),
        }

    def __init__(self, *args, submission, **kwargs):
        self.submission = submission
        kwargs.setdefault("initial", self.prefill(submission))
        super().__init__(*args, **kwargs)
        for name in ("kind", "verification"):
            # A row of radio buttons offers no empty choice, as the admin's own does not.
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0] != ""]
        if not submission.photo:
            for name in ("use_photo", "image_alt", "image_credit"):
                del self.fields[name]

    @staticmethod
    def prefill(submission):
        initial = {
            "summary": Truncator(submission.text).words(SUMMARY_WORDS),
            "is_approximate": submission.is_date_approximate,
            "verification": Event.Verification.REPORTED,
        }
        if submission.event_id:
            initial["kind"] = submission.event.kind
        if day := submission.occurred_on:
            initial.update(start_year=day.year, start_month=day.month, start_day=day.day)
            if time := submission.occurred_time:
                initial.update(start_hour=time.hour, start_minute=time.minute)
        return initial

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("use_photo") and not (cleaned_data.get("image_credit") or "").strip():
            self.add_error("image_credit", _("Give a credit for the photo."))
        return cleaned_data

    def lines(self):
        """The fields as the admin lays them out: the parts of the date on one line."""
        date = tuple(name for name in self.fields if name.startswith("start_"))
        rest = [name for name in self.fields if name not in date]
        at = list(self.fields).index(date[0])
        return [*rest[:at], date, *rest[at:]]

    def event_data(self):
        """The values the service builds the event from."""
        return {name: self.cleaned_data[name] for name in self.fields}


class DecisionForm(forms.Form):
    """A form about one submission, as every decision page's form is."""

    def __init__(self, *args, submission, **kwargs):
        self.submission = submission
        super().__init__(*args, **kwargs)

    def lines(self):
        """The fields as the admin lays them out: one a line."""
        return list(self.fields)


class AcceptOntoEventForm(DecisionForm):
    accepted_for = forms.ChoiceField(
        label=_("Accept as"),
        choices=[
            (Submission.AcceptedFor.CITATION, Submission.AcceptedFor.CITATION.label),
            (Submission.AcceptedFor.CORRECTION, Submission.AcceptedFor.CORRECTION.label),
        ],
        widget=AdminRadioSelect,
    )
    event = forms.ModelChoiceField(
        queryset=Event.objects.all(),
        widget=AutocompleteSelect(Submission._meta.get_field("event"), admin.site),
        label=_("Event"),
        help_text=_("An editor adds it to this event and marks it applied."),
    )

    def __init__(self, *args, submission, **kwargs):
        kwargs.setdefault("initial", {"event": submission.event_id})
        super().__init__(*args, submission=submission, **kwargs)


class RejectForm(DecisionForm):
    reason = forms.CharField(
        label=_("Reason"),
        widget=AdminTextareaWidget(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Shown to the sender on their receipt page: say why, kindly and plainly."),
    )


class DuplicateForm(DecisionForm):
    original = forms.IntegerField(
        label=_("Duplicate of submission number"),
        min_value=1,
        widget=AdminIntegerFieldWidget,
        help_text=_("The number of the submission this repeats (shown as #number in the queue)."),
    )

    def clean_original(self):
        number = self.cleaned_data["original"]
        if number == self.submission.pk:
            raise forms.ValidationError(_("A submission cannot duplicate itself."))
        original = Submission.objects.filter(pk=number).first()
        if original is None:
            raise forms.ValidationError(
                _("There is no submission #%(number)s.") % {"number": number}
            )
        return original

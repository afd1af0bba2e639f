"""The reader's submission form: every field capped, every link a web address, the photo cleaned."""

import datetime
from urllib.parse import urlsplit

from django import forms
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from newsroom.images import MAX_BYTES, clean_image_field
from timeline.models import Event

from .models import Submission

TEXT_MAX_LENGTH = 5000
LINK_MAX_LENGTH = 500
LINK_COUNT = 3
WEB_SCHEMES = ("http", "https")
# A reader far east of Kyiv may already be a day ahead of the newsroom.
FUTURE_DAYS_ALLOWED = 1
HONEYPOT_MESSAGE = _(
    "This submission could not be accepted. If you filled in the field marked “leave this "
    "empty”, clear it and send again."
)


class PickerValueMixin:
    """A date or time picker writes back only a value in its own syntax: HTML forbids any other
    (a browser would drop it anyway), and the field's error already says what was wrong."""

    def format_value(self, value):
        if isinstance(value, str) and value:
            try:
                # A date or a time of day, in no zone: only its syntax is checked.
                value = datetime.datetime.strptime(value, self.format)  # noqa: DTZ007
            except ValueError:
                return None
        return super().format_value(value)


class DatePicker(PickerValueMixin, forms.DateInput):
    input_type = "date"


class TimePicker(PickerValueMixin, forms.TimeInput):
    input_type = "time"


class WebAddressField(forms.URLField):
    """A link a moderator may open: http or https only, said plainly when it is anything else."""

    default_validators = [URLValidator(schemes=list(WEB_SCHEMES))]

    def __init__(self, **kwargs):
        super().__init__(max_length=LINK_MAX_LENGTH, assume_scheme="https", **kwargs)

    def to_python(self, value):
        try:
            scheme = urlsplit((value or "").strip()).scheme.lower()
        except ValueError:
            scheme = ""  # URLField's own parsing says what is wrong
        # "example.org:8080" parses with "example.org" as its scheme: leave that to URLField.
        if scheme and "." not in scheme and scheme not in WEB_SCHEMES:
            # Before URLField's own parsing, so "javascript:" is named, not called "invalid".
            raise forms.ValidationError(
                _(
                    "Only web addresses starting with http:// or https:// are accepted, "
                    "not “%(scheme)s:” addresses."
                ),
                code="scheme",
                params={"scheme": scheme},
            )
        return super().to_python(value)


class SubmissionForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("What are you sending?"),
        choices=Submission.Kind.choices,
        widget=forms.RadioSelect,
    )
    event = forms.ModelChoiceField(
        queryset=Event.objects.none(),  # published as of each form: see __init__
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _(
                "The event this was about is not on the site. Go back to the event and follow "
                "its link again, or send this without naming an event."
            )
        },
    )
    text = forms.CharField(
        label=_("What happened?"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    photo = forms.FileField(
        label=_("A photo (optional)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    # A trap for programs that fill every field; hidden from people and screen readers.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Submission
        fields = [
            "kind",
            "event",
            "text",
            "occurred_on",
            "occurred_time",
            "is_date_approximate",
            "location",
            "contact_name",
            "contact_details",
            "may_contact",
        ]
        labels = {
            "occurred_on": _("Date (optional)"),
            "occurred_time": _("Time (optional)"),
            "is_date_approximate": _("The date is approximate"),
            "location": _("Where did it happen? (optional)"),
            "contact_name": _("Your name (optional)"),
            "contact_details": _("How to reach you (optional)"),
            "may_contact": _("You may contact me about this"),
        }
        help_texts = {
            "occurred_on": _("Year, month and day. Leave it empty if you do not know."),
            "occurred_time": _("Local time where it happened, on a 24-hour clock."),
            "location": _("A town, village or road; as precise as is safe for you."),
            "contact_details": _("An email address or phone number. Only our moderators see it."),
        }
        widgets = {
            "occurred_on": DatePicker(format="%Y-%m-%d"),
            "occurred_time": TimePicker(format="%H:%M"),
        }
        error_messages = {
            "occurred_on": {"invalid": _("Enter a real date, such as 2024-08-06.")},
            "occurred_time": {"invalid": _("Enter a time such as 14:20.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        # Made here, not with the class: the class's queryset would keep the moment of import
        # as "now", and refuse every event published since the server started.
        self.fields["event"].queryset = Event.objects.published()
        # The texts with numbers in them are written here, in the reader's language.
        self.fields["text"].help_text = ngettext(
            "Say what you saw or know, and how you know it. Up to %(count)s character.",
            "Say what you saw or know, and how you know it. Up to %(count)s characters.",
            TEXT_MAX_LENGTH,
        ) % {"count": number_format(TEXT_MAX_LENGTH, force_grouping=True)}
        self.fields["photo"].help_text = gettext(
            "JPEG, PNG or WebP, up to %(megabytes)s MB. We remove the location and camera "
            "details before storing it."
        ) % {"megabytes": MAX_BYTES // (1024 * 1024)}
        for number in range(1, LINK_COUNT + 1):
            self.fields[f"link_{number}"] = WebAddressField(
                label=gettext("Link %(number)s (optional)") % {"number": number}, required=False
            )

    @property
    def link_fields(self):
        return [self[f"link_{number}"] for number in range(1, LINK_COUNT + 1)]

    @cached_property
    def concerns(self):
        """The published event this is about, for the page to name; None if none or unknown.

        Through the field, which refuses a NUL byte before the query: PostgreSQL cannot even
        compare one with a slug."""
        try:
            return self.fields["event"].clean(self["event"].value())
        except forms.ValidationError:
            return None

    def clean_occurred_on(self):
        day = self.cleaned_data["occurred_on"]
        latest = timezone.localdate() + datetime.timedelta(days=FUTURE_DAYS_ALLOWED)
        if day and day > latest:
            raise forms.ValidationError(_("This date is in the future."), code="future")
        return day

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        return clean_image_field(photo) if photo else None

    def clean(self):
        cleaned = super().clean()
        if self.data.get("website"):  # raw: a trap filled with too much is still filled
            raise forms.ValidationError(HONEYPOT_MESSAGE, code="honeypot")
        if cleaned.get("occurred_time") and not cleaned.get("occurred_on"):
            self.add_error("occurred_on", gettext("Give the date as well as the time."))
        return cleaned

    def submission_values(self):
        """What ``submission_create`` stores: the model's fields, the links and the photo."""
        values = {name: self.cleaned_data[name] for name in self._meta.fields}
        links = [self.cleaned_data.get(field.name) for field in self.link_fields]
        values["links"] = list(dict.fromkeys(link for link in links if link))
        values["photo"] = self.cleaned_data.get("photo")
        return values

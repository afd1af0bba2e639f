"""The event form's date, typed as an editor says it and read by timeline.dates.

One box for the start (which may hold a whole range) and one for the end; under each, what the
desk understood, in the words readers will see. The same reading answers the form's save and the
endpoint the page's script asks as the editor types (static/js/desk-dates.js), so the two never
disagree.
"""

import functools
import zoneinfo
from dataclasses import dataclass, field, replace

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminTextInputWidget
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.http import JsonResponse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from .dates import PARTS, DateSyntaxError, Span, parse_end, parse_span, typed_text

START_HELP = _(
    "As you would say it: 2024, Aug 2024, 6 August 2024, 6 Aug 2024 14:20 or 2024-08-06T14:20. "
    "Begin with “c.” or “about” when it is approximate. A range can go here (6–7 Aug 2024), "
    "or its end below."
)
END_HELP = _("Only if it went on past the start: 7 Aug 2024, or a time alone for the same day.")
ZONE_HELP = _("The zone any clock time above is given in.")


@functools.cache
def zone_choices():
    """Every zone Python knows, the newsroom's own first."""
    own = settings.NEWSROOM_EVENT_TIME_ZONE
    others = sorted(zoneinfo.available_timezones() - {own})
    return [(own, own), *((zone, zone) for zone in others)]


@dataclass
class Reading:
    """What the desk understood from the start and end boxes: the span, or what is wrong."""

    span: Span | None = None
    labels: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)


def read_dates(*, start_text, end_text, time_zone):
    """Read both boxes; an empty box is neither understood nor wrong."""
    reading = Reading()
    start = None
    if start_text.strip():
        try:
            start = parse_span(text=start_text, time_zone=time_zone)
        except DateSyntaxError as error:
            reading.errors["start"] = str(error)
    span = start
    if end_text.strip():
        try:
            # Read even when the start is wrong, to say what else is.
            end = parse_end(text=end_text, time_zone=time_zone, start=start and start.start)
        except DateSyntaxError as error:
            reading.errors["end"] = str(error)
        else:
            reading.labels["end"] = str(end.end)
            if start is not None and start.end is not None and start.end != end.end:
                reading.errors["end"] = gettext(
                    "The start box already ends the range on %(end)s: "
                    "leave this empty, or type the start alone."
                ) % {"end": start.end}
            elif start is not None:
                approximate = start.is_approximate or end.is_approximate
                span = replace(start, end=end.end, is_approximate=approximate)
    if start is not None:
        reading.labels["start"] = str(span)
    if not reading.errors:
        reading.span = span
    return reading


class ZoneSelect(forms.Select):
    """The list of zones, some 600 of them, written in one pass: Django's select renders a
    template for each option, which took more than half of the event form's time. The options
    are written once per process, and the chosen one marked on each form."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {"name": name, **self.build_attrs(self.attrs, attrs)}
        chosen = self.format_value(value)
        options = mark_safe(
            "\n".join(
                format_html('<option value="{}" selected>{}</option>', option, label)
                if option in chosen
                else html
                for option, label, html in written_options(tuple(self.choices))
            )
        )
        return format_html("<select{}>\n{}\n</select>", flatatt(attrs), options)


@functools.lru_cache(maxsize=4)
def written_options(choices):
    """(value, label, its <option> element unchosen) for each of ``choices``."""
    return [
        (str(option), label, format_html('<option value="{}">{}</option>', option, label))
        for option, label in choices
    ]


class DateTextInput(AdminTextInputWidget):
    """A text box followed by a line saying back what was understood (``echo``)."""

    class Media:
        js = ["js/desk-dates.js"]
        css = {"all": ["css/desk-dates.css"]}

    echo = ""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        echo_id = f"{attrs.get('id', name)}_echo"
        # Read out with the box, before its help line and any error.
        attrs["aria-describedby"] = f"{echo_id} {attrs.get('aria-describedby', '')}".strip()
        return format_html(
            '{}<p class="date-echo" id="{}" aria-live="polite">{}</p>',
            super().render(name, value, attrs, renderer),
            echo_id,
            self.echo,
        )


class TypedDatesForm(forms.ModelForm):
    """Puts the event's date parts behind two boxes an editor types into.

    The model keeps its parts, precision and approximate flag; the boxes only fill them.
    """

    start = forms.CharField(
        label=_("Start"),
        max_length=100,
        help_text=START_HELP,
        widget=DateTextInput,
        error_messages={"required": _("Type when it happened, e.g. 6 August 2024.")},
    )
    end = forms.CharField(
        label=_("End"), max_length=100, required=False, help_text=END_HELP, widget=DateTextInput
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=zone_choices, help_text=ZONE_HELP, widget=ZoneSelect
    )

    # Where the page's script asks what a box says as the editor types.
    dates_url = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance
        if event.start_year is not None:
            approximately = "c. " if event.is_approximate else ""
            self.initial.setdefault("start", approximately + typed_text(event.start))
            self.fields["start"].widget.echo = event.date_label
        if event.end is not None:
            self.initial.setdefault("end", typed_text(event.end))
            self.fields["end"].widget.echo = str(event.end)
        zone = self.fields["time_zone"]
        zone.initial = event.time_zone  # a new event's is the newsroom's
        if event.time_zone not in dict(zone.choices):  # a zone stored before the list
            zone.choices = [*zone.choices, (event.time_zone, event.time_zone)]
        if self.dates_url:
            self.fields["start"].widget.attrs["data-dates-url"] = self.dates_url

    def clean(self):
        data = self.cleaned_data
        if "start" in data:
            zone = data.get("time_zone") or settings.NEWSROOM_EVENT_TIME_ZONE
            reading = read_dates(
                start_text=data["start"], end_text=data.get("end", ""), time_zone=zone
            )
            for name in ("start", "end"):
                self.fields[name].widget.echo = reading.labels.get(name, "")
            for name, message in reading.errors.items():
                self.add_error(name, message)
            if reading.span is not None:
                self._store(reading.span)
        return super().clean()

    def _store(self, span):
        event = self.instance
        for part in PARTS:
            setattr(event, f"start_{part}", getattr(span.start, part))
            setattr(event, f"end_{part}", span.end and getattr(span.end, part))
        event.is_approximate = span.is_approximate

    def _update_errors(self, errors):
        # The model's checks name the parts (start_day), which are not fields here: Django would
        # raise on them. They belong to the box the editor typed the date into.
        if hasattr(errors, "error_dict"):
            boxes = {}
            for name, messages in errors.error_dict.items():
                box = name.split("_")[0] if name.startswith(("start_", "end_")) else name
                boxes.setdefault(box, []).extend(messages)
            errors = ValidationError(boxes)
        super()._update_errors(errors)


@require_GET
def dates_echo(request):
    """What the desk understands from the date boxes as typed (GET start, end, time_zone)."""
    zone = request.GET.get("time_zone", "")
    if zone not in dict(zone_choices()):
        zone = settings.NEWSROOM_EVENT_TIME_ZONE
    reading = read_dates(
        start_text=request.GET.get("start", "")[:200],
        end_text=request.GET.get("end", "")[:200],
        time_zone=zone,
    )
    return JsonResponse(
        {
            name: {"label": reading.labels.get(name, ""), "error": reading.errors.get(name, "")}
            for name in ("start", "end")
        }
    )

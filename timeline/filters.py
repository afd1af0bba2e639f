"""The timeline's filters, shared by the HTML page and, later, the JSON API.

Every choice lists only what published events use, and only those values validate: a slug of a
storyline that no published event belongs to is refused like an unknown one, so the filters
reveal nothing about unpublished work.
"""

import datetime
import zoneinfo
from functools import cached_property

import django_filters
from django import forms
from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, Q

from newsroom.caching import remembered
from newsroom.sources.models import Citation, Party, Source

from .models import Event, Place, Storyline

ORDERS = [("oldest", "Oldest first"), ("newest", "Newest first")]
MAX_TEXT = 200
NOT_A_CHOICE = "“%(value)s” is not among the choices that published events use."


def day_start(day):
    """The first instant of a calendar day in the newsroom's event zone."""
    zone = zoneinfo.ZoneInfo(settings.NEWSROOM_EVENT_TIME_ZONE)
    return datetime.datetime.combine(day, datetime.time(), tzinfo=zone)


class EventFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            raise forms.ValidationError(
                f"The range starts ({start:%d %B %Y}) after it ends ({end:%d %B %Y})."
            )
        return data


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


def by_slug(model, label, any_label, method=None):
    """A choice of one row by its slug; which rows are offered is decided per request."""
    return django_filters.ModelChoiceFilter(
        queryset=model.objects.none(),
        to_field_name="slug",
        method=method,
        label=label,
        empty_label=any_label,
    )


# For each choice of a row: its model, and the path from an event to such a row.
USED_BY = {
    "storyline": (Storyline, "storylines"),
    "place": (Place, "place"),
    "source": (Source, "citations__source"),
    "party": (Party, "citations__source__party"),
}


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Words",
        method="search",
        max_length=MAX_TEXT,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    storyline = by_slug(Storyline, "Storyline", "Any storyline", method="in_storyline")
    kind = django_filters.ChoiceFilter(label="Kind", empty_label="Any kind")
    verification = django_filters.ChoiceFilter(label="Status", empty_label="Any status")
    place = by_slug(Place, "Place", "Any place")
    source = by_slug(Source, "Source cited", "Any source", method="cited_source")
    party = by_slug(Party, "Party cited", "Any party", method="cited_party")
    order = django_filters.ChoiceFilter(
        choices=ORDERS, method="order_events", label="Order", empty_label=None
    )

    class Meta:
        model = Event
        fields = []
        form = EventFilterForm

    def __init__(self, data=None, queryset=None, **kwargs):
        queryset = Event.objects.published() if queryset is None else queryset
        super().__init__(data, queryset, **kwargs)
        # EXISTS stops at the first published event for each row; a join with DISTINCT would
        # read every citation of the story.
        used = Event.objects.published()
        for name, (model, path) in USED_BY.items():
            self.filters[name].queryset = model.objects.filter(
                Exists(used.filter(**{path: OuterRef("pk")}))
            )
        for name in ("kind", "verification"):
            self.filters[name].extra["choices"] = self._used_choices(name)
        for name in ("storyline", "kind", "verification", "place", "source", "party", "order"):
            self.filters[name].extra["error_messages"] = {"invalid_choice": NOT_A_CHOICE}

    @cached_property
    def _used_values(self):
        """Kinds and statuses of published events, in one query for both fields."""

        def read():
            rows = Event.objects.published().order_by().values_list("kind", "verification")
            return set(rows.distinct())

        pairs = remembered(self.request, "kinds-and-statuses", read) if self.request else read()
        return {"kind": {kind for kind, _ in pairs}, "verification": {v for _, v in pairs}}

    def _used_choices(self, name):
        used = self._used_values[name]
        return [
            (value, label) for value, label in Event._meta.get_field(name).choices if value in used
        ]

    # Joins through many-valued relations would repeat an event once per match: ask EXISTS.
    def in_storyline(self, queryset, name, storyline):
        through = Event.storylines.through.objects
        return queryset.filter(Exists(through.filter(event=OuterRef("pk"), storyline=storyline)))

    def cited_source(self, queryset, name, source):
        return queryset.filter(Exists(Citation.objects.filter(event=OuterRef("pk"), source=source)))

    def cited_party(self, queryset, name, party):
        cited = Citation.objects.filter(event=OuterRef("pk"), source__party=party)
        return queryset.filter(Exists(cited))

    def search(self, queryset, name, text):
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            vector = SearchVector("title", weight="A") + SearchVector("summary", "body")
            query = SearchQuery(text, search_type="websearch", config="english")
            return queryset.annotate(search=vector).filter(search=query)
        return queryset.filter(
            Q(title__icontains=text) | Q(summary__icontains=text) | Q(body__icontains=text)
        )

    def order_events(self, queryset, name, order):
        if order == "newest":
            return queryset.reverse()
        return queryset

    @property
    def is_newest_first(self):
        return self.form.cleaned_data.get("order") == "newest"


def _on_or_after(queryset, name, day):
    return queryset.filter(sorts_at__gte=day_start(day))


def _on_or_before(queryset, name, day):
    # An event dated only to a month sorts at the month's end: it is "by" a day once that is over.
    return queryset.filter(sorts_at__lt=day_start(day + datetime.timedelta(days=1)))


# "from" is a Python keyword, so the date range is added under its public names here.
EventFilter.base_filters["from"] = django_filters.DateFilter(
    label="From", method=_on_or_after, widget=DateInput()
)
EventFilter.base_filters["to"] = django_filters.DateFilter(
    label="To", method=_on_or_before, widget=DateInput()
)
EventFilter.base_filters["order"] = EventFilter.base_filters.pop("order")

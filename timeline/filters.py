"""The timeline's filters, shared by the HTML page and, later, the JSON API.

Every choice lists only what published events use, and only those values validate: a slug of a
storyline that no published event belongs to is refused like an unknown one, so the filters
reveal nothing about unpublished work.
"""

import copy
import datetime
import zoneinfo

import django_filters
from django import forms
from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsroom.languages import ORIGINAL, TRANSLATED, content_language
from newsroom.sources.models import Citation, Party, Source
from newsroom.translations.overlay import localize
from newsroom.translations.search import translated_events_matching

from . import search_words
from .facets import FACETS, facet
from .models import SEARCH_CONFIG, Event, Place, Storyline, search_document

ORDERS = [("oldest", _("Oldest first")), ("newest", _("Newest first"))]
MAX_TEXT = 200
NOT_A_CHOICE = _("“%(value)s” is not among the choices that published events use.")
# A day is searched from its local midnight to the next one, both read in UTC by the database.
# The calendar's first and last days can lose one of those instants (midnight of 1 January of
# the year 1 east of Greenwich falls before the year 1 in UTC), so the days in between are
# searchable: those keep both instants under any offset, and offsets are under a day.
FIRST_DAY = datetime.date.min + datetime.timedelta(days=1)
LAST_DAY = datetime.date.max - datetime.timedelta(days=1)


def day_start(day):
    """The first instant of a calendar day in the newsroom's event zone."""
    zone = zoneinfo.ZoneInfo(settings.NEWSROOM_EVENT_TIME_ZONE)
    return datetime.datetime.combine(day, datetime.time(), tzinfo=zone)


def searchable(day):
    if not FIRST_DAY <= day <= LAST_DAY:
        raise forms.ValidationError(
            _("The timeline searches days from %(first)s to %(last)s."),
            code="out_of_range",
            params={"first": FIRST_DAY, "last": LAST_DAY},
        )


class EventFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            raise forms.ValidationError(
                _("The range starts (%(start)s) after it ends (%(end)s)."),
                params={"start": long_date(start), "end": long_date(end)},
            )
        return data


def long_date(day):
    """A day as the range's error names it: "06 August 2024", its month as the language says it."""
    # Translators: a date format (Django's "date" filter): day, month's name, year.
    return date_format(day, gettext("d F Y"))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class DayField(forms.DateField):
    """A calendar day to search for: the range's ends and the day to jump to."""

    widget = DateInput
    default_validators = [searchable]


class DayFilter(django_filters.DateFilter):
    field_class = DayField


def choice(label, any_label, **kwargs):
    """A choice among values published events use; the values are set per request."""
    return django_filters.ChoiceFilter(label=label, empty_label=any_label, **kwargs)


# Rows chosen by slug: the model, and the path from an event to such a row.
ROWS_BY_SLUG = {
    "storyline": (Storyline, "storylines"),
    "place": (Place, "place"),
    "source": (Source, "citations__source"),
    "party": (Party, "citations__source__party"),
}


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Words"),
        method="search",
        max_length=MAX_TEXT,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    storyline = choice(_("Storyline"), _("Any storyline"), method="in_storyline")
    kind = choice(_("Kind"), _("Any kind"))
    verification = choice(_("Status"), _("Any status"))
    place = choice(_("Place"), _("Any place"), field_name="place__slug")
    source = choice(_("Source cited"), _("Any source"), method="cited_source")
    party = choice(_("Party cited"), _("Any party"), method="cited_party")
    order = django_filters.ChoiceFilter(
        choices=ORDERS, method="order_events", label=_("Order"), empty_label=None
    )

    class Meta:
        model = Event
        fields = []
        form = EventFilterForm

    def __init__(self, data=None, queryset=None, request=None, **kwargs):
        queryset = Event.objects.published() if queryset is None else queryset
        super().__init__(data, queryset, request=request, **kwargs)
        # Only these values validate, so an unpublished storyline's slug is refused like a
        # made-up one, and the filters reveal nothing about unpublished work.
        for name, values in self.choices_in_use().items():
            self.filters[name].extra["choices"] = in_reader_language(name, values)
            self.filters[name].extra["error_messages"] = {"invalid_choice": NOT_A_CHOICE}

    def choices_in_use(self):
        """{filter: [(value, label)]} of what published events use, from the story's summary
        (timeline/summary.py): one row read, whatever the size of the story."""
        from .summary import story_summary

        return story_summary(self.request).choices

    # Joins through many-valued relations would repeat an event once per match: ask EXISTS, or
    # on PostgreSQL the event's facets (timeline/facets.py), which one GIN index answers for
    # several filters at once.
    def in_storyline(self, queryset, name, slug):
        member = Event.storylines.through.objects.filter(event=OuterRef("pk"), storyline__slug=slug)
        return self.filed_under(queryset, name, slug, Exists(member))

    def cited_source(self, queryset, name, slug):
        cited = Citation.objects.filter(event=OuterRef("pk"), source__slug=slug)
        return self.filed_under(queryset, name, slug, Exists(cited))

    def cited_party(self, queryset, name, slug):
        cited = Citation.objects.filter(event=OuterRef("pk"), source__party__slug=slug)
        return self.filed_under(queryset, name, slug, Exists(cited))

    def filed_under(self, queryset, name, slug, linked):
        """The events filed under the row named by ``slug``: on PostgreSQL by their facets (the
        row's facet comes from the story's summary, read already), elsewhere by ``linked``."""
        if connection.vendor != "postgresql":
            return queryset.filter(linked)
        from .summary import story_summary

        return queryset.filter(facets__contains=[story_summary(self.request).facets[name][slug]])

    def search(self, queryset, name, text):
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery

            query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
            queryset = queryset.annotate(search=search_document())
            found = Q(search=query)
        else:
            found = Q(title__icontains=text) | Q(summary__icontains=text) | Q(body__icontains=text)
        # On /uk/ and /ru/ pages, the translations shown there are searched too.
        if (language := content_language()) != ORIGINAL:
            found |= Q(pk__in=translated_search(text, language))
        return queryset.filter(found)

    def order_events(self, queryset, name, order):
        if order == "newest":
            return queryset.reverse()
        return queryset

    @property
    def in_use(self):
        """[(filter, cleaned value as text)] of the filters narrowing the list, sorted: the same
        set of events gives the same list, and every published event the empty one."""
        return sorted(
            (name, str(getattr(value, "pk", value)))
            for name, value in self.form.cleaned_data.items()
            if value not in (None, "") and name != "order"
        )

    @property
    def is_newest_first(self):
        return self.form.cleaned_data.get("order") == "newest"


def translated_search(text, language):
    """The ids of events whose translation in ``language`` holds the words of ``text``: on
    PostgreSQL stemmed as that language's configuration stems them (timeline/search_words.py)."""
    if connection.vendor != "postgresql":
        return translated_events_matching(language, text=text)
    from django.contrib.postgres.search import SearchQuery

    config = search_words.CONFIGS[language]
    if language == "uk":
        # No Ukrainian stemmer: each word's stem as a prefix; no word at all finds nothing.
        if not (raw := search_words.prefix_query(text)):
            return []
        query = SearchQuery(raw, search_type="raw", config=config)
    else:
        query = SearchQuery(text, search_type="websearch", config=config)
    return translated_events_matching(language, text=text, query=query, config=config)


def in_reader_language(name, values):
    """A kind's or a status's choices with the model's labels in the active language: the
    story's summary keeps the labels of whichever language built it."""
    if name not in ("kind", "verification"):
        return values
    labels = dict(Event._meta.get_field(name).choices)
    return [(value, labels.get(value, label)) for value, label in values]


def used_choices(used):
    """Every filter's choices, the facet of each row a filter names (timeline/facets.py), and
    the choices named in each translated language, from the published events ``used``: one
    query per kind of row (EXISTS stops at the first published event, where a join would read
    every citation), one for the kinds and statuses together, and one per language."""
    rows = {
        name: list(model.objects.filter(Exists(used.filter(**{path: OuterRef("pk")}))))
        for name, (model, path) in ROWS_BY_SLUG.items()
    }
    choices = {name: [(row.slug, str(row)) for row in found] for name, found in rows.items()}
    # Storylines, places, sources and parties named in each translated language, for the
    # filters of /uk/ and /ru/ pages (one query per language, when the summary is built).
    translated = {}
    for language in TRANSLATED:
        copies = {name: [copy.copy(row) for row in found] for name, found in rows.items()}
        localize([row for found in copies.values() for row in found], language)
        translated[language] = {
            name: [(row.slug, str(row)) for row in found] for name, found in copies.items()
        }
    facets = {
        name: {row.slug: facet(name, row.pk) for row in found}
        for name, found in rows.items()
        if name in FACETS
    }
    pairs = set(used.order_by().values_list("kind", "verification").distinct())
    for index, name in enumerate(("kind", "verification")):
        in_use = {pair[index] for pair in pairs}
        field = Event._meta.get_field(name)
        # Stored as text (a JSON column): readers' pages relabel them (in_reader_language).
        choices[name] = [(value, str(label)) for value, label in field.choices if value in in_use]
        for named in translated.values():
            named[name] = choices[name]
    return choices, facets, translated


def _on_or_after(queryset, name, day):
    return queryset.filter(sorts_at__gte=day_start(day))


def _on_or_before(queryset, name, day):
    # An event dated only to a month sorts at the month's end: it is "by" a day once that is over.
    return queryset.filter(sorts_at__lt=day_start(day + datetime.timedelta(days=1)))


# "from" is a Python keyword, so the date range is added under its public names here.
EventFilter.base_filters["from"] = DayFilter(label=_("From"), method=_on_or_after)
EventFilter.base_filters["to"] = DayFilter(label=_("To"), method=_on_or_before)
EventFilter.base_filters["order"] = EventFilter.base_filters.pop("order")

import datetime

from django import forms
from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from newsroom import embeds, structured_data
from newsroom.caching import remembered
from newsroom.languages import content_language
from newsroom.sources.attribution import by_stance
from newsroom.translations.overlay import localize, with_translations
from newsroom.withdrawn import GoneWhenWithdrawn

from .dates import PartialDate, Precision, begins_by, lasts_until
from .filters import DayField, EventFilter
from .geo import public_location
from .maps import story_map
from .models import Event
from .neighbours import storyline_neighbours
from .strip import day_counts, day_strip, day_text
from .summary import story_summary

# Comfortably under the ~100 a page may hold: half the rendering time, still a long read.
EVENTS_PER_PAGE = 50
# An embed starts with about a screen of its frame, so a partner's page stays light.
EMBED_EVENTS_PER_PAGE = 10
# What embeds of the timeline are called, unless they name themselves (the map does).
TIMELINE = _("Timeline")
# The live notice's words for each plural category a browser's Intl.PluralRules names, as the
# form gettext gives for a number in that category (a category a language lacks goes unused).
PLURAL_SAMPLES = {"one": 1, "few": 2, "many": 5, "other": 5}
# Addresses the timeline builds for its own links drop these, so a link never lands mid-list.
NAVIGATION = ("page", "date")


class BadQuery(Exception):
    """A query string the timeline cannot answer; each argument is one reader-facing problem."""


class MarkedPaginator(Paginator):
    """Takes the number of events and their latest publish time from the Days the page has
    summed already: where the live mode starts counting new events (timeline/live.py), at no
    query of its own."""

    def __init__(self, *args, days, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = days.total
        self.latest_publish_at = days.latest


class JumpForm(forms.Form):
    date = DayField(required=False, label=_("Jump to date"))


class FilteredEventList(ListView):
    """Published events, filtered by the address and paged; a bad query is a 400 page."""

    context_object_name = "events"
    paginator_class = MarkedPaginator
    bad_request_template = "timeline/bad_request.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except BadQuery as problem:
            context = {"problems": problem.args, "clear_url": request.path}
            return TemplateResponse(request, self.bad_request_template, context, status=400)

    def filter_events(self, *other_forms):
        """Read the filters (and any other form of the page) from the address, or refuse it."""
        base = Event.objects.published().chronological()
        self.filterset = EventFilter(self.request.GET, queryset=base, request=self.request)
        forms_read = [self.filterset.form, *other_forms]
        problems = [problem for form in forms_read for problem in form_problems(form)]
        if problems:
            raise BadQuery(*problems)
        self.filtered = self.filterset.qs

    def get_queryset(self):
        return self.filtered.with_related(content_language())

    def get_paginator(self, queryset, per_page, **kwargs):
        self.days = self.listed_days()
        return super().get_paginator(queryset, per_page, days=self.days, **kwargs)

    def listed_days(self):
        return listed_days(self.request, self.filterset)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        try:
            page = paginator.page(self.request.GET.get("page") or 1)
        except PageNotAnInteger:
            raise BadQuery(
                gettext("Page: “%(page)s” is not a page number; pages count 1, 2, 3.")
                % {"page": self.request.GET["page"]}
            ) from None
        except EmptyPage as empty:
            if str(self.request.GET.get("page")).isdigit() and int(self.request.GET["page"]) > 0:
                raise Http404(f"There is no page {self.request.GET['page']}.") from None
            raise BadQuery(
                gettext("Page: %(problem)s; pages count 1, 2, 3.") % {"problem": empty}
            ) from None
        page.object_list = localize(page.object_list)
        return paginator, page, page.object_list, page.has_other_pages()


class EventListView(FilteredEventList):
    """The public timeline: published events, oldest first unless asked, filtered by the address."""

    template_name = "timeline/event_list.html"
    paginate_by = EVENTS_PER_PAGE

    def get(self, request, *args, **kwargs):
        self.jump = JumpForm(request.GET)
        self.filter_events(self.jump)
        self.jump_note = None
        day = self.jump.cleaned_data["date"]
        if day:
            target = self.jump_target(day)
            if target:
                return HttpResponseRedirect(target)
            if self.filterset.is_newest_first:
                note = gettext("Nothing here is dated on or before %(day)s.")
            else:
                note = gettext("Nothing here is dated on or after %(day)s.")
            self.jump_note = note % {"day": day_text(day)}
        return super().get(request, *args, **kwargs)

    def jump_target(self, day):
        """Where jumping to a day lands, in the current order and filters: the heading over the
        first event a reader meets from that day on, on its page. That heading is the day's own,
        or the month or year holding it, or the nearest day beyond; None if no event is that far."""
        if self.filterset.is_newest_first:
            # Newest first, a month or year comes before the days it holds: prefer the day's own
            # heading when it has one.
            on_the_day = Q(start_year=day.year, start_month=day.month, start_day=day.day)
            reached = [on_the_day, begins_by("start", day)]
        else:
            reached = [lasts_until("start", day)]
        event = next(filter(None, (self.filtered.filter(q).first() for q in reached)), None)
        if event is None:
            return None
        # Every event listed before it sorts strictly beyond it: one that ties would have
        # been reached as well, and come first.
        if self.filterset.is_newest_first:
            before = Q(sorts_at__gt=event.sorts_at)
        else:
            before = Q(sorts_at__lt=event.sorts_at)
        page = self.filtered.filter(before).count() // EVENTS_PER_PAGE + 1
        return f"{address(self.request.GET, page=page)}#d-{heading_date(event).isoformat()}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET
        days = self.days
        return {
            **context,
            "filter": self.filterset,
            "jump": self.jump,
            "groups": group_by_heading(context["events"]),
            "strip": day_strip(days.counts, days.undated, one_day_address(query)),
            "page_meta": structured_data.timeline_page(
                self.request,
                title=gettext("Timeline"),
                description=gettext("What happened, in order, and who says so."),
                events=context["events"],
                coverage=days.coverage,
                keep=[*self.filterset.filters, "page"],
            ),
            "active_filters": active_filters(self.filterset, query),
            "map_url": reverse("timeline:map") + address(query),
            "newest_first": self.filterset.is_newest_first,
            "live": self.live_mode(context["page_obj"]),
            "jump_note": self.jump_note,
            "embed": embeds.embed_code(self.request, embed_title(self.filterset)),
        }

    def live_mode(self, page):
        """The newest-first first page, where new events would appear, follows them live."""
        if not self.filterset.is_newest_first or page.number != 1:
            return None
        latest = page.paginator.latest_publish_at
        return {
            "url": reverse("timeline:live") + address(self.request.GET),
            "since": latest.isoformat() if latest else "",
            "seconds": settings.TIMELINE_POLL_SECONDS,
            "language": get_language(),
            "notices": live_notices(),
        }


def live_notices():
    """[(plural category, the live notice's words with "{count}" for the number)]: live.js
    picks the category of the count it is given, so the page carries every form it may need."""
    return [
        (
            category,
            ngettext("%(count)s new event: show it", "%(count)s new events: show them", number)
            % {"count": "{count}"},
        )
        for category, number in PLURAL_SAMPLES.items()
    ]


class TimelineEmbedView(FilteredEventList):
    """The timeline for a partner's page: the same filters, a first screen of events a page."""

    template_name = "embed/timeline.html"
    bad_request_template = "embed/bad_request.html"
    paginate_by = EMBED_EVENTS_PER_PAGE

    def get(self, request, *args, **kwargs):
        self.filter_events()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        title = embed_title(self.filterset)
        query = self.request.GET
        return {
            **context,
            "title": title,
            "groups": group_by_heading(context["events"]),
            "newest_first": self.filterset.is_newest_first,
            "filtered": bool(self.filterset.in_use),
            "page_url": reverse("timeline:event_list") + address(query),
        }


def embed_title(filterset, name=TIMELINE):
    """What an embed of filtered events shows, in words: its name and the filters in use."""
    labels = [label for label, remove_url in active_filters(filterset, filterset.data)]
    return f"{name} ({'; '.join(labels)})" if labels else name


def describe_embed(request, query, name=TIMELINE):
    """The title of the embed of an address filtering events by ``query``, for oEmbed (the map
    names itself); refuses a query the filters refuse."""
    filterset = EventFilter(query, request=request)
    problems = form_problems(filterset.form)
    if problems:
        raise embeds.BadAddress(*problems)
    return embed_title(filterset, name)


class EventDetailView(GoneWhenWithdrawn, DetailView):
    """One published event; a staff preview may subclass it and override get_queryset() alone."""

    model = Event
    template_name = "timeline/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.published().with_related(content_language())

    def get_context_data(self, **kwargs):
        event = self.object
        corrections = list(with_translations(event.corrections.public()))
        articles = list(with_translations(event.articles.published()))
        neighbours = storyline_neighbours(event, content_language())
        around = [other for _, *pair in neighbours for other in pair if other is not None]
        localize([event, *corrections, *articles, *around])
        return super().get_context_data(
            citation_groups=by_stance(event.citations.all()),
            corrections=corrections,
            articles=articles,
            neighbours=neighbours,
            place_map=story_map([event], current=event),
            page_meta=structured_data.event_page(
                self.request, event, corrections=corrections, location=public_location(event)
            ),
            **kwargs,
        )


def listed_days(request, filterset):
    """The Days of the events a filter set selects. Of every published event, the story's
    summary has them; of a filtered list, they are summed once per set of filters and kept until
    the story changes (the name changes with the value's shape, so a shared cache never hands
    back one of an older release)."""
    if not filterset.in_use:
        return story_summary(request).days
    key = f"days{filterset.in_use!r}"
    return remembered(request, key, lambda: day_counts(filterset.qs))


def form_problems(form):
    """One sentence per bad field: its label, the value given and what is wrong with it."""
    problems = []
    for name, errors in form.errors.items():
        text = " ".join(errors)
        if name == "__all__":
            problems.append(text)
        else:
            problems.append(
                gettext("%(field)s: “%(value)s”: %(problem)s")
                % {"field": form.fields[name].label, "value": form.data.get(name), "problem": text}
            )
    return problems


def address(query, **changes):
    """The current address's query string with some parameters changed (None drops one)."""
    # Empty fields come from submitting the form as it stands; they say nothing, so drop them.
    query = query.copy()
    for name in [*NAVIGATION, *(name for name, value in query.items() if value == "")]:
        query.pop(name, None)
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = str(value)
    return f"?{query.urlencode()}" if query else "?"


def one_day_address(query):
    """A function giving, for a day in ISO form, ``address(query, from=day, to=day)``: the rest
    of the query is encoded once, not once for each of the strip's hundreds of days, and an ISO
    date is the same encoded or not."""
    rest = address(query, **{"from": None, "to": None})
    joiner = "&" if rest != "?" else ""
    return lambda day: f"{rest}{joiner}from={day}&to={day}"


def active_filters(filterset, query):
    """[(what is filtered, the address without it)] for every filter in use, order aside."""
    active = []
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, "") or name == "order":
            continue
        field = filterset.form.fields[name]
        if isinstance(field, forms.ChoiceField) and not hasattr(field, "queryset"):
            value = dict(field.choices).get(value, value)
        elif isinstance(value, datetime.date):
            value = day_text(value)
        elif name == "q":
            value = pgettext("searched words", "“%(words)s”") % {"words": value}
        label = gettext("%(filter)s: %(value)s") % {"filter": field.label, "value": value}
        active.append((label, address(query, **{name: None})))
    return active


def heading_date(event):
    """The date an event is listed under: its day, or its month or year if that is all we know."""
    start = event.start
    precision = min(start.precision, Precision.DAY)
    parts = {"year": start.year, "month": start.month, "day": start.day}
    kept = dict(list(parts.items())[:precision])
    return PartialDate(**kept)


def group_by_heading(events):
    """[(heading date, [events])], a new group whenever the heading changes, in list order."""
    groups = []
    for event in events:
        heading = heading_date(event)
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append(event)
    return groups

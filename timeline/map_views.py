"""/map/: the timeline's events where they happened, with the timeline's filters."""

import datetime

from django import forms
from django.conf import settings
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.template.response import TemplateResponse
from django.urls import reverse

from newsroom import structured_data

from .filters import DayField, EventFilter, day_start
from .maps import story_map
from .models import Event
from .strip import day_text
from .views import active_filters, address, form_problems, listed_days

# The marks drawn at one place, its latest events; the rest are a link to the timeline there.
EVENTS_PER_PLACE = 12
# Up to this many days, every day is a step of its own; beyond, the previous and next day.
LISTED_STEPS = 31


class DayStepForm(forms.Form):
    day = DayField(required=False, label="Show the map as it stood at the end of")


def event_map(request):
    base = Event.objects.published()
    filterset = EventFilter(request.GET, queryset=base, request=request)
    step = DayStepForm(request.GET)
    problems = [*form_problems(filterset.form), *form_problems(step)]
    if problems:
        context = {"problems": problems, "clear_url": request.path}
        return TemplateResponse(request, "timeline/bad_request.html", context, status=400)

    day = step.cleaned_data["day"]
    events = filterset.qs.order_by()
    new_since = None
    if day:
        events = events.filter(sorts_at__lt=day_start(day + datetime.timedelta(days=1)))
        new_since = day_start(day)
    shown, totals = latest_at_each_place(events)
    located = story_map(shown, totals=totals, new_since=new_since)
    query = request.GET
    timeline = reverse("timeline:event_list")
    # The timeline's list of a place's events up to the day shown, for the marks left out.
    until = min(filter(None, [day, filterset.form.cleaned_data.get("to")]), default=None)
    for place in [*located.places, *located.outside]:
        if place.more > 0:
            place.more_url = timeline + address(query, place=place.place.slug, day=None, to=until)
    return TemplateResponse(
        request,
        "timeline/map.html",
        {
            "filter": filterset,
            "step": step,
            "day": day,
            "day_text": day_text(day) if day else "",
            "map": located,
            "unmapped": events.filter(place__latitude__isnull=True).count(),
            "steps": day_steps(listed_days(request, filterset).counts, day, query),
            "active_filters": active_filters(filterset, query),
            "timeline_url": timeline + address(query, day=None),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "page_meta": structured_data.collection_page(
                request,
                title="Map",
                description="Where each event of the story happened, as precisely as we know.",
                trail=[("Map", reverse("timeline:map"))],
                keep=[*filterset.filters, "day"],
            ),
        },
    )


def latest_at_each_place(events):
    """The latest EVENTS_PER_PLACE events at each place that has coordinates, their places
    selected, and {place pk: its events in all}: one query, however long the story."""
    ranked = (
        events.filter(place__latitude__isnull=False)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("place"),
                order_by=[F("sorts_at").desc(), F("pk").desc()],
            ),
            at_place=Window(Count("pk"), partition_by=F("place")),
        )
        .filter(rank__lte=EVENTS_PER_PLACE)
        .select_related("place")
        .order_by("place", "rank")
    )
    shown = list(ranked)
    return shown, {event.place_id: event.at_place for event in shown}


def day_steps(counts, current, query):
    """[(day, its address, is the current one)]: every day with events, or near a long story's
    current day only the days either side of it."""
    days = sorted(counts)
    if len(days) > LISTED_STEPS:
        if current is None:
            days = days[:1]
        else:
            earlier = [d for d in days if d < current][-1:]
            later = [d for d in days if d > current][:1]
            days = [*earlier, current, *later]
    return [(d, address(query, day=d.isoformat()), d == current) for d in days]

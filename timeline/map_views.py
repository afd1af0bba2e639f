"""/map/: the timeline's events where they happened, with the timeline's filters."""

import datetime

from django import forms
from django.conf import settings
from django.db import connection
from django.db.models import BigIntegerField, F, Func, OuterRef, Window
from django.db.models.functions import RowNumber
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsroom import embeds, structured_data
from newsroom.caching import remembered
from newsroom.translations.overlay import localize, with_translations

from .filters import DayField, EventFilter, day_start
from .maps import story_map
from .models import Event, Place
from .strip import day_text
from .summary import place_counts, story_summary
from .views import active_filters, address, embed_title, form_problems, listed_days

# The marks drawn at one place, its latest events; the rest are a link to the timeline there.
EVENTS_PER_PLACE = 12
# Up to this many days, every day is a step of its own; beyond, the previous and next day.
LISTED_STEPS = 31


class DayStepForm(forms.Form):
    day = DayField(required=False, label=_("Show the map as it stood at the end of"))


def event_map(request):
    try:
        filterset, day, context = locate(request, DayStepForm(request.GET))
    except embeds.BadAddress as refused:
        return refuse(request, refused, "timeline/bad_request.html")
    query = request.GET
    return TemplateResponse(
        request,
        "timeline/map.html",
        {
            **context,
            "steps": day_steps(listed_days(request, filterset).counts, day, query),
            "active_filters": active_filters(filterset, query),
            "timeline_url": reverse("timeline:event_list") + address(query, day=None),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "embed": embeds.embed_code(request, embed_title(filterset, gettext("Map"))),
            "page_meta": structured_data.collection_page(
                request,
                title=gettext("Map"),
                description=gettext(
                    "Where each event of the story happened, as precisely as we know."
                ),
                trail=[(gettext("Map"), reverse("timeline:map"))],
                keep=[*filterset.filters, "day"],
            ),
        },
    )


def map_embed(request):
    """The map for a partner's page: the same filters, the drawing and its key, no script; as
    it stands, without the page's steps through the days."""
    try:
        filterset, day, context = locate(request)
    except embeds.BadAddress as refused:
        return refuse(request, refused, "embed/bad_request.html")
    return TemplateResponse(
        request,
        "embed/map.html",
        {
            **context,
            "title": embed_title(filterset, gettext("Map")),
            "page_url": reverse("timeline:map") + address(request.GET),
        },
    )


def refuse(request, refused, template):
    """The 400 that says what is wrong with the map's address."""
    context = {"problems": refused.args, "clear_url": request.path, "what": "map"}
    return TemplateResponse(request, template, context, status=400)


def locate(request, step=None):
    """(the filter set, the day stepped to, the drawing's context) of the map an address asks
    for, at the day of the DayStepForm ``step`` if given; raises BadAddress with the address's
    problems."""
    base = Event.objects.published()
    filterset = EventFilter(request.GET, queryset=base, request=request)
    problems = [*form_problems(filterset.form), *(form_problems(step) if step else [])]
    if problems:
        raise embeds.BadAddress(*problems)

    day = step.cleaned_data["day"] if step else None
    events = filterset.qs.order_by()
    new_since = None
    if day:
        events = events.filter(sorts_at__lt=day_start(day + datetime.timedelta(days=1)))
        new_since = day_start(day)
    if filterset.in_use or day:
        key = f"places{filterset.in_use!r}{day}"
        totals = remembered(request, key, lambda: place_counts(events))
    else:
        totals = story_summary(request).places
    places = [pk for pk, n in totals.items() if pk and n]
    shown = latest_at_each_place(events, places, filtered=bool(filterset.in_use))
    located = story_map(shown, totals=totals, new_since=new_since)
    located_places = {event.place_id for event in shown}
    timeline = reverse("timeline:event_list")
    # The timeline's list of a place's events up to the day shown, for the marks left out.
    until = min(filter(None, [day, filterset.form.cleaned_data.get("to")]), default=None)
    for place in [*located.places, *located.outside]:
        if place.more > 0:
            place.more_url = timeline + address(
                request.GET, place=place.place.slug, day=None, to=until
            )
    return (
        filterset,
        day,
        {
            "filter": filterset,
            "step": step,
            "day": day,
            "day_text": day_text(day) if day else "",
            "map": located,
            # Every place with coordinates and events has some of them shown.
            "unmapped": sum(n for pk, n in totals.items() if pk not in located_places),
        },
    )


def latest_at_each_place(events, places, *, filtered):
    """The latest EVENTS_PER_PLACE of ``events`` at each of ``places`` (pks) that has
    coordinates, their places selected, in one query.

    Unless ``filtered``, on PostgreSQL each place's events are read down the index of place and
    timeline order, newest first, to the last one shown: as long at 100,000 events as at 1,000.
    Otherwise one window ranks every event selected, in one pass over them like the one that
    counts them: read per place, PostgreSQL would search the filters' own index again for each.
    """
    located = events.filter(place__latitude__isnull=False)
    if connection.vendor == "postgresql" and not filtered:
        from django.contrib.postgres.expressions import ArraySubquery

        latest = events.filter(place=OuterRef("pk")).order_by("-sorts_at", "-pk")
        chosen = Place.objects.filter(pk__in=places, latitude__isnull=False).values(
            event=Func(
                ArraySubquery(latest.values("pk")[:EVENTS_PER_PLACE]),
                function="unnest",
                output_field=BigIntegerField(),
            )
        )
        shown = located.filter(pk__in=chosen)
    else:
        ranking = Window(
            RowNumber(), partition_by=F("place"), order_by=[F("sorts_at").desc(), F("pk").desc()]
        )
        shown = located.annotate(rank=ranking).filter(rank__lte=EVENTS_PER_PLACE)
    shown = shown.select_related("place").order_by("place", "-sorts_at", "-pk")
    return localize(with_translations(shown))


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

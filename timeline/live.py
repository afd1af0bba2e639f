"""The timeline's live mode: how many events went public since the reader's page was made.

The newest-first first page carries a marker: the latest publish time among the events it
lists (timeline.views.MarkedPaginator). static/js/live.js asks this endpoint, with that marker
and the page's own filters, how many published events matching them have a later publish time.

New is counted by the publish time, not by the event's date: an event published today may have
happened last week, and a scheduled event goes public when its time comes, without any save.
An event unpublished and later republished keeps its first publish time, so it is not new here.
"""

import datetime

from django.db.models import Count, Max
from django.http import JsonResponse
from django.utils.dateparse import parse_datetime

from .filters import EventFilter
from .models import Event
from .summary import story_summary
from .views import form_problems


def new_events(request):
    """{"count": published events after `since` under the same filters, "since": new marker}."""
    problems = []
    since = request.GET.get("since")
    try:
        moment = marker_time(since)
    except ValueError as problem:
        problems.append(f"Since: {problem}")
    filterset = EventFilter(request.GET, queryset=Event.objects.published(), request=request)
    problems += form_problems(filterset.form)
    if problems:
        return JsonResponse({"error": "Bad query", "problems": problems}, status=400)
    if moment or filterset.in_use:
        # Read down the publish time's index from the marker: as many rows as are new.
        events = filterset.qs.order_by()
        if moment:
            events = events.filter(publish_at__gt=moment)
        found = events.aggregate(count=Count("pk"), latest=Max("publish_at"))
        count, latest = found["count"], found["latest"]
    else:
        # Every published event is new to a page that listed none: the summary has them.
        summary = story_summary(request)
        count, latest = summary.days.total, summary.days.latest
    return JsonResponse({"count": count, "since": latest.isoformat() if latest else since})


def marker_time(since):
    """The moment a marker names; None for the empty marker of a page that listed no event."""
    if since is None:
        raise ValueError("missing; give the marker the timeline page carries.")
    if since == "":
        return None
    wrong = ValueError(
        f"“{since}” is not a marker: that is a date and time with its offset, "
        "such as 2024-08-06T05:30:00+00:00."
    )
    try:
        moment = parse_datetime(since)
        # A marker names one instant, so it carries its offset; one far out of range could not
        # be compared with a publish time at all.
        if moment is None or moment.utcoffset() is None:
            raise wrong
        return moment.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        raise wrong from None

"""The published events either side of an event in each of its storylines, in two queries."""

from django.db.models import F, RowRange, Window
from django.db.models.functions import FirstValue, Lag, Lead

from .models import CHRONOLOGICAL, Event


def storyline_neighbours(event):
    """[(storyline, previous event or None, next event or None)] for each storyline of the event.

    Reads the event's prefetched storylines. Neighbours come only from published events; the
    window runs over published events alone, so an unpublished one is skipped, not shown.
    """
    storylines = list(event.storylines.all())
    if not storylines:
        return []
    Membership = Event.storylines.through
    order = [
        F(f"event__{field.lstrip('-')}").desc() if field.startswith("-") else F(f"event__{field}")
        for field in CHRONOLOGICAL
    ]
    window = {"partition_by": [F("storyline_id")], "order_by": order}
    rows = (
        Membership.objects.filter(
            storyline__in=storylines, event__in=Event.objects.published().values("pk")
        )
        .annotate(
            previous_id=Window(Lag("event_id"), **window),
            next_id=Window(Lead("event_id"), **window),
            # The row's own event, as a window value: filtering on it keeps the window whole,
            # where a plain filter on event_id would run first and leave no neighbours.
            own_id=Window(FirstValue("event_id"), frame=RowRange(0, 0), **window),
        )
        .filter(own_id=event.pk)
        .values_list("storyline_id", "previous_id", "next_id")
    )
    around = {storyline: (previous, following) for storyline, previous, following in rows}
    ids = {pk for pair in around.values() for pk in pair if pk is not None}
    found = Event.objects.published().in_bulk(ids) if ids else {}
    return [
        (storyline, *(found.get(pk) for pk in around.get(storyline.pk, (None, None))))
        for storyline in storylines
    ]

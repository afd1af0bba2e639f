"""The published events either side of an event in each of its storylines, in two queries."""

from django.db.models import OuterRef, Q, Subquery

from newsroom.translations.overlay import with_translations

from .models import CHRONOLOGICAL, Event, Storyline


def storyline_neighbours(event, language="en"):
    """[(storyline, previous event or None, next event or None)] for each storyline of the event.

    Reads the event's prefetched storylines. One query finds, per storyline, the nearest
    published event on each side (each a LIMIT 1 down the timeline order, so the cost does not
    grow with the story); a second fetches those events.
    """
    storylines = list(event.storylines.all())
    if not storylines:
        return []
    same_instant = Q(sorts_at=event.sorts_at)
    earlier = (
        Q(sorts_at__lt=event.sorts_at)
        | same_instant & Q(precision__gt=event.precision)
        | same_instant & Q(precision=event.precision, pk__lt=event.pk)
    )
    later = (
        Q(sorts_at__gt=event.sorts_at)
        | same_instant & Q(precision__lt=event.precision)
        | same_instant & Q(precision=event.precision, pk__gt=event.pk)
    )
    in_line = Event.objects.published().filter(storylines=OuterRef("pk"))
    # The plain bound on sorts_at lets the database walk its index outwards from the event.
    nearest_before = (
        in_line.filter(earlier, sorts_at__lte=event.sorts_at)
        .order_by(*reversed_order())
        .values("pk")[:1]
    )
    nearest_after = (
        in_line.filter(later, sorts_at__gte=event.sorts_at)
        .order_by(*CHRONOLOGICAL)
        .values("pk")[:1]
    )
    around = {
        pk: (previous, following)
        for pk, previous, following in Storyline.objects.filter(pk__in=[s.pk for s in storylines])
        .annotate(previous_id=Subquery(nearest_before), next_id=Subquery(nearest_after))
        .values_list("pk", "previous_id", "next_id")
    }
    ids = {pk for pair in around.values() for pk in pair if pk is not None}
    found = with_translations(Event.objects.published(), language).in_bulk(ids) if ids else {}
    return [
        (storyline, *(found.get(pk) for pk in around.get(storyline.pk, (None, None))))
        for storyline in storylines
    ]


def reversed_order():
    return [field[1:] if field.startswith("-") else f"-{field}" for field in CHRONOLOGICAL]

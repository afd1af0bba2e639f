"""What each event is filed under (its storylines, the sources it cites and their parties), kept
on the event itself as a list such as ``["party:2", "source:7", "storyline:3"]``.

The timeline's filters ask for events filed under several of these at once. Asked through the
link tables, PostgreSQL reads every link of each one (tens of thousands at 100,000 events) to
find the few events that have them all; asked of this list, it intersects them in one GIN index
(migration 0009). SQLite keeps asking the link tables (timeline/filters.py).

The list is derived, never edited: the signals below renew it whenever a link is made or undone
through the ORM. Code that bulk-creates links sends no signal: it sets the list with
``facets_of()`` (imports, the synthetic story) or calls ``renew()`` (the demo).
"""

from itertools import batched

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from newsroom.sources.models import Citation, Source

from .models import Event, Storyline

Membership = Event.storylines.through
BATCH = 2000
# The kinds of facet, named as the timeline's filters that ask for them.
FACETS = ("storyline", "source", "party")


def facet(kind, pk):
    return f"{kind}:{pk}"


def facets_of(storylines, sources):
    """The facets of an event with these storylines, citing these sources (unsaved rows are
    fine: only their keys are read). For code that builds events in bulk."""
    names = {facet("storyline", storyline.pk) for storyline in storylines}
    for source in sources:
        names.add(facet("source", source.pk))
        if source.party_id is not None:
            names.add(facet("party", source.party_id))
    return sorted(names)


def renew(event_pks):
    """Recompute the facets of these events from their links: a few queries per 2,000 events.
    Sends no signal and leaves ``updated_at`` alone: a facet is no change a reader sees."""
    for chunk in batched(set(event_pks), BATCH, strict=False):
        found = {pk: set() for pk in chunk}
        for event, storyline in Membership.objects.filter(event__in=chunk).values_list(
            "event", "storyline"
        ):
            found[event].add(facet("storyline", storyline))
        cited = Citation.objects.filter(event__in=chunk).values_list(
            "event", "source", "source__party"
        )
        for event, source, party in cited:
            found[event].add(facet("source", source))
            if party is not None:
                found[event].add(facet("party", party))
        Event.objects.bulk_update(
            [Event(pk=pk, facets=sorted(names)) for pk, names in found.items()], ["facets"]
        )


def _citation_changed(sender, instance, **kwargs):
    renew([instance.event_id])


def _storyline_deleting(sender, instance, **kwargs):
    # Its links go with it, with no signal of their own (neither m2m_changed nor post_delete).
    instance._facet_events = list(instance.events.values_list("pk", flat=True))


def _storyline_deleted(sender, instance, **kwargs):
    renew(instance.__dict__.pop("_facet_events", []))


def _storylines_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        instance._facet_events = list(instance.events.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove"):
        renew(pk_set if reverse else [instance.pk])
    elif action == "post_clear":
        renew(instance.__dict__.pop("_facet_events", []) if reverse else [instance.pk])


def _source_saving(sender, instance, raw=False, **kwargs):
    if instance.pk and not raw:
        instance._party_before = (
            Source.objects.filter(pk=instance.pk).values_list("party", flat=True).first()
        )


def _source_saved(sender, instance, created, raw=False, **kwargs):
    before = instance.__dict__.pop("_party_before", None)
    if not created and not raw and before != instance.party_id:
        renew(Citation.objects.filter(source=instance).values_list("event", flat=True))


post_save.connect(_citation_changed, sender=Citation, dispatch_uid="timeline.facets.citation")
post_delete.connect(_citation_changed, sender=Citation, dispatch_uid="timeline.facets.uncited")
pre_delete.connect(_storyline_deleting, sender=Storyline, dispatch_uid="timeline.facets.unfiling")
post_delete.connect(_storyline_deleted, sender=Storyline, dispatch_uid="timeline.facets.unfiled")
m2m_changed.connect(_storylines_changed, sender=Membership, dispatch_uid="timeline.facets.m2m")
pre_save.connect(_source_saving, sender=Source, dispatch_uid="timeline.facets.source_before")
post_save.connect(_source_saved, sender=Source, dispatch_uid="timeline.facets.source")

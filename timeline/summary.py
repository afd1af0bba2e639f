"""The story-wide figures readers' pages show, read in one query at any size of story.

Totals, per-day counts, storylines' spans, the filters' values in use, how many published events
cite each source and when those last changed, how many happened at each place, and what the API
says of each storyline, place and source (its events, and when they last went public or were
corrected), all read every published event: at 100,000 events, seconds a page. They are built
once into the ``StorySummary`` row and reused until a write readers can see advances its
revision (``newsroom.caching``) or the next scheduled item or correction dated ahead comes
public (``valid_until``: no save marks that moment, so the summary knows it in advance). The
first request after either rebuilds it; every other reads one row.
"""

import copy
import dataclasses
import datetime

from django.db.models import Count, F, Max, Min, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from newsroom.languages import ORIGINAL, TRANSLATED, content_language
from newsroom.publishing import PUBLIC_STATUSES
from newsroom.translations.overlay import localize

from .dates import PartialDate
from .models import Event, EventCorrection, Storyline, StorySummary
from .strip import Days, day_counts

ROW = 1  # the summary's one row
# Changed with the figures' layout, so a release never reads figures an older one built.
SHAPE = 6
# When an event first went public: an event published before that was recorded has only its
# publish time.
FIRST_PUBLISHED = Coalesce("first_published_at", "publish_at")
# How each of the API's collections is reached from an event.
USED_THROUGH = {"storyline": "storylines", "place": "place", "source": "citations__source"}


@dataclasses.dataclass(frozen=True)
class Use:
    """What published events make of a storyline, place or source: how many use it, and when
    the newest of them went public and when the newest of their public corrections did."""

    events: int
    published_at: datetime.datetime
    corrected_at: datetime.datetime | None


@dataclasses.dataclass(frozen=True)
class Summary:
    days: Days  # of every published event: their number, days, coverage and latest publish
    storylines: list  # Storyline objects with event_count, first_date and last_date
    choices: dict  # {filter: [(value, label)]} in use by published events
    facets: dict  # {filter: {value: facet}} of the filters that ask for facets
    cited_changed: dict  # {source pk: last save or publish time of any of those events}
    places: dict  # {place pk, or None: published events there (None: with no place)}
    uses: dict  # {"storyline", "place" or "source": {its pk: Use}} of those in use


def story_summary(request=None):
    """The summary as of now: read once per request, rebuilt first if it no longer holds."""
    kept = getattr(request, "_story_summary", None)
    if kept is not None:
        return kept
    now = timezone.now()
    # With the row, the latest publish time that has passed, down its index: an item published
    # by a bulk update that moved no revision still shows, like the page cache's fingerprint.
    latest = Event.objects.published(at=now).order_by("-publish_at").values("publish_at")[:1]
    rows = StorySummary.objects.annotate(latest_now=Subquery(latest))
    row = rows.filter(pk=ROW).first()
    if row is None:
        # bulk_create sends no signal: making the row is no write that readers see.
        StorySummary.objects.bulk_create([StorySummary(pk=ROW)], ignore_conflicts=True)
        row = rows.get(pk=ROW)
    if (
        not row.holds(now)
        or row.figures.get("shape") != SHAPE
        or row.figures["latest"] != moment_text(row.latest_now)
    ):
        row.figures, row.valid_until = build(now), next_change(now)
        # Kept only if no write came in the meantime; either way this request uses what it built.
        StorySummary.objects.filter(pk=ROW, revision=row.revision).update(
            built_for=row.revision, as_of=now, valid_until=row.valid_until, figures=row.figures
        )
    summary = read(row.figures)
    if request is not None:
        request._story_summary = summary
    return summary


def next_change(now):
    """The first moment after ``now`` at which something readers will see comes public on its
    own: a scheduled (or published, dated ahead) event or its correction dated ahead."""
    waiting = Event.objects.filter(status__in=PUBLIC_STATUSES, publish_at__gt=now)
    corrections = EventCorrection.objects.filter(
        published_at__gt=now, event__in=Event.objects.published(at=now)
    )
    moments = [
        waiting.aggregate(first=Min("publish_at"))["first"],
        corrections.aggregate(first=Min("published_at"))["first"],
    ]
    return min((moment for moment in moments if moment is not None), default=None)


def build(now):
    """Every figure, as JSON, from the events published at ``now``."""
    from .filters import used_choices

    published = Event.objects.published(at=now)
    days = day_counts(published)
    # From the events, so that they are joined to their citations once.
    cited = (
        published.filter(citations__isnull=False)
        .values(source=F("citations__source"))
        .annotate(
            events=Count("pk", distinct=True),
            # A published event has a publish time: no null for SQLite's GREATEST to return.
            changed=Max(Greatest("updated_at", "publish_at")),
            published=Max(FIRST_PUBLISHED),
        )
        .order_by()
    )
    places = (
        published.order_by().values_list("place").annotate(n=Count("pk"), at=Max(FIRST_PUBLISHED))
    )
    choices, facets, translated_choices = used_choices(published)
    return {
        "shape": SHAPE,
        "days": {day.isoformat(): count for day, count in days.counts.items()},
        "undated": days.undated,
        "coverage": [moment_text(moment) for moment in days.coverage] if days.coverage else None,
        "latest": moment_text(days.latest),
        "storylines": storyline_spans(published),
        "choices": choices,
        "translated_choices": translated_choices,
        "facets": facets,
        "cited": {
            str(row["source"]): [
                row["events"],
                moment_text(row["changed"]),
                moment_text(row["published"]),
            ]
            for row in cited
        },
        "places": [[place, n, moment_text(at)] for place, n, at in places],
        "corrected": corrected(published, now),
    }


def corrected(published, now):
    """{"storyline", "place" or "source": {its pk: when the newest public correction of one of
    its published events went public}}: corrections are few, so three short queries."""
    public = EventCorrection.objects.filter(published_at__lte=now, event__in=published)
    found = {}
    for name, path in USED_THROUGH.items():
        newest = (
            public.filter(**{f"event__{path}__isnull": False})
            .order_by()
            .values_list(f"event__{path}")
            .annotate(Max("published_at"))
        )
        found[name] = {str(pk): moment_text(at) for pk, at in newest}
    return found


def place_counts(events):
    """{place pk, or None: how many of ``events`` happened there}, in one query."""
    rows = events.order_by().values_list("place").annotate(n=Count("pk"))
    return dict(rows)


def storyline_spans(published):
    """[{storyline's fields, count, first and last date}] of every storyline with a published
    event, in the storylines' order, in three queries: one pass over the links for the counts
    and the sort instants at each end, the storylines, and the few events at those instants."""
    links = Event.storylines.through.objects.filter(event__in=published)
    ends = {
        row["storyline"]: row
        for row in links.values("storyline").annotate(
            count=Count("event"),
            first=Min("event__sorts_at"),
            last=Max("event__sorts_at"),
            published=Max(Coalesce("event__first_published_at", "event__publish_at")),
        )
    }
    at_ends = Q(pk__in=[])
    for storyline, row in ends.items():
        at_ends |= Q(storyline=storyline, event__sorts_at__in=[row["first"], row["last"]])
    candidates = {}
    for link in links.filter(at_ends).select_related("event"):
        candidates.setdefault(link.storyline_id, []).append(link.event)
    spans = []
    storylines = list(Storyline.objects.filter(pk__in=ends))
    translated = translated_texts(storylines)
    for storyline in storylines:
        events = sorted(candidates[storyline.pk], key=timeline_order)
        first, last = events[0], events[-1]
        spans.append(
            {
                "pk": storyline.pk,
                "title": storyline.title,
                "slug": storyline.slug,
                "summary": storyline.summary,
                "colour": storyline.colour,
                "position": storyline.position,
                "translations": translated[storyline.pk],
                "count": ends[storyline.pk]["count"],
                "published": moment_text(ends[storyline.pk]["published"]),
                "first": dataclasses.asdict(first.start),
                "last": dataclasses.asdict(last.end or last.start),
            }
        )
    return spans


def translated_texts(storylines):
    """{storyline pk: {language: {"title", "summary"}}} of the translations readers may see."""
    texts = {storyline.pk: {} for storyline in storylines}
    for language in TRANSLATED:
        copies = localize([copy.copy(storyline) for storyline in storylines], language)
        for shown in copies:
            if shown.shown_language == language:
                texts[shown.pk][language] = {"title": shown.title, "summary": shown.summary}
    return texts


def timeline_order(event):
    """CHRONOLOGICAL, in Python: by sort instant, the more precise first, then by id."""
    return (event.sorts_at, -event.precision, event.pk)


def read(figures, language=None):
    """The summary's figures as objects, named in ``language`` (the active one by default)."""
    language = content_language(language)

    def storyline(span):
        fields = {name: span[name] for name in ("pk", "title", "slug", "summary", "colour")}
        translated = span["translations"].get(language)
        row = Storyline(position=span["position"], **{**fields, **(translated or {})})
        if language != ORIGINAL:
            row.shown_language = language if translated else ORIGINAL
        row.event_count = span["count"]
        row.first_date, row.last_date = PartialDate(**span["first"]), PartialDate(**span["last"])
        return row

    coverage, cited, corrections = figures["coverage"], figures["cited"], figures["corrected"]

    def uses(name, counted):
        return {
            int(pk): Use(n, parse_moment(at), parse_moment(corrections[name].get(str(pk))))
            for pk, n, at in counted
        }

    choices = figures["translated_choices"].get(language, figures["choices"])
    days = Days(
        counts={datetime.date.fromisoformat(day): n for day, n in figures["days"].items()},
        undated=figures["undated"],
        coverage=tuple(parse_moment(moment) for moment in coverage) if coverage else None,
        latest=parse_moment(figures["latest"]),
    )
    return Summary(
        days=days,
        storylines=[storyline(span) for span in figures["storylines"]],
        choices={name: [tuple(pair) for pair in pairs] for name, pairs in choices.items()},
        cited_changed={int(pk): parse_moment(moment) for pk, (_, moment, _) in cited.items()},
        facets=figures["facets"],
        places={place: n for place, n, _ in figures["places"]},
        uses={
            "storyline": uses(
                "storyline", [(s["pk"], s["count"], s["published"]) for s in figures["storylines"]]
            ),
            "place": uses("place", [row for row in figures["places"] if row[0] is not None]),
            "source": uses("source", [(pk, n, at) for pk, (n, _, at) in cited.items()]),
        },
    )


def moment_text(moment):
    return moment.isoformat() if moment else None


def parse_moment(text):
    return parse_datetime(text) if text else None

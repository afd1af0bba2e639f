"""The strip above the timeline: how many events fell on each day, as SVG bars drawn server-side."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from .dates import calendar_text
from .models import EventCorrection

BAR_WIDTH = 10  # in the SVG's own units; the picture scales to the width it is given
BAR_GAP = 2
MIN_DAYS = 30  # a story of a few days still draws thin bars, not one block across the page
HEIGHT = 60


def day_text(day):
    """A calendar day in the timeline's words, e.g. '6 August 2024'."""
    return calendar_text(day.year, day.month, day.day)


@dataclass(frozen=True)
class Bar:
    day: datetime.date
    count: int
    x: int
    y: int
    height: int
    href: str
    label: str  # its accessible name, e.g. '6 August 2024: 3 events'


@dataclass(frozen=True)
class Strip:
    bars: list
    first: datetime.date
    last: datetime.date
    undated: int  # events known only to a month or a year, which no day can hold
    width: int
    height: int = HEIGHT

    def svg_bars(self):
        """Every bar as an SVG link with its accessible name, as one string: a long story has
        hundreds of bars, so each is one f-string with its two texts escaped (a template loop
        over them, then format_html_join, were the slowest parts of the page)."""
        width = BAR_WIDTH - BAR_GAP
        return mark_safe(
            "\n".join(
                f'<a href="{escape(bar.href)}"><title>{escape(bar.label)}</title>'
                f'<rect x="{bar.x}" y="{bar.y}" width="{width}" height="{bar.height}"/></a>'
                for bar in self.bars
            )
        )


@dataclass(frozen=True)
class Days:
    """What the listed events add up to, from one pass over them (``day_counts``)."""

    counts: dict  # {day: number of events}
    undated: int  # events with no day
    coverage: tuple | None  # (first published, last changed), or None when there are none
    latest: datetime.datetime | None  # the latest publish time, where the live mode starts

    @property
    def total(self):
        return sum(self.counts.values()) + self.undated


def day_counts(events):
    """The Days of ``events``, in one query.

    A day is the one the event's date names, in the zone it happened in, never shifted. The
    coverage is when our reporting of the events began and the latest change readers were told
    of, a publication or a public correction (``Publishable.updated_time``): the timeline's
    structured data gives these. Summed here with the counts, they and the paginator's count
    and marker cost the page no query of their own.
    """
    published = Coalesce("first_published_at", "publish_at")
    # The newest public correction of any of the events, read down the corrections' dates,
    # each one's event looked up by its key. Joined to the corrections instead, the events had
    # to be counted distinct, which sorted every one of them.
    newest_correction = (
        EventCorrection.objects.public()
        .filter(Exists(events.filter(pk=OuterRef("event"))))
        .order_by("-published_at")
        .values("published_at")[:1]
    )
    rows = (
        events.order_by()
        .values_list("start_year", "start_month", "start_day")
        .annotate(
            count=Count("pk"),
            first=Min(published),
            last=Max(published),
            corrected=Subquery(newest_correction),
            latest=Max("publish_at"),
        )
    )
    counts, undated, firsts, lasts, latest = {}, 0, [], [], []
    for year, month, day, count, first, last, corrected, published_at in rows:
        firsts.append(first)
        lasts += [last, corrected or last]
        latest.append(published_at)
        if day is None:
            undated += count
        else:
            counts[datetime.date(year, month, day)] = count
    coverage = (min(firsts), max(lasts)) if firsts else None
    return Days(counts, undated, coverage, max(latest, default=None))


def day_strip(counts, undated, link):
    """A Strip of the per-day counts, or None when no event has a day; ``link`` turns a day into
    the address its bar points to."""
    if not counts:
        return None
    first, last = min(counts), max(counts)
    tallest = max(counts.values())
    bars = []
    words = {}  # the label's words for each count, asked of gettext once: many days share one
    for day, count in sorted(counts.items()):
        height = max(2, round(HEIGHT * count / tallest))
        x = (day - first).days * BAR_WIDTH
        if count not in words:
            words[count] = ngettext("%(day)s: %(count)s event", "%(day)s: %(count)s events", count)
        label = words[count] % {"day": day_text(day), "count": count}
        bars.append(Bar(day, count, x, HEIGHT - height, height, link(day.isoformat()), label))
    width = max((last - first).days + 1, MIN_DAYS) * BAR_WIDTH
    return Strip(bars, first, last, undated, width)

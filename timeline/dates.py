"""Dates known only to a precision (docs/design.md, rule 1), in one place.

An event's date is stored as its parts (year, month, day, hour, minute) with the unknown parts
left empty, so a month-precision event has no day to show, shift or invent. Only an hour or minute
carries a time zone: the wall-clock time is recorded in the zone where it happened and shown with
that zone's name ("14:20 Kyiv time"). Date-only values never pass through a time zone, so they read
the same whatever ``TIME_ZONE`` is.

Ordering across precisions: a date sorts at the end of the period it names. "August 2024" is
"some time in August", so it comes after everything dated more precisely within August (including
"6 August", which it may well follow), and before September. Among items ending together, the more
precise comes first.
"""

import calendar
import datetime
import zoneinfo
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils.dates import MONTHS

PARTS = ("year", "month", "day", "hour", "minute")
LIMITS = {"year": (1, 9999), "month": (1, 12), "day": (1, 31), "hour": (0, 23), "minute": (0, 59)}


class Precision(models.IntegerChoices):
    YEAR = 1, "year"
    MONTH = 2, "month"
    DAY = 3, "day"
    HOUR = 4, "hour"
    MINUTE = 5, "minute"


def zone_label(key):
    """'Europe/Kyiv' -> 'Kyiv time'; 'UTC' stays 'UTC'."""
    if key.upper() in {"UTC", "ETC/UTC"}:
        return "UTC"
    return key.rsplit("/", 1)[-1].replace("_", " ") + " time"


def date_errors(*, year, month=None, day=None, hour=None, minute=None, time_zone="UTC"):
    """Return {part: message} for parts that cannot make a date; empty when they can."""
    parts = {"year": year, "month": month, "day": day, "hour": hour, "minute": minute}
    if year is None:
        return {"year": "A date needs at least a year."}
    errors = {}
    for name, value in parts.items():
        low, high = LIMITS[name]
        if value is not None and not low <= value <= high:
            errors[name] = f"The {name} must be between {low} and {high}."
    for coarser, finer in zip(PARTS, PARTS[1:], strict=False):
        if parts[coarser] is None and parts[finer] is not None:
            errors[finer] = f"A {finer} needs the {coarser}: fill the date in from the year down."
    if not errors and day is not None:
        last = calendar.monthrange(year, month)[1]
        if day > last:
            errors["day"] = f"{MONTHS[month]} {year} has only {last} days."
    # Checked even for a date alone: the zone still places the date among timed events.
    try:
        zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        errors["time_zone"] = f"“{time_zone}” is not a known time zone, e.g. Europe/Kyiv."
    return errors


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    time_zone: str = "Europe/Kyiv"

    def __post_init__(self):
        errors = date_errors(**{name: getattr(self, name) for name in (*PARTS, "time_zone")})
        if errors:
            raise ValueError(" ".join(errors.values()))

    @property
    def precision(self):
        known = sum(getattr(self, name) is not None for name in PARTS)
        return Precision(known)

    @property
    def has_time(self):
        return self.precision >= Precision.HOUR

    def _start(self):
        """The first instant of the period, aware, in the event's zone."""
        return datetime.datetime(
            self.year,
            self.month or 1,
            self.day or 1,
            self.hour or 0,
            self.minute or 0,
            tzinfo=zoneinfo.ZoneInfo(self.time_zone),
        )

    def period_end(self):
        """The last instant of the period this date names, aware (used for ordering only)."""
        start = self._start()
        match self.precision:
            case Precision.YEAR:
                following = start.replace(year=self.year + 1) if self.year < 9999 else None
            case Precision.MONTH:
                following = (
                    start.replace(month=self.month + 1)
                    if self.month < 12
                    else start.replace(year=self.year + 1, month=1)
                    if self.year < 9999
                    else None
                )
            case Precision.DAY:
                following = start + datetime.timedelta(days=1)
            case Precision.HOUR:
                following = start + datetime.timedelta(hours=1)
            case _:
                following = start + datetime.timedelta(minutes=1)
        if following is None:
            return datetime.datetime.max.replace(tzinfo=datetime.UTC)
        return following - datetime.timedelta(microseconds=1)

    def isoformat(self):
        """For ``<time datetime>``: '2024', '2024-08', '2024-08-06', or a time with its offset."""
        if self.precision == Precision.YEAR:
            return f"{self.year:04d}"
        if self.precision == Precision.MONTH:
            return f"{self.year:04d}-{self.month:02d}"
        if self.precision == Precision.DAY:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return self._start().isoformat(timespec="minutes")

    def date_text(self):
        """The calendar part only: '2024', 'August 2024' or '6 August 2024'."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS[self.month]} {self.year}"
        return f"{self.day} {MONTHS[self.month]} {self.year}"

    def time_text(self):
        """'14:20', or '14:00–15:00' when only the hour is known; '' for a date only."""
        if self.hour is None:
            return ""
        if self.minute is None:
            return f"{self.hour:02d}:00–{(self.hour + 1) % 24:02d}:00"
        return f"{self.hour:02d}:{self.minute:02d}"

    def __str__(self):
        if not self.has_time:
            return self.date_text()
        return f"{self.date_text()}, {self.time_text()} {zone_label(self.time_zone)}"


def format_span(start, end=None, *, approximate=False):
    """The one way a date, or a date range, is written for readers.

    '6 August 2024', 'c. August 2024', '6–8 August 2024', 'August–September 2024',
    '6 August 2024, 14:20–16:00 Kyiv time', otherwise 'start – end' in full.
    """
    text = _span_text(start, end)
    return f"c. {text}" if approximate else text


def _span_text(start, end):
    if end is None or end == start:
        return str(start)
    same_zone = start.time_zone == end.time_zone or not (start.has_time or end.has_time)
    if start.precision != end.precision or not same_zone:
        return f"{start} – {end}"
    precision = start.precision
    if precision == Precision.MONTH and start.year == end.year:
        return f"{MONTHS[start.month]}–{MONTHS[end.month]} {end.year}"
    if precision == Precision.DAY and start.year == end.year:
        if start.month == end.month:
            return f"{start.day}–{end.day} {MONTHS[end.month]} {end.year}"
        return f"{start.day} {MONTHS[start.month]} – {end.day} {MONTHS[end.month]} {end.year}"
    if precision == Precision.MINUTE and start.date_text() == end.date_text():
        times = f"{start.time_text()}–{end.time_text()}"
        return f"{start.date_text()}, {times} {zone_label(end.time_zone)}"
    return f"{start} – {end}"


def partial_date_constraints(prefix, *, label, required):
    """Database checks that a date stored as ``<prefix>_year`` to ``<prefix>_minute`` is sound.

    Each part stays within its range, and parts fill from the year down with no gaps, so the
    precision can always be read off the parts. (Days past a month's end are caught in ``clean``.)
    """
    field = {name: f"{prefix}_{name}" for name in PARTS}
    checks = []
    for name, (low, high) in LIMITS.items():
        in_range = Q(**{f"{field[name]}__gte": low, f"{field[name]}__lte": high})
        if name != "year" or not required:
            in_range |= Q(**{f"{field[name]}__isnull": True})
        checks.append((f"{prefix}_{name}_range", in_range))
    for coarser, finer in zip(PARTS, PARTS[1:], strict=False):
        checks.append(
            (
                f"{prefix}_{finer}_needs_{coarser}",
                Q(**{f"{field[coarser]}__isnull": False}) | Q(**{f"{field[finer]}__isnull": True}),
            )
        )
    return [
        models.CheckConstraint(
            condition=condition,
            name=f"%(app_label)s_%(class)s_{name}",
            violation_error_message=f"The {label} is not a well-formed date.",
        )
        for name, condition in checks
    ]


def begins_by(prefix, day):
    """A query for dates stored as ``<prefix>_year`` to ``<prefix>_day`` whose period begins on
    or before the given day: "August 2024" begins by 20 August 2024, "21 August" does not."""
    return _period_day(prefix, "lte", day)


def lasts_until(prefix, day):
    """A query for such dates whose period ends on or after the given day: "August 2024" lasts
    until 20 August 2024, "19 August" does not."""
    return _period_day(prefix, "gte", day)


def _period_day(prefix, lookup, day):
    """Some day of the period compares to the given day by ``lookup`` (lte or gte). Read in the
    date's own calendar, as its heading reads, so no time zone or date arithmetic is involved."""
    strictly = {"lte": "lt", "gte": "gt"}[lookup]
    year, month, day_field = (f"{prefix}_{name}" for name in ("year", "month", "day"))
    within_month = Q(**{f"{day_field}__isnull": True}) | Q(**{f"{day_field}__{lookup}": day.day})
    within_year = (
        Q(**{f"{month}__isnull": True})
        | Q(**{f"{month}__{strictly}": day.month})
        | (Q(**{month: day.month}) & within_month)
    )
    return Q(**{f"{year}__{strictly}": day.year}) | (Q(**{year: day.year}) & within_year)

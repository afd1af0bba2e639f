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
import re
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


# Reading a date as an editor types it: the inverse of the formatter above. Every text
# format_span() writes reads back to the same parts, except one it writes alike for two dates:
# "14:00–15:00" is the hour from 14:00, never a range from 14:00 to 15:00.


class DateSyntaxError(ValueError):
    """What is wrong with a typed date, in words for the editor."""


@dataclass(frozen=True)
class Span:
    """A start, an optional end, and whether the whole is approximate."""

    start: PartialDate
    end: PartialDate | None = None
    is_approximate: bool = False

    def __str__(self):
        return format_span(self.start, self.end, approximate=self.is_approximate)


APPROXIMATE = re.compile(
    r"^(?:(?:c|ca|approx)\.|(?:c|ca|circa|about|around|approx|approximately)\b|~)\s*", re.I
)
APPROXIMATE_WORDS = {"c", "ca", "circa", "about", "around", "approx", "approximately"}
# Words that may sit in a date without changing it: "on 6 August 2024 at 14:20".
FILLERS = {"at", "on", "in", "of", "the"}
# Tried in order at each place in the text; the first that matches is the token there.
_PATTERNS = [
    ("space", r"[\s,]+"),
    (
        "iso",
        r"(?P<year>\d{4})-(?P<month>\d\d)"
        r"(?:-(?P<day>\d\d)(?:t(?P<hour>\d\d)(?::(?P<minute>\d\d))?)?)?(?![\d:])",
    ),
    ("numeric", r"\d{1,4}[./]\d{1,2}[./]\d{1,4}"),
    ("time", r"(?P<hour>\d{1,2}):(?P<minute>\d\d)(?:\s*(?P<meridiem>[ap])\.?m\b\.?)?"),
    ("time", r"(?P<hour>\d{1,2})h(?P<minute>\d\d)?(?!\w)"),
    ("time", r"(?P<hour>\d{1,2})\s*(?P<meridiem>[ap])\.?m\b\.?"),
    ("number", r"(?P<number>\d+)(?:st|nd|rd|th)?"),
    ("dash", r"[-–—]|(?:to|until|till)\b"),
    ("word", r"(?P<word>[^\W\d_]+)\.?"),
]
SCANNER = [(kind, re.compile(pattern, re.I)) for kind, pattern in _PATTERNS]
DATE_PARTS = ("year", "month", "day")


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    groups: dict
    spaced: bool = False


def parse_span(*, text, time_zone):
    """Read what an editor typed for an event's start: one date, or a range with its end.

    '2024', 'Aug 2024', '6 August 2024 14:20', '2024-08-06T14:20', 'c. August 2024',
    '6–7 Aug 2024'. Raises DateSyntaxError saying what is wrong.
    """
    is_approximate, tokens = _prepare(text, time_zone)
    start, end = _read(tokens)
    start = _finish(start, time_zone)
    end = None if end is None else _finish(end, time_zone)
    _check_order(start, end)
    return Span(start=start, end=end, is_approximate=is_approximate)


def parse_end(*, text, time_zone, start):
    """Read what an editor typed for the end of an event that begins at ``start``.

    One date; a time alone ('16:00') is on the start's day.
    """
    is_approximate, tokens = _prepare(text, time_zone)
    parts, extra = _read(tokens)
    if extra is not None:
        raise DateSyntaxError("The end is one date: type a range in the start box.")
    if _time_only(parts) and start is not None and start.day is not None:
        parts.update(year=start.year, month=start.month, day=start.day)
    end = _finish(parts, time_zone)
    _check_order(start, end)
    return Span(start=start, end=end, is_approximate=is_approximate)


def typed_text(date):
    """A date as the desk's field shows it: the calendar part and any time, without the zone."""
    return f"{date.date_text()}, {date.time_text()}" if date.has_time else date.date_text()


def _prepare(text, time_zone):
    text = " ".join(text.split())
    if not text:
        raise DateSyntaxError("Type a date, e.g. 6 August 2024.")
    if len(text) > 100:
        raise DateSyntaxError("That is too long for a date.")
    approximate = APPROXIMATE.match(text)
    if approximate:
        text = text[approximate.end() :]
    # The zone is chosen beside the date; its name may be typed ("14:20 Kyiv time"), no other.
    label = zone_label(time_zone)
    text = re.sub(rf"\b{re.escape(label)}\b", " ", text, flags=re.I).strip()
    if re.search(r"\b(?:time|utc|gmt)\b", text, re.I):
        raise DateSyntaxError(
            f"Times are in the zone chosen below ({label}): choose another zone there."
        )
    return bool(approximate), _scan(text)


def _scan(text):
    tokens, at = [], 0
    while at < len(text):
        kind, found = _token_at(text, at)
        if kind == "numeric":
            raise DateSyntaxError(
                f"“{found[0]}” can be read two ways: write the month as a word "
                "(6 August 2024), or the date as 2024-08-06."
            )
        if kind == "word" and found["word"].lower() in FILLERS:
            kind = "space"
        if kind != "space":
            spaced = kind == "dash" and (
                found[0].isalpha()
                or (text[at - 1 : at].isspace() and text[found.end() :][:1].isspace())
            )
            groups = {k: v for k, v in found.groupdict().items() if v is not None}
            tokens.append(_Token(kind, found[0], groups, spaced))
        at = found.end()
    return tokens


def _token_at(text, at):
    for kind, pattern in SCANNER:
        if found := pattern.match(text, at):
            return kind, found
    shown = f"“{text[at]}”" if text[at].isprintable() else "A control character"
    raise DateSyntaxError(f"{shown} has no place in a date.")


def _read(tokens):
    """The parts of the start, and of the end when the tokens hold a range."""
    dashes = [i for i, token in enumerate(tokens) if token.kind == "dash"]
    spaced = [i for i in dashes if tokens[i].spaced]
    if len(spaced) > 1 or (not spaced and len(dashes) > 1):
        raise DateSyntaxError("A range has one dash, between its start and its end.")
    if not dashes:
        return _parts(tokens), None
    cut = (spaced or dashes)[0]
    before, after = tokens[:cut], tokens[cut + 1 :]
    if not before or not after:
        raise DateSyntaxError("A range needs a date on each side of the dash.")
    # Either side of a spaced dash may be an hour written as a window: "14:00–15:00".
    start, end = (_one(side) if spaced else _parts(side) for side in (before, after))
    end_is_time = _time_only(end)
    if end_is_time:
        if start["day"] is None:
            raise DateSyntaxError("A time needs a day, e.g. 6 August 2024, 14:00–16:00.")
        end.update({name: start[name] for name in DATE_PARTS})
    # A start may leave out what its end says: "6–7 August 2024", "August–September 2024".
    if start["year"] is None:
        start["year"] = end["year"]
        if start["month"] is None and start["day"] is not None:
            start["month"] = end["month"]
    if end_is_time and _is_hour_window(start, end):
        return {**start, "minute": None}, None
    return start, end


def _one(tokens):
    start, end = _read(tokens)
    if end is not None:
        raise DateSyntaxError("A range has one dash, between its start and its end.")
    return start


def _is_hour_window(start, end):
    return start["minute"] == 0 and end["minute"] == 0 and end["hour"] == (start["hour"] + 1) % 24


def _time_only(parts):
    return parts["hour"] is not None and all(parts[name] is None for name in DATE_PARTS)


def _parts(tokens):
    """The parts one date's tokens give, each at most once."""
    parts, said = dict.fromkeys(PARTS), {}

    def put(token, **values):
        for name in values:
            if name in said:
                what = "time" if name in ("hour", "minute") else name
                hint = " (a time is written 14:20)" if what == "day" else ""
                raise DateSyntaxError(
                    f"“{said[name]}” and “{token.text}” cannot both be the {what}{hint}."
                )
            said[name] = token.text
        parts.update(values)

    for token in tokens:
        values = {name: int(value) for name, value in token.groups.items() if name in PARTS}
        if token.kind == "iso":
            put(token, **values)
        elif token.kind == "time":
            put(token, **_clock(token, values))
        elif token.kind == "number":
            number = token.groups["number"]
            put(token, **{"year" if len(number) >= 3 else "day": int(number)})
        else:
            put(token, month=_month(token.groups["word"]))
    return parts


def _clock(token, values):
    hour, minute = values["hour"], values.get("minute")
    if meridiem := token.groups.get("meridiem"):
        if not 1 <= hour <= 12:
            raise DateSyntaxError(f"“{token.text}” is not a time of day.")
        hour = hour % 12 + (12 if meridiem.lower() == "p" else 0)
    if hour > 23 or (minute or 0) > 59:
        raise DateSyntaxError(f"“{token.text}” is not a time of day.")
    return {"hour": hour, "minute": minute}


def _month(word):
    if word.lower() in APPROXIMATE_WORDS:
        raise DateSyntaxError("Put “c.” at the start: it makes the whole date approximate.")
    if len(word) >= 3:
        for number in range(1, 13):
            if str(MONTHS[number]).lower().startswith(word.lower()):
                return number
    raise DateSyntaxError(f"“{word}” is not a month.")


def _finish(parts, time_zone):
    """A PartialDate from parts read, or what keeps them from making one."""
    year, month, day = parts["year"], parts["month"], parts["day"]
    if day is not None and month is None:
        raise DateSyntaxError(f"Give the month of day {day} as a word, e.g. {day} August 2024.")
    if parts["hour"] is not None and day is None:
        raise DateSyntaxError("A time needs a day, e.g. 6 August 2024, 14:20.")
    if year is None:
        example = f"{MONTHS[month]} 2024" if month else "2024"
        raise DateSyntaxError(f"A date needs a year, e.g. {example}.")
    if not 1 <= year <= 9999:
        raise DateSyntaxError(f"There is no year {year}: years run from 1 to 9999.")
    if month is not None and not 1 <= month <= 12:
        raise DateSyntaxError(f"There is no month {month}: months run from 01 to 12.")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        # In some year, at least: 29 February is only missing from most.
        in_year = f" in {year}" if 1 <= day <= calendar.monthrange(2000, month)[1] else ""
        raise DateSyntaxError(f"There is no {day} {MONTHS[month]}{in_year}.")
    try:
        return PartialDate(**parts, time_zone=time_zone)
    except ValueError as error:
        raise DateSyntaxError(str(error)) from error


def _check_order(start, end):
    if start is not None and end is not None and end.period_end() < start.period_end():
        raise DateSyntaxError(f"The end ({end}) is before the start ({start}).")

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

Dates are written in English, Ukrainian or Russian: each formatter takes ``language`` ("en", "uk",
"ru" or an interface language such as "en-gb"), and without it writes in the active language.
The words each language needs are in DATE_WORDS below rather than in the message catalogues,
because the languages differ in shape and not only in words: Ukrainian and Russian put a month
with a day in the genitive ("6 серпня 2024") and a month alone in the nominative ("серпень 2024"),
and name a zone with an adjective governed by a preposition ("за київським часом").
"""

import calendar
import contextlib
import datetime
import functools
import re
import zoneinfo
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext, pgettext_lazy

from newsroom.languages import content_language

PARTS = ("year", "month", "day", "hour", "minute")
LIMITS = {"year": (1, 9999), "month": (1, 12), "day": (1, 31), "hour": (0, 23), "minute": (0, 59)}


class Precision(models.IntegerChoices):
    YEAR = 1, pgettext_lazy("date precision", "year")
    MONTH = 2, pgettext_lazy("date precision", "month")
    DAY = 3, pgettext_lazy("date precision", "day")
    HOUR = 4, pgettext_lazy("date precision", "hour")
    MINUTE = 5, pgettext_lazy("date precision", "minute")

    @property
    def token(self):
        """The precision as files and the API write it, in every language: "day"."""
        return self.name.lower()


@dataclass(frozen=True)
class DateWords:
    """How one language writes a date: its months, its "about" and its zones' names."""

    months: tuple  # January first, as a month is written alone: "August 2024", "серпень 2024"
    months_with_day: tuple  # as a month is written after its day: "6 серпня 2024"
    approximately: str  # put before an approximate date
    zones: dict  # zone key -> the words after a clock time
    other_zone: str  # for zones not in ``zones``; see zone_label()

    def month(self, number, *, day=None):
        if day is None:
            return self.months[number - 1]
        return f"{day} {self.months_with_day[number - 1]}"


ENGLISH_MONTHS = tuple(
    "January February March April May June July August September October November December".split()
)
DATE_WORDS = {
    "en": DateWords(
        months=ENGLISH_MONTHS,
        months_with_day=ENGLISH_MONTHS,
        approximately="c.",
        zones={"UTC": "UTC"},
        other_zone="{city} time",
    ),
    "uk": DateWords(
        months=tuple(
            "січень лютий березень квітень травень червень "
            "липень серпень вересень жовтень листопад грудень".split()
        ),
        months_with_day=tuple(
            "січня лютого березня квітня травня червня "
            "липня серпня вересня жовтня листопада грудня".split()
        ),
        # "близько": the usual newsroom abbreviation before an approximate date or number.
        approximately="бл.",
        zones={
            "Europe/Kyiv": "за київським часом",
            "Europe/Kiev": "за київським часом",
            "Europe/Moscow": "за московським часом",
            "Europe/Minsk": "за мінським часом",
            "Europe/Warsaw": "за варшавським часом",
            "Europe/London": "за лондонським часом",
            "UTC": "за UTC",
        },
        other_zone="за {offset}",
    ),
    "ru": DateWords(
        months=tuple(
            "январь февраль март апрель май июнь "
            "июль август сентябрь октябрь ноябрь декабрь".split()
        ),
        months_with_day=tuple(
            "января февраля марта апреля мая июня "
            "июля августа сентября октября ноября декабря".split()
        ),
        # "ок." rather than the full "около": a label as short as the English "c." and the
        # Ukrainian "бл.", and the abbreviation Russian chronologies and reference works use
        # before a date. The reader of the desk takes "около" as well.
        approximately="ок.",
        zones={
            "Europe/Kyiv": "по киевскому времени",
            "Europe/Kiev": "по киевскому времени",
            "Europe/Moscow": "по московскому времени",
            "Europe/Minsk": "по минскому времени",
            "Europe/Warsaw": "по варшавскому времени",
            "Europe/London": "по лондонскому времени",
            "UTC": "по UTC",
        },
        other_zone="по {offset}",
    ),
}


def date_words(language=None):
    """The DateWords of a language, by default the active one."""
    return DATE_WORDS[content_language(language)]


def calendar_text(year, month=None, day=None, language=None):
    """'2024', 'August 2024' or '6 August 2024' in ``language`` (by default the active one), of
    parts known to be valid: a day strip names hundreds of days, and checks none of them again."""
    if month is None:
        return str(year)
    return f"{date_words(language).month(month, day=day)} {year}"


def zone_label(key, *, language=None, when=None):
    """The words after a clock time that name its zone.

    English names the zone's city ('Europe/Kyiv' -> 'Kyiv time'; 'UTC' stays 'UTC'). Ukrainian
    and Russian name the zones the desk uses most with an adjective ('за київським часом', 'по
    киевскому времени'); the adjective cannot be made from any city name, so every other zone is
    named by its offset from UTC at ``when`` (by default now), which needs no declension:
    'за UTC−4', 'по UTC+5:30'.
    """
    words = date_words(language)
    return _table_zone(words, key) or words.other_zone.format(
        city=key.rsplit("/", 1)[-1].replace("_", " "), offset=utc_offset(key, when)
    )


def _table_zone(words, key):
    """The zone's name in the language's table, or None."""
    return words.zones.get("UTC" if key.upper() in {"UTC", "ETC/UTC"} else key)


def utc_offset(key, when=None):
    """'UTC+3', 'UTC−4' or 'UTC+5:30': the zone's offset at the instant ``when``."""
    try:
        when = (when or timezone.now()).astimezone(zoneinfo.ZoneInfo(key))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return key  # not a zone (the form says so); named as typed rather than failing
    minutes = int(when.utcoffset().total_seconds()) // 60
    sign = "+" if minutes >= 0 else "−"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


# Each part's own sentence: the parts differ in gender in Ukrainian and Russian.
OUT_OF_RANGE = {
    "year": pgettext_lazy("date error", "The year must be between %(low)d and %(high)d."),
    "month": pgettext_lazy("date error", "The month must be between %(low)d and %(high)d."),
    "day": pgettext_lazy("date error", "The day must be between %(low)d and %(high)d."),
    "hour": pgettext_lazy("date error", "The hour must be between %(low)d and %(high)d."),
    "minute": pgettext_lazy("date error", "The minute must be between %(low)d and %(high)d."),
}
NEEDS_COARSER = {
    "month": pgettext_lazy(
        "date error", "A month needs the year: fill the date in from the year down."
    ),
    "day": pgettext_lazy(
        "date error", "A day needs the month: fill the date in from the year down."
    ),
    "hour": pgettext_lazy(
        "date error", "An hour needs the day: fill the date in from the year down."
    ),
    "minute": pgettext_lazy(
        "date error", "A minute needs the hour: fill the date in from the year down."
    ),
}


def date_errors(*, year, month=None, day=None, hour=None, minute=None, time_zone="UTC"):
    """Return {part: message} for parts that cannot make a date; empty when they can.

    The messages are in the active language.
    """
    parts = {"year": year, "month": month, "day": day, "hour": hour, "minute": minute}
    if year is None:
        return {"year": gettext("A date needs at least a year.")}
    errors = {}
    for name, value in parts.items():
        low, high = LIMITS[name]
        if value is not None and not low <= value <= high:
            errors[name] = OUT_OF_RANGE[name] % {"low": low, "high": high}
    for coarser, finer in zip(PARTS, PARTS[1:], strict=False):
        if parts[coarser] is None and parts[finer] is not None:
            errors[finer] = str(NEEDS_COARSER[finer])
    if not errors and day is not None:
        last = calendar.monthrange(year, month)[1]
        if day > last:
            month_text = f"{date_words().month(month)} {year}"
            errors["day"] = ngettext(
                "%(month)s has only %(days)d day.", "%(month)s has only %(days)d days.", last
            ) % {"month": month_text, "days": last}
    # Checked even for a date alone: the zone still places the date among timed events.
    try:
        zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        errors["time_zone"] = gettext("“%(zone)s” is not a known time zone, e.g. Europe/Kyiv.") % {
            "zone": time_zone
        }
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

    @functools.cached_property  # frozen, so reckoned once; writes past the frozen __setattr__
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

    def date_text(self, language=None):
        """The calendar part only: '2024', 'August 2024' or '6 August 2024'."""
        return calendar_text(self.year, self.month, self.day, language)

    def time_text(self):
        """'14:20', or '14:00–15:00' when only the hour is known; '' for a date only."""
        if self.hour is None:
            return ""
        if self.minute is None:
            return f"{self.hour:02d}:00–{(self.hour + 1) % 24:02d}:00"
        return f"{self.hour:02d}:{self.minute:02d}"

    def zone_text(self, language=None):
        """The zone's name after this date's clock time: 'Kyiv time', 'за UTC−4'."""
        return zone_label(self.time_zone, language=language, when=self._start())

    def text(self, language=None):
        """The date as readers see it, in ``language`` (by default the active one)."""
        if not self.has_time:
            return self.date_text(language)
        return f"{self.date_text(language)}, {self.time_text()} {self.zone_text(language)}"

    def __str__(self):
        return self.text()


@functools.lru_cache(maxsize=4096)
def partial_date(year, month=None, day=None, hour=None, minute=None, time_zone="Europe/Kyiv"):
    """The PartialDate of these parts, checked once: a listing asks for each event's dates
    several times (its heading, card, label and structured data), and checking the parts,
    the zone among them, costs more than everything after. Frozen, so one can be shared."""
    return PartialDate(year, month, day, hour, minute, time_zone)


class DatedByParts:
    """``start``, ``end`` and ``date_label`` of whatever stores a date in parts: ``start_year``
    to ``start_minute``, the same for ``end``, ``time_zone`` and ``is_approximate``. An event
    has them, and so has the plain row an export reads of one (timeline/exports.py)."""

    __slots__ = ()

    # Listings and exports ask for these several times per event: the parts go to the cache of
    # checked dates as they are, with no dictionary between.
    @property
    def start(self):
        return partial_date(
            self.start_year,
            self.start_month,
            self.start_day,
            self.start_hour,
            self.start_minute,
            self.time_zone,
        )

    @property
    def end(self):
        if self.end_year is None:
            return None
        return partial_date(
            self.end_year,
            self.end_month,
            self.end_day,
            self.end_hour,
            self.end_minute,
            self.time_zone,
        )

    @property
    def date_label(self):
        return format_span(self.start, self.end, approximate=self.is_approximate)


def format_span(start, end=None, *, approximate=False, language=None):
    """The one way a date, or a date range, is written for readers.

    '6 August 2024', 'c. August 2024', '6–8 August 2024', 'August–September 2024',
    '6 August 2024, 14:20–16:00 Kyiv time', otherwise 'start – end' in full. In ``language``,
    by default the active one: 'бл. 6–8 серпня 2024', 'август–сентябрь 2024'.
    """
    language = content_language(language)
    text = _span_text(start, end, language)
    return f"{DATE_WORDS[language].approximately} {text}" if approximate else text


@functools.lru_cache(maxsize=4096)  # dates are shared (partial_date), and so are their words
def _span_text(start, end, language):
    if end is None or end == start:
        return start.text(language)
    full = f"{start.text(language)} – {end.text(language)}"
    same_zone = start.time_zone == end.time_zone or not (start.has_time or end.has_time)
    if start.precision != end.precision or not same_zone:
        return full
    precision, words = start.precision, DATE_WORDS[language]
    if precision == Precision.MONTH and start.year == end.year:
        return f"{words.month(start.month)}–{words.month(end.month)} {end.year}"
    if precision == Precision.DAY and start.year == end.year:
        if start.month == end.month:
            return f"{start.day}–{words.month(end.month, day=end.day)} {end.year}"
        return (
            f"{words.month(start.month, day=start.day)} – "
            f"{words.month(end.month, day=end.day)} {end.year}"
        )
    # One zone name for both times, unless the zone is named by an offset that changed between
    # them (a clock change that day).
    if (
        precision == Precision.MINUTE
        and start.date_text() == end.date_text()
        and start.zone_text(language) == end.zone_text(language)
    ):
        times = f"{start.time_text()}–{end.time_text()}"
        return f"{start.date_text(language)}, {times} {end.zone_text(language)}"
    return full


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
# format_span() writes, in any of the languages, reads back to the same parts, except one it
# writes alike for two dates: "14:00–15:00" is the hour from 14:00, never a range from 14:00 to
# 15:00. The reader takes every language at once (the scripts never clash), so an editor may type
# in any; only its messages follow the language.


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
    r"^(?:(?:c|ca|approx|бл|ок)\.|(?:c|ca|circa|about|around|approx|approximately"
    r"|близько|приблизно|около|примерно)\b|~)\s*",
    re.I,
)
APPROXIMATE_WORDS = {
    *("c", "ca", "circa", "about", "around", "approx", "approximately"),
    *("бл", "близько", "приблизно", "ок", "около", "примерно"),
}
# Words that may sit in a date without changing it: "on 6 August 2024 at 14:20", "6 серпня
# 2024 р. о 14:20", "с 6 по 8 августа 2024 года".
FILLERS = {
    *("at", "on", "in", "of", "the"),
    *("о", "об", "у", "в", "з", "із", "від", "р", "рік", "року"),
    *("с", "от", "г", "год", "года"),
}
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
    ("dash", r"[-–—]|(?:to|until|till|до|по)\b"),
    ("word", r"(?P<word>[^\W\d_]+)\.?"),
]
SCANNER = [(kind, re.compile(pattern, re.I)) for kind, pattern in _PATTERNS]
DATE_PARTS = ("year", "month", "day")
# Every way of writing each month, English first: a word names the first month it begins.
MONTH_NAMES = [
    (number, name.lower())
    for words in DATE_WORDS.values()
    for names in (words.months, words.months_with_day)
    for number, name in enumerate(names, start=1)
]
# A zone named by its offset, as Ukrainian and Russian name the zones without an adjective.
OFFSET_NAME = re.compile(
    r"\b(?:за|по)\s+utc\s*(?P<sign>[+−-])\s*(?P<hours>\d{1,2})(?::(?P<minutes>\d\d))?(?!\d)", re.I
)
# Any other zone named: the reader refuses it rather than take a time in the wrong zone.
ZONE_WORDS = re.compile(r"\b(?:time|utc|gmt|час\w*|врем\w*)\b", re.I)


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    groups: dict
    spaced: bool = False


def parse_span(*, text, time_zone, language=None):
    """Read what an editor typed for an event's start: one date, or a range with its end.

    '2024', 'Aug 2024', '6 August 2024 14:20', '2024-08-06T14:20', 'c. August 2024',
    '6–7 Aug 2024', 'бл. 6–7 серпня 2024', '6 августа 2024, 14:20'. Raises DateSyntaxError saying
    what is wrong, in ``language`` (by default the active one).
    """
    with _speaking(language):
        is_approximate, tokens, offsets = _prepare(text, time_zone)
        start, end = _read(tokens)
        start = _finish(start, time_zone)
        end = None if end is None else _finish(end, time_zone)
        _check_offsets(offsets, time_zone, start, end)
        _check_order(start, end)
    return Span(start=start, end=end, is_approximate=is_approximate)


def parse_end(*, text, time_zone, start, language=None):
    """Read what an editor typed for the end of an event that begins at ``start``.

    One date; a time alone ('16:00') is on the start's day.
    """
    with _speaking(language):
        is_approximate, tokens, offsets = _prepare(text, time_zone)
        parts, extra = _read(tokens)
        if extra is not None:
            raise DateSyntaxError(gettext("The end is one date: type a range in the start box."))
        if _time_only(parts) and start is not None and start.day is not None:
            parts.update(year=start.year, month=start.month, day=start.day)
        end = _finish(parts, time_zone)
        _check_offsets(offsets, time_zone, end)
        _check_order(start, end)
    return Span(start=start, end=end, is_approximate=is_approximate)


def typed_text(date, language=None):
    """A date as the desk's field shows it: the calendar part and any time, without the zone."""
    text = date.date_text(language)
    return f"{text}, {date.time_text()}" if date.has_time else text


def _speaking(language):
    """Messages in ``language``, or in the active language when it is None."""
    return translation.override(language) if language else contextlib.nullcontext()


def _prepare(text, time_zone):
    """Whether the text is approximate, its tokens, and the UTC offsets it names."""
    text = " ".join(text.split())
    if not text:
        raise DateSyntaxError(gettext("Type a date, e.g. 6 August 2024."))
    approximate = APPROXIMATE.match(text)
    if approximate:
        text = text[approximate.end() :]
    # The zone is chosen beside the date; its name may be typed ("14:20 Kyiv time", "14:20 за
    # київським часом"), no other. Measured without it: a range in Russian names it twice.
    for name in _zone_names(time_zone):
        text = re.sub(rf"\b{re.escape(name)}\b", " ", text, flags=re.I)
    if len(text) > 100:
        raise DateSyntaxError(gettext("That is too long for a date."))
    offsets = {_offset_text(found) for found in OFFSET_NAME.finditer(text)}
    text = OFFSET_NAME.sub(" ", text).strip()
    if ZONE_WORDS.search(text):
        raise _other_zone(time_zone)
    return bool(approximate), _scan(text), offsets


def _zone_names(time_zone):
    """The chosen zone's names in every language that names it without an offset."""
    names = {zone_label(time_zone, language="en")}
    names.update(name for words in DATE_WORDS.values() if (name := _table_zone(words, time_zone)))
    return sorted(names, key=len, reverse=True)


def _offset_text(found):
    hours, minutes = int(found["hours"]), int(found["minutes"] or 0)
    sign = "+" if found["sign"] == "+" or not (hours or minutes) else "−"
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def _check_offsets(offsets, time_zone, *dates):
    """An offset typed is the zone's own at the date: 'за UTC−4' in New York in August."""
    known = {utc_offset(time_zone, date._start()) for date in dates if date is not None}
    if offsets - known:
        raise _other_zone(time_zone)


def _other_zone(time_zone):
    return DateSyntaxError(
        gettext("Times are in the zone chosen below (%(zone)s): choose another zone there.")
        % {"zone": zone_label(time_zone)}
    )


def _scan(text):
    tokens, at = [], 0
    while at < len(text):
        kind, found = _token_at(text, at)
        if kind == "numeric":
            raise DateSyntaxError(
                gettext(
                    "“%(text)s” can be read two ways: write the month as a word "
                    "(6 August 2024), or the date as 2024-08-06."
                )
                % {"text": found[0]}
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
    if text[at].isprintable():
        message = gettext("“%(character)s” has no place in a date.") % {"character": text[at]}
    else:
        message = gettext("A control character has no place in a date.")
    raise DateSyntaxError(message)


def _one_dash():
    return DateSyntaxError(gettext("A range has one dash, between its start and its end."))


def _read(tokens):
    """The parts of the start, and of the end when the tokens hold a range."""
    dashes = [i for i, token in enumerate(tokens) if token.kind == "dash"]
    spaced = [i for i in dashes if tokens[i].spaced]
    if len(spaced) > 1 or (not spaced and len(dashes) > 1):
        raise _one_dash()
    if not dashes:
        return _parts(tokens), None
    cut = (spaced or dashes)[0]
    before, after = tokens[:cut], tokens[cut + 1 :]
    if not before or not after:
        raise DateSyntaxError(gettext("A range needs a date on each side of the dash."))
    # Either side of a spaced dash may be an hour written as a window: "14:00–15:00".
    start, end = (_one(side) if spaced else _parts(side) for side in (before, after))
    end_is_time = _time_only(end)
    if end_is_time:
        if start["day"] is None:
            raise DateSyntaxError(gettext("A time needs a day, e.g. 6 August 2024, 14:00–16:00."))
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
        raise _one_dash()
    return start


def _is_hour_window(start, end):
    return start["minute"] == 0 and end["minute"] == 0 and end["hour"] == (start["hour"] + 1) % 24


def _time_only(parts):
    return parts["hour"] is not None and all(parts[name] is None for name in DATE_PARTS)


# Said twice: one sentence for each part, as the parts differ in gender in Ukrainian and Russian.
SAID_TWICE = {
    "year": pgettext_lazy("date error", "“%(first)s” and “%(second)s” cannot both be the year."),
    "month": pgettext_lazy("date error", "“%(first)s” and “%(second)s” cannot both be the month."),
    "day": pgettext_lazy(
        "date error",
        "“%(first)s” and “%(second)s” cannot both be the day (a time is written 14:20).",
    ),
    "time": pgettext_lazy("date error", "“%(first)s” and “%(second)s” cannot both be the time."),
}


def _parts(tokens):
    """The parts one date's tokens give, each at most once."""
    parts, said = dict.fromkeys(PARTS), {}

    def put(token, **values):
        for name in values:
            if name in said:
                what = "time" if name in ("hour", "minute") else name
                raise DateSyntaxError(
                    SAID_TWICE[what] % {"first": said[name], "second": token.text}
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
    not_a_time = DateSyntaxError(gettext("“%(text)s” is not a time of day.") % {"text": token.text})
    if meridiem := token.groups.get("meridiem"):
        if not 1 <= hour <= 12:
            raise not_a_time
        hour = hour % 12 + (12 if meridiem.lower() == "p" else 0)
    if hour > 23 or (minute or 0) > 59:
        raise not_a_time
    return {"hour": hour, "minute": minute}


def _month(word):
    if word.lower() in APPROXIMATE_WORDS:
        raise DateSyntaxError(
            gettext("Put “c.” at the start: it makes the whole date approximate.")
        )
    if len(word) >= 3:
        for number, name in MONTH_NAMES:
            if name.startswith(word.lower()):
                return number
    raise DateSyntaxError(gettext("“%(word)s” is not a month.") % {"word": word})


def _finish(parts, time_zone):
    """A PartialDate from parts read, or what keeps them from making one."""
    year, month, day = parts["year"], parts["month"], parts["day"]
    words = date_words()
    if day is not None and month is None:
        raise DateSyntaxError(
            gettext("Give the month of day %(day)d as a word, e.g. %(example)s.")
            % {"day": day, "example": f"{words.month(8, day=day)} 2024"}
        )
    if parts["hour"] is not None and day is None:
        raise DateSyntaxError(gettext("A time needs a day, e.g. 6 August 2024, 14:20."))
    if year is None:
        example = f"{words.month(month)} 2024" if month else "2024"
        raise DateSyntaxError(
            gettext("A date needs a year, e.g. %(example)s.") % {"example": example}
        )
    if not 1 <= year <= 9999:
        raise DateSyntaxError(
            gettext("There is no year %(year)d: years run from 1 to 9999.") % {"year": year}
        )
    if month is not None and not 1 <= month <= 12:
        raise DateSyntaxError(
            gettext("There is no month %(month)d: months run from 01 to 12.") % {"month": month}
        )
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        named = {"date": words.month(month, day=day), "year": year}
        # In some year, at least: 29 February is only missing from most.
        if 1 <= day <= calendar.monthrange(2000, month)[1]:
            raise DateSyntaxError(gettext("There is no %(date)s in %(year)d.") % named)
        raise DateSyntaxError(gettext("There is no %(date)s.") % named)
    try:
        return PartialDate(**parts, time_zone=time_zone)
    except ValueError as error:
        raise DateSyntaxError(str(error)) from error


def _check_order(start, end):
    if start is not None and end is not None and end.period_end() < start.period_end():
        raise DateSyntaxError(
            gettext("The end (%(end)s) is before the start (%(start)s).")
            % {"end": end, "start": start}
        )

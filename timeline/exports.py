"""The timeline outside the site: TimelineJS 3 JSON, CSV and GeoJSON.

Each format takes events fetched with ``exported()`` (GeoJSON, which needs only their places,
with ``placed()``) and runs no query of its own. It writes its text in pieces, one event at a
time as the events come, so an export of any length is never whole in memory (the views send
the pieces as they are made). The CSV is also the format
``import_events`` reads: its columns, and how each value is written and read back, are defined
once here, so the exporter and the importer cannot drift apart (``timeline/imports.py`` checks
the values against the database).
"""

import csv
import datetime
import decimal
import functools
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from html import escape  # as Django's escape(), without its wrapping, once per field per event

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from newsroom.languages import ORIGINAL
from newsroom.publishing import choice_label
from newsroom.sources.attribution import attribute
from newsroom.sources.models import Citation, Source
from newsroom.translations.overlay import localize, localize_rows

from .dates import PARTS, DatedByParts, Precision, format_span
from .geo import place_location, public_precision
from .models import Event, EventCorrection, Place, Storyline, array_text

# What the formats read of an event, in this order. The first three are also its place in the
# export's order (Event.Meta.ordering: sorts_at, -precision, pk), which in_chunks() reads.
EVENT_FIELDS = (
    "pk",
    "sorts_at",
    "precision",
    "slug",
    "title",
    "summary",
    "body",
    *(f"start_{part}" for part in PARTS),
    *(f"end_{part}" for part in PARTS),
    "is_approximate",
    "time_zone",
    "kind",
    "verification",
    "verification_note",
    "is_key",
    "place_id",
    "image",
    "image_alt",
    "image_credit",
)


class ExportedEvent(DatedByParts):
    """An event as the formats read it: its fields (``image`` is the file's name), its
    ``place``, and from ``exported()`` its storylines, citations and corrections as plain
    lists. Not a model instance: at 100,000 events, making those was a fifth of an export's
    time, five times the time of reading the rows."""

    __slots__ = (
        *EVENT_FIELDS,
        "place",
        "storyline_list",
        "citation_list",
        "correction_list",
        # Set by the translation overlay in another language than English.
        "shown_language",
        "translation_state",
    )
    # What the translation overlay reads of a row it translates (localize_rows).
    _meta = Event._meta

    def __init__(self, row):
        for name, value in zip(EVENT_FIELDS, row, strict=True):
            setattr(self, name, value)
        self.place = None
        self.storyline_list = self.citation_list = self.correction_list = ()


def placed(events, *, chunk_size, first_chunk_size=None, language=ORIGINAL):
    """The events as ``ExportedEvent`` rows with their place, in chunks (lists) of
    ``chunk_size`` (``in_chunks``), in ``language``: one query per chunk, and the places once.
    In another language, one more query per chunk and one for the places bring the
    translations (translations.overlay)."""
    places = None
    rows = events.values_list(*EVENT_FIELDS, named=True)
    for chunk in in_chunks(rows, size=chunk_size, first_size=first_chunk_size):
        if places is None:
            places = Place.objects.in_bulk()
            localize(places.values(), language)
        chunk = [ExportedEvent(row) for row in chunk]
        for event in chunk:
            event.place = places.get(event.place_id)
        yield localize_rows(chunk, language)


def exported(events, *, chunk_size, first_chunk_size=None, language=ORIGINAL):
    """The events as ``placed()`` gives them, one by one, each with what every format writes
    as plain lists: ``storyline_list``, ``citation_list`` (each citation with its source and
    party) and ``correction_list``, its public corrections.

    Three more queries per chunk (its storyline links, citations and corrections), and the
    storylines and sources once: a few rows that thousands of events share, each made once,
    not once per event naming it. In another language, one more query per chunk and one for
    the shared rows bring the translations.
    """
    links = Event.storylines.through.objects
    storylines = sources = order = None
    lists = {}  # one tuple for every event linked to the same storylines
    for chunk in placed(
        events, chunk_size=chunk_size, first_chunk_size=first_chunk_size, language=language
    ):
        if storylines is None:
            storylines = {storyline.pk: storyline for storyline in Storyline.objects.all()}
            order = {pk: number for number, pk in enumerate(storylines)}
            sources = Source.objects.select_related("party").in_bulk()
            localize([*storylines.values(), *sources.values()], language)
        ids = among([event.pk for event in chunk])
        linked, cited, corrected = defaultdict(list), defaultdict(list), defaultdict(list)
        for event_id, storyline_id in links.filter(event_id__in=ids).values_list(
            "event_id", "storyline_id"
        ):
            linked[event_id].append(storyline_id)
        for values in Citation.objects.filter(event_id__in=ids).values_list(*CITED):
            citation = ExportedCitation(*values)
            citation.source = sources[citation.source_id]
            cited[citation.event_id].append(citation)
        corrections = localize(EventCorrection.objects.public().filter(event_id__in=ids), language)
        for correction in corrections:
            corrected[correction.event_id].append(correction)
        for event in chunk:
            # In the storylines' own order, as event.storylines.all() gives them.
            pks = tuple(sorted(linked[event.pk], key=order.__getitem__))
            if pks not in lists:
                lists[pks] = tuple(storylines[pk] for pk in pks)
            event.storyline_list = lists[pks]
            event.citation_list = cited[event.pk]
            event.correction_list = corrected[event.pk]
        yield from chunk


def among(ids):
    """The right side of an ``__in`` filter for a chunk's event ids. On PostgreSQL one array
    parameter (``array_text``): psycopg takes a query apart in Python on every call, and with a
    thousand placeholders that was a tenth of an export's time."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [array_text(ids)])
    return ids


# What the formats write of a citation (and its event's and source's ids), in its fields' order.
CITED = ("event_id", "source_id", "stance", "speaker", "url", "title", "published_on", "quote")


@dataclass(slots=True)
class ExportedCitation:
    """A citation as the formats read it, with its source, and not a model instance: an export
    at 100,000 events has a quarter of a million, and making each a model was a fifth of its
    time."""

    event_id: int
    source_id: int
    stance: str
    speaker: str
    url: str
    title: str
    published_on: datetime.date | None
    quote: str
    source: Source = None


def in_chunks(queryset, *, size, first_size=None):
    """The rows of ``queryset`` as lists of ``size`` (the first of ``first_size``), in its
    order, each read by a query of its own that starts after the last row of the one before
    (keyset pagination).

    Not a server-side cursor: outside a transaction Django declares one WITH HOLD, and
    PostgreSQL then makes the whole result before the first row comes back (0.7 s at 100,000
    events, for every export, before a byte was sent). Each query here reads one chunk off the
    ordering's index. The ordering must be explicit and end with the primary key, so that
    "after" is exact; each query asks for one row more than it keeps, to know whether another
    chunk follows without asking for an empty one.
    """
    ordering = keyset_ordering(queryset)
    limit = first_size or size
    rows = list(queryset[: limit + 1])
    while rows:
        chunk, more = rows[:limit], len(rows) > limit
        yield chunk
        if not more:
            return
        limit = size
        rows = list(queryset.filter(after(chunk[-1], ordering))[: limit + 1])


def keyset_ordering(queryset):
    """[(field, descending)] of the queryset's explicit ordering, reversed if it was."""
    fields = queryset.query.order_by
    if not fields or fields[-1].lstrip("-") not in ("pk", "id"):
        raise ValueError(f"in_chunks() needs an ordering that ends with the key, not {fields}.")
    flip = not queryset.query.standard_ordering
    return [(name.lstrip("-"), name.startswith("-") != flip) for name in fields]


def after(row, ordering):
    """The rows that come after ``row`` in ``ordering`` (fields that are never null): a later
    first field, or the same and a later second, and so on. The first field's bound is also
    said on its own, so that PostgreSQL reads that field's index from there."""
    beyond = Q()
    for number, (name, descending) in enumerate(ordering):
        same = {field: getattr(row, field) for field, _ in ordering[:number]}
        beyond |= Q(**same, **{f"{name}__{'lt' if descending else 'gt'}": getattr(row, name)})
    first, descending = ordering[0]
    return Q(**{f"{first}__{'lte' if descending else 'gte'}": getattr(row, first)}) & beyond


# TimelineJS ------------------------------------------------------------------------------------
#
# TimelineJS 3 (3.9) reads the fields of its JSON in three ways, and each is written to suit:
# - headline, text and media credit: HTML. It cleans them with DOMPurify and puts them into the
#   page, so our text goes in escaped once.
# - group and a slide's display_date: HTML that it reads the text out of, and then puts that
#   text back into the page as HTML. Escaped once, a title's markup would come back to life
#   (script in every partner's page) or vanish ("<test>"), so these go in escaped twice.
#   The display_date of a start_date or end_date skips the first reading: escaped once.
# - media alt, url and link: set on the element as they are, so they go in as they are.
# Its autolink, on unless a slide turns it off, rewrites web addresses in text and credit into
# links after cleaning, by pasting them between quotes: a quote in a "www." word would add an
# attribute of the writer's choosing (script on hover), and long addresses come out shortened.
# Our links are links already, so every slide turns it off.


def as_text(text):
    """A group or a slide's display_date that TimelineJS shows as exactly ``text``."""
    return escape(escape(text))


def timeline_date(date, *, label=None):
    """A TimelineJS date object with only the parts we know: never an invented day or hour.

    The hour and minute are the wall clock in the event's own zone. TimelineJS has no zone, so
    ``label`` (the reader's text, "14:20 Kyiv time" or "c. August 2024") is given whenever the
    parts alone would read wrong: for approximate dates and for dates with a clock time.
    """
    value = {part: getattr(date, part) for part in PARTS if getattr(date, part) is not None}
    if label:
        value["display_date"] = escape(label)
    return value


def reader_day(moment):
    """A correction's day as the event page gives it, in the newsroom's zone."""
    return formats.date_format(timezone.localtime(moment), gettext("j F Y"))


class Attributions:
    """Who says so, as ``write(lines)`` puts the event's attribution lines into text, worked
    out once for each list of (source, stance) an export meets, not once per event: at 100,000
    events there were a third as many lists as events. At most ``KEPT`` are kept."""

    KEPT = 10_000

    def __init__(self, write):
        self.write = write
        self._texts = {}

    def __call__(self, citations):
        key = tuple((citation.source_id, citation.stance) for citation in citations)
        text = self._texts.get(key)
        if text is None:
            if len(self._texts) >= self.KEPT:
                self._texts.clear()
            text = self._texts[key] = self.write(attribute(citations))
        return text


class SlideWords:
    """What every slide says in the same words, in the active language: looked up once per
    export, not once per event (the catalogue's lookups were a sixth of the export's time)."""

    def __init__(self):
        self.language = translation.get_language()
        self.more = escape(gettext("Sources and details"))
        self.attributions = Attributions(
            lambda lines: "".join(f"<p>{escape(line.text(self.language))}.</p>" for line in lines)
        )
        self._statuses = {}

    def status(self, event):
        """'Status: confirmed.', escaped."""
        line = self._statuses.get(event.verification)
        if line is None:
            label = choice_label(Event.Verification, event.verification)
            status = gettext("Status: %(status)s.") % {"status": label}
            line = self._statuses[event.verification] = escape(status)
        return line


def timeline_text(event, url, words):
    """The slide's HTML: summary, status in words, who says so, corrections, the event's link.

    Written with escape() and plain strings: format_html() gives the same text at several times
    the cost, which an export pays once per event.
    """
    attributions = words.attributions(event.citation_list)
    corrections = "".join(
        "<p><strong>{}</strong> {}</p>".format(
            escape(gettext("Correction, %(day)s:") % {"day": reader_day(c.published_at)}),
            escape(c.note),
        )
        for c in event.correction_list
    )
    return (
        f"<p>{escape(event.summary)}</p><p><strong>{words.status(event)}</strong></p>"
        f'{attributions}{corrections}<p><a href="{escape(url)}">{words.more}</a></p>'
    )


# Where the events' images are kept: an exported event has its image's name, not the file.
IMAGES = Event._meta.get_field("image").storage


def timeline_slide(event, *, absolute, words):
    """One event as a TimelineJS slide (``words``: the export's SlideWords).

    An event in several storylines is grouped under the first of them in the storylines' own
    order (their position), so it always lands in the same row of the embed.
    """
    start, end = event.start, event.end
    labelled = event.is_approximate or start.has_time or (end is not None and end.has_time)

    def label(date):
        return format_span(date, approximate=event.is_approximate) if labelled else None

    slide = {
        "start_date": timeline_date(start, label=label(start)),
        "text": {
            "headline": escape(event.title),
            "text": timeline_text(event, absolute(event), words),
        },
        "unique_id": event.slug,
        "autolink": False,
    }
    if end is not None:
        slide["end_date"] = timeline_date(end, label=label(end))
    if labelled:
        slide["display_date"] = as_text(event.date_label)
    if storylines := event.storyline_list:
        slide["group"] = as_text(storylines[0].title)
    if event.image:
        slide["media"] = {
            "url": absolute(IMAGES.url(event.image)),
            "alt": event.image_alt,
            "credit": escape(event.image_credit),
            "link": absolute(event),
        }
    return slide


def timelinejs(events, *, headline, text, absolute):
    """The TimelineJS 3 document, in pieces; ``absolute`` turns an object or a path into a full
    URL.

    Each field is written for the way TimelineJS reads it (above); ``text`` must already be
    safe HTML.
    """
    title = {"text": {"headline": escape(headline), "text": text}, "autolink": False}
    return json_pieces({"title": title, "events": []}, timeline_slides(events, absolute))


def timeline_slides(events, absolute):
    words = SlideWords()  # as the first slide is made, so in the language the pieces are made in
    for event in events:
        yield timeline_slide(event, absolute=absolute, words=words)


# JSON written in pieces ------------------------------------------------------------------------


# json.dumps() with any argument of its own builds a new encoder on every call: once per event.
as_json = json.JSONEncoder(ensure_ascii=False).encode


def json_pieces(document, items):
    """``document`` as JSON text, in pieces, with ``items`` written one by one into its last
    value, an empty list. The pieces join into exactly ``as_json()`` of the whole document."""
    head, tail = as_json(document).rsplit("[]", 1)
    yield head + "["
    separator = ""
    for item in items:
        yield separator + as_json(item)
        separator = ", "
    yield "]" + tail


# GeoJSON ---------------------------------------------------------------------------------------


def geojson(events, *, absolute):
    """A FeatureCollection of points, in pieces, one for each event whose place has coordinates
    (RFC 7946: longitude first, WGS 84), at their public precision (timeline/geo.py). Events
    placed only by name are left out rather than guessed."""
    features = (
        {
            "type": "Feature",
            "id": event.slug,
            "geometry": {"type": "Point", "coordinates": location.coordinates},
            "properties": {
                "slug": event.slug,
                "title": event.title,
                "date": date_cell(event.start),
                "end_date": date_cell(event.end) or None,
                "date_label": event.date_label,
                "precision": event.start.precision.token,
                "kind": event.kind,
                "verification": event.verification,
                "place": str(event.place),
                "location_precision": location.precision,
                "radius_km": location.radius_km,
                "url": absolute(event),
            },
        }
        for event, location in located(events, now=timezone.now())
        if location is not None
    )
    return json_pieces({"type": "FeatureCollection", "features": []}, features)


def located(events, *, now):
    """(event, where readers may be told it happened, or None), for each event: worked out once
    per place (``timeline.geo.place_location``), not once per event."""
    locations = {None: None}
    for event in events:
        if event.place_id not in locations:
            locations[event.place_id] = place_location(event.place, now=now)
        yield event, locations[event.place_id]


# CSV: one row per event ------------------------------------------------------------------------

# The place's slug comes first; these describe it, so that a missing place can be created.
PLACE_DETAILS = ("place_name", "region", "country", "latitude", "longitude", "location_precision")
COLUMNS = (
    "event_id",
    "title",
    "summary",
    "body",
    "date",
    "end_date",
    "precision",
    "approximate",
    "time_zone",
    "kind",
    "verification",
    "verification_note",
    "key_event",
    "place",
    *PLACE_DETAILS,
    "storylines",
    "sources",
    "attribution",
    "corrections",
    "url",
)
# Written for people reading the file, rebuilt from the other columns on import, so ignored there.
DERIVED_COLUMNS = ("attribution", "url")
# Numbers: a spreadsheet reads them as numbers, and the importer refuses anything else there, so
# they need no guard against formulas (a guard would turn a negative longitude into text).
NUMBER_COLUMNS = ("latitude", "longitude")
# The keys of each item in the JSON columns, in the order they are written.
STORYLINE_KEYS = ("slug", "title", "position")
CITATION_KEYS = (
    "source",
    "source_name",
    "short_name",
    "source_kind",
    "affiliation",
    "party",
    "party_name",
    "stance",
    "speaker",
    "title",
    "url",
    "published_on",
    "quote",
)
CORRECTION_KEYS = ("published_at", "note")
BOOLEANS = {"true": True, "false": False}

# A cell a spreadsheet would run as a formula starts with one of these. Such a cell is written
# with a leading apostrophe, and so is any cell that already starts with one, so the importer
# can take exactly one apostrophe off any cell that starts with it and get the original back.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "'")


def guarded(text):
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unguarded(text):
    return text[1:] if text.startswith("'") else text


DATE_CELL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2}))?)?)?)?")


@functools.lru_cache(maxsize=4096)  # dates are shared (timeline.dates.partial_date)
def date_cell(date):
    """'2024', '2024-08', '2024-08-06', '2024-08-06T14' or '2024-08-06T14:20': the date at its
    precision, a clock time as the wall clock read in the event's zone (the time_zone column)."""
    if date is None:
        return ""
    text = f"{date.year:04d}"
    for part, separator in zip(PARTS[1:], "--T:", strict=True):
        if getattr(date, part) is not None:
            text += f"{separator}{getattr(date, part):02d}"
    return text


def parse_date_cell(text):
    """{part: number or None} from a date_cell; ValueError when the text is not in that form.
    Whether the parts make a real date (no 30 February) is the model's check."""
    match = DATE_CELL.fullmatch(text)
    if match is None:
        raise ValueError(
            f"“{text}” is not a date in the form 2024, 2024-08, 2024-08-06, 2024-08-06T14 "
            "or 2024-08-06T14:20."
        )
    return {
        part: None if value is None else int(value)
        for part, value in zip(PARTS, match.groups(), strict=True)
    }


def precision_of(parts):
    return Precision(sum(value is not None for value in parts.values()))


def json_cell(items):
    return as_json(items) if items else ""


def parse_json_cell(text, keys, what):
    """A JSON column's items as dicts with exactly ``keys``; ValueError saying what is wrong."""
    if not text:
        return []
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON ({error.msg} at character {error.pos + 1}).") from None
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ValueError(f"must be a JSON list of {what}, one object each.")
    for number, item in enumerate(items, 1):
        if missing := [key for key in keys if key not in item]:
            raise ValueError(f"{what} {number} lacks {', '.join(missing)}.")
        if extra := [key for key in item if key not in keys]:
            raise ValueError(f"{what} {number} has unknown keys: {', '.join(extra)}.")
    return items


def storyline_item(storyline):
    return {"slug": storyline.slug, "title": storyline.title, "position": storyline.position}


def source_item(source):
    """What a citation's item says of its source and party, enough to create them where
    missing."""
    party = source.party
    return {
        "source": source.slug,
        "source_name": source.name,
        "short_name": source.short_name,
        "source_kind": source.kind,
        "affiliation": source.affiliation,
        "party": party.slug if party else "",
        "party_name": party.name if party else "",
    }


def citation_item(citation, source):
    """A citation whole, after its ``source_item()``."""
    return {
        **source,
        "stance": citation.stance,
        "speaker": citation.speaker,
        "title": citation.title,
        "url": citation.url,
        "published_on": citation.published_on.isoformat() if citation.published_on else "",
        "quote": citation.quote,
    }


def correction_item(correction):
    moment = correction.published_at.astimezone(datetime.UTC)
    return {"published_at": moment.isoformat(), "note": correction.note}


def place_cells(place, location, *, now):
    """The place's columns: the place as readers may see it (timeline/geo.py), coordinates at
    the precision they are given at."""
    if place is None:
        return dict.fromkeys(("place", *PLACE_DETAILS), "")
    return {
        "place": place.slug,
        "place_name": place.name,
        "region": place.region,
        "country": place.country,
        "latitude": "" if location is None else number_cell(location.latitude),
        "longitude": "" if location is None else number_cell(location.longitude),
        "location_precision": public_precision(place, now=now).value,
    }


def csv_row(event, url, *, place, storylines, sources, attributions):
    """One event as {column: text}, before the formula guard. What other events share comes
    made: ``place``, its ``place_cells()``; ``storylines``, the storylines' cell; ``sources``,
    {source's pk: its ``source_item()``}; ``attributions``, the export's ``Attributions``."""
    start = event.start
    return {
        "event_id": event.slug,
        "title": event.title,
        "summary": event.summary,
        "body": event.body,
        "date": date_cell(start),
        "end_date": date_cell(event.end),
        "precision": start.precision.token,
        "approximate": str(event.is_approximate).lower(),
        "time_zone": event.time_zone,
        "kind": event.kind,
        "verification": event.verification,
        "verification_note": event.verification_note,
        "key_event": str(event.is_key).lower(),
        **place,
        "storylines": storylines,
        "sources": json_cell([citation_item(c, sources[c.source_id]) for c in event.citation_list]),
        "attribution": attributions(event.citation_list),
        "corrections": json_cell([correction_item(c) for c in event.correction_list]),
        "url": url,
    }


def number_cell(value):
    """A coordinate as plain decimal text, with no more digits than it has: 51.3, never 5.13e1."""
    return format(decimal.Decimal(repr(value)), "f")


class Lines:
    """Where the csv writer writes: each write is handed back, so writerow() returns its line."""

    def write(self, text):
        return text


def write_csv(events, *, absolute):
    """The CSV text, in pieces: a header, then one line per event (RFC 4180: CRLF, quoted
    where needed). What many events share (a place's columns, a set of storylines, a source)
    is written once per export."""
    writer = csv.writer(Lines())
    yield writer.writerow(COLUMNS)
    now, language = timezone.now(), translation.get_language()
    places, storylines, sources = {}, {}, {}
    attributions = Attributions(lambda lines: " ".join(f"{line.text(language)}." for line in lines))
    for event, location in located(events, now=now):
        if event.place_id not in places:
            places[event.place_id] = place_cells(event.place, location, now=now)
        linked = tuple(storyline.pk for storyline in event.storyline_list)
        if linked not in storylines:
            storylines[linked] = json_cell([storyline_item(s) for s in event.storyline_list])
        for citation in event.citation_list:
            if citation.source_id not in sources:
                sources[citation.source_id] = source_item(citation.source)
        row = csv_row(
            event,
            absolute(event),
            place=places[event.place_id],
            storylines=storylines[linked],
            sources=sources,
            attributions=attributions,
        )
        yield writer.writerow(
            [row[name] if name in NUMBER_COLUMNS else guarded(row[name]) for name in COLUMNS]
        )


def read_cells(row):
    """A row's cells as written by csv_row: the formula guard taken off."""
    return {
        name: value if name in NUMBER_COLUMNS else unguarded(value) for name, value in row.items()
    }

"""Events read in from the CSV the timeline exports (``manage.py import_events``).

Two passes. Every row is checked first, by the models' own validation, by rule 3 of
docs/design.md and against the file's other rows, with nothing written; only a file without a
single problem is then stored, in one transaction. Places, storylines, sources and parties are
matched by slug: a stored one must agree with the file in everything the file says about it, and
a missing one is created from the first row naming it, which later rows must agree with.
"""

import csv
import datetime
import decimal
import io
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsroom.caching import public_content_changed
from newsroom.publishing import PublicationStatus
from newsroom.revisions.services import record_revisions
from newsroom.sources.models import Citation, Party, Source

from .dates import PARTS
from .exports import (
    BOOLEANS,
    CITATION_KEYS,
    COLUMNS,
    CORRECTION_KEYS,
    PLACE_DETAILS,
    STORYLINE_KEYS,
    parse_date_cell,
    parse_json_cell,
    precision_of,
    read_cells,
)
from .facets import facets_of
from .geo import is_coarser_or_same, rounded
from .models import Event, EventCorrection, Place, Storyline

PROGRESS_EVERY = 200
# Events stored per round of inserts, and slugs looked up per query: a few statements for each
# thousand events, and below every database's limit on a statement's parameters.
BATCH_SIZE = 1000
LOOKUP_SIZE = 900
# The column a model field's problem is reported in, where its name differs.
EVENT_COLUMNS = {
    "slug": "event_id",
    "is_approximate": "approximate",
    "is_key": "key_event",
    NON_FIELD_ERRORS: "event_id",
    **{f"start_{part}": "date" for part in PARTS},
    **{f"end_{part}": "end_date" for part in PARTS},
}
PLACE_COLUMNS = {
    "slug": "place",
    "name": "place_name",
    "region": "region",
    "country": "country",
    "latitude": "latitude",
    "longitude": "longitude",
    "location_precision": "location_precision",
    NON_FIELD_ERRORS: "latitude",  # the coordinate checks: both or neither, within range
}
# What the file says about a source, compared with a stored source of the same slug.
SOURCE_FIELDS = ("name", "short_name", "kind", "affiliation", "party")


@dataclass(frozen=True)
class Problem:
    line: int
    column: str | None
    message: str

    def __str__(self):
        where = f"line {self.line}, column {self.column}" if self.column else f"line {self.line}"
        return f"{where}: {self.message}"


class ImportRefused(Exception):
    """The file cannot be imported; nothing was stored. ``problems`` says where and why."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


@dataclass
class Planned:
    """One row, checked: the event and what it links to, ready to store."""

    event: Event
    place: Place | None
    storylines: list
    citations: list
    corrections: list


@dataclass(frozen=True)
class CitedSource:
    """A source as rule 3 of docs/design.md sees it. Parties are keyed by slug, since one the
    file creates has no id yet."""

    is_party: bool
    party_id: str | None
    party: Party | None


def read_rows(data):
    """([(line, {column: cell})], problems) from the file's bytes; ImportRefused when the file
    is not UTF-8, not CSV, or its first line is not the export's header.

    ``line`` is the line the row starts on, the header being line 1 (a cell may span lines).
    """
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark, as spreadsheets write, is dropped
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRefused(
            [
                Problem(
                    line,
                    None,
                    f"byte 0x{data[error.start]:02x} is not UTF-8: save the file as UTF-8 "
                    "(“CSV UTF-8” in a spreadsheet).",
                )
            ]
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, problems = [], []
    try:
        header = next(reader, None)
        if header is None:
            raise ImportRefused([Problem(1, None, "the file is empty.")])
        if header_problems := check_header(header):
            raise ImportRefused(header_problems)
        line = reader.line_num + 1
        for cells in reader:
            if len(cells) == len(header):
                rows.append((line, read_cells(dict(zip(header, cells, strict=True)))))
            elif cells:  # a blank line holds no row
                problems.append(
                    Problem(
                        line, None, f"{len(cells)} cells, where the header names {len(header)}."
                    )
                )
            line = reader.line_num + 1
    except csv.Error as error:
        problem = Problem(reader.line_num, None, f"not readable as CSV: {error}.")
        raise ImportRefused([problem]) from None
    return rows, problems


def check_header(header):
    problems, seen = [], set()
    for name in header:
        if name in seen:
            problems.append(Problem(1, name, "this column is named twice."))
        elif name not in COLUMNS:
            problems.append(Problem(1, name, "not a column of the timeline's CSV export."))
        seen.add(name)
    if missing := [name for name in COLUMNS if name not in seen]:
        problems.append(Problem(1, None, f"missing columns: {', '.join(missing)}."))
    return problems


@dataclass
class Checker:
    """Checks rows one by one, remembering what earlier rows and the database hold."""

    status: str
    publish_at: datetime.datetime | None
    problems: list = field(default_factory=list)
    planned: list = field(default_factory=list)
    # (model, slug) -> (the row to link to, where it comes from): stored or met in the file.
    known: dict = field(default_factory=dict)
    created: list = field(default_factory=list)
    event_lines: dict = field(default_factory=dict)
    # The file's event ids that stored events have already.
    stored_slugs: set = field(default_factory=set)

    def check(self, line, cells):
        self.line, self.row_columns = line, set()
        event = self.event(cells)
        place = self.place(cells)
        storylines = self.storylines(cells["storylines"])
        citations = self.citations(cells["sources"])
        corrections = self.corrections(cells["corrections"])
        if "verification" not in self.row_columns and citations is not None:
            cited = [self.cited(citation.source) for citation in citations]
            if error := event.verification_error(cited):
                self.problem("verification", error)
        if not self.row_columns:
            self.planned.append(Planned(event, place, storylines, citations, corrections))

    def problem(self, column, message):
        self.problems.append(Problem(self.line, column, message))
        self.row_columns.add(column)

    def invalid(self, error, columns, *, prefix=""):
        """Report a model's ValidationError under the columns its fields come from; a column
        that already has a problem on this row keeps just that one."""
        for name, messages in error.message_dict.items():
            column = columns if isinstance(columns, str) else columns.get(name, name)
            if column not in self.row_columns:
                label = f"{prefix}{name}: " if prefix and name != NON_FIELD_ERRORS else prefix
                self.problem(column, label + " ".join(messages))

    def event(self, cells):
        slug = cells["event_id"]
        if slug in self.event_lines:
            self.problem(
                "event_id", f"“{slug}” is also the event on line {self.event_lines[slug]}."
            )
        self.event_lines.setdefault(slug, self.line)
        values = {}
        for column, name in (("approximate", "is_approximate"), ("key_event", "is_key")):
            if cells[column] in BOOLEANS:
                values[name] = BOOLEANS[cells[column]]
            else:
                self.problem(column, f"“{cells[column]}” is neither true nor false.")
        for prefix, column in (("start", "date"), ("end", "end_date")):
            if prefix == "end" and not cells[column]:
                continue
            try:
                parts = parse_date_cell(cells[column])
            except ValueError as error:
                self.problem(column, str(error))
                continue
            values.update({f"{prefix}_{part}": value for part, value in parts.items()})
            if prefix == "start" and cells["precision"] != (known := precision_of(parts).token):
                self.problem(
                    "precision",
                    f"“{cells['precision']}” does not match the date {cells['date']}, "
                    f"which is known to the {known}.",
                )
        event = Event(
            slug=slug,
            title=cells["title"],
            summary=cells["summary"],
            body=cells["body"],
            time_zone=cells["time_zone"],
            kind=cells["kind"],
            verification=cells["verification"],
            verification_note=cells["verification_note"],
            status=self.status,
            publish_at=self.publish_at,
            first_published_at=self.publish_at,
            **values,
        )
        try:
            # clean() mirrors each of the event's database checks with a message for people;
            # checking them again by query would cost some twenty queries a row. The database
            # still enforces them when the rows are stored, in the one transaction. The slug
            # is looked up among stored events for the whole file at once (stored_slugs).
            event.full_clean(
                exclude=["place", "precision", "sorts_at"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            self.invalid(error, EVENT_COLUMNS)
        if slug in self.stored_slugs:
            taken = event.unique_error_message(Event, ["slug"])
            self.invalid(ValidationError({"slug": [taken]}), EVENT_COLUMNS)
        return event

    def place(self, cells):
        slug = cells["place"]
        if not slug:
            if filled := [column for column in PLACE_DETAILS if cells[column]]:
                self.problem(
                    "place", f"empty, while {', '.join(filled)} are filled in: give its slug."
                )
            return None
        coordinates = {}
        for column in ("latitude", "longitude"):
            try:
                value = decimal.Decimal(cells[column]) if cells[column] else None
            except decimal.InvalidOperation:
                value = decimal.Decimal("NaN")
            if value is not None and not value.is_finite():
                self.problem(column, f"“{cells[column]}” is not a number.")
            coordinates[column] = value
        place = Place(
            slug=slug,
            name=cells["place_name"],
            region=cells["region"],
            country=cells["country"],
            location_precision=cells["location_precision"],
            **coordinates,
        )
        if {"latitude", "longitude"} & self.row_columns:
            return None
        fields = [name for name in PLACE_COLUMNS if name not in ("slug", NON_FIELD_ERRORS)]
        return self.match(place, fields, PLACE_COLUMNS)

    def storylines(self, text):
        items = self.items(text, "storylines", STORYLINE_KEYS, "storyline")
        storylines = {}
        for item in items or []:
            storyline = self.match(Storyline(**item), ["title", "position"], "storylines")
            # A storyline named twice in a row is linked once, as add() would.
            storylines.setdefault(item["slug"], storyline)
        return list(storylines.values())

    def citations(self, text):
        items = self.items(text, "sources", CITATION_KEYS, "citation")
        if items is None:
            return None
        citations = []
        for number, item in enumerate(items, 1):
            prefix = f"citation {number}, "
            party = None
            if item["party"]:
                party = self.match(
                    Party(slug=item["party"], name=item["party_name"]),
                    ["name"],
                    "sources",
                    prefix=prefix,
                )
            is_party = item["affiliation"] == Source.Affiliation.PARTY
            if is_party != bool(item["party"]) or (item["party_name"] and not item["party"]):
                self.problem(
                    "sources",
                    f"{prefix}source “{item['source']}”: name its party (slug and name) "
                    "exactly when its affiliation is “party”.",
                )
                continue
            source = Source(
                slug=item["source"],
                name=item["source_name"],
                short_name=item["short_name"],
                kind=item["source_kind"],
                affiliation=item["affiliation"],
                party=party,
            )
            source = self.match(source, SOURCE_FIELDS, "sources", prefix=prefix, exclude=["party"])
            if source is None:
                continue
            citation = Citation(
                source=source,
                stance=item["stance"],
                speaker=item["speaker"],
                title=item["title"],
                url=item["url"],
                published_on=item["published_on"] or None,
                quote=item["quote"],
                position=number - 1,
            )
            try:
                # The link's validator already holds it to http and https, as the database's
                # check does; checking that again would cost a query a citation.
                citation.full_clean(exclude=["event", "source"], validate_constraints=False)
            except ValidationError as error:
                self.invalid(error, "sources", prefix=prefix)
            citations.append(citation)
        return citations if "sources" not in self.row_columns else None

    def corrections(self, text):
        corrections = []
        for number, item in enumerate(
            self.items(text, "corrections", CORRECTION_KEYS, "correction") or [], 1
        ):
            try:
                moment = datetime.datetime.fromisoformat(item["published_at"])
            except ValueError:
                moment = None
            if moment is None or moment.tzinfo is None:
                self.problem(
                    "corrections",
                    f"correction {number}: “{item['published_at']}” is not a time with its "
                    "offset, like 2024-08-06T14:20:00+00:00.",
                )
                continue
            correction = EventCorrection(note=item["note"], published_at=moment)
            try:
                correction.full_clean(exclude=["event"])
            except ValidationError as error:
                self.invalid(error, "corrections", prefix=f"correction {number}, ")
            corrections.append(correction)
        # Newest first on the site, then the latest stored: store the file's last one first.
        return corrections[::-1]

    def items(self, text, column, keys, what):
        try:
            items = parse_json_cell(text, keys, what)
        except ValueError as error:
            self.problem(column, str(error))
            return None
        for number, item in enumerate(items, 1):
            for key, value in item.items():
                wanted = int if key == "position" else str
                if type(value) is not wanted:
                    self.problem(
                        column,
                        f"{what} {number}: “{key}” must be a JSON "
                        f"{'whole number' if wanted is int else 'string'}.",
                    )
                    return None
        return items

    def match(self, candidate, fields, columns, *, prefix="", exclude=()):
        """The stored or earlier row with the candidate's slug, if it agrees with the candidate
        on ``fields``; else the candidate itself, validated, to be created."""
        model = type(candidate)
        key = (model, candidate.slug)
        if key not in self.known:
            stored = model.objects.filter(slug=candidate.slug).first()
            if stored is None:
                try:
                    candidate.full_clean(exclude=exclude)
                except ValidationError as error:
                    self.invalid(error, columns, prefix=f"{self.named(candidate, prefix)}: ")
                    return None
                self.created.append(candidate)
            self.known[key] = (stored or candidate, "stored" if stored else f"on line {self.line}")
        known, origin = self.known[key]
        for field_name in fields:
            ours, theirs = _compared(known, field_name), _compared(candidate, field_name)
            if not _agrees(ours, theirs, field_name):
                column = columns if isinstance(columns, str) else columns[field_name]
                self.problem(
                    column,
                    f"{self.named(candidate, prefix)}: {field_name} is “{theirs}” here but "
                    f"“{ours}” in the one {origin}.",
                )
        return known

    @staticmethod
    def named(candidate, prefix):
        """The row as a problem names it, "citation 2, source “ukraine-mod”": only when there is
        a problem, since the model's name is translated each time it is read."""
        return f"{prefix}{candidate._meta.verbose_name} “{candidate.slug}”"

    @staticmethod
    def cited(source):
        return CitedSource(
            is_party=source.is_party,
            party_id=source.party.slug if source.party else None,
            party=source.party,
        )


def _compared(row, field_name):
    """A field's value as the CSV gives it: a source's party by its slug."""
    value = getattr(row, field_name)
    if field_name == "party":
        return value.slug if value else ""
    return value


def _agrees(ours, theirs, field_name):
    """Whether a row's value agrees with the stored one. The export gives a place's location
    only as readers may see it (timeline/geo.py): the stored coordinates rounded to the digits
    the file carries, at the stored precision or a coarser one, agree with it."""
    if ours == theirs:
        return True
    if field_name in ("latitude", "longitude") and None not in (ours, theirs):
        return rounded(ours, -theirs.as_tuple().exponent) == theirs
    if field_name == "location_precision" and ours in Place.LocationPrecision.values:
        return theirs in Place.LocationPrecision.values and is_coarser_or_same(
            Place.LocationPrecision(theirs), Place.LocationPrecision(ours)
        )
    return False


def import_events(data, *, publish=False, dry_run=False, progress=None):
    """Check every row of the CSV ``data``, then store them all, or nothing.

    Returns the number of events; raises ImportRefused listing every problem. Events are drafts
    unless ``publish``, which publishes them at the moment of the import (the CSV carries no
    publish time: an import is when they appear on this site). ``progress(stage, done, total)``
    is called every PROGRESS_EVERY rows and at the end.
    """
    rows, problems = read_rows(data)
    now = timezone.now()
    checker = Checker(
        status=PublicationStatus.PUBLISHED if publish else PublicationStatus.DRAFT,
        publish_at=now if publish else None,
        problems=problems,
        stored_slugs=stored_event_slugs([cells["event_id"] for _, cells in rows]),
    )
    total = len(rows)
    for done, (line, cells) in enumerate(rows, 1):
        checker.check(line, cells)
        _report(progress, "Checked", done, total, "rows")
    if checker.problems:
        raise ImportRefused(sorted(checker.problems, key=lambda problem: problem.line))
    if dry_run:
        return total
    try:
        with transaction.atomic():
            store(checker, progress=progress)
    except IntegrityError as error:
        problem = Problem(1, None, f"the database refused the import: {error}")
        raise ImportRefused([problem]) from None
    return total


def stored_event_slugs(slugs):
    """Which of these event slugs stored events have, a few queries for any number."""
    slugs = sorted(set(slugs))
    stored = set()
    for start in range(0, len(slugs), LOOKUP_SIZE):
        found = Event.objects.filter(slug__in=slugs[start : start + LOOKUP_SIZE])
        stored.update(found.values_list("slug", flat=True))
    return stored


def store(checker, *, progress=None):
    """Create what the file adds, in dependency order, then the events with their links and a
    revision each, BATCH_SIZE events to a handful of statements."""
    for model in (Party, Place, Storyline, Source):
        # Links to rows created earlier in this loop (a source's party) take their ids here.
        model.objects.bulk_create([row for row in checker.created if type(row) is model])
    total = len(checker.planned)
    for start in range(0, total, BATCH_SIZE):
        batch = checker.planned[start : start + BATCH_SIZE]
        store_batch(batch)
        _report(progress, "Stored", start + len(batch), total, "events")
    if checker.status == PublicationStatus.PUBLISHED:
        # Bulk inserts send no signal to the page cache; drafts change nothing readers see.
        transaction.on_commit(public_content_changed)


def store_batch(batch):
    events = []
    for plan in batch:
        plan.event.place = plan.place
        plan.event.set_chronology()  # what save() derives, which bulk_create does not call
        plan.event.facets = facets_of(
            plan.storylines, [citation.source for citation in plan.citations]
        )
        events.append(plan.event)
    Event.objects.bulk_create(events)
    links = Event.storylines.through
    links.objects.bulk_create(
        links(event_id=plan.event.pk, storyline_id=storyline.pk)
        for plan in batch
        for storyline in plan.storylines
    )
    for plan in batch:
        for item in (*plan.citations, *plan.corrections):
            item.event = plan.event
    Citation.objects.bulk_create([item for plan in batch for item in plan.citations])
    EventCorrection.objects.bulk_create([item for plan in batch for item in plan.corrections])
    # What was just stored, in the order the database gives it (citations by position), so
    # that the revisions read nothing back.
    stored = [
        (
            {"storylines": [storyline.pk for storyline in plan.storylines]},
            {"citations": [(citation.pk, citation) for citation in plan.citations]},
        )
        for plan in batch
    ]
    record_revisions(items=events, user=None, comment="Imported from CSV", stored=stored)


def _report(progress, stage, done, total, what):
    if progress and (done % PROGRESS_EVERY == 0 or done == total):
        progress(stage, done, total, what)

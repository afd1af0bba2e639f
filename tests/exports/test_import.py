"""import_events: every row checked, every problem named by line and column, all or nothing."""

import csv
import io
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from newsroom.publishing import PublicationStatus
from newsroom.revisions.models import Revision
from newsroom.revisions.services import snapshot
from newsroom.sources.models import Party, Source
from tests.factories import make_event, make_place
from timeline.dates import Precision
from timeline.exports import COLUMNS
from timeline.imports import PROGRESS_EVERY
from timeline.models import Event, Place

from .helpers import CSV, empty_the_story, import_file, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(client, story):
    """The story's CSV as {slug: row}, in file order, and the story emptied away."""
    rows = csv.DictReader(io.StringIO(text(client.get(CSV))))
    exported = {row["event_id"]: row for row in rows}
    empty_the_story()
    return exported


def write(path, rows, *, header=COLUMNS):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row.get(name, "") for name in header)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def refusal(path, *args):
    """The command's error, having checked that it stored nothing."""
    counts = [model.objects.count() for model in (Event, Place, Source, Party, Revision)]
    with pytest.raises(CommandError) as error:
        import_file(path, *args)
    assert [m.objects.count() for m in (Event, Place, Source, Party, Revision)] == counts
    return str(error.value)


def test_events_arrive_as_drafts_with_a_revision_each(exported, tmp_path):
    out = import_file(write(tmp_path / "in.csv", exported.values()))
    assert "Checked 6 of 6 rows" in out and "Imported 6 events as drafts." in out
    assert set(Event.objects.values_list("status", flat=True)) == {PublicationStatus.DRAFT}
    assert not Event.objects.published().exists()
    assert Revision.objects.count() == 6
    minute = Event.objects.get(slug="minute")
    assert minute.title == '=HYPERLINK("http://evil.example") strike'  # the guard is gone
    assert [str(line) for line in minute.attributions] == [
        "Reported by Social media videos (affiliation unknown)",
        "Claimed by Russia, a party to the conflict: Russia's defence ministry",
    ]
    assert Place.objects.get(slug="west").longitude == -70.25


def test_publish_publishes_them_now(exported, tmp_path):
    out = import_file(write(tmp_path / "in.csv", exported.values()), "--publish")
    assert "as published" in out
    assert Event.objects.published().count() == 6
    assert all(e.first_published_at == e.publish_at for e in Event.objects.all())


def test_one_bad_row_refuses_the_whole_file_naming_line_and_column(exported, tmp_path):
    # The "minute" row's summary spans two lines (2 and 3), so "hour" starts on line 5.
    assert list(exported)[:3] == ["minute", "day", "hour"]
    exported["hour"].update(date="2024-02-30", precision="day")
    message = refusal(write(tmp_path / "in.csv", exported.values()))
    assert "Nothing was imported: 1 problem in" in message
    assert "line 5, column date: February 2024 has only 29 days." in message


def test_a_dry_run_checks_and_stores_nothing(exported, tmp_path):
    out = import_file(write(tmp_path / "in.csv", exported.values()), "--dry-run")
    assert "All 6 rows are fine; nothing was stored" in out
    assert not Event.objects.exists() and not Source.objects.exists()


def test_every_problem_is_reported_not_just_the_first(exported, tmp_path):
    rows = list(exported.values())
    rows[1]["kind"] = "rumour"
    rows[3]["approximate"] = "yes"
    rows[5]["date"] = "August 2024"
    message = refusal(write(tmp_path / "in.csv", rows))
    assert "3 problems" in message
    assert "line 4, column kind: Value 'rumour' is not a valid choice." in message
    assert "line 6, column approximate: “yes” is neither true nor false." in message
    assert "line 8, column date: “August 2024” is not a date in the form" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda rows: rows.append(dict(rows[2])),
            "line 9, column event_id: “hour” is also the event on line 5.",
        ),
        (
            lambda rows: rows[2].update(precision="day"),
            "line 5, column precision: “day” does not match the date 2024-08-07T03, "
            "which is known to the hour.",
        ),
        (
            lambda rows: rows[2].update(time_zone="Mars/Olympus"),
            "line 5, column time_zone: “Mars/Olympus” is not a known time zone",
        ),
        (
            lambda rows: rows[2].update(end_date="2023"),
            "line 5, column end_date: The end cannot come before the start.",
        ),
        (
            lambda rows: rows[1].update(latitude="north"),
            "line 4, column latitude: “north” is not a number.",
        ),
        (
            lambda rows: rows[1].update(latitude="95"),
            "line 4, column latitude: place “sudzha”: Latitude must be between -90 and 90.",
        ),
        (
            lambda rows: rows[1].update(sources="[{"),
            "line 4, column sources: not valid JSON",
        ),
        (
            lambda rows: rows[1].update(sources=rows[1]["sources"].replace("confirms", "whispers")),
            "line 4, column sources: citation 1, stance: Value 'whispers' is not a valid choice.",
        ),
        (
            lambda rows: rows[1].update(
                sources=rows[1]["sources"].replace("https://wire", "javascript:wire")
            ),
            "line 4, column sources: citation 1, url: Enter a valid URL.",
        ),
        (
            lambda rows: rows[4].update(storylines=rows[4]["storylines"].replace("Diplomacy", "x")),
            "line 7, column storylines: storyline “diplomacy”: title is “x” here but "
            "“Diplomacy” in the one on line 6.",
        ),
        (
            lambda rows: rows[3].update(corrections='[{"published_at": "yesterday", "note": "x"}]'),
            "line 6, column corrections: correction 1: “yesterday” is not a time",
        ),
    ],
)
def test_hostile_rows_get_a_clear_refusal(exported, tmp_path, change, expected):
    rows = list(exported.values())
    change(rows)
    assert expected in refusal(write(tmp_path / "in.csv", rows))


def test_one_partys_word_cannot_be_imported_as_confirmed_without_a_note(exported, tmp_path):
    rows = list(exported.values())
    rows[0]["verification"] = "confirmed"
    sources = json.loads(rows[0]["sources"])
    rows[0]["sources"] = json.dumps(sources[:1])  # the ministry alone
    message = refusal(write(tmp_path / "in.csv", rows))
    assert "line 2, column verification: Every citation comes from Russia" in message
    rows[0]["verification_note"] = "Seen on satellite images."
    import_file(write(tmp_path / "in.csv", rows))
    assert Event.objects.get(slug="minute").verification == "confirmed"


def test_rows_already_stored_are_matched_by_slug_and_must_agree(exported, tmp_path):
    make_place(name="Sudzha", slug="sudzha", region="Kursk region", latitude=51.19, longitude=35.27)
    make_event(slug="hour")
    rows = list(exported.values())
    message = refusal(write(tmp_path / "in.csv", rows))
    assert "line 5, column event_id: Event with this Slug already exists." in message
    assert message.count("line") == 1  # the stored Sudzha agrees with the file
    Place.objects.filter(slug="sudzha").update(name="Sudzha town")
    message = refusal(write(tmp_path / "in.csv", rows[:2]))
    assert (
        "line 4, column place_name: place “sudzha”: name is “Sudzha” here but “Sudzha town” "
        "in the one stored." in message
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "line 1: the file is empty."),
        (",".join(COLUMNS).encode() + b"\r\nday,caf\xe9\r\n", "line 2: byte 0xe9 is not UTF-8"),
        (
            ",".join(c for c in COLUMNS if c not in ("kind", "url")).encode(),
            "line 1: missing columns: kind, url.",
        ),
        (
            ",".join([*COLUMNS, "notes"]).encode(),
            "line 1, column notes: not a column of the timeline's CSV export.",
        ),
        (
            ",".join([*COLUMNS, "title"]).encode(),
            "line 1, column title: this column is named twice.",
        ),
        (",".join(COLUMNS).encode() + b"\r\nday,Title\r\n", "line 2: 2 cells, where the header"),
        (",".join(COLUMNS).encode() + b'\r\nday,"unclosed\r\n', "not readable as CSV"),
    ],
)
def test_hostile_files_get_a_clear_refusal(db, tmp_path, content, expected):
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    assert expected in refusal(path)


def test_a_byte_order_mark_is_fine(exported, tmp_path):
    path = write(tmp_path / "in.csv", exported.values())
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert "Imported 6 events" in import_file(path)


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*nothing.csv: No such file"):
        import_file(tmp_path / "nothing.csv")


def test_progress_is_shown_in_steps(exported, tmp_path):
    template = exported["day"]
    rows = [{**template, "event_id": f"day-{n}"} for n in range(PROGRESS_EVERY * 2 + 5)]
    out = import_file(write(tmp_path / "in.csv", rows), "--dry-run")
    assert out.splitlines()[:3] == [
        f"Checked {PROGRESS_EVERY} of {len(rows)} rows",
        f"Checked {PROGRESS_EVERY * 2} of {len(rows)} rows",
        f"Checked {len(rows)} of {len(rows)} rows",
    ]


def copies(exported, count):
    """``count`` rows: the story's rows over and over, each under an event id of its own."""
    rows = list(exported.values())
    return [{**rows[n % len(rows)], "event_id": f"copy-{n}"} for n in range(count)]


def queries_to_import(path, *args):
    ContentType.objects.clear_cache()  # each import starts as cold as the other
    with CaptureQueriesContext(connection) as queries:
        import_file(path, *args)
    return len(queries)


@pytest.mark.parametrize("args", [(), ("--publish",)])
def test_every_imported_event_gets_its_revision_in_the_same_queries_however_many(
    exported, tmp_path, args
):
    few = queries_to_import(write(tmp_path / "few.csv", copies(exported, 10)), *args)
    empty_the_story()
    rows = copies(exported, 50)
    many = queries_to_import(write(tmp_path / "many.csv", rows), *args)
    assert many == few
    events = Event.objects.all()
    assert events.count() == len(rows)
    revisions = {revision.object_id: revision for revision in Revision.objects.all()}
    for event in events:
        revision = revisions[event.pk]
        assert (revision.version, revision.comment) == (event.version, "Imported from CSV")
        assert revision.data == snapshot(event)
    # Links and child rows are in them: the story has an event in two storylines, one with two
    # citations.
    assert max(len(revision.data["storylines"]) for revision in revisions.values()) == 2
    assert max(len(revision.data["citations"]) for revision in revisions.values()) == 2


def test_a_storyline_named_twice_in_a_row_is_linked_once(exported, tmp_path):
    row = next(row for row in exported.values() if row["storylines"])
    named = json.loads(row["storylines"])
    row["storylines"] = json.dumps([*named, named[0]])
    import_file(write(tmp_path / "in.csv", [row]))
    event = Event.objects.get(slug=row["event_id"])
    assert sorted(event.storylines.values_list("slug", flat=True)) == sorted(
        storyline["slug"] for storyline in named
    )
    assert Revision.objects.get(object_id=event.pk).data == snapshot(event)


def test_a_file_reads_the_same_whatever_language_is_active(exported, tmp_path):
    """The precision column holds a token ("day"), not the label a language translates."""
    with translation.override("uk"):
        out = import_file(write(tmp_path / "in.csv", exported.values()))
    assert "Imported 6 events as drafts." in out
    assert {row["precision"] for row in exported.values()} <= {p.token for p in Precision}

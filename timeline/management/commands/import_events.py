"""Read events in from the timeline's CSV export: every row checked, then all stored or none."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline.imports import ImportRefused, import_events


class Command(BaseCommand):
    help = (
        "Import events from a CSV file in the format /api/exports/events.csv writes. Every row "
        "is checked first; one problem anywhere and nothing is stored. Places, storylines, "
        "sources and parties are matched by slug and created when missing. Events arrive as "
        "drafts unless --publish."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file, UTF-8.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the events now, instead of leaving them as drafts for the desk.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row and store nothing."
        )

    def handle(self, *args, file, publish, dry_run, **options):
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None

        def progress(stage, done, total, what):
            self.stdout.write(f"{stage} {done:,} of {total:,} {what}")
            self.stdout.flush()

        try:
            count = import_events(data, publish=publish, dry_run=dry_run, progress=progress)
        except ImportRefused as refused:
            problems = refused.problems
            raise CommandError(
                f"Nothing was imported: {len(problems)} problem{'s' * (len(problems) != 1)} "
                f"in {file}:\n" + "\n".join(map(str, problems))
            ) from None
        if dry_run:
            message = f"All {count:,} rows are fine; nothing was stored (--dry-run)."
        else:
            state = "published" if publish else "drafts"
            message = f"Imported {count:,} events as {state}."
        self.stdout.write(self.style.SUCCESS(message))

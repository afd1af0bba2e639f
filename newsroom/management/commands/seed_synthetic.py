"""Fill the database with synthetic published events, to try the site and benchmark it at scale."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.demo.synthetic import seed_synthetic


class Command(BaseCommand):
    help = (
        "Add N synthetic published events (slugs start with 'synthetic-'), with citations, "
        "storylines, places and some articles. Runs only with DEBUG on: the rows are made up."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, required=True, help="How many events to add.")
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same story.")

    def handle(self, *args, events, batch_size, seed, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_synthetic publishes made-up events, so it runs only with DEBUG on "
                "(DEBUG=1); never point it at a real newsroom's database."
            )
        if events < 1 or batch_size < 1:
            raise CommandError("--events and --batch-size must be at least 1.")

        def progress(done, total):
            self.stdout.write(f"  {done:>7,} / {total:,} events")
            self.stdout.flush()

        self.stdout.write(f"Adding {events:,} synthetic events in batches of {batch_size:,}…")
        tally = seed_synthetic(events=events, batch_size=batch_size, seed=seed, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {tally['events']:,} events, {tally['citations']:,} citations "
                f"and {tally['articles']:,} articles."
            )
        )

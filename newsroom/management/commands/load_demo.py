"""Load the Kursk demo story, demo accounts and a moderation queue."""

import os

from django.core.management.base import BaseCommand, CommandError

from newsroom.demo.content import DEFAULT_PASSWORD, USERNAMES
from newsroom.demo.loader import DemoRefused, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo story (Ukraine's August 2024 Kursk incursion), staff accounts "
        f"{', '.join(USERNAMES)} and pending reader submissions. Runs only with DEBUG on; "
        f"the password comes from DEMO_PASSWORD (default {DEFAULT_PASSWORD!r}). "
        "Running it again brings an older demo up to date, and then changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site",
            default="http://127.0.0.1:8000",
            help="Where the site is served, for the addresses printed at the end.",
        )

    def handle(self, *args, **options):
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        try:
            tally = load_demo(password=password)
        except DemoRefused as refusal:
            raise CommandError(str(refusal)) from refusal

        created, updated, unchanged = (sum(column) for column in zip(*tally.values(), strict=True))
        if not updated and not unchanged:
            self.stdout.write(self.style.SUCCESS("Demo story loaded."))
        elif created or updated:
            self.stdout.write(self.style.SUCCESS("Demo story brought up to date."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo story already loaded: nothing changed."))
        for label, (created, updated, unchanged) in tally.items():
            self.stdout.write(
                f"  {label}: {created} created, {updated} updated, {unchanged} unchanged"
            )
        self.stdout.write("")
        self.stdout.write(f"Accounts (staff, each in its own group): {', '.join(USERNAMES)}")
        self.stdout.write(f"Password: {password}")
        if tally["accounts"][2]:
            self.stdout.write("  (accounts that were already present keep their own password)")
        self.stdout.write("")
        site = options["site"].rstrip("/")
        self.stdout.write(f"Timeline: {site}/timeline/")
        self.stdout.write(f"Admin:    {site}/admin/")

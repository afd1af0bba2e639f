from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.moderation.submissions import purge_submission_contacts


class Command(BaseCommand):
    help = (
        "Clear the contact name, contact details and sender hash of reader submissions decided "
        "more than --days days ago. Safe to run again: it counts only what it changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.SUBMISSION_CONTACT_RETENTION_DAYS,
            help="Keep contact details this many days after the decision "
            "(default: SUBMISSION_CONTACT_RETENTION_DAYS, %(default)s).",
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be zero or more.")
        count = purge_submission_contacts(older_than_days=days)
        noun = "submission" if count == 1 else "submissions"
        self.stdout.write(
            f"Cleared contact details from {count} {noun} decided more than {days} days ago."
        )

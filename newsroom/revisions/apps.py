from django.apps import AppConfig
from django.core.exceptions import ValidationError


class RevisionsConfig(AppConfig):
    name = "newsroom.revisions"
    label = "revisions"

    def ready(self):
        from .registry import ChildRows, register

        # Corrections are left out on purpose: they are public notes, never rewound.
        register(
            self.apps.get_model("timeline", "Event"),
            children=[
                ChildRows(
                    accessor="citations",
                    fields=(
                        "source",
                        "stance",
                        "speaker",
                        "url",
                        "title",
                        "published_on",
                        "quote",
                        "position",
                    ),
                    summary=("source", "stance", "quote"),
                )
            ],
            check=check_confirmed_event,
        )
        register(
            self.apps.get_model("articles", "Article"),
            children=[
                ChildRows(accessor="event_links", fields=("event", "position"), summary=("event",))
            ],
        )


def check_confirmed_event(event):
    """DESIGN rule 3 after a restore: skipped citations may leave one party's word alone."""
    from timeline.models import sole_party

    if event.verification != event.Verification.CONFIRMED or event.verification_note.strip():
        return
    sources = [citation.source for citation in event.citations.select_related("source__party")]
    if party := sole_party(sources):
        raise ValidationError(
            f"every citation would come from {party}, a party to the conflict, and the event "
            "is confirmed with no override note. Change its verification status first."
        )

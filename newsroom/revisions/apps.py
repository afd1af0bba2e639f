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
    """Rule 3 of docs/design.md after a restore: skipped citations may leave one party's word
    alone."""
    sources = [citation.source for citation in event.citations.select_related("source__party")]
    if error := event.verification_error(sources):
        raise ValidationError(f"{error} Change its verification status first.")

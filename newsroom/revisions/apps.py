from django.apps import AppConfig
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


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
            check=check_restored_event,
        )
        register(
            self.apps.get_model("articles", "Article"),
            children=[
                ChildRows(accessor="event_links", fields=("event", "position"), summary=("event",))
            ],
        )


def check_restored_event(event):
    """Rules 2 and 3 of docs/design.md after a restore: skipped citations may leave a public
    event with none, or one party's word alone."""
    from newsroom.publishing import PUBLIC_STATUSES

    if event.status in PUBLIC_STATUSES and (error := event.publication_error()):
        raise ValidationError(
            _("This restore would leave a public event with no citation: %(error)s")
            % {"error": error}
        )
    sources = [citation.source for citation in event.citations.select_related("source__party")]
    if error := event.verification_error(sources):
        raise ValidationError(
            _("%(error)s Change its verification status first.") % {"error": error}
        )

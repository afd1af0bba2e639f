from django.apps import AppConfig


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
        )
        register(
            self.apps.get_model("articles", "Article"),
            children=[
                ChildRows(accessor="event_links", fields=("event", "position"), summary=("event",))
            ],
        )

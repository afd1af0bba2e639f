"""Each event's facets (timeline/facets.py), filled in from its links, and on PostgreSQL a GIN
index over them for the timeline's filters (SQLite filters through the link tables)."""

from itertools import batched

from django.db import migrations, models

INDEX_NAME = "timeline_event_facets"


# One statement on PostgreSQL: at 100,000 events, bulk updates from Python take minutes.
# Ordered by code point ("C"), as Python's sorted() orders them.
FILL_SQL = """
UPDATE timeline_event SET facets = COALESCE((
    SELECT jsonb_agg(name ORDER BY name COLLATE "C") FROM (
        SELECT 'storyline:' || storyline_id AS name FROM timeline_event_storylines
        WHERE event_id = timeline_event.id
        UNION SELECT 'source:' || source_id FROM sources_citation
        WHERE event_id = timeline_event.id
        UNION SELECT 'party:' || party_id FROM sources_citation
        JOIN sources_source ON sources_source.id = sources_citation.source_id
        WHERE event_id = timeline_event.id AND party_id IS NOT NULL
    ) AS names
), '[]'::jsonb)
"""


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL_SQL)
        return
    Event = apps.get_model("timeline", "Event")
    Citation = apps.get_model("sources", "Citation")
    Membership = Event.storylines.through
    pks = Event.objects.values_list("pk", flat=True)
    for chunk in batched(pks.iterator(), 2000, strict=False):
        found = {pk: set() for pk in chunk}
        links = Membership.objects.filter(event__in=chunk).values_list("event", "storyline")
        for event, storyline in links:
            found[event].add(f"storyline:{storyline}")
        cited = Citation.objects.filter(event__in=chunk).values_list(
            "event", "source", "source__party"
        )
        for event, source, party in cited:
            found[event].add(f"source:{source}")
            if party is not None:
                found[event].add(f"party:{party}")
        Event.objects.bulk_update(
            [Event(pk=pk, facets=sorted(names)) for pk, names in found.items()], ["facets"]
        )


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {INDEX_NAME} ON timeline_event USING gin (facets jsonb_path_ops)"
        )


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0001_initial"),
        ("timeline", "0008_story_summary_and_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="facets",
            field=models.JSONField(default=list, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(add_index, remove_index),
    ]

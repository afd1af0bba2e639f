"""A GIN index for the timeline's full-text search, on PostgreSQL only (SQLite searches plainly).

The expression must be the one ``timeline.models.search_document()`` builds, or the planner will
not use the index; a test checks that it does.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "timeline_event_search"


def search_index():
    document = SearchVector("title", weight="A", config="english") + SearchVector(
        "summary", "body", weight="B", config="english"
    )
    return GinIndex(document, name=INDEX_NAME)


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("timeline", "Event"), search_index())


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("timeline", "Event"), search_index())


class Migration(migrations.Migration):
    dependencies = [("timeline", "0003_event_image")]

    operations = [migrations.RunPython(add_index, remove_index)]

"""GIN indexes for readers' search in Ukrainian and Russian, on PostgreSQL only (SQLite
searches plainly): one per language, over that language's translations alone.

The expression must be the one ``newsroom.translations.search.translation_document()`` builds
for the language's configuration (``timeline/search_words.py``), or the planner will not use
the index.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import Q
from django.db.models.fields.json import KeyTextTransform

CONFIGS = {"ru": "russian", "uk": "simple"}


def search_index(language):
    config = CONFIGS[language]
    document = SearchVector(
        KeyTextTransform("title", "fields"), weight="A", config=config
    ) + SearchVector(
        KeyTextTransform("summary", "fields"),
        KeyTextTransform("body", "fields"),
        weight="B",
        config=config,
    )
    return GinIndex(
        document, name=f"translations_search_{language}", condition=Q(language=language)
    )


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for language in CONFIGS:
            schema_editor.add_index(apps.get_model("translations", "Translation"), search_index(language))


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for language in CONFIGS:
            schema_editor.remove_index(
                apps.get_model("translations", "Translation"), search_index(language)
            )


class Migration(migrations.Migration):
    dependencies = [("translations", "0001_initial")]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]

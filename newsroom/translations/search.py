"""Readers' search in Ukrainian and Russian looks in the translations of events too.

The words are made a query by the timeline's filters (``timeline/search_words.py`` knows each
language's configuration and cuts Ukrainian words to their stems); here they are looked for in
the translations readers may see. Migration 0002 indexes the same documents, one partial GIN
index per language: change both together.
"""

from django.db import connection
from django.db.models import Q
from django.db.models.fields.json import KeyTextTransform

from .models import Translation


def translation_document(config):
    """What a translated event is searched in: its title first, then its summary and body."""
    from django.contrib.postgres.search import SearchVector

    def text(name):
        return KeyTextTransform(name, "fields")

    return SearchVector(text("title"), weight="A", config=config) + SearchVector(
        text("summary"), text("body"), weight="B", config=config
    )


def translated_events_matching(language, *, text, query=None, config=None):
    """The ids of events whose shown translation in ``language`` matches: on PostgreSQL the
    ``SearchQuery`` ``query`` in the text-search configuration ``config``, elsewhere ``text``
    as written."""
    shown = Translation.objects.shown().filter(
        language=language, content_type__app_label="timeline", content_type__model="event"
    )
    if connection.vendor != "postgresql":
        plain = Q(fields__title__icontains=text) | Q(fields__summary__icontains=text)
        return shown.filter(plain | Q(fields__body__icontains=text)).values("object_id")
    document = translation_document(config)
    return shown.annotate(document=document).filter(document=query).values("object_id")

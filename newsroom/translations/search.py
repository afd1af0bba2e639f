"""Readers' search in Ukrainian and Russian: the translations of events are searched in the
page's language (PostgreSQL; SQLite looks for the words as they are written).

Russian is stemmed by PostgreSQL's own ``russian`` configuration ("Курской" finds "Курская").
PostgreSQL ships no Ukrainian stemmer, so Ukrainian words are indexed as written (``simple``)
and each word of the query, cut of a common ending, is matched as a prefix ("Курської" finds
"Курська"). Migration 0002 indexes the same documents: change both together.
"""

import re

from django.db import connection
from django.db.models import Q
from django.db.models.fields.json import KeyTextTransform

from .models import Translation

SEARCH_CONFIGS = {"ru": "russian", "uk": "simple"}
# Endings of Ukrainian nouns and adjectives in their cases, longest first, so that a query
# word is cut back to what its other forms share.
UKRAINIAN_ENDINGS = sorted(
    {
        *("ою", "ею", "ів", "ям", "ами", "ями", "ах", "ях", "ові", "еві", "ом", "ем"),
        *("ий", "ого", "ому", "им", "ім", "их", "ими", "ої", "а", "я"),
        *("у", "ю", "і", "ї", "и", "е", "о", "є", "ь"),
    },
    key=len,
    reverse=True,
)
# A stem kept at least this long: shorter, a prefix would match too much.
SHORTEST_STEM = 3
WORD = re.compile(r"\w+")


def translation_document(config):
    """What a translated event is searched in: its title first, then its summary and body."""
    from django.contrib.postgres.search import SearchVector

    def text(name):
        return KeyTextTransform(name, "fields")

    return SearchVector(text("title"), weight="A", config=config) + SearchVector(
        text("summary"), text("body"), weight="B", config=config
    )


def ukrainian_stem(word):
    for ending in UKRAINIAN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= SHORTEST_STEM:
            return word[: -len(ending)]
    return word


def ukrainian_query(text):
    """A raw tsquery matching every word of ``text`` by the prefix of its stem, or None."""
    stems = [ukrainian_stem(word) for word in WORD.findall(text.lower())]
    return " & ".join(f"{stem}:*" for stem in stems) or None


def translated_events_matching(text, language):
    """The ids of events whose shown translation in ``language`` holds the words of ``text``."""
    shown = Translation.objects.shown().filter(
        language=language, content_type__app_label="timeline", content_type__model="event"
    )
    if connection.vendor != "postgresql":
        plain = Q(fields__title__icontains=text) | Q(fields__summary__icontains=text)
        return shown.filter(plain | Q(fields__body__icontains=text)).values("object_id")
    from django.contrib.postgres.search import SearchQuery

    config = SEARCH_CONFIGS[language]
    if language == "uk":
        raw = ukrainian_query(text)
        if raw is None:
            return shown.none().values("object_id")
        query = SearchQuery(raw, search_type="raw", config=config)
    else:
        query = SearchQuery(text, search_type="websearch", config=config)
    document = translation_document(config)
    return shown.annotate(document=document).filter(document=query).values("object_id")

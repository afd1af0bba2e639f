"""Readers' pages in Ukrainian and Russian: originals overlaid with their translations.

A page's querysets are annotated (``with_translations``) so that every row brings its shown
translation, and that of the rows it joins, in the query that fetches it: a page in Ukrainian
runs the same queries as in English. ``localize`` then writes the translated text onto the
instances, and what it finds no annotation for it fetches in one query. An item without a
translation readers may see keeps its English text, marked ``shown_language = "en"`` with a
``translation_state`` ("missing" or "outdated") for the page's label. In English both do
nothing.
"""

import functools
import operator

from django.db.models import OuterRef, Q, Subquery

from newsroom.languages import CONTENT_LANGUAGES, ORIGINAL, content_language

from .models import Translation
from .registry import translated_fields

# The joined rows (select_related) whose translations ride on a model's rows.
JOINED = {
    "timeline.event": ("place",),
    "sources.citation": ("source", "source__party"),
    "sources.source": ("party",),
    "articles.articleevent": ("event",),
}
MISSING, OUTDATED = "missing", "outdated"
# The parameter by which the API and the exports are asked for a language: ?lang=uk.
LANGUAGE_PARAMETER = "lang"


def asked_language(query):
    """The content language a query string asks for (English without ``lang``); ValueError
    with the reader-facing reason for any other value than en, uk or ru."""
    value = query.get(LANGUAGE_PARAMETER, ORIGINAL)
    if value not in CONTENT_LANGUAGES:
        raise ValueError(
            f"“{value}” is not a language here: give one of {', '.join(CONTENT_LANGUAGES)}."
        )
    return value


def annotation(path):
    return "translation_" + path.replace("__", "_") if path else "translation"


def with_translations(queryset, language=None):
    """The queryset with each row's translation in ``language`` (the active one by default),
    and that of the rows it joins: two correlated subqueries each, none in English."""
    language = content_language(language)
    if language == ORIGINAL:
        return queryset
    model = queryset.model
    annotations = {}
    for path in ("", *JOINED.get(model._meta.label_lower, ())):
        target = model
        for name in filter(None, path.split("__")):
            target = target._meta.get_field(name).related_model
        if not translated_fields(target):
            continue
        ready = Translation.objects.filter(
            content_type__app_label=target._meta.app_label,
            content_type__model=target._meta.model_name,
            object_id=OuterRef(path or "pk"),
            language=language,
            ready=True,
        )
        name = annotation(path)
        if name in queryset.query.annotations:
            continue
        annotations[name] = Subquery(ready.values("fields")[:1])
        annotations[f"{name}_outdated"] = Subquery(ready.values("outdated")[:1])
    return queryset.annotate(**annotations)


def localize(objects, language=None):
    """Show ``objects`` (and what they joined or prefetched) in ``language``, in place."""
    language = content_language(language)
    objects = list(objects)
    if language == ORIGINAL:
        return objects
    pending = []
    for item in walk(objects):
        holder, path, target = item
        if hasattr(target, "shown_language"):
            continue  # localized already
        name = annotation(path)
        if not hasattr(holder, name):
            pending.append(target)
            continue
        apply(target, language, getattr(holder, name), getattr(holder, f"{name}_outdated"))
    fetch(pending, language)
    return objects


def localize_rows(rows, language=None):
    """Show ``rows`` in ``language``, in place: plain objects, not model instances, each with
    its model's ``_meta``, its ``pk`` and the model's translated fields (an export's events,
    timeline/exports.py). One query, none in English."""
    language = content_language(language)
    rows = list(rows)
    if language != ORIGINAL:
        fetch(rows, language)
    return rows


def walk(objects):
    """(row holding the annotation, path from it, translated instance) for every registered
    instance among ``objects``, the rows they joined, and those they prefetched."""
    for item in objects:
        label = item._meta.label_lower
        if translated_fields(item):
            yield item, "", item
        for path in JOINED.get(label, ()):
            target = functools.reduce(joined, path.split("__"), item)
            if target is not None and translated_fields(target):
                yield item, path, target
        for related in getattr(item, "_prefetched_objects_cache", {}).values():
            yield from walk(related)


def joined(item, name):
    """The row ``item`` joined as ``name``, or None: never a query for one it did not join."""
    if item is None or not item._meta.get_field(name).is_cached(item):
        return None
    return getattr(item, name)


def fetch(instances, language):
    """Apply the translations of instances no query brought them for, in one query."""
    if not instances:
        return
    by_model = {}
    for instance in instances:
        by_model.setdefault(instance._meta.model, set()).add(instance.pk)
    wanted = functools.reduce(
        operator.or_,
        (
            Q(
                content_type__app_label=model._meta.app_label,
                content_type__model=model._meta.model_name,
                object_id__in=ids,
            )
            for model, ids in by_model.items()
        ),
    )
    found = {
        (app_label, model, pk): (fields, outdated)
        for app_label, model, pk, fields, outdated in Translation.objects.filter(
            wanted, language=language, ready=True
        ).values_list(
            "content_type__app_label", "content_type__model", "object_id", "fields", "outdated"
        )
    }
    for instance in instances:
        key = (instance._meta.app_label, instance._meta.model_name, instance.pk)
        apply(instance, language, *found.get(key, (None, None)))


def apply(instance, language, fields, outdated):
    """Write a shown translation's text onto the instance, or mark it as shown in English."""
    if fields is not None and not outdated:
        for name in translated_fields(instance):
            if fields.get(name):
                setattr(instance, name, fields[name])
        instance.shown_language, instance.translation_state = language, None
    else:
        instance.shown_language = ORIGINAL
        instance.translation_state = OUTDATED if fields is not None else MISSING

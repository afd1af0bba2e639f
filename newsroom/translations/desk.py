"""What waits for translators, counted for the desk's front page (newsroom/desk.py)."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from newsroom.languages import TRANSLATED

from .models import Translation

# Readers meet these on their own pages: what waits for translation is counted of them.
PUBLISHED_MODELS = ("timeline.event", "articles.article")
# Each tally's words, whole, so that Ukrainian and Russian can agree them.
MISSING = {
    ("timeline.event", "uk"): _("Published events with no Ukrainian translation"),
    ("timeline.event", "ru"): _("Published events with no Russian translation"),
    ("articles.article", "uk"): _("Published articles with no Ukrainian translation"),
    ("articles.article", "ru"): _("Published articles with no Russian translation"),
}
WAITING = {
    ("uk", "not_ready"): _("Ukrainian translations not ready"),
    ("uk", "outdated"): _("Ukrainian translations outdated"),
    ("ru", "not_ready"): _("Russian translations not ready"),
    ("ru", "outdated"): _("Russian translations outdated"),
}
NOT_YET = {
    "uk": _("Published, no Ukrainian translation"),
    "ru": _("Published, no Russian translation"),
}


def _published_models():
    from django.apps import apps

    return [apps.get_model(label) for label in PUBLISHED_MODELS]


def translations_of(model, language):
    return Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=OuterRef("pk"),
        language=language,
    )


def of_published_originals():
    """Translations whose original is a published event or article."""
    condition = Q(pk__in=[])
    for model in _published_models():
        condition |= Q(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=model.objects.published().values("pk"),
        )
    return condition


def translation_tallies(user, tally):
    """Per language: published events and articles with no translation, and translations of
    published ones not ready or outdated. One query per kind of item, for translators."""
    if not user.has_perm("translations.change_translation"):
        return []
    from newsroom.desk import _changelist

    waiting = {language: {"not_ready": 0, "outdated": 0} for language in TRANSLATED}
    tallies = []
    for model in _published_models():
        counts = {}
        for language in TRANSLATED:
            found = translations_of(model, language)
            counts[f"missing_{language}"] = Count("pk", filter=~Exists(found))
            counts[f"not_ready_{language}"] = Count("pk", filter=Exists(found.filter(ready=False)))
            counts[f"outdated_{language}"] = Count(
                "pk", filter=Exists(found.filter(ready=True, outdated=True))
            )
        counts = model.objects.published().aggregate(**counts)
        for language in TRANSLATED:
            tallies.append(
                tally(
                    MISSING[model._meta.label_lower, language],
                    counts[f"missing_{language}"],
                    _changelist(model, f"translation=missing-{language}"),
                )
            )
            for state in waiting[language]:
                waiting[language][state] += counts[f"{state}_{language}"]
    for language, states in waiting.items():
        query = f"language__exact={language}&published=yes"
        tallies += [
            tally(
                WAITING[language, "not_ready"],
                states["not_ready"],
                _changelist(Translation, f"{query}&ready__exact=0"),
            ),
            tally(
                WAITING[language, "outdated"],
                states["outdated"],
                _changelist(Translation, f"{query}&ready__exact=1&outdated__exact=1"),
            ),
        ]
    return tallies


class PublishedOriginalFilter(admin.SimpleListFilter):
    title = _("original")
    parameter_name = "published"

    def lookups(self, request, model_admin):
        return [("yes", _("Published"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(of_published_originals())
        return queryset


class MissingTranslationFilter(admin.SimpleListFilter):
    """Published items that have no translation in a language yet."""

    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [(f"missing-{language}", NOT_YET[language]) for language in TRANSLATED]

    def queryset(self, request, queryset):
        value = self.value() or ""
        language = value.removeprefix("missing-")
        if language not in TRANSLATED:
            return queryset
        missing = ~Exists(translations_of(queryset.model, language))
        return queryset.filter(missing, pk__in=queryset.model.objects.published().values("pk"))

import re

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.utils.text import capfirst

from newsroom.admin import (
    ChosenInOneQuery,
    CorrectionInline,
    CreatedByMeFilter,
    IndexedDateHierarchy,
    PublicationFilter,
    PublishableAdmin,
    RowAutocompleteInline,
    VersionedForm,
)
from newsroom.images import clean_image_field
from newsroom.publishing import PUBLIC_STATUSES
from newsroom.sources.models import Citation

from .models import SEARCH_CONFIG, Event, EventCorrection, Place, Storyline, search_document


class EventAdminForm(VersionedForm):
    def clean_image(self):
        return clean_image_field(self.cleaned_data.get("image"))


class CitationFormSet(ChosenInOneQuery, BaseInlineFormSet):
    """Holds the event's verification status up against who its citations come from, and keeps
    a public event cited."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        sources = [
            form.cleaned_data["source"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if error := self.instance.verification_error(sources):
            raise ValidationError(
                f"{error} Write it under “Who says so”, or choose another verification status."
            )
        # Removing the last citation of a public event would leave it public without one.
        is_public = self.instance.status in PUBLIC_STATUSES
        if self.deleted_forms and is_public and (error := self.instance.publication_error(sources)):
            raise ValidationError(
                f"{capfirst(error)} Keep one, or unpublish the event before removing the last."
            )


class CitationInline(RowAutocompleteInline, admin.StackedInline):
    model = Citation
    formset = CitationFormSet
    extra = 0
    autocomplete_fields = ["source"]
    fields = [
        ("source", "stance"),
        "speaker",
        ("title", "published_on"),
        "url",
        "quote",
        "position",
    ]

    def get_queryset(self, request):
        # Each row's heading names its source.
        return super().get_queryset(request).select_related("source")


class EventCorrectionInline(CorrectionInline):
    model = EventCorrection


@admin.register(Event)
class EventAdmin(IndexedDateHierarchy, PublishableAdmin):
    form = EventAdminForm
    list_display = [
        "title",
        "date_label",
        "verification",
        "has_override_note",
        "storyline_list",
        "status_column",
        "is_key",
        "updated_by",
        "updated_at",
    ]
    list_filter = [
        "status",
        PublicationFilter,
        "verification",
        "kind",
        "storylines",
        "is_key",
        "place",
        CreatedByMeFilter,
    ]
    list_select_related = ["updated_by"]
    date_hierarchy = "sorts_at"
    search_fields = ["title", "summary", "body", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["place", "storylines"]
    inlines = [CitationInline]
    correction_inline = EventCorrectionInline
    publication_fix_anchor = "citations-group"
    publication_fix_label = "Add a citation"
    fieldsets = [
        ("What", {"fields": ["title", "slug", "summary", "body", "kind", "storylines", "is_key"]}),
        (
            "When",
            {
                "description": "Fill the date in from the year down and leave unknown parts "
                "empty: a month with no day reads “August 2024”.",
                "fields": [
                    ("start_year", "start_month", "start_day", "start_hour", "start_minute"),
                    ("end_year", "end_month", "end_day", "end_hour", "end_minute"),
                    ("is_approximate", "time_zone"),
                ],
            },
        ),
        ("Where", {"fields": ["place"]}),
        ("Image", {"fields": ["image", "image_alt", "image_credit"]}),
        (
            "Who says so",
            {
                "description": "The sources are the citations below. An event that only one "
                "party to the conflict speaks for is confirmed only with an override note.",
                "fields": ["verification", "verification_note"],
            },
        ),
        ("Publication", {"fields": ["status", "publish_at", "seen_version"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("storylines")

    def get_search_results(self, request, queryset, search_term):
        """On PostgreSQL, words are looked up in the full-text index (migration 0004): each word
        the editor typed, or the start of one, in the title or the text; or the exact slug.

        Django's search reads every row with LIKE '%word%' over four columns; SQLite keeps it.
        """
        words = re.findall(r"\w+", search_term)
        if connection.vendor != "postgresql" or not words:
            return super().get_search_results(request, queryset, search_term)
        from django.contrib.postgres.search import SearchQuery

        # A raw query of our own making: each word as a prefix, all of them required.
        prefixes = " & ".join(f"{word}:*" for word in words)
        query = SearchQuery(prefixes, search_type="raw", config=SEARCH_CONFIG)
        found = Event.objects.annotate(search=search_document()).filter(
            Q(search=query) | Q(slug=search_term.strip())
        )
        # A subquery PostgreSQL cannot fold into a join (DISTINCT): it reads the matches from the
        # index at once, instead of walking the list's order and recomputing each event's
        # document until it has a page of matches (three times slower at 100k).
        return queryset.filter(pk__in=found.values("pk").distinct()), False

    def get_deleted_objects(self, objs, request):
        # Citations go with their event. The citation list's admin refuses every delete, being
        # read-only, and would otherwise block deleting any cited event; the right to delete
        # citations is still asked for.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if request.user.has_perm("sources.delete_citation"):
            perms_needed.discard(Citation._meta.verbose_name)
        return deleted, counts, perms_needed, protected

    @admin.display(description="date", ordering="sorts_at")
    def date_label(self, event):
        return event.date_label

    @admin.display(description="storylines")
    def storyline_list(self, event):
        return ", ".join(storyline.title for storyline in event.storylines.all())

    @admin.display(description="override note", boolean=True)
    def has_override_note(self, event):
        return bool(event.verification_note)


@admin.register(Storyline)
class StorylineAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "summary"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "country", "location_precision"]
    list_filter = ["country", "location_precision"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "region", "country"]

from django.contrib import admin

from newsroom.admin import PublishableAdmin
from newsroom.sources.models import Citation

from .models import Event, Place, Storyline


class CitationInline(admin.StackedInline):
    model = Citation
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


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    list_display = ["title", "date_label", "verification", "status", "updated_by"]
    list_filter = ["status", "verification", "kind", "storylines", "is_key"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["place", "storylines"]
    inlines = [CitationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "kind", "is_key"]}),
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
        ("Where", {"fields": ["place", "storylines"]}),
        ("Verification", {"fields": ["verification"]}),
        ("Publication", {"fields": ["status", "publish_at"]}),
    ]

    @admin.display(description="date", ordering="sorts_at")
    def date_label(self, event):
        return event.date_label


@admin.register(Storyline)
class StorylineAdmin(admin.ModelAdmin):
    list_display = ["title", "position"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "country", "location_precision"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "region", "country"]

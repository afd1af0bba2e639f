from django.contrib import admin

from .models import Citation, Party, Source


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "affiliation", "party", "country"]
    list_filter = ["kind", "affiliation", "party", "country"]
    list_select_related = ["party"]
    # One count per list: Django's second count, of the whole table, is a full read.
    show_full_result_count = False
    search_fields = ["name", "short_name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["party"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "short_name", "kind", "description", "url"]}),
        ("Whose voice", {"fields": ["affiliation", "party", "country"]}),
    ]


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    """Every citation across the story, to search who said what about which event.

    Read-only here: a citation is edited on its event, where the change is checked against the
    event's version and kept in its history.
    """

    list_display = ["event", "source", "stance", "speaker", "published_on"]
    list_filter = ["stance", "source__affiliation", "source__party"]
    list_select_related = ["event", "source"]
    show_full_result_count = False
    search_fields = ["event__title", "source__name", "speaker", "quote", "title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

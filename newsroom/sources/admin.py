from django.contrib import admin

from .models import Party, Source


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "affiliation", "party", "country"]
    list_filter = ["kind", "affiliation", "party"]
    search_fields = ["name", "short_name", "description"]
    prepopulated_fields = {"slug": ["name"]}

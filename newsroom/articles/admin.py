from django.contrib import admin

from newsroom.admin import PublishableAdmin

from .forms import ArticleForm
from .models import Article, ArticleEvent


class ArticleEventInline(admin.TabularInline):
    model = ArticleEvent
    extra = 0
    autocomplete_fields = ["event"]


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    form = ArticleForm
    list_display = ["headline", "status", "publish_at", "updated_by"]
    list_filter = ["status"]
    search_fields = ["headline", "standfirst", "body"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["bylines"]
    inlines = [ArticleEventInline]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body", "bylines"]}),
        (
            "Lead image",
            {"fields": ["lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"]},
        ),
        ("Publication", {"fields": ["status", "publish_at"]}),
    ]

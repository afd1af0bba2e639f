from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from newsroom.admin import (
    ChosenInOneQuery,
    CorrectionInline,
    CreatedByMeFilter,
    PublicationFilter,
    PublishableAdmin,
    RowAutocompleteInline,
    VersionedForm,
)
from newsroom.desk_titles import WholeTitles
from newsroom.publishing import PUBLICATION, staff_label
from newsroom.translations.admin import TranslationLinksMixin

from .forms import ArticleForm
from .models import Article, ArticleCorrection, ArticleEvent


class BylineFilter(admin.RelatedOnlyFieldListFilter):
    """The people who wrote the listed articles, by name with their login."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_value_display = _("No byline")

    def field_choices(self, field, request, model_admin):
        chosen = model_admin.get_queryset(request).values_list(f"{self.field_path}__pk")
        people = field.related_model._default_manager.filter(pk__in=chosen)
        people = people.order_by("first_name", "last_name", "username")
        return [(person.pk, staff_label(person)) for person in people]


class ArticleAdminForm(VersionedForm, ArticleForm):
    pass


class ArticleEventFormSet(ChosenInOneQuery, BaseInlineFormSet):
    pass


class ArticleEventInline(RowAutocompleteInline, admin.TabularInline):
    model = ArticleEvent
    formset = ArticleEventFormSet
    extra = 0
    autocomplete_fields = ["event"]
    fields = ["event", "position"]
    verbose_name_plural = _("linked events (in the order the article tells them)")

    def get_queryset(self, request):
        # Each row is named after its article and event.
        return super().get_queryset(request).select_related("article", "event")


class ArticleCorrectionInline(CorrectionInline):
    model = ArticleCorrection


@admin.register(Article)
class ArticleAdmin(WholeTitles, TranslationLinksMixin, PublishableAdmin):
    titles = {
        "add": _("Add article"),
        "change": _("Change article"),
        "view": _("View article"),
        "select": _("Select article to change"),
        "select_view": _("Select article to view"),
    }
    form = ArticleAdminForm
    list_display = ["headline", "byline_list", "status_column", "publish_at", "last_change"]
    list_filter = ["status", PublicationFilter, ("bylines", BylineFilter), CreatedByMeFilter]
    list_select_related = ["updated_by"]
    date_hierarchy = "publish_at"
    search_fields = ["headline", "standfirst", "body", "slug"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["bylines"]
    inlines = [ArticleEventInline]
    correction_inline = ArticleCorrectionInline
    counted = ngettext_lazy("%(count)d article", "%(count)d articles", "count")
    fieldsets = [
        (_("What"), {"fields": ["headline", "slug", "standfirst", "body"]}),
        (_("Who"), {"fields": ["bylines"]}),
        (
            _("Lead image"),
            {"fields": ["lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"]},
        ),
        (PUBLICATION, {"fields": ["status", "publish_at", "seen_version"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("bylines")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "bylines":
            field.label_from_instance = staff_label  # the names already chosen
        return field

    @admin.display(description=_("byline"))
    def byline_list(self, article):
        return ", ".join(staff_label(user) for user in article.bylines.all())

from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR
from django.db.models import Case, Q, When
from django.utils.translation import gettext_lazy as _

from newsroom.desk_titles import WholeTitles
from newsroom.translations.admin import TranslationLinksMixin

from .models import Citation, Party, Source


@admin.register(Party)
class PartyAdmin(WholeTitles, TranslationLinksMixin, admin.ModelAdmin):
    titles = {
        "add": _("Add party"),
        "change": _("Change party"),
        "view": _("View party"),
        "select": _("Select party to change"),
        "select_view": _("Select party to view"),
    }
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Source)
class SourceAdmin(TranslationLinksMixin, admin.ModelAdmin):
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
        (_("Whose voice"), {"fields": ["affiliation", "party", "country"]}),
    ]

    def get_queryset(self, request):
        # The autocomplete names each source's party (autocomplete_result).
        return super().get_queryset(request).select_related("party")

    def get_search_results(self, request, queryset, search_term):
        """Sources named by the term come before those that only mention it in their description.

        "ind" lists "The Independent" before "Social media videos", whose description says
        "independently verified", in the source box of a citation and in the list of sources,
        until the editor sorts the list by a column.
        """
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if not term or request.GET.get(ORDER_VAR):
            return queryset, may_have_duplicates
        named = Q(name__icontains=term) | Q(short_name__icontains=term)
        word_start = Q(name__icontains=f" {term}") | Q(short_name__icontains=f" {term}")
        rank = Case(
            When(Q(name__istartswith=term) | Q(short_name__istartswith=term), then=0),
            When(word_start, then=1),
            When(named, then=2),
            default=3,
        )
        # Within a rank, the order the list or the model gives; the key keeps pages apart.
        ordering = queryset.query.order_by or self.model._meta.ordering
        return queryset.alias(rank=rank).order_by("rank", *ordering, "pk"), may_have_duplicates

    def autocomplete_result(self, source):
        """What the desk's autocomplete adds to each source: its party, so that the event form
        can say at once when every citation is one party's word."""
        return {"party": source.party.name if source.is_party else ""}


@admin.register(Citation)
class CitationAdmin(WholeTitles, admin.ModelAdmin):
    """Every citation across the story, to search who said what about which event.

    Read-only here: a citation is edited on its event, where the change is checked against the
    event's version and kept in its history.
    """

    titles = {
        "view": _("View citation"),
        "select_view": _("Select citation to view"),
    }

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

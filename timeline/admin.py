import datetime
import re

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.forms.models import BaseInlineFormSet
from django.urls import path, reverse_lazy
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from newsroom.admin import (
    ChosenInOneQuery,
    CorrectionInline,
    CreatedByMeFilter,
    IndexedDateHierarchy,
    PublicationFilter,
    PublishableAdmin,
    RowAutocomplete,
    RowAutocompleteInline,
    VersionedForm,
)
from newsroom.desk_titles import WholeTitles
from newsroom.images import clean_image_field
from newsroom.publishing import PUBLIC_STATUSES, PUBLICATION, desk_time
from newsroom.sources.models import Citation, Source
from newsroom.translations.admin import TranslationLinksMixin

from .date_fields import TypedDatesForm, dates_echo
from .geo import is_held, public_precision
from .models import (
    SEARCH_CONFIG,
    Event,
    EventCorrection,
    Place,
    Storyline,
    array_text,
    search_document,
)

# The fieldsets the change form places apart (templates/admin/publishing/), found by title.
WHERE = _("Where")
WHO_SAYS_SO = _("Who says so")

# How long an editor may hold back an event's exact location from the form, in hours.
HOLD_HOURS = (6, 12, 24, 48, 72)
LIFT_HOLD = "lift"
# Up to this many events matching a desk search are looked up by id; more, by the words again.
MOST_SEARCH_MATCHES = 10_000


def hold_for(hours):
    """A choice of the hold's length, translated when the form is drawn."""
    return lazy(
        lambda: (
            ngettext("For %(hours)d hour from now", "For %(hours)d hours from now", hours)
            % {"hours": hours}
        ),
        str,
    )()


class EventAdminForm(TypedDatesForm, VersionedForm):
    dates_url = reverse_lazy("admin:timeline_event_dates")

    class Meta:
        # One or two sentences: a box of three lines keeps the rest of the form in view.
        widgets = {"summary": AdminTextareaWidget(attrs={"rows": 3})}

    hold_location = forms.ChoiceField(
        label=_("Hold back the exact location"),
        required=False,
        choices=[
            ("", _("No change")),
            *((str(hours), hold_for(hours)) for hours in HOLD_HOURS),
            (LIFT_HOLD, _("Lift the hold now")),
        ],
        help_text=_(
            "For a recent event whose exact place could put people in danger. Until the "
            "time passes, readers everywhere (site, feeds, API, exports, map) see the place one "
            "step coarser: an exact point as near it, near a town as the wider area; so do the "
            "other events at the place. It ends on its own, with no save. The place’s name "
            "still shows: choose one no more exact than is safe."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        # Not a field of the form: a restore or a merge never lifts a hold (docs/design.md, 9).
        if (choice := cleaned_data.get("hold_location")) == LIFT_HOLD:
            self.instance.location_held_until = None
        elif choice:
            until = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=int(choice))
            self.instance.location_held_until = until
        return cleaned_data

    def clean_image(self):
        return clean_image_field(self.cleaned_data.get("image"))


# A citation's line (templates/admin/sources/citation/tabular.html): a cell each, then the
# document's title and date folded into one, and the order the desk's script keeps.
CITATION_CELLS = ["source", "stance", "speaker", "url", "quote"]
CITATION_DETAILS = ["title", "published_on"]
CITATION_FIELDS = [*CITATION_CELLS, *CITATION_DETAILS, "position"]


class CitationForm(forms.ModelForm):
    """One citation on a line: a quote box one line high, the position kept out of sight."""

    # Blank on a new row: the formset puts a row that arrives without one after the others.
    position = forms.IntegerField(
        required=False, min_value=0, max_value=32767, widget=forms.HiddenInput
    )

    class Meta:
        model = Citation
        fields = CITATION_FIELDS
        widgets = {
            # Plain inputs: the admin's link widget adds a "Currently" line above a stored link.
            "url": forms.URLInput(attrs={"placeholder": "https://"}),
            "quote": forms.Textarea(attrs={"rows": 1, "cols": 30}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.initial["position"] = None

    def has_changed(self):
        # The desk's script numbers every row it shows; a new row with only that is still empty.
        if self.instance.pk is None:
            return any(name != "position" for name in self.changed_data)
        return super().has_changed()


class CitationFormSet(ChosenInOneQuery, BaseInlineFormSet):
    """Holds the event's verification status up against who its citations come from, and keeps
    a public event cited."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        self._place_unnumbered(kept)
        sources = [form.cleaned_data["source"] for form in kept]
        if error := self.instance.verification_error(sources):
            raise ValidationError(
                _("%(error)s Write it under “Who says so”, or choose another verification status.")
                % {"error": error}
            )
        # Removing the last citation of a public event would leave it public without one.
        is_public = self.instance.status in PUBLIC_STATUSES
        if self.deleted_forms and is_public and (error := self.instance.publication_error(sources)):
            raise ValidationError(
                _("%(error)s Keep one, or unpublish the event before removing the last.")
                % {"error": capfirst(error)}
            )

    @staticmethod
    def _place_unnumbered(forms):
        """Rows that came without a position (a new row, when no script numbered the rows) go
        after the others, in the order they came."""
        numbered = [form.instance.position for form in forms if form.instance.position is not None]
        following = max(numbered, default=-1) + 1
        for form in forms:
            if form.instance.position is None:
                form.instance.position = following
                following += 1


class PartyAutocomplete(RowAutocomplete):
    """The source box of a citation row: each chosen source says its party (``data-party``),
    for the form's live one-party warning (desk-citations.js)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        source = self.chosen.by_key.get(str(value)) if self.chosen and value else None
        if source is not None:
            option["attrs"]["data-party"] = source.party.name if source.is_party else ""
        return option


class CitationInline(RowAutocompleteInline, admin.TabularInline):
    """The event's sources, one line each, in the order readers see them."""

    model = Citation
    form = CitationForm
    formset = CitationFormSet
    template = "admin/sources/citation/tabular.html"
    extra = 1
    autocomplete_fields = ["source"]
    radio_fields = {"stance": admin.HORIZONTAL}
    # Named groups, so that the template places each field by its group, where it compared
    # every field's name twice on every line, the blank and the template line too.
    fieldsets = [
        ("cells", {"fields": CITATION_CELLS}),
        ("details", {"fields": CITATION_DETAILS}),
        ("order", {"fields": ["position"]}),
    ]

    class Media:
        js = ["admin/js/jquery.init.js", "js/desk-citations.js"]
        css = {"all": ["css/desk-citations.css"]}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "source":
            # One query fetches every row's source with its party (ChosenInOneQuery).
            kwargs["queryset"] = Source.objects.select_related("party")
            kwargs["widget"] = PartyAutocomplete(
                db_field, self.admin_site, using=kwargs.get("using")
            )
            return db_field.formfield(**kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class EventCorrectionInline(CorrectionInline):
    model = EventCorrection


@admin.register(Event)
class EventAdmin(WholeTitles, TranslationLinksMixin, IndexedDateHierarchy, PublishableAdmin):
    titles = {
        "add": _("Add event"),
        "change": _("Change event"),
        "view": _("View event"),
        "select": _("Select event to change"),
        "select_view": _("Select event to view"),
    }
    form = EventAdminForm
    # Few, narrow columns, so that titles read whole at a laptop's 1,366 pixels (issue 12);
    # storylines and the rest are in the filters.
    list_display = ["title", "date_label", "verified", "status_column", "key", "last_change"]
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
    # A page of 50, as on the public timeline: with titles on two lines, Django's 100 made four
    # screens, and drawing the rows was most of the list's time, searched or not.
    list_per_page = 50
    date_hierarchy = "sorts_at"
    search_fields = ["title", "summary", "body", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["place", "storylines"]
    inlines = [CitationInline]
    correction_inline = EventCorrectionInline
    publication_fix_anchor = "citations-group"
    publication_fix_label = _("Add a citation")
    counted = ngettext_lazy("%(count)d event", "%(count)d events", "count")
    # What every event needs comes first, in the order an editor records it: what, when,
    # where, who says so (the citations, then the status they justify). The longer text, the
    # image and the address follow, so that recording an event takes one screen and one scroll
    # at 1,366 by 768 (bench/desk_tasks.py).
    fieldsets = [
        (_("What"), {"fields": ["title", "summary", "kind", ("storylines", "is_key")]}),
        (
            _("When"),
            {
                "description": _("Say no more than is known: “August 2024” has no day."),
                "fields": [("start", "end", "time_zone")],
            },
        ),
        (WHERE, {"fields": [("place", "hold_location"), "location_hold"]}),
        (
            WHO_SAYS_SO,
            {
                "description": _(
                    "The sources are the citations above. An event that only one party to the "
                    "conflict speaks for is confirmed only with an override note."
                ),
                "fields": ["verification", "verification_note"],
            },
        ),
        (
            _("Text, image and address"),
            {"fields": ["body", "image", "image_alt", "image_credit", "slug"]},
        ),
        (PUBLICATION, {"fields": ["status", "publish_at", "seen_version"]}),
    ]
    # One click each, all choices in sight, where a list box takes two.
    radio_fields = {"kind": admin.HORIZONTAL, "verification": admin.HORIZONTAL}

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "location_hold", "reader_location")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not self.has_publish_permission(request):
            # Editors hold a location, as they publish: a reporter's change to a live item is
            # only a proposal, and a restore or a merge never touches a hold.
            form.base_fields.pop("hold_location", None)
        return form

    def get_fieldsets(self, request, obj=None):
        # The hold beside the place it holds back, on one line.
        where = [("place", "hold_location"), "location_hold"]
        if not self.has_publish_permission(request):
            where[0] = "place"
        # Where the reader said it happened: for those who may see submissions, never public.
        if self.reader_submissions(request, obj):
            where.append("reader_location")
        return [
            (name, {**options, "fields": where}) if name == WHERE else (name, options)
            for name, options in super().get_fieldsets(request, obj)
        ]

    def reader_submissions(self, request, event):
        """The reader submissions this draft was made from, if the user may see them."""
        if event is None or event.pk is None:
            return []
        submission = Event._meta.get_field("from_submissions").related_model._meta
        if not request.user.has_perm(f"{submission.app_label}.view_{submission.model_name}"):
            return []
        if not hasattr(event, "_reader_submissions"):
            event._reader_submissions = list(event.from_submissions.order_by("pk"))
        return event._reader_submissions

    @admin.display(description=_("readers see it"))
    def location_hold(self, event):
        """Whether the exact location is held back now, until when, and what readers see."""
        place, now = event.place, timezone.now()
        if place is None or not is_held(place, now=now):
            return _("At the place’s own precision.")
        shown = public_precision(place, now=now).label
        stored = place.get_location_precision_display()
        # The place's hold is the latest of its events': it may outlast this event's own.
        if event.location_held_until == place.location_held_until:
            held = _("Held back until %(time)s: %(shown)s.")
        else:
            held = _("Held back by another event until %(time)s: %(shown)s.")
        if shown != stored:
            as_shown = _("as “%(shown)s”, not “%(stored)s”") % {"shown": shown, "stored": stored}
        else:
            as_shown = _("an area shows as it is")
        return held % {"time": desk_time(place.location_held_until), "shown": as_shown}

    @admin.display(description=_("where the reader said"))
    def reader_location(self, event):
        lines = [
            f"{submission}: {submission.location or _('no place given')}"
            for submission in getattr(event, "_reader_submissions", [])
        ]
        return "; ".join(lines) or "—"

    def get_urls(self):
        dates = self.admin_site.admin_view(self.dates_view)
        return [path("dates/", dates, name="timeline_event_dates"), *super().get_urls()]

    def dates_view(self, request):
        """What the date boxes say, for the form's script (timeline/date_fields.py)."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        return dates_echo(request)

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
        # The matches are read from the index once, here: the list's count, its page and the
        # date hierarchy's range and years then look them up by id instead of each matching the
        # words again (four times 20-30 ms for a place's name at 100,000 events).
        # In no order: the list orders its page itself.
        matches = list(found.order_by().values_list("pk", flat=True)[: MOST_SEARCH_MATCHES + 1])
        if len(matches) <= MOST_SEARCH_MATCHES:
            # One array, not a parameter per id: compiling thousands of them four times would
            # cost more than matching the words again.
            column = f'"{Event._meta.db_table}"."{Event._meta.pk.column}"'
            among = RawSQL(
                f"{column} = ANY(%s::bigint[])", [array_text(matches)], output_field=BooleanField()
            )
            return queryset.filter(among), False
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

    def publication_blockers(self, event):
        blockers = super().publication_blockers(event)
        sources = [citation.source for citation in event.citations.select_related("source")]
        if error := event.verification_error(sources):
            blockers.append((error, "id_verification_note", _("Write an override note")))
        return blockers

    @admin.display(description=_("date"), ordering="sorts_at")
    def date_label(self, event):
        return event.date_label

    @admin.display(description=_("verification"), ordering="verification")
    def verified(self, event):
        # An override note is what lets a one-party event stand as confirmed: say it is there.
        status = event.get_verification_display()
        if event.verification_note:
            return _("%(status)s (override note)") % {"status": status}
        return status

    @admin.display(description=_("key"), boolean=True, ordering="is_key")
    def key(self, event):
        return event.is_key


@admin.register(Storyline)
class StorylineAdmin(WholeTitles, TranslationLinksMixin, admin.ModelAdmin):
    titles = {
        "add": _("Add storyline"),
        "change": _("Change storyline"),
        "view": _("View storyline"),
        "select": _("Select storyline to change"),
        "select_view": _("Select storyline to view"),
    }
    list_display = ["title", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "summary"]


@admin.register(Place)
class PlaceAdmin(TranslationLinksMixin, admin.ModelAdmin):
    list_display = ["name", "region", "country", "location_precision"]
    list_filter = ["country", "location_precision"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "region", "country"]

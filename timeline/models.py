from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.caching import public_content_changing
from newsroom.images import RandomName
from newsroom.publishing import Correction, Publishable, PublishableQuerySet, choice_label
from newsroom.sources.attribution import attribute
from newsroom.sources.models import Citation

from .dates import (
    PARTS,
    DatedByParts,
    Precision,
    date_errors,
    partial_date_constraints,
)


class Storyline(models.Model):
    """A thread of the story that readers can follow on its own."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#555555",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Give a colour as #rrggbb."))],
        help_text=_("Used beside the label, never instead of it."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order in lists.")
    )

    class Meta:
        ordering = ["position", "title", "pk"]  # the key last: one order for equal names
        verbose_name = _("storyline")
        verbose_name_plural = _("storylines")

    def __str__(self):
        return self.title


class PlaceQuerySet(models.QuerySet):
    def take_event_holds(self):
        """Hold each place's exact location as long as the latest hold of any event placed
        there, whatever that event's status: a held draft may go public in a bulk step that
        saves nothing, and the place's other events must not give its point away meanwhile."""
        latest = (
            Event.objects.filter(place=OuterRef("pk"), location_held_until__isnull=False)
            .order_by("-location_held_until")
            .values("location_held_until")[:1]
        )
        return self.update(location_held_until=Subquery(latest))


class Place(models.Model):
    class LocationPrecision(models.TextChoices):
        POINT = "point", _("An exact point")
        NEAR = "near", _("Near a town or landmark")
        AREA = "area", _("A wider area")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    region = models.CharField(_("region"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=100)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    location_precision = models.CharField(
        _("location precision"),
        max_length=10,
        choices=LocationPrecision,
        default=LocationPrecision.AREA,
        help_text=_(
            "How exactly the coordinates locate what happened. Readers get the "
            "coordinates only to this precision: a point as given, near a town to about a "
            "kilometre, an area to about ten."
        ),
    )
    radius_km = models.DecimalField(
        _("radius (km)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_(
            "How far around the coordinates it may have happened, for a place near a "
            "town or a wider area. Left empty, readers see at least 3 km near a town and 25 km "
            "for an area."
        ),
    )
    # Until when the place is shown one step coarser: the latest hold of any event placed here
    # (Event.location_held_until), kept by Event.save(). Read by timeline/geo.py.
    location_held_until = models.DateTimeField(null=True, editable=False, db_index=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]  # the key last: one order for equal names
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="timeline_place_coordinates_paired",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="timeline_place_latitude_range",
                violation_error_message=_("Latitude must be between -90 and 90."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="timeline_place_longitude_range",
                violation_error_message=_("Longitude must be between -180 and 180."),
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.region}" if self.region else self.name


# The language the PostgreSQL text search stems words in; the search index is built with it.
SEARCH_CONFIG = "english"


def array_text(ids):
    """PostgreSQL's text for an array of ids, ``{1,2,3}``, to pass as one parameter cast to
    ``bigint[]``. Given the list itself, psycopg writes the array one number at a time in
    Python: at thousands of ids, most of the time of the query that carries them."""
    return "{" + ",".join(map(str, ids)) + "}"


def search_document():
    """What a reader's words are looked for in on PostgreSQL: the title first, then the text.

    The migration that indexes it (0004) spells out the same expression: change both together.
    """
    from django.contrib.postgres.search import SearchVector

    return SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
        "summary", "body", weight="B", config=SEARCH_CONFIG
    )


# Timeline order: by sort instant, the more precise first among ties, then in creation order.
CHRONOLOGICAL = ["sorts_at", "-precision", "pk"]


class EventQuerySet(PublishableQuerySet):
    def chronological(self):
        return self.order_by(*CHRONOLOGICAL)

    def story_summary(self, request=None):
        """The story-wide figures of timeline/summary.py, for apps that reach events only
        through a relation (docs/design.md, "Layering")."""
        from .summary import story_summary

        return story_summary(request)

    def with_related(self, language="en"):
        """Everything a public listing shows, in a fixed number of queries; in another
        ``language``, with the translations riding on the same queries (localize() shows them)."""
        from newsroom.translations.overlay import with_translations

        citations = Citation.objects.select_related("source__party")
        return with_translations(self.select_related("place"), language).prefetch_related(
            Prefetch("storylines", queryset=with_translations(Storyline.objects.all(), language)),
            Prefetch("citations", queryset=with_translations(citations, language)),
        )


def sole_party(sources):
    """The party behind every one of these sources, if one party is behind them all.

    docs/design.md, rule 3: such an event is only a party's word, so it cannot be marked
    confirmed without an editor's override note.
    """
    parties = {source.party_id if source.is_party else None for source in sources}
    if len(parties) == 1 and None not in parties:
        return sources[0].party
    return None


class Event(DatedByParts, Publishable):
    class Kind(models.TextChoices):
        MILITARY = "military", _("Military")
        INFRASTRUCTURE = "infrastructure", _("Infrastructure")
        DIPLOMATIC = "diplomatic", _("Diplomatic")
        STATEMENT = "statement", _("Statement")
        HUMANITARIAN = "humanitarian", _("Humanitarian")
        NUCLEAR_SAFETY = "nuclear_safety", _("Nuclear safety")
        CASUALTY_FIGURES = "casualty_figures", _("Casualty figures")
        OTHER = "other", _("Other")

    class Verification(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        REPORTED = "reported", _("Reported")
        CLAIMED = "claimed", _("Claimed")
        DISPUTED = "disputed", _("Disputed")
        FALSE = "false", _("False")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), help_text=_("One or two sentences for the timeline."))
    body = models.TextField(_("body"), blank=True)

    start_year = models.PositiveSmallIntegerField(_("year"))
    start_month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    start_day = models.PositiveSmallIntegerField(_("day"), null=True, blank=True)
    start_hour = models.PositiveSmallIntegerField(_("hour"), null=True, blank=True)
    start_minute = models.PositiveSmallIntegerField(_("minute"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_month = models.PositiveSmallIntegerField(null=True, blank=True)
    end_day = models.PositiveSmallIntegerField(null=True, blank=True)
    end_hour = models.PositiveSmallIntegerField(null=True, blank=True)
    end_minute = models.PositiveSmallIntegerField(null=True, blank=True)
    is_approximate = models.BooleanField(
        _("approximate"), default=False, help_text=_("Shown as “c.” before the date.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.NEWSROOM_EVENT_TIME_ZONE,
        help_text=_("The zone an hour or minute is given in, e.g. Europe/Kyiv."),
    )
    # Derived from the parts on save: how precisely the start is known, and where it sorts.
    precision = models.PositiveSmallIntegerField(_("precision"), choices=Precision, editable=False)
    sorts_at = models.DateTimeField(_("date"), editable=False, db_index=True)

    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("place"),
        # "event_place_in_order" (Meta.indexes) leads with it and serves its lookups.
        db_index=False,
    )
    location_held_until = models.DateTimeField(
        _("exact location held back until"),
        null=True,
        blank=True,
        help_text=_(
            "Until then readers everywhere (site, feeds, API, exports, map) see the place "
            "one step coarser: an exact point as near it, a place near a town as the wider "
            "area. Its other events are held with it. It ends on its own, with no save; the "
            "place's name still shows, so choose one no more exact than is safe."
        ),
    )
    storylines = models.ManyToManyField(
        Storyline, blank=True, related_name="events", verbose_name=_("storylines")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    # Indexed first in "event_status_in_order" (Meta.indexes), which equality on it reads too.
    verification = models.CharField(_("verification status"), max_length=10, choices=Verification)
    verification_note = models.TextField(
        _("override note"),
        blank=True,
        help_text=_(
            "Why the event is confirmed although every citation comes from one party. "
            "Readers see it beside the status, on the site and wherever the event goes."
        ),
    )
    is_key = models.BooleanField(_("key event"), default=False)
    image = models.ImageField(
        _("image"),
        upload_to=RandomName("events"),
        blank=True,
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    image_credit = models.CharField(_("credit"), max_length=200, blank=True)
    # Derived from the links, never edited: see timeline/facets.py.
    facets = models.JSONField(default=list, editable=False)

    # "missing" or "outdated" once a page in another language shows the English original
    # (translations.overlay.localize); None on every other page, where nothing sets it.
    translation_state = None

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = CHRONOLOGICAL
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [("publish_event", "Can publish, schedule and unpublish events")]
        indexes = [
            *Publishable.Meta.indexes,
            # The feeds' order, newest published first, read down the index to the first 50.
            models.Index(
                Coalesce("first_published_at", "publish_at"), F("id"), name="event_published_time"
            ),
            # A page of one status in timeline order: read down the index, events of that status
            # alone are checked against the other filters, to the first 50.
            models.Index(fields=["verification", "sorts_at"], name="event_status_in_order"),
            # The map's latest events at each place, read down the index from the newest; with
            # what makes an event public, a map stepped to a day counts its places from the
            # index alone (on PostgreSQL).
            models.Index(
                fields=["place", "sorts_at", "id"],
                include=["status", "publish_at"],
                name="event_place_in_order",
            ),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            *partial_date_constraints("start", label="start date", required=True),
            *partial_date_constraints("end", label="end date", required=False),
            models.CheckConstraint(
                condition=Q(precision=Precision.YEAR, start_month__isnull=True)
                | Q(precision=Precision.MONTH, start_month__isnull=False, start_day__isnull=True)
                | Q(precision=Precision.DAY, start_day__isnull=False, start_hour__isnull=True)
                | Q(precision=Precision.HOUR, start_hour__isnull=False, start_minute__isnull=True)
                | Q(precision=Precision.MINUTE, start_minute__isnull=False),
                name="timeline_event_precision_matches_date",
            ),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        event = super().from_db(db, field_names, values, **kwargs)
        # Where and how long the stored row held its location, for save() to undo on its place.
        if {"place_id", "location_held_until"} <= set(field_names):
            event._stored_hold = (event.place_id, event.location_held_until)
        return event

    def save(self, *args, **kwargs):
        # (place, hold) of the stored row; None when this instance does not know it.
        stored = (None, None) if self._state.adding else getattr(self, "_stored_hold", None)
        self.set_chronology()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "precision", "sorts_at"}
        super().save(*args, **kwargs)
        self._hold_places(stored)

    def _hold_places(self, stored):
        """Carry a hold set, moved or lifted over to the places concerned (docs/design.md,
        rule 9). Saving an event that has and had no hold costs nothing."""
        stored_place, stored_hold = stored or (None, None)
        self._stored_hold = (self.place_id, self.location_held_until)
        if stored is not None and stored_hold is None and self.location_held_until is None:
            return
        if places := {self.place_id, stored_place} - {None}:
            Place.objects.filter(pk__in=places).take_event_holds()
            # A draft's hold changes what readers see of the place's other events too.
            public_content_changing()

    def get_absolute_url(self):
        return reverse("timeline:event_detail", kwargs={"slug": self.slug})

    def set_chronology(self):
        """Derive the stored precision and sort instant from the parts (call before bulk_create)."""
        self.precision = self.start.precision
        self.sorts_at = self.start.period_end()

    def clean(self):
        super().clean()
        errors = {}
        for prefix in ("start", "end"):
            parts = self._parts(prefix)
            if prefix == "end" and parts["year"] is None:
                if any(value is not None for value in parts.values()):
                    errors["end_year"] = _("An end date needs at least a year.")
                continue
            for part, message in date_errors(**parts, time_zone=self.time_zone).items():
                errors[f"{prefix}_{part}" if part != "time_zone" else part] = message
        if not errors and self.end is not None and self.end.period_end() < self.start.period_end():
            errors["end_year"] = _("The end cannot come before the start.")
        if errors:
            raise ValidationError(errors)

    def _parts(self, prefix):
        return {part: getattr(self, f"{prefix}_{part}") for part in PARTS}

    def verification_error(self, sources):
        """Why the event cannot be confirmed on these sources alone (docs/design.md, rule 3)."""
        if self.verification != self.Verification.CONFIRMED or self.verification_note.strip():
            return None
        if party := sole_party(sources):
            return _(
                "Every citation comes from %(party)s, a party to the conflict: the event can be "
                "confirmed on that alone only with an override note saying why."
            ) % {"party": party}
        return None

    def publication_error(self, citations=None):
        """Why the event may not be public with these citations (by default, those stored)."""
        has_citation = self.citations.exists() if citations is None else bool(citations)
        if not has_citation:
            return _(
                "an event goes public only with at least one citation, "
                "so that readers see who says so."
            )
        return None

    @property
    def attributions(self):
        """Who says so, one line per stance; reads prefetched citations."""
        return attribute(self.citations.all())

    # Django's get_FOO_display() hashes every choice with its lazy label, translating each one;
    # a listed event shows both labels on every page, so only the label shown is translated.
    def get_kind_display(self):
        return choice_label(self.Kind, self.kind)

    def get_verification_display(self):
        return choice_label(self.Verification, self.verification)


class EventCorrection(Correction):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("event")
    )

    class Meta(Correction.Meta):
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")


class StorySummary(models.Model):
    """What readers' pages show of the whole story (totals, days, storylines' spans, the values
    in use), kept in one row so that a page reads it in one query whatever the story's size.

    ``revision`` is advanced by every write readers can see (``newsroom.caching``); the figures
    hold for the revision they were built for, until ``valid_until``: the next moment a
    scheduled item or a correction dated ahead comes public, which needs no save.
    ``timeline/summary.py`` builds and reads it.
    """

    revision = models.PositiveBigIntegerField(default=0)
    built_for = models.PositiveBigIntegerField(null=True, editable=False)
    as_of = models.DateTimeField(null=True, editable=False)
    valid_until = models.DateTimeField(null=True, editable=False)
    figures = models.JSONField(default=dict, editable=False)

    class Meta:
        verbose_name = _("story summary")
        verbose_name_plural = _("story summary")

    def __str__(self):
        return f"Story summary, revision {self.revision}"

    def holds(self, now):
        return self.built_for == self.revision and (
            self.valid_until is None or now < self.valid_until
        )

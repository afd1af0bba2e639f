"""Who says things, and where they said them. This app imports none of the others."""

from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q

# Readers follow these links: only the web's own schemes, never javascript: or data:.
http_url_validator = URLValidator(schemes=["http", "https"])
URL_IS_HTTP = Q(url="") | Q(url__istartswith="http://") | Q(url__istartswith="https://")


class Party(models.Model):
    """A party to the conflict (Ukraine, Russia). Whatever a party's sources say is its claim."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]  # names are unique
        verbose_name_plural = "parties"

    def __str__(self):
        return self.name


class Source(models.Model):
    class Kind(models.TextChoices):
        NEWS_OUTLET = "news_outlet", "News outlet"
        GOVERNMENT = "government", "Government body"
        MILITARY = "military", "Military"
        SPOKESPERSON = "spokesperson", "Spokesperson or official"
        SOCIAL_MEDIA = "social_media", "Social media"
        MONITOR = "monitor", "Monitor or NGO"
        INTERNATIONAL = "international", "International organisation"
        OTHER = "other", "Other"

    class Affiliation(models.TextChoices):
        INDEPENDENT = "independent", "Not a party to the conflict"
        PARTY = "party", "A party to the conflict"
        UNKNOWN = "unknown", "Unknown"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=100,
        blank=True,
        help_text="How attribution lines name it, e.g. “Ukraine’s defence ministry”. "
        "Leave blank to use the full name.",
    )
    kind = models.CharField(max_length=20, choices=Kind)
    country = models.CharField(max_length=100, blank=True)
    affiliation = models.CharField(
        max_length=20,
        choices=Affiliation,
        default=Affiliation.INDEPENDENT,
        help_text="Whether this source belongs to a side in the conflict.",
    )
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sources",
        help_text="Required when the source is a party to the conflict; empty otherwise.",
    )
    description = models.TextField(blank=True, help_text="What the source is, for readers.")
    url = models.URLField("website", blank=True, validators=[http_url_validator])

    class Meta:
        ordering = ["name", "pk"]  # the key last: one order for equal names
        constraints = [
            models.CheckConstraint(
                condition=Q(affiliation="party", party__isnull=False)
                | (~Q(affiliation="party") & Q(party__isnull=True)),
                name="sources_source_party_matches_affiliation",
                violation_error_message="Name the party exactly when the source is a party.",
            ),
            models.CheckConstraint(
                condition=URL_IS_HTTP,
                name="sources_source_url_is_http",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_party(self):
        return self.affiliation == self.Affiliation.PARTY

    @property
    def attribution_name(self):
        return self.short_name or self.name


class Citation(models.Model):
    """An event cites a source, saying what the source did about it."""

    class Stance(models.TextChoices):
        REPORTS = "reports", "Reports"
        CLAIMS = "claims", "Claims"
        CONFIRMS = "confirms", "Confirms"
        DENIES = "denies", "Denies"

    # A string reference: the timeline depends on sources, never the other way round in code.
    event = models.ForeignKey("timeline.Event", on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    stance = models.CharField(max_length=10, choices=Stance)
    speaker = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who spoke for the source, if anyone, e.g. “Maria Zakharova, spokesperson”.",
    )
    url = models.URLField("link", max_length=500, blank=True, validators=[http_url_validator])
    title = models.CharField(max_length=300, blank=True, help_text="The document's title.")
    published_on = models.DateField(
        "date", null=True, blank=True, help_text="When the source said it."
    )
    quote = models.TextField(blank=True, help_text="The exact words, if quoting.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=URL_IS_HTTP,
                name="sources_citation_url_is_http",
                violation_error_message="A link must start with http:// or https://.",
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_stance_display().lower()}"

    @property
    def stance_verb(self):
        """What the source did, as the verb after its name on its page ("reports"), in the
        active language: a choice's label is a desk heading, not a word for a sentence."""
        from .attribution import STANCE_VERBS  # it reads this model's choices

        return STANCE_VERBS[self.stance]

"""Who says things, and where they said them. This app imports none of the others."""

from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Readers follow these links: only the web's own schemes, never javascript: or data:.
http_url_validator = URLValidator(schemes=["http", "https"])
URL_IS_HTTP = Q(url="") | Q(url__istartswith="http://") | Q(url__istartswith="https://")


class Party(models.Model):
    """A party to the conflict (Ukraine, Russia). Whatever a party's sources say is its claim."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]  # names are unique
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self):
        return self.name


class Source(models.Model):
    class Kind(models.TextChoices):
        NEWS_OUTLET = "news_outlet", _("News outlet")
        GOVERNMENT = "government", _("Government body")
        MILITARY = "military", _("Military")
        SPOKESPERSON = "spokesperson", _("Spokesperson or official")
        SOCIAL_MEDIA = "social_media", _("Social media")
        MONITOR = "monitor", _("Monitor or NGO")
        INTERNATIONAL = "international", _("International organisation")
        OTHER = "other", _("Other")

    class Affiliation(models.TextChoices):
        INDEPENDENT = "independent", _("Not a party to the conflict")
        PARTY = "party", _("A party to the conflict")
        UNKNOWN = "unknown", _("Unknown")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    short_name = models.CharField(
        _("short name"),
        max_length=100,
        blank=True,
        help_text=_(
            "How attribution lines name it, e.g. “Ukraine’s defence ministry”. "
            "Leave blank to use the full name."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    country = models.CharField(_("country"), max_length=100, blank=True)
    affiliation = models.CharField(
        _("affiliation"),
        max_length=20,
        choices=Affiliation,
        default=Affiliation.INDEPENDENT,
        help_text=_("Whether this source belongs to a side in the conflict."),
    )
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sources",
        verbose_name=_("party"),
        help_text=_("Required when the source is a party to the conflict; empty otherwise."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the source is, for readers.")
    )
    url = models.URLField(_("website"), blank=True, validators=[http_url_validator])

    class Meta:
        ordering = ["name", "pk"]  # the key last: one order for equal names
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(
                condition=Q(affiliation="party", party__isnull=False)
                | (~Q(affiliation="party") & Q(party__isnull=True)),
                name="sources_source_party_matches_affiliation",
                violation_error_message=_("Name the party exactly when the source is a party."),
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
        REPORTS = "reports", _("Reports")
        CLAIMS = "claims", _("Claims")
        CONFIRMS = "confirms", _("Confirms")
        DENIES = "denies", _("Denies")

    # A string reference: the timeline depends on sources, never the other way round in code.
    event = models.ForeignKey(
        "timeline.Event",
        on_delete=models.CASCADE,
        related_name="citations",
        verbose_name=_("event"),
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations", verbose_name=_("source")
    )
    stance = models.CharField(_("stance"), max_length=10, choices=Stance)
    speaker = models.CharField(
        _("speaker"),
        max_length=200,
        blank=True,
        help_text=_("Who spoke for the source, if anyone, e.g. “Maria Zakharova, spokesperson”."),
    )
    url = models.URLField(_("link"), max_length=500, blank=True, validators=[http_url_validator])
    title = models.CharField(
        _("title"), max_length=300, blank=True, help_text=_("The document's title.")
    )
    published_on = models.DateField(
        _("date"), null=True, blank=True, help_text=_("When the source said it.")
    )
    quote = models.TextField(_("quote"), blank=True, help_text=_("The exact words, if quoting."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.CheckConstraint(
                condition=URL_IS_HTTP,
                name="sources_citation_url_is_http",
                violation_error_message=_("A link must start with http:// or https://."),
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

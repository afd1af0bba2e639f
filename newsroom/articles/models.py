from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.images import RandomName
from newsroom.publishing import Correction, Publishable
from timeline.models import Event


class Article(Publishable):
    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    standfirst = models.TextField(_("standfirst"), help_text=_("The summary under the headline."))
    body = models.TextField(
        _("body"), blank=True, help_text=_("Paragraphs separated by a blank line.")
    )
    bylines = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="articles",
        verbose_name=_("byline"),
        limit_choices_to={"is_staff": True},
    )
    lead_image = models.ImageField(
        _("lead image"),
        upload_to=RandomName("articles"),
        blank=True,
        width_field="lead_image_width",
        height_field="lead_image_height",
    )
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_caption = models.CharField(_("caption"), max_length=300, blank=True)
    lead_image_credit = models.CharField(_("credit"), max_length=200, blank=True)
    lead_image_alt = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    events = models.ManyToManyField(
        Event,
        through="ArticleEvent",
        blank=True,
        related_name="articles",
        verbose_name=_("events"),
    )

    # "missing" or "outdated" once a page in another language shows the English original
    # (translations.overlay.localize); None on every other page, where nothing sets it.
    translation_state = None

    class Meta:
        ordering = ["-publish_at", "-created_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", "Can publish, schedule and unpublish articles")]
        indexes = [
            *Publishable.Meta.indexes,
            # The list's order: the newest page is read down it, 20 rows, at any number of
            # articles, instead of sorting every published one.
            models.Index(
                fields=["-publish_at", "-created_at", "-id"], name="articles_article_newest"
            ),
        ]
        constraints = [*Publishable.Meta.constraints]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return reverse("articles:article_detail", kwargs={"slug": self.slug})


class ArticleEvent(models.Model):
    """An event linked to an article, in the order the article tells it."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="event_links", verbose_name=_("article")
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="article_links", verbose_name=_("event")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("linked event")
        verbose_name_plural = _("linked events")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "event"], name="articles_articleevent_unique_event"
            ),
        ]

    def __str__(self):
        return f"{self.article} → {self.event}"


class ArticleCorrection(Correction):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("article")
    )

    class Meta(Correction.Meta):
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

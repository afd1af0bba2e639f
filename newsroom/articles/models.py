from django.conf import settings
from django.db import models
from django.urls import reverse

from newsroom.images import RandomName
from newsroom.publishing import Correction, Publishable
from timeline.models import Event


class Article(Publishable):
    headline = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    standfirst = models.TextField(help_text="The summary under the headline.")
    body = models.TextField(blank=True, help_text="Paragraphs separated by a blank line.")
    bylines = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="articles",
        verbose_name="byline",
        limit_choices_to={"is_staff": True},
    )
    lead_image = models.ImageField(
        upload_to=RandomName("articles"),
        blank=True,
        width_field="lead_image_width",
        height_field="lead_image_height",
    )
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_caption = models.CharField("caption", max_length=300, blank=True)
    lead_image_credit = models.CharField("credit", max_length=200, blank=True)
    lead_image_alt = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the image shows, for readers who cannot see it.",
    )
    events = models.ManyToManyField(
        Event, through="ArticleEvent", blank=True, related_name="articles"
    )

    class Meta:
        ordering = ["-publish_at", "-created_at", "-pk"]
        permissions = [("publish_article", "Can publish, schedule and unpublish articles")]
        indexes = [*Publishable.Meta.indexes]
        constraints = [*Publishable.Meta.constraints]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return reverse("articles:article_detail", kwargs={"slug": self.slug})


class ArticleEvent(models.Model):
    """An event linked to an article, in the order the article tells it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="event_links")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="article_links")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "linked event"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "event"], name="articles_articleevent_unique_event"
            ),
        ]

    def __str__(self):
        return f"{self.article} → {self.event}"


class ArticleCorrection(Correction):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")

    class Meta(Correction.Meta):
        verbose_name = "correction"

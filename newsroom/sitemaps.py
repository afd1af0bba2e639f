"""sitemap.xml: every public page, with when it last changed for readers (docs/design.md,
rule 4: built on ``published()`` alone, so nothing unpublished is listed or dated).

Each section fetches its rows in one query and hands the sitemap framework a list, so the
paginator counts them without asking the database again.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.sources.views import cited_by_published_events
from timeline.models import Event


def last_change(*moments):
    """The latest of the moments that are known."""
    return max(filter(None, moments), default=None)


def with_last_change(items):
    """Published events or articles, each with its newest correction whose date has come.

    An item's last public change is the latest of its last save, the time it went public
    (a scheduled item goes public with no save) and its newest correction.
    """
    now = timezone.now()
    return items.published(at=now).annotate(
        corrected_at=Max("corrections__published_at", filter=Q(corrections__published_at__lte=now))
    )


def story_changed(model):
    """When anything public of this kind last changed, in one query."""
    latest = with_last_change(model.objects.order_by()).aggregate(
        saved=Max("updated_at"), went_public=Max("publish_at"), corrected=Max("corrected_at")
    )
    return last_change(*latest.values())


class PublishedSitemap(Sitemap):
    model = None

    def items(self):
        rows = with_last_change(self.model.objects.order_by("pk"))
        return list(rows.only("slug", "updated_at", "publish_at"))

    def lastmod(self, item):
        return last_change(item.updated_at, item.publish_at, item.corrected_at)


class EventSitemap(PublishedSitemap):
    model = Event


class ArticleSitemap(PublishedSitemap):
    model = Article

    def location(self, article):
        return reverse("articles:article_detail", args=[article.slug])


class SourceSitemap(Sitemap):
    """Sources with a public page; each changes when an event citing it does (a source keeps
    no time of its own changes)."""

    def items(self):
        sources = cited_by_published_events().order_by("pk").only("slug")
        # Annotated after the filter, so only the citing events that are published count.
        return list(
            sources.annotate(
                saved=Max("citations__event__updated_at"),
                went_public=Max("citations__event__publish_at"),
            )
        )

    def location(self, source):
        return reverse("sources:source_detail", args=[source.slug])

    def lastmod(self, source):
        return last_change(source.saved, source.went_public)


class ListSitemap(Sitemap):
    """The pages that list the story, each as fresh as the newest change to what it lists."""

    def items(self):
        events, articles = story_changed(Event), story_changed(Article)
        return [
            ("home", last_change(events, articles)),
            ("timeline:event_list", events),
            ("articles:article_list", articles),
            ("sources:source_list", events),
        ]

    def location(self, item):
        return reverse(item[0])

    def lastmod(self, item):
        return item[1]


SITEMAPS = {
    "lists": ListSitemap,
    "events": EventSitemap,
    "articles": ArticleSitemap,
    "sources": SourceSitemap,
}

"""What every public feed shares: its formats, its order, and the item's two times.

A feed is defined once, as a ``PublishedFeed``; ``newsroom/feed_urls.py`` serves it in each of
``FORMATS``.
"""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, rfc3339_date

from .jsonfeed import JSONFeed
from .structured_data import SITE_NAME
from .translations.overlay import localize, with_translations

# Enough for a reader catching up after a long weekend of a busy story.
FEED_LENGTH = 50


class RssFeed(Rss201rev2Feed):
    """RSS 2.0, plus each item's updated time as atom:updated, since RSS has no element for it."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["updateddate"] is not None:
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))


FORMATS = {"atom": Atom1Feed, "rss": RssFeed, "json": JSONFeed}


class PublishedFeed(Feed):
    """A feed of published articles or events, newest published first, with corrections.

    An item is "updated" by its newest public correction only: ``updated_at`` moves on every
    save in the desk, including ones readers never see, so a feed reader would show every
    fixed typo as news. This is the rule the article page already follows.

    The newsroom is the feed's author: Atom requires one on the feed unless every entry names
    its own, and an article without a byline, like every event, is the newsroom's.
    """

    author_name = SITE_NAME

    def latest(self, queryset):
        """The newest published items of ``queryset``, with their public corrections fetched,
        in the language of the feed's address (/uk/feeds/...)."""
        corrections = queryset.model._meta.get_field("corrections").related_model
        public_corrections = Prefetch(
            "corrections",
            queryset=with_translations(corrections.objects.public()),
            to_attr="public_corrections",
        )
        items = localize(
            with_translations(queryset.published())
            .prefetch_related(public_corrections)
            .order_by(Coalesce("first_published_at", "publish_at").desc(), "-pk")[:FEED_LENGTH]
        )
        localize(correction for item in items for correction in item.public_corrections)
        return items

    # The item's text, as HTML: a feed reader shows no page around it, so it says it all.
    item_template = None

    def item_description(self, item):
        return render_to_string(self.item_template, {"item": item}).strip()

    def item_pubdate(self, item):
        return item.published_time

    def item_updateddate(self, item):
        return item.updated_time(item.public_corrections)

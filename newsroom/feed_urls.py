"""The public feeds, each in every format: ``<name>.atom``, ``<name>.rss`` and ``<name>.json``."""

from django.urls import path

from newsroom.articles.feeds import ArticleFeed
from newsroom.caching import public_page
from newsroom.feeds import FORMATS
from timeline.feeds import StorylineFeed, TimelineFeed

app_name = "feeds"


def in_every_format(route, feed_class, name):
    """One route per format, named ``<name>_<extension>``, each a cached public page."""
    routes = []
    for extension, generator in FORMATS.items():
        feed = feed_class()
        feed.feed_type = generator
        routes.append(path(f"{route}.{extension}", public_page(feed), name=f"{name}_{extension}"))
    return routes


urlpatterns = [
    *in_every_format("timeline", TimelineFeed, "timeline"),
    *in_every_format("storylines/<slug:slug>", StorylineFeed, "storyline"),
    *in_every_format("articles", ArticleFeed, "articles"),
]

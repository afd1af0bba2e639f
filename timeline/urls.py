import functools

from django.urls import path
from django.utils.translation import gettext_lazy as _

from newsroom import embeds
from newsroom.caching import public_page

from . import live, map_views, views
from .filters import EventFilter

app_name = "timeline"

# Wrapped here, not on the classes: a staff preview subclass must never be cached. Each names
# the query parameters it reads; the cache and the view ignore any other.
urlpatterns = [
    path(
        "timeline/",
        public_page(
            views.EventListView.as_view(), reads=[*EventFilter.base_filters, "page", "date"]
        ),
        name="event_list",
    ),
    path(
        "timeline/live.json",
        public_page(live.new_events, reads=[*EventFilter.base_filters, "since"]),
        name="live",
    ),
    path(
        "map/",
        public_page(map_views.event_map, reads=[*EventFilter.base_filters, "day"]),
        name="map",
    ),
    path(
        "events/<slug:slug>/",
        public_page(views.EventDetailView.as_view()),
        name="event_detail",
    ),
    path(
        "embed/timeline/",
        public_page(
            embeds.embeddable(views.TimelineEmbedView.as_view()),
            reads=[*EventFilter.base_filters, "page"],
        ),
        name="embed",
    ),
    path(
        "embed/map/",
        public_page(embeds.embeddable(map_views.map_embed), reads=EventFilter.base_filters),
        name="embed_map",
    ),
]

embeds.offer(
    "timeline:event_list",
    embed="timeline:embed",
    carries=EventFilter.base_filters,
    describe=views.describe_embed,
)
embeds.offer(
    "timeline:map",
    embed="timeline:embed_map",
    carries=EventFilter.base_filters,
    describe=functools.partial(views.describe_embed, name=_("Map")),
)

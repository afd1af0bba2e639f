from django.urls import path

from newsroom.caching import public_page

from . import live, views

app_name = "timeline"

# Wrapped here, not on the classes: a staff preview subclass must never be cached.
urlpatterns = [
    path("timeline/", public_page(views.EventListView.as_view()), name="event_list"),
    path("timeline/live.json", public_page(live.new_events), name="live"),
    path(
        "events/<slug:slug>/",
        public_page(views.EventDetailView.as_view()),
        name="event_detail",
    ),
]

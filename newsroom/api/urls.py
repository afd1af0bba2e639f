from django.urls import path

from newsroom.caching import public_page
from newsroom.translations.overlay import LANGUAGE_PARAMETER
from timeline.filters import EventFilter

from . import views
from .http import in_asked_language, read_only

app_name = "api"
# What every item reads: the language its text is asked in (?lang=uk).
ITEM = [LANGUAGE_PARAMETER]
# What every list reads besides its filters.
PAGES = ["page", "page_size", *ITEM]


def endpoint(view, reads=()):
    """ETag, 304 and the stored copy (``public_page``), inside read-only methods and CORS;
    in the language asked for, where the view reads one."""
    if LANGUAGE_PARAMETER in reads:
        view = in_asked_language(view)
    return read_only(public_page(view, reads))


# ``str``, not ``slug``: any name reaches the view, so a wrong one gets the API's JSON 404.
urlpatterns = [
    path("", endpoint(views.index), name="index"),
    path("openapi.json", endpoint(views.openapi_document), name="openapi"),
    path(
        "events/",
        endpoint(views.event_list, [*EventFilter.base_filters, *PAGES]),
        name="event_list",
    ),
    path("events/<str:slug>/", endpoint(views.event_detail, ITEM), name="event_detail"),
    path("storylines/", endpoint(views.storyline_list, PAGES), name="storyline_list"),
    path("storylines/<str:slug>/", endpoint(views.storyline_detail, ITEM), name="storyline_detail"),
    path("places/", endpoint(views.place_list, PAGES), name="place_list"),
    path("places/<str:slug>/", endpoint(views.place_detail, ITEM), name="place_detail"),
    path("sources/", endpoint(views.source_list, PAGES), name="source_list"),
    path("sources/<str:slug>/", endpoint(views.source_detail, ITEM), name="source_detail"),
    path("articles/", endpoint(views.article_list, PAGES), name="article_list"),
    path("articles/<str:slug>/", endpoint(views.article_detail, ITEM), name="article_detail"),
]

from django.urls import path

from newsroom.caching import public_page

from . import export_views
from .filters import EventFilter

app_name = "exports"
CAMPAIGN_PARAMETERS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"]

urlpatterns = [
    path(
        "timelinejs.json",
        # Its link back to the timeline carries a partner's campaign parameters; any other
        # parameter is dropped, so it cannot make another stored copy.
        public_page(
            export_views.TimelineJSExport.as_view(),
            reads=[*EventFilter.base_filters, *CAMPAIGN_PARAMETERS],
        ),
        name="timelinejs",
    ),
    path(
        "events.csv",
        public_page(export_views.CSVExport.as_view(), reads=EventFilter.base_filters),
        name="csv",
    ),
    path(
        "events.geojson",
        public_page(export_views.GeoJSONExport.as_view(), reads=EventFilter.base_filters),
        name="geojson",
    ),
]

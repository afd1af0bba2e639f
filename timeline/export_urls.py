from django.urls import path

from newsroom.caching import public_page
from newsroom.translations.overlay import LANGUAGE_PARAMETER

from . import export_views
from .filters import EventFilter

app_name = "exports"
# The filters, and the language asked for (?lang=uk): each its own stored copy.
READS = [*EventFilter.base_filters, LANGUAGE_PARAMETER]

urlpatterns = [
    path(
        "timelinejs.json",
        # Its link back to the timeline carries a partner's own parameters (utm_source...).
        public_page(export_views.TimelineJSExport.as_view(), reads=None),
        name="timelinejs",
    ),
    path(
        "events.csv",
        public_page(export_views.CSVExport.as_view(), reads=READS),
        name="csv",
    ),
    path(
        "events.geojson",
        public_page(export_views.GeoJSONExport.as_view(), reads=READS),
        name="geojson",
    ),
]

from django.urls import path

from newsroom.caching import public_page

from . import export_views

app_name = "exports"

urlpatterns = [
    path(
        "timelinejs.json",
        public_page(export_views.TimelineJSExport.as_view()),
        name="timelinejs",
    ),
    path("events.csv", public_page(export_views.CSVExport.as_view()), name="csv"),
    path("events.geojson", public_page(export_views.GeoJSONExport.as_view()), name="geojson"),
]

from django.urls import path

from newsroom.caching import public_page

from . import views

app_name = "sources"

urlpatterns = [
    path("", public_page(views.SourceListView.as_view()), name="source_list"),
    path(
        "<slug:slug>/",
        public_page(views.SourceDetailView.as_view(), reads=["page"]),
        name="source_detail",
    ),
]

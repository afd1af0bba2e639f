"""The site's URLconf with a stand-in for the map and its embed, which offer() as the map will."""

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import handler400, urlpatterns  # noqa: F401 (a URLconf's names)


def stand_in(request):
    return HttpResponse("map")


# First, so they answer before the real /map/, which offers no embed yet.
urlpatterns = [
    path("map/", stand_in, name="stand_in_map"),
    path("embed/map/", stand_in, name="stand_in_embed_map"),
    *urlpatterns,
]

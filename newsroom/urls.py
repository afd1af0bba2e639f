from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    # The front page comes with the reader's site; until then the timeline is the way in.
    path("", RedirectView.as_view(pattern_name="timeline:event_list"), name="home"),
    path("", include("timeline.urls")),
    path("preview/", include("newsroom.previews.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from newsroom.api.http import json_view, read_only
from newsroom.caching import public_page
from newsroom.embeds import oembed
from newsroom.views import HomeView, robots_txt, sitemap_index, sitemap_section

# One address for every language: for machines, and the desk (newsroom/locale_urls.py).
urlpatterns = [
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", public_page(sitemap_index), name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        public_page(sitemap_section, reads=["p"]),
        name="sitemap_section",
    ),
    path(
        "oembed",
        read_only(public_page(json_view(oembed), reads=["url", "maxwidth", "maxheight", "format"])),
        name="oembed",
    ),
    # Before any other "api/" include, so these addresses are never shadowed.
    path("api/exports/", include("timeline.export_urls")),
    path("preview/", include("newsroom.previews.urls")),
    path("api/", include("newsroom.api.urls")),
    path("admin/", admin.site.urls),
]

# Readers' pages: English at the addresses they always had, Ukrainian under /uk/ and Russian
# under /ru/. The address alone says the language (newsroom/locale_urls.py).
urlpatterns += i18n_patterns(
    path("", public_page(HomeView.as_view()), name="home"),
    path("", include("timeline.urls")),
    path("articles/", include("newsroom.articles.urls")),
    path("sources/", include("newsroom.sources.urls")),
    path("feeds/", include("newsroom.feed_urls")),
    path("submit/", include("newsroom.moderation.urls")),
    prefix_default_language=False,
)

# A malformed query gets a page that says what was wrong (docs/design.md, rule 8).
handler400 = "newsroom.views.bad_request"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

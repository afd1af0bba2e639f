"""The front page, the page a bad request gets, and what crawlers read: robots.txt, sitemap.xml."""

from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from newsroom import sitemaps, structured_data
from newsroom.articles.models import Article
from newsroom.articles.views import for_readers, with_bylines
from newsroom.languages import content_language
from newsroom.locale_urls import prefixed_languages
from newsroom.pagination import page_number
from newsroom.translations.overlay import localize, with_translations
from timeline.models import Event
from timeline.summary import story_summary

FRONT_PAGE_EVENTS = 5
FRONT_PAGE_ARTICLES = 5
# Addresses no crawler should follow: the desk, staff previews, and readers' private receipts
# (in each language: newsroom/locale_urls.py).
NOT_FOR_CRAWLERS = [
    "/admin/",
    "/preview/",
    "/submit/receipt/",
    *(f"/{language}/submit/receipt/" for language in prefixed_languages()),
]


def bad_request(request, exception):
    """The 400 page. Only a ``BadRequest`` raised by our own views says what was wrong:
    other 400s (a forged host header, say) carry messages meant for the logs, not readers."""
    message = str(exception) if type(exception) is BadRequest else ""
    return TemplateResponse(request, "400.html", {"message": message}, status=400).render()


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        latest_key_events = (
            Event.objects.published()
            .filter(is_key=True)
            .chronological()
            .reverse()
            .with_related(content_language())[:FRONT_PAGE_EVENTS]
        )
        return super().get_context_data(
            key_events=localize(latest_key_events),
            articles=for_readers(
                with_bylines(with_translations(Article.objects.published()))[:FRONT_PAGE_ARTICLES]
            ),
            # Their spans and counts read every published event: kept in the story's summary.
            storylines=story_summary(self.request).storylines,
            page_meta=structured_data.collection_page(
                self.request,
                title=gettext("The story so far"),
                description=gettext(
                    "The latest key events and articles, and the storylines, sourced."
                ),
                trail=[],
            ),
            **kwargs,
        )


@require_safe
@cache_control(public=True, max_age=60 * 60 * 24)
def robots_txt(request):
    """The same every day, so kept by any cache for a day; the sitemap's address is absolute.

    Only the refusals: everything else may be crawled anyway, and an ``Allow: /`` before them
    would win with parsers that take the first matching rule (Python's urllib.robotparser).
    """
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in NOT_FOR_CRAWLERS),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def sitemap_index(request):
    """sitemap.xml: the index of the sitemap, every page of every section with its last change."""
    origin = f"{request.scheme}://{request.get_host()}"
    pages = [(origin + path, moment) for path, moment in sitemaps.index(timezone.now())]
    return HttpResponse(sitemaps.sitemap_index_xml(pages), content_type="application/xml")


@require_safe
def sitemap_section(request, section):
    """One page of a section of the sitemap (``?p=``, 1 by default): a bad number is a 400, and
    an unknown section, or a page that lists nothing, a 404."""
    number = request.GET.get("p", "1")
    if (page := page_number(number)) is None:
        raise BadRequest(
            gettext("“%(number)s” is not a sitemap page number: pages are numbered 1, 2, 3.")
            % {"number": number}
        )
    if section not in sitemaps.SECTIONS:
        raise Http404(f"The sitemap has no section “{section}”.")
    entries = sitemaps.SECTIONS[section].entries(page, timezone.now())
    if not entries:
        raise Http404(f"The sitemap's {section} have no page {number}.")
    origin = f"{request.scheme}://{request.get_host()}"
    return HttpResponse(
        sitemaps.urlset_xml(origin, entries),
        content_type="application/xml",
    )

"""The API's endpoints: thin views over the querysets and representations of this package.

Each answers GET (and HEAD); ``http.read_only`` in ``urls.py`` refuses every other method.
"""

from django.core.validators import slug_re
from django.http import Http404
from django.urls import reverse

from newsroom.articles.views import for_readers
from newsroom.translations.overlay import localize
from timeline.filters import EventFilter
from timeline.summary import story_summary

from . import openapi
from .http import (
    bad_query,
    json_response,
    json_view,
    language_of,
    newest,
    page_problems,
    paginated,
    problem,
)
from .representations import (
    Representer,
    published_articles,
    published_events,
    published_places,
    published_sources,
    published_storylines,
)


@json_view
def index(request):
    link = request.build_absolute_uri
    return json_response(
        {
            "events": link(reverse("api:event_list")),
            "storylines": link(reverse("api:storyline_list")),
            "places": link(reverse("api:place_list")),
            "sources": link(reverse("api:source_list")),
            "articles": link(reverse("api:article_list")),
            "openapi": link(reverse("api:openapi")),
        }
    )


@json_view
def event_list(request):
    """Published events, filtered by the timeline's own filters, in the timeline's order."""
    filterset = EventFilter(request.GET, queryset=published_events(), request=request)
    # Every problem at once, so one 400 tells the client all it has to fix.
    if problems := [*filter_problems(filterset), *page_problems(request)]:
        raise bad_query(*problems)
    represent = Representer(request).event
    # Every published event: the story's summary has their number.
    total = None if filterset.in_use else story_summary(request).days.total
    data = paginated(request, filterset.qs, represent, count=total)
    return json_response(data, last_modified=newest_update(data["results"]))


@json_view
def event_detail(request, slug):
    data = Representer(request).event(shown(request, one(published_events(), slug, "event")))
    return json_response(data, last_modified=data["updated_at"])


@json_view
def article_list(request):
    represent = Representer(request).article
    data = paginated(request, published_articles(), lambda a: represent(*for_readers([a])))
    return json_response(data, last_modified=newest_update(data["results"]))


@json_view
def article_detail(request, slug):
    [article] = for_readers([shown(request, one(published_articles(), slug, "article"))])
    data = Representer(request).article(article)
    return json_response(data, last_modified=data["updated_at"])


def listing(rows, what):
    """A list view and a detail view for rows that published events use."""

    @json_view
    def list_view(request):
        summary = story_summary(request)
        # How many: the summary knows, so the page needs no count of its own.
        count = len(summary.uses[what])
        data = paginated(request, rows(summary), getattr(Representer(request), what), count=count)
        return json_response(data, last_modified=newest_update(data["results"]))

    @json_view
    def detail_view(request, slug):
        row = shown(request, one(rows(story_summary(request)), slug, what))
        data = getattr(Representer(request), what)(row)
        return json_response(data, last_modified=data["updated_at"])

    list_view.__name__, detail_view.__name__ = f"{what}_list", f"{what}_detail"
    return list_view, detail_view


storyline_list, storyline_detail = listing(published_storylines, "storyline")
place_list, place_detail = listing(published_places, "place")
source_list, source_detail = listing(published_sources, "source")


@json_view
def openapi_document(request):
    return json_response(openapi.document(request))


def newest_update(items):
    """Last-Modified of a page: its newest item's; none for an empty page."""
    return newest(item["updated_at"] for item in items)


def shown(request, item):
    """The item in the language the query asks for (``?lang=``), its related rows too."""
    return localize([item], language_of(request))[0]


def one(rows, slug, what):
    """The row with this slug, or a 404. Routes take any text so that every wrong address gets
    this JSON answer; text that cannot be a slug (a NUL byte, say) never reaches the database."""
    try:
        if not slug_re.fullmatch(slug):
            raise rows.model.DoesNotExist
        return rows.get(slug=slug)
    except rows.model.DoesNotExist:
        raise Http404(f"There is no published {what} “{slug}”.") from None


def filter_problems(filterset):
    """One problem per bad parameter, named as the query string names it, with its value."""
    form = filterset.form
    if filterset.is_valid():
        return []
    return [
        problem(
            None if name == "__all__" else name,
            None if name == "__all__" else form.data.get(name),
            " ".join(errors),
        )
        for name, errors in form.errors.items()
    ]

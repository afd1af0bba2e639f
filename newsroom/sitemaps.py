"""The sitemap: an index of sections, each section in pages of at most SECTION_SIZE addresses,
each address with when it last changed for readers (docs/design.md, rule 4: built on
``published()`` alone, so nothing unpublished is listed or dated).

A page of a section holds the items whose primary key falls in one fixed range: page n holds
those numbered (n - 1) × SECTION_SIZE + 1 to n × SECTION_SIZE. So

* a page is read by an index range scan, and the last page costs what the first does, at any
  size: no OFFSET, no counting;
* an item stays on the same page for good, so publishing or unpublishing one item changes one
  page and its lastmod, not every page after it, and a crawler's copy of the others stays true;
* a page may hold fewer than SECTION_SIZE addresses (drafts and deleted items leave gaps); a
  page with none is left out of the index and answers 404, like a page past the end.

The index finds every page that has an item, and each page's last change, in one grouped query
per section.
"""

from xml.sax.saxutils import escape

from django.db.models import F, Max, Q
from django.urls import reverse

from newsroom.articles.models import Article
from newsroom.sources.views import cited_by_published_events
from timeline.models import Event

# The protocol allows 50,000 addresses a file; smaller pages are quicker to build and to fetch.
SECTION_SIZE = 10_000
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def last_change(*moments):
    """The latest of the moments that are known."""
    return max(filter(None, moments), default=None)


class PagedSection:
    """Public items of one kind, paged by ranges of their primary key."""

    detail_view = None

    def items(self, now):
        """The public items, as of ``now``."""
        raise NotImplementedError

    def changes(self, now):
        """{name: expression} of the moments whose latest is an item's last public change."""
        raise NotImplementedError

    def pages(self, now):
        """{page number: last change} of every page that lists something, in one query."""
        grouped = (
            self.items(now)
            .order_by()
            .annotate(page=(F("pk") - 1) / page_size() + 1)
            .values("page")
            .annotate(**self.changes(now))
            .order_by("page")
        )
        return {row.pop("page"): last_change(*row.values()) for row in grouped}

    def entries(self, page, now):
        """[(path, last change)] of the items on ``page``, in one query; [] past the end."""
        # A page past the largest key the database stores matches nothing (Django answers an
        # integer lookup out of the column's range with no rows, never an overflow).
        first = (page - 1) * page_size() + 1
        rows = (
            self.items(now)
            .filter(pk__gte=first, pk__lt=first + page_size())
            .order_by("pk")
            .annotate(**self.changes(now))
            .values_list("slug", *self.changes(now))
        )
        # One reverse() for the page: at ten thousand addresses, one each would cost seconds.
        before, after = reverse(self.detail_view, kwargs={"slug": "slug-here"}).split("slug-here")
        return [(f"{before}{slug}{after}", last_change(*moments)) for slug, *moments in rows]


class PublishedSection(PagedSection):
    """Events or articles: an item's last public change is the latest of its last save, the
    time it went public (a scheduled item goes public with no save) and its newest correction
    whose date has come."""

    model = None

    def items(self, now):
        return self.model.objects.published(at=now)

    def changes(self, now):
        return {
            "saved": Max("updated_at"),
            "went_public": Max("publish_at"),
            "corrected": Max(
                "corrections__published_at", filter=Q(corrections__published_at__lte=now)
            ),
        }


class EventSection(PublishedSection):
    model = Event
    detail_view = "timeline:event_detail"


class ArticleSection(PublishedSection):
    model = Article
    detail_view = "articles:article_detail"


class SourceSection(PagedSection):
    """Sources with a public page; each changes when an event citing it does (a source keeps
    no time of its own changes)."""

    detail_view = "sources:source_detail"

    def items(self, now):
        return cited_by_published_events()

    def changes(self, now):
        # Annotated after the filter, so only the citing events that are published count.
        return {
            "saved": Max("citations__event__updated_at"),
            "went_public": Max("citations__event__publish_at"),
        }


class ListSection:
    """The pages that list the story: one page of them."""

    def entries(self, page, now):
        if page != 1:
            return []
        return list_pages(latest(EVENTS.pages(now)), latest(ARTICLES.pages(now)))


def list_pages(events, articles):
    """[(path, last change)] of the pages that list the story, each as fresh as the newest
    change to what it lists, given when public events and articles last changed."""
    return [
        (reverse("home"), last_change(events, articles)),
        (reverse("timeline:event_list"), events),
        (reverse("timeline:map"), events),
        (reverse("articles:article_list"), articles),
        (reverse("sources:source_list"), events),
    ]


def latest(pages):
    """The newest change of any page."""
    return last_change(*pages.values())


def page_size():
    """Read at each use, so a test can make pages small."""
    return SECTION_SIZE


EVENTS, ARTICLES, SOURCES = EventSection(), ArticleSection(), SourceSection()
PAGED = {"events": EVENTS, "articles": ARTICLES, "sources": SOURCES}
SECTIONS = {"lists": ListSection(), **PAGED}


def index(now):
    """[(path, last change)] of every page that lists something, in every section: one query
    per paged section (the list pages are dated from the events' and articles' pages)."""
    pages = {name: section.pages(now) for name, section in PAGED.items()}
    lists = list_pages(latest(pages["events"]), latest(pages["articles"]))
    pages = {"lists": {1: last_change(*(moment for path, moment in lists))}, **pages}
    return [
        (page_path(name, page), moment)
        for name, section_pages in pages.items()
        for page, moment in section_pages.items()
    ]


def page_path(section, page):
    path = reverse("sitemap_section", args=[section])
    return path if page == 1 else f"{path}?p={page}"


def lastmod_tag(moment):
    return f"<lastmod>{moment.date().isoformat()}</lastmod>" if moment else ""


def sitemap_index_xml(pages):
    """The index, from [(address, last change)] of every page of every section."""
    sitemaps = (f"<sitemap><loc>{escape(url)}</loc>{lastmod_tag(m)}</sitemap>" for url, m in pages)
    return _document("sitemapindex", sitemaps)


def urlset_xml(entries):
    """A page of a section, from [(address, last change)]."""
    urls = (f"<url><loc>{escape(url)}</loc>{lastmod_tag(m)}</url>" for url, m in entries)
    return _document("urlset", urls)


def _document(root, children):
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<{root} xmlns="{NAMESPACE}">',
            *children,
            f"</{root}>",
            "",
        ]
    )

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

Every page costs a fixed number of queries at any size of story. Only the index reads something
of every public item, and that from an index alone:

* the index dates each page of events and of articles in one query: every public item's save
  and publish times grouped by page from an index that holds them with the id and status
  (PostgreSQL reads it without the rows and their text), with the corrections whose date has
  come grouped the same way;
* the sources, their pages and their dates come from the story's summary (timeline/summary.py),
  which keeps for each source cited by a published event the newest change of those events;
* the list pages are dated by the newest change of any public event and article, one query
  each: PostgreSQL reads each moment (a save, a publish time, a correction's date) down its own
  index and stops at the first public item.
"""

import datetime
from xml.sax.saxutils import escape

from django.db.models import F, Max, Q
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.urls import reverse

from newsroom.articles.models import Article
from newsroom.locale_urls import address_prefixes
from newsroom.sources.models import Source
from timeline.models import Event
from timeline.summary import story_summary

# Items a page: each at its address in three languages, 9,000 addresses. The protocol allows
# 50,000 a file; pages of at most 10,000 are quicker to build and to fetch.
SECTION_SIZE = 3_000
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
# Where the sitemap's alternates (<xhtml:link rel="alternate" hreflang>) come from.
XHTML = "http://www.w3.org/1999/xhtml"


def last_change(*moments):
    """The latest of the moments that are known."""
    return max(filter(None, moments), default=None)


class PagedSection:
    """Public items of one kind, paged by ranges of their primary key."""

    detail_view = None

    def pages(self, now):
        """{page number: last change} of every page that lists something, in page order."""
        raise NotImplementedError

    def rows(self, first, last, now):
        """[(slug, last change)] of the public items numbered ``first`` to ``last``, in order;
        a last change may be given as its day in UTC."""
        raise NotImplementedError

    def entries(self, page, now):
        """[(path, last change)] of the items on ``page``; [] past the end."""
        # A page past the largest key the database stores matches nothing (Django answers an
        # integer lookup out of the column's range with no rows, never an overflow).
        first = (page - 1) * page_size() + 1
        rows = self.rows(first, first + page_size() - 1, now)
        # One reverse() for the page: at ten thousand addresses, one each would cost seconds.
        before, after = reverse(self.detail_view, kwargs={"slug": "slug-here"}).split("slug-here")
        return [(f"{before}{slug}{after}", moment) for slug, moment in rows]


class PublishedSection(PagedSection):
    """Events or articles: an item's last public change is the latest of its last save, the
    time it went public (a scheduled item goes public with no save) and its newest correction
    whose date has come."""

    model = None

    def items(self, now):
        return self.model.objects.published(at=now)

    def corrections(self, now):
        """The corrections readers see of the public items."""
        related = self.model._meta.get_field("corrections")
        return related.related_model.objects.filter(
            published_at__lte=now, **{f"{related.field.name}__in": self.items(now)}
        )

    def pages(self, now):
        """In one query: the items' saves and publish times by page, and their corrections'."""
        # A public item has a publish time: no null for SQLite's GREATEST to return.
        saved = (
            self.items(now)
            .annotate(page=page_of("pk"))
            .values("page")
            .annotate(changed=Max(Greatest("updated_at", "publish_at")))
            # No ORDER BY, here or below: PostgreSQL then groups by hashing, not by sorting.
            .order_by()
        )
        item = self.model._meta.get_field("corrections").field.attname
        corrected = (
            self.corrections(now)
            .annotate(page=page_of(item))
            .values("page")
            .annotate(changed=Max("published_at"))
            .order_by()
        )
        both = saved.union(corrected, all=True).order_by()  # a few rows: by_page() sorts them
        return by_page(both.values_list("page", "changed"))

    def rows(self, first, last, now):
        corrected = Max("corrections__published_at", filter=Q(corrections__published_at__lte=now))
        changed = Greatest(
            Max("updated_at"), Max("publish_at"), Coalesce(corrected, Max("updated_at"))
        )
        return (
            self.items(now)
            .filter(pk__gte=first, pk__lte=last)
            .annotate(changed=changed, day=TruncDate("changed", tzinfo=datetime.UTC))
            .order_by("pk")
            # The day alone, all a <lastmod> gives: a date is quicker to read than a moment.
            .values_list("slug", "day")
        )

    def latest(self, now):
        """The newest change of any public item, in one query: PostgreSQL reads each of the
        three moments down its index, stopping at the first public item."""
        newest_correction = (
            self.corrections(now).order_by("-published_at").values("published_at")[:1]
        )
        changed = Greatest(
            Max("updated_at"), Max("publish_at"), Coalesce(newest_correction, Max("updated_at"))
        )
        return self.items(now).aggregate(changed=changed)["changed"]


class EventSection(PublishedSection):
    model = Event
    detail_view = "timeline:event_detail"


class ArticleSection(PublishedSection):
    model = Article
    detail_view = "articles:article_detail"


class SourceSection(PagedSection):
    """Sources with a public page, those a published event cites; each changes when one of
    those events does (a source keeps no time of its own changes). Both come from the story's
    summary (as of the request), which counts those events and keeps the newest of their
    changes."""

    detail_view = "sources:source_detail"

    def pages(self, now):
        changed = story_summary().cited_changed.items()
        return by_page(((pk - 1) // page_size() + 1, moment) for pk, moment in changed)

    def rows(self, first, last, now):
        changed = story_summary().cited_changed
        sources = Source.objects.filter(pk__gte=first, pk__lte=last).order_by("pk")
        return [
            (slug, changed[pk]) for pk, slug in sources.values_list("pk", "slug") if pk in changed
        ]


class ListSection:
    """The pages that list the story: one page of them."""

    def entries(self, page, now):
        if page != 1:
            return []
        return list_pages(EVENTS.latest(now), ARTICLES.latest(now))


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


def by_page(moments):
    """{page: last change}, in page order, from (page, moment) pairs."""
    pages = {}
    for page, moment in moments:
        pages[page] = last_change(pages.get(page), moment)
    return dict(sorted(pages.items()))


def page_of(field):
    """The page an item numbered by ``field`` is listed on."""
    return (F(field) - 1) / page_size() + 1


EVENTS, ARTICLES, SOURCES = EventSection(), ArticleSection(), SourceSection()
PAGED = {"events": EVENTS, "articles": ARTICLES, "sources": SOURCES}
SECTIONS = {"lists": ListSection(), **PAGED}


def index(now):
    """[(path, last change)] of every page that lists something, in every section: one query
    for the events, one for the articles and the story's summary for the sources (the list
    pages are dated from the events' and articles' pages)."""
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
    """The <lastmod> of a moment or a day: its day (in UTC), in W3C Datetime."""
    if isinstance(moment, datetime.datetime):
        moment = moment.date()
    return f"<lastmod>{moment.isoformat()}</lastmod>" if moment else ""


def sitemap_index_xml(pages):
    """The index, from [(address, last change)] of every page of every section."""
    sitemaps = (f"<sitemap><loc>{escape(url)}</loc>{lastmod_tag(m)}</sitemap>" for url, m in pages)
    return _document("sitemapindex", sitemaps)


def urlset_xml(origin, entries):
    """A page of a section, from [(English path, last change)]: each page in every language,
    one <url> each, and every one of them naming all of them as its alternates, English also as
    the x-default (each language version lists itself and the others, as search engines ask)."""
    prefixes = address_prefixes()
    urls = []
    for path, moment in entries:
        lastmod = lastmod_tag(moment)
        addresses = [escape(f"{origin}{prefix}{path}") for _, prefix in prefixes]
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{hreflang}" href="{address}"/>'
            for (hreflang, _), address in zip(prefixes, addresses, strict=True)
        )
        # The bare address is the English page's (newsroom/locale_urls.py).
        links += (
            f'<xhtml:link rel="alternate" hreflang="x-default" href="{escape(origin + path)}"/>'
        )
        urls.extend(f"<url><loc>{address}</loc>{lastmod}{links}</url>" for address in addresses)
    return _document("urlset", urls, f' xmlns:xhtml="{XHTML}"')


def _document(root, children, namespaces=""):
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<{root} xmlns="{NAMESPACE}"{namespaces}>',
            *children,
            f"</{root}>",
            "",
        ]
    )

"""What a public page says about itself to search engines and link previews.

Each page gets a ``PageMeta``: its canonical address, the Open Graph and Twitter card tags, and
schema.org data rendered as JSON-LD by ``templates/includes/page_meta.html``. Everything here is
built from what the view has already loaded for the page itself, so it runs no query and can say
nothing the page does not (docs/design.md, rule 4), and it carries the page's truth: an event's
verification status and attribution, an item's corrections (rules 2, 3 and 6).
"""

import json
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from newsroom.locale_urls import language_tag

SITE_NAME = "Newsroom"
# Inside <script> the HTML parser ends the block at "</script>" whatever JSON thinks, so these
# characters are written as JSON escapes, which read back as the same text.
SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


@dataclass(frozen=True)
class Image:
    url: str  # absolute
    width: int | None
    height: int | None
    alt: str


@dataclass(frozen=True)
class PageMeta:
    url: str  # the canonical address, absolute
    title: str
    description: str
    graph: list = field(default_factory=list)  # schema.org nodes
    og_type: str = "website"
    image: Image | None = None
    site_name: str = SITE_NAME

    def json_ld(self):
        return script_json({"@context": "https://schema.org", "@graph": self.graph})


def script_json(data):
    """JSON that is safe inside a ``<script type="application/ld+json">`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # One replace() a character: once any character is not ASCII, str.translate() goes through
    # the text a character at a time, some 3.5 ms for the 25 kB of a page of 50 events.
    for character, escaped in SCRIPT_ESCAPES.items():
        text = text.replace(character, escaped)
    # Safe to mark: no "<", ">" or "&" is left to end the element or start markup.
    return mark_safe(text)


def absolute(request, path):
    return request.build_absolute_uri(path)


def canonical(request, *, keep=()):
    """This page's address, absolute, with only the query parameters that change what it shows:
    those named in ``keep``, when given a value, in that order; the first page is the bare one."""
    params = [
        (name, value)
        for name in keep
        for value in request.GET.getlist(name)
        if value and not (name == "page" and value == "1")
    ]
    url = absolute(request, request.path)
    return f"{url}?{urlencode(params)}" if params else url


def moment(value):
    """A stored instant in ISO 8601, in the newsroom's zone, as the page shows it."""
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def publisher(request):
    return {"@type": "Organization", "name": SITE_NAME, "url": absolute(request, reverse("home"))}


def breadcrumbs(request, *trail):
    """A BreadcrumbList from the front page down: ``trail`` is (name, path) pairs."""
    steps = [(gettext("Front page"), reverse("home")), *trail]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute(request, path)}
            for n, (name, path) in enumerate(steps, start=1)
        ],
    }


def collection_page(request, *, title, description, trail, keep=(), kind="CollectionPage"):
    """A list page (or any page that is not an item): the page itself and its breadcrumbs."""
    url = canonical(request, keep=keep)
    page = {
        "@type": kind,
        "@id": url,
        "url": url,
        "name": title,
        "description": description,
        "inLanguage": language_tag(),
        "isPartOf": {"@type": "WebSite", "name": SITE_NAME, "url": absolute(request, "/")},
        "publisher": publisher(request),
    }
    graph = [page, breadcrumbs(request, *trail)]
    return PageMeta(url=url, title=title, description=description, graph=graph)


def with_corrections(node, corrections):
    """``node`` with its public corrections; none at all is said by leaving the list out."""
    if corrections:
        node["correction"] = [
            {"@type": "CorrectionComment", "text": c.note, "datePublished": moment(c.published_at)}
            for c in corrections
        ]
    return node


def event_text(event):
    """The summary as readers get it on every page: with its status and who says so."""
    lines = [f"{line}." for line in event.attributions]
    status = gettext("Verification status: %(status)s.") % {
        "status": event.get_verification_display()
    }
    return " ".join([event.summary, status, *lines])


def event_image(request, event):
    if event.image and event.image_width:
        url = absolute(request, event.image.url)
        return Image(url, event.image_width, event.image_height, event.image_alt)
    return None


def event_posting(request, event):
    """An event as our report of it: a BlogPosting (see ``event_page``), with its image, if
    any, wherever it is listed."""
    url = absolute(request, event.get_absolute_url())
    posting = {
        "@type": "BlogPosting",
        "@id": url,
        "url": url,
        "headline": event.title,
        "articleBody": event_text(event),
        "datePublished": moment(event.published_time),
        # When it happened, at the precision it is known to (docs/design.md, rule 1).
        "contentReferenceTime": event.start.isoformat(),
    }
    if image := event_image(request, event):
        posting["image"] = image_data(image)
    return posting


def postal_address(place):
    """Where a place is, in the words the desk gave it: its town, region and country."""
    parts = {
        "addressLocality": place.name,
        "addressRegion": place.region,
        "addressCountry": place.country,
    }
    return {"@type": "PostalAddress", **{name: value for name, value in parts.items() if value}}


def happening(event, location):
    """The thing that happened, as a schema.org Event, dated at its own precision.

    ``location`` is where, as readers may be told it (``timeline.geo.public_location``): never
    the place's stored coordinates (docs/design.md, rule 9).
    """
    node = {
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": event.start.isoformat(),
    }
    if event.end:
        node["endDate"] = event.end.isoformat()
    if place := event.place:
        node["location"] = {"@type": "Place", "name": str(place), "address": postal_address(place)}
        if location is not None:
            node["location"]["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": location.latitude,
                "longitude": location.longitude,
            }
    return node


def event_page(request, event, *, corrections, location):
    """An event page: our dated, attributed, corrected report (a BlogPosting) about what
    happened (a schema.org Event, as its ``about``).

    Not an Event alone: the page asserts only what its sources say, and an event may be
    claimed, disputed or false; schema.org's Event would state it as a fact, and has no place
    for corrections or a publication date.
    """
    url = absolute(request, event.get_absolute_url())
    posting = {
        **event_posting(request, event),
        "description": event.summary,
        "dateModified": moment(event.updated_time(corrections)),
        "about": happening(event, location),
        "author": publisher(request),
        "publisher": publisher(request),
        "mainEntityOfPage": url,
        "inLanguage": language_tag(),
    }
    trail = [
        (gettext("Timeline"), reverse("timeline:event_list")),
        (event.title, event.get_absolute_url()),
    ]
    return PageMeta(
        url=url,
        title=event.title,
        description=event.summary,
        graph=[with_corrections(posting, corrections), breadcrumbs(request, *trail)],
        og_type="article",
        image=event_image(request, event),
    )


def timeline_page(request, *, title, description, events, coverage, keep):
    """The timeline as a live blog: each event on the page is one update with its own address.

    ``coverage`` is (first published, last changed) of every event the filters select, on any
    page, or None when there are none: the times of our coverage, not of what happened. The
    story is still being covered, so the coverage has no end.
    """
    url = canonical(request, keep=keep)
    posting = {
        "@type": "LiveBlogPosting",
        "@id": url,
        "url": url,
        "headline": title,
        "description": description,
        "inLanguage": language_tag(),
        "publisher": publisher(request),
        "liveBlogUpdate": [event_posting(request, event) for event in events],
    }
    if coverage:
        began, changed = coverage
        posting |= {
            "coverageStartTime": moment(began),
            "datePublished": moment(began),
            "dateModified": moment(changed),
        }
    trail = [(gettext("Timeline"), reverse("timeline:event_list"))]
    graph = [posting, breadcrumbs(request, *trail)]
    return PageMeta(url=url, title=title, description=description, graph=graph)


def image_data(image):
    data = {"@type": "ImageObject", "url": image.url, "description": image.alt}
    if image.width:
        data |= {"width": image.width, "height": image.height}
    return data


def article_page(request, article, *, lead_image, corrections, updated_at):
    """An article as a NewsArticle; "modified" follows the page's rule (its newest correction)."""
    url = absolute(request, reverse("articles:article_detail", args=[article.slug]))
    authors = [{"@type": "Person", "name": name} for name in article.byline_names]
    news = {
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "headline": article.headline,
        "description": article.standfirst,
        "datePublished": moment(article.published_time),
        "dateModified": moment(updated_at or article.published_time),
        "author": authors or publisher(request),
        "publisher": publisher(request),
        "mainEntityOfPage": url,
        "inLanguage": language_tag(),
    }
    image = None
    if lead_image:
        image = Image(
            absolute(request, lead_image["src"]),
            lead_image["width"],
            lead_image["height"],
            lead_image["alt"],
        )
        news["image"] = image_data(image)
    trail = [
        (gettext("Articles"), reverse("articles:article_list")),
        (article.headline, reverse("articles:article_detail", args=[article.slug])),
    ]
    return PageMeta(
        url=url,
        title=article.headline,
        description=article.standfirst,
        graph=[with_corrections(news, corrections), breadcrumbs(request, *trail)],
        og_type="article",
        image=image,
    )

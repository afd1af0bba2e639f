"""What the API says about each kind of item, and the querysets that fetch it in fixed queries.

Only published rows are ever read (``published()``, docs/design.md, rule 4), and every list is
ordered to the last tiebreak (the primary key) so that pages never overlap or skip an item.

Times are those a reader sees: ``published_at`` is when the item first went public and
``updated_at`` the newest of that and its newest correction (docs/design.md, rule 6), never the
raw time of the last save, which moves for fixes nobody is told about.
"""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.http import urlencode

from newsroom.articles.models import Article, ArticleCorrection, ArticleEvent
from newsroom.articles.views import render_body, with_bylines
from newsroom.sources.models import Source
from timeline.geo import place_location, public_precision
from timeline.models import Event, EventCorrection, Place, Storyline
from timeline.summary import story_summary

from .http import newest


def published_events():
    """Events in timeline order with everything ``event_data`` reads, in fixed queries."""
    public_corrections = Prefetch("corrections", queryset=EventCorrection.objects.public())
    return (
        Event.objects.published()
        .chronological()
        .with_related()
        .prefetch_related(public_corrections)
    )


def published_articles():
    """Articles newest first, each with its bylines, public corrections and published events."""
    linked = ArticleEvent.objects.filter(event__in=Event.objects.published()).select_related(
        "event"
    )
    public_corrections = ArticleCorrection.objects.public()
    return with_bylines(
        Article.objects.published().order_by("-publish_at", "-created_at", "-pk")
    ).prefetch_related(
        Prefetch("event_links", queryset=linked),
        Prefetch("corrections", queryset=public_corrections),
    )


def published_storylines(summary):
    """Storylines, places and sources that published events use: the story's summary counts
    them and their events (``usage()``), where a join would read every event."""
    return Storyline.objects.filter(pk__in=summary.uses["storyline"]).order_by(
        "position", "title", "pk"
    )


def published_places(summary):
    return Place.objects.filter(pk__in=summary.uses["place"]).order_by("name", "pk")


def published_sources(summary):
    sources = Source.objects.filter(pk__in=summary.uses["source"]).select_related("party")
    return sources.order_by("name", "pk")


class Representer:
    """Turns rows into JSON-ready dicts, with absolute links for the request's host."""

    def __init__(self, request):
        self.request = request

    def link(self, path):
        return self.request.build_absolute_uri(path)

    def usage(self, what, row):
        """What a storyline, place or source says about its published events."""
        use = story_summary(self.request).uses[what][row.pk]
        return {
            "event_count": use.events,
            "updated_at": newest([use.published_at, use.corrected_at]),
        }

    def api_link(self, name, slug=None, **query):
        path = reverse(f"api:{name}", kwargs={"slug": slug} if slug else None)
        if query:
            path += "?" + urlencode(query)
        return self.link(path)

    def event(self, event):
        corrections = event.corrections.all()
        return {
            "slug": event.slug,
            "url": self.link(event.get_absolute_url()),
            "api_url": self.api_link("event_detail", event.slug),
            "title": event.title,
            "summary": event.summary,
            "body": event.body,
            "date": {
                "start": event.start.isoformat(),
                "end": event.end.isoformat() if event.end else None,
                "precision": event.start.precision.token,
                "approximate": event.is_approximate,
                "label": event.date_label,
            },
            "place": self.place(event.place, full=False) if event.place else None,
            "storylines": [{"slug": s.slug, "title": s.title} for s in event.storylines.all()],
            "kind": choice(event, "kind"),
            "verification": choice(event, "verification"),
            "verification_note": event.verification_note or None,
            "is_key": event.is_key,
            "attributions": [str(line) for line in event.attributions],
            "citations": [self.citation(c) for c in event.citations.all()],
            "corrections": [self.correction(c) for c in corrections],
            "published_at": event.published_time,
            "updated_at": event.updated_time(corrections),
            "image": self.image(
                event.image,
                event.image_width,
                event.image_height,
                event.image_alt,
                credit=event.image_credit,
            ),
        }

    def citation(self, citation):
        source = citation.source
        return {
            "source": {
                "slug": source.slug,
                "name": source.name,
                "api_url": self.api_link("source_detail", source.slug),
            },
            "is_party": source.is_party,
            "party": party(source),
            "stance": citation.stance,
            "speaker": citation.speaker or None,
            "url": citation.url or None,
            "title": citation.title or None,
            "published_on": citation.published_on,
            "quote": citation.quote or None,
        }

    def correction(self, correction):
        return {"note": correction.note, "published_at": correction.published_at}

    def image(self, image, width, height, alt, *, credit, caption=None):
        if not image:
            return None
        data = {"url": self.link(image.url), "width": width, "height": height, "alt": alt}
        if caption is not None:
            data["caption"] = caption
        data["credit"] = credit
        return data

    def article(self, article):
        corrections = article.corrections.all()
        return {
            "slug": article.slug,
            "url": self.link(reverse("articles:article_detail", kwargs={"slug": article.slug})),
            "api_url": self.api_link("article_detail", article.slug),
            "headline": article.headline,
            "standfirst": article.standfirst,
            "body_html": str(render_body(article.body)),
            "bylines": article.byline_names,
            "events": [
                {"slug": link.event.slug, "api_url": self.api_link("event_detail", link.event.slug)}
                for link in article.event_links.all()
            ],
            "corrections": [self.correction(c) for c in corrections],
            "published_at": article.published_time,
            "updated_at": article.updated_time(corrections),
            "lead_image": self.image(
                article.lead_image,
                article.lead_image_width,
                article.lead_image_height,
                article.lead_image_alt,
                caption=article.lead_image_caption,
                credit=article.lead_image_credit,
            ),
        }

    def storyline(self, storyline):
        return {
            "slug": storyline.slug,
            "title": storyline.title,
            "summary": storyline.summary,
            "colour": storyline.colour,
            **self.usage("storyline", storyline),
            "url": self.link(reverse("timeline:event_list") + f"?storyline={storyline.slug}"),
            "api_url": self.api_link("storyline_detail", storyline.slug),
            "events_url": self.api_link("event_list", storyline=storyline.slug),
        }

    def place(self, place, *, full=True):
        # At its public precision, and held when any event placed there is held: the place is
        # the same in every event that nests it and at its own address (docs/design.md, rule 9).
        location = place_location(place)
        data = {
            "slug": place.slug,
            "name": place.name,
            "region": place.region,
            "country": place.country,
            "latitude": location.latitude if location else None,
            "longitude": location.longitude if location else None,
            "location_precision": public_precision(place).value,
            "radius_km": location.radius_km if location else None,
        }
        if full:
            data |= {
                **self.usage("place", place),
                "url": self.link(reverse("timeline:event_list") + f"?place={place.slug}"),
                "api_url": self.api_link("place_detail", place.slug),
                "events_url": self.api_link("event_list", place=place.slug),
            }
        return data

    def source(self, source):
        return {
            "slug": source.slug,
            "name": source.name,
            "short_name": source.short_name or None,
            "kind": choice(source, "kind"),
            "country": source.country or None,
            "affiliation": choice(source, "affiliation"),
            "is_party": source.is_party,
            "party": party(source),
            "description": source.description,
            "website": source.url or None,
            **self.usage("source", source),
            "url": self.link(reverse("sources:source_detail", kwargs={"slug": source.slug})),
            "api_url": self.api_link("source_detail", source.slug),
            "events_url": self.api_link("event_list", source=source.slug),
        }


def choice(row, name):
    """A choice field as its stored value and the label readers see."""
    return {"value": getattr(row, name), "label": getattr(row, f"get_{name}_display")()}


def party(source):
    if not source.is_party:
        return None
    return {"slug": source.party.slug, "name": source.party.name}

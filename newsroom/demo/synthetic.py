"""Synthetic published events at scale, for benchmarks and for trying the reader's site with a
long story. Plausible, not true: every title is made up, and every slug starts with
``synthetic-`` so the rows are easy to tell apart from reporting.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from newsroom.articles.models import Article, ArticleEvent
from newsroom.caching import public_content_changed
from newsroom.publishing import PublicationStatus
from newsroom.sources.models import Citation, Party, Source
from timeline.facets import facets_of
from timeline.models import Event, Place, Storyline

PREFIX = "synthetic-"
STORY_START = datetime.date(2024, 8, 6)
STORY_DAYS = 240
PUBLISHED_AT = datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)

STORYLINES = [
    ("Front line in Kursk region", "#8a1c1c"),
    ("Strikes on infrastructure", "#7a4200"),
    ("Diplomacy and talks", "#0b4f8a"),
    ("Prisoner exchanges", "#1d6b35"),
    ("Evacuations and civilians", "#5b2a86"),
    ("Nuclear safety", "#00585c"),
]
# (name, latitude, longitude): rounded to a hundredth of a degree and shown as areas, so the
# map and the GeoJSON export carry every synthetic event, as they do the demo's.
PLACES = [
    ("Sudzha", "51.19", "35.27"),
    ("Korenevo", "51.41", "34.91"),
    ("Glushkovo", "51.34", "34.63"),
    ("Tyotkino", "51.27", "34.30"),
    ("Lgov", "51.66", "35.27"),
    ("Kurchatov", "51.66", "35.66"),
    ("Rylsk", "51.57", "34.68"),
    ("Belaya", "51.10", "35.93"),
    ("Bolshoye Soldatskoye", "51.35", "35.51"),
    ("Malaya Loknya", "51.30", "35.33"),
    ("Sverdlikovo", "51.29", "35.07"),
    ("Pogrebki", "51.30", "34.97"),
    ("Olgovka", "51.37", "34.93"),
    ("Martynovka", "51.21", "35.42"),
    ("Makhnovka", "51.16", "35.32"),
    ("Plekhovo", "51.14", "35.20"),
    ("Kurilovka", "51.17", "35.14"),
    ("Darino", "51.37", "34.98"),
    ("Kursk", "51.73", "36.19"),
    ("Sumy", "50.91", "34.80"),
]
# (name, party slug or "" for independent, or None for unknown affiliation, kind)
SOURCES = [
    ("Ukraine's General Staff", "ukraine", Source.Kind.MILITARY),
    ("Ukraine's defence ministry", "ukraine", Source.Kind.GOVERNMENT),
    ("Ukraine's presidential office", "ukraine", Source.Kind.GOVERNMENT),
    ("Russia's defence ministry", "russia", Source.Kind.MILITARY),
    ("Russia's foreign ministry", "russia", Source.Kind.GOVERNMENT),
    ("Kursk regional governor", "russia", Source.Kind.SPOKESPERSON),
    ("Russian state news agency", "russia", Source.Kind.NEWS_OUTLET),
    ("International wire service", "", Source.Kind.NEWS_OUTLET),
    ("European public broadcaster", "", Source.Kind.NEWS_OUTLET),
    ("Conflict monitoring group", "", Source.Kind.MONITOR),
    ("UN humanitarian office", "", Source.Kind.INTERNATIONAL),
    ("International atomic energy agency", "", Source.Kind.INTERNATIONAL),
    ("Open-source analysts", "", Source.Kind.MONITOR),
    ("Local Telegram channel", None, Source.Kind.SOCIAL_MEDIA),
    ("Videos on social media", None, Source.Kind.SOCIAL_MEDIA),
]
HAPPENINGS = {
    Event.Kind.MILITARY: [
        "Fighting reported near {place}",
        "Forces advance towards {place}",
        "Drone attack near {place}",
        "Positions shelled near {place}",
    ],
    Event.Kind.INFRASTRUCTURE: [
        "Bridge damaged near {place}",
        "Power cut in {place}",
        "Rail line hit near {place}",
    ],
    Event.Kind.DIPLOMATIC: [
        "Envoys discuss {place} in talks",
        "Foreign ministers speak on {place}",
    ],
    Event.Kind.STATEMENT: ["Officials comment on {place}", "Governor's statement on {place}"],
    Event.Kind.HUMANITARIAN: ["Residents evacuated from {place}", "Aid convoy reaches {place}"],
    Event.Kind.NUCLEAR_SAFETY: ["Inspectors visit plant as fighting nears {place}"],
    Event.Kind.CASUALTY_FIGURES: ["Casualty figures given for {place}"],
}


def seed_synthetic(*, events, batch_size=1000, seed=1, progress=None):
    """Add ``events`` published events, with citations, storylines and places, plus one article
    for about every twenty events. Returns {label: rows created}; ``progress(done, total)`` is
    called after each batch."""
    rng = random.Random(seed)
    first = Event.objects.filter(slug__startswith=PREFIX).count()
    storylines, places, sources = _reference_data()
    tally = {"events": 0, "citations": 0, "articles": 0}
    for start in range(0, events, batch_size):
        numbers = range(first + start, first + min(start + batch_size, events))
        with transaction.atomic():
            made = _batch(rng, numbers, storylines, places, sources)
        for label, count in made.items():
            tally[label] += count
        if progress:
            progress(tally["events"], events)
    public_content_changed()  # bulk_create sends no signal
    return tally


def _reference_data():
    parties = {
        slug: Party.objects.get_or_create(slug=slug, defaults={"name": slug.title()})[0]
        for slug in ("ukraine", "russia")
    }
    storylines = [
        Storyline.objects.get_or_create(
            slug=f"{PREFIX}{_slug(title)}",
            defaults={"title": title, "colour": colour, "position": 100 + position},
        )[0]
        for position, (title, colour) in enumerate(STORYLINES)
    ]
    places = [
        Place.objects.get_or_create(
            slug=f"{PREFIX}{_slug(name)}",
            defaults={
                "name": name,
                "region": "Sumy region" if name == "Sumy" else "Kursk region",
                "country": "Ukraine" if name == "Sumy" else "Russia",
                "latitude": Decimal(latitude),
                "longitude": Decimal(longitude),
                "location_precision": Place.LocationPrecision.AREA,
            },
        )[0]
        for name, latitude, longitude in PLACES
    ]
    sources = []
    for name, party, kind in SOURCES:
        affiliation = (
            Source.Affiliation.UNKNOWN
            if party is None
            else Source.Affiliation.PARTY
            if party
            else Source.Affiliation.INDEPENDENT
        )
        source = Source.objects.get_or_create(
            slug=f"{PREFIX}{_slug(name)}",
            defaults={
                "name": name,
                "kind": kind,
                "affiliation": affiliation,
                "party": parties.get(party) if party else None,
                "url": "https://example.org/",
            },
        )[0]
        sources.append(source)
    return storylines, places, sources


def _batch(rng, numbers, storylines, places, sources):
    events, plans = [], []
    for number in numbers:
        event = _event(rng, number, places)
        plan = _citation_plan(rng, sources)
        event.verification = _verification(rng, plan)
        event.set_chronology()  # bulk_create skips save(), which derives these
        events.append(event)
        plans.append(plan)
    filed = [rng.sample(storylines, rng.choice([1, 1, 1, 2])) for event in events]
    for event, plan, chosen in zip(events, plans, filed, strict=True):
        event.facets = facets_of(chosen, [source for source, stance in plan])
    Event.objects.bulk_create(events)
    Membership = Event.storylines.through
    memberships = [
        Membership(event_id=event.pk, storyline_id=storyline.pk)
        for event, chosen in zip(events, filed, strict=True)
        for storyline in chosen
    ]
    citations = [
        Citation(
            event=event,
            source=source,
            stance=stance,
            position=position,
            url=f"https://example.org/{event.slug}/{position}",
            title=f"{source.name} on {event.title.lower()}",
            quote="We can say what we have seen." if rng.random() < 0.3 else "",
        )
        for event, plan in zip(events, plans, strict=True)
        for position, (source, stance) in enumerate(plan)
    ]
    Membership.objects.bulk_create(memberships)
    Citation.objects.bulk_create(citations)
    articles = _articles(rng, events)
    return {"events": len(events), "citations": len(citations), "articles": articles}


def _event(rng, number, places):
    kind = rng.choice(list(HAPPENINGS))
    place = rng.choice(places)
    day = STORY_START + datetime.timedelta(days=int(rng.triangular(0, STORY_DAYS, 10)))
    precision = rng.choices(["month", "day", "hour", "minute"], weights=[3, 60, 12, 25])[0]
    parts = {"start_year": day.year, "start_month": day.month}
    if precision != "month":
        parts["start_day"] = day.day
    if precision in ("hour", "minute"):
        parts["start_hour"] = rng.randrange(24)
    if precision == "minute":
        parts["start_minute"] = rng.randrange(60)
    title = rng.choice(HAPPENINGS[kind]).format(place=place.name)
    return Event(
        title=title,
        slug=f"{PREFIX}{number}",
        summary=f"{title}. Details are still being checked against the sources cited below.",
        body="Synthetic event made for load testing; not reporting.",
        kind=kind,
        is_key=rng.random() < 0.03,
        place=place if rng.random() < 0.9 else None,
        status=PublicationStatus.PUBLISHED,
        publish_at=PUBLISHED_AT,
        first_published_at=PUBLISHED_AT,
        **parts,
    )


def _citation_plan(rng, sources):
    """One to four different sources, each with a stance that fits who is speaking."""
    plan = []
    for source in rng.sample(sources, rng.randint(1, 4)):
        if source.is_party:
            stance = rng.choice([Citation.Stance.CLAIMS, Citation.Stance.DENIES])
        else:
            stance = rng.choice([Citation.Stance.REPORTS] * 3 + [Citation.Stance.CONFIRMS])
        plan.append((source, stance))
    return plan


def _verification(rng, plan):
    """Confirmed only with an independent confirmation; a party's word alone is a claim."""
    stances = {stance for _, stance in plan}
    if Citation.Stance.CONFIRMS in stances:
        return Event.Verification.CONFIRMED
    if Citation.Stance.DENIES in stances and len(stances) > 1:
        return Event.Verification.DISPUTED
    if all(source.is_party for source, _ in plan):
        return Event.Verification.CLAIMED
    return rng.choice([Event.Verification.REPORTED] * 9 + [Event.Verification.FALSE])


def _articles(rng, events):
    articles = []
    for index in range(0, len(events), 20):
        lead = events[index]
        articles.append(
            Article(
                headline=f"What we know: {lead.title.lower()}",
                slug=f"{lead.slug}-article",
                standfirst=f"Our reporting on {lead.title.lower()} and what followed.",
                body="Synthetic article made for load testing.",
                status=PublicationStatus.PUBLISHED,
                publish_at=PUBLISHED_AT,
                first_published_at=PUBLISHED_AT,
            )
        )
    Article.objects.bulk_create(articles)
    links = [
        ArticleEvent(article=article, event=event, position=position)
        for article, index in zip(articles, range(0, len(events), 20), strict=True)
        for position, event in enumerate(events[index : index + rng.randint(3, 6)])
    ]
    ArticleEvent.objects.bulk_create(links)
    return len(articles)


def _slug(text):
    return "".join(c if c.isalnum() else "-" for c in text.lower().replace("'", "")).strip("-")

"""Small builders for test data: each makes one valid object, with overrides by keyword."""

import datetime
import itertools

from django.contrib.auth.models import Group, User

from newsroom.articles.models import Article, ArticleEvent
from newsroom.publishing import PublicationStatus
from newsroom.sources.models import Citation, Party, Source
from timeline.models import Event, Place, Storyline

_numbers = itertools.count(1)
PAST = datetime.datetime(2024, 9, 1, 12, 0, tzinfo=datetime.UTC)


def _n():
    return next(_numbers)


def make_party(**kwargs):
    n = _n()
    return Party.objects.create(**{"name": f"Party {n}", "slug": f"party-{n}", **kwargs})


def make_source(**kwargs):
    n = _n()
    values = {"name": f"Source {n}", "slug": f"source-{n}", "kind": Source.Kind.NEWS_OUTLET}
    values.update(kwargs)
    if values.get("party") is not None:
        values.setdefault("affiliation", Source.Affiliation.PARTY)
    return Source.objects.create(**values)


def make_place(**kwargs):
    n = _n()
    return Place.objects.create(
        **{"name": f"Place {n}", "slug": f"place-{n}", "country": "Russia", **kwargs}
    )


def make_storyline(**kwargs):
    n = _n()
    return Storyline.objects.create(
        **{"title": f"Storyline {n}", "slug": f"storyline-{n}", **kwargs}
    )


def event_values(**kwargs):
    n = _n()
    values = {
        "title": f"Event {n}",
        "slug": f"event-{n}",
        "summary": f"What happened in event {n}.",
        "start_year": 2024,
        "start_month": 8,
        "kind": Event.Kind.MILITARY,
        "verification": Event.Verification.REPORTED,
        "status": PublicationStatus.PUBLISHED,
        "publish_at": PAST,
    }
    values.update(kwargs)
    return values


def make_event(*, storylines=(), **kwargs):
    event = Event.objects.create(**event_values(**kwargs))
    event.storylines.set(storylines)
    return event


def make_citation(event, source, **kwargs):
    return Citation.objects.create(
        event=event, source=source, **{"stance": Citation.Stance.REPORTS, **kwargs}
    )


def make_article(*, bylines=(), events=(), **kwargs):
    """A published article; ``events`` are linked in the order given."""
    n = _n()
    values = {
        "headline": f"Article {n}",
        "slug": f"article-{n}",
        "standfirst": f"What article {n} is about.",
        "body": f"The first paragraph of article {n}.\n\nThe second.",
        "status": PublicationStatus.PUBLISHED,
        "publish_at": PAST,
    }
    article = Article.objects.create(**{**values, **kwargs})
    article.bylines.set(bylines)
    ArticleEvent.objects.bulk_create(
        ArticleEvent(article=article, event=event, position=position)
        for position, event in enumerate(events)
    )
    return article


def make_user(username, *, group=None, password="pass-for-tests", **kwargs):
    user = User.objects.create_user(username, password=password, is_staff=True, **kwargs)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user

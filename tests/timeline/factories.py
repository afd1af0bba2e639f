"""Builders the timeline's tests need beyond tests/factories.py."""

import itertools

from newsroom.articles.models import Article, ArticleEvent
from newsroom.publishing import PublicationStatus
from tests.factories import PAST
from timeline.models import EventCorrection

_numbers = itertools.count(1)


def make_article(*, events=(), **kwargs):
    n = next(_numbers)
    values = {
        "headline": f"Article {n}",
        "slug": f"article-{n}",
        "standfirst": f"What article {n} is about.",
        "status": PublicationStatus.PUBLISHED,
        "publish_at": PAST,
        **kwargs,
    }
    article = Article.objects.create(**values)
    for position, event in enumerate(events):
        ArticleEvent.objects.create(article=article, event=event, position=position)
    return article


def make_correction(event, **kwargs):
    return EventCorrection.objects.create(event=event, **{"note": "A correction.", **kwargs})

"""Builders for articles, in the style of tests/factories.py."""

import io
import itertools

from django.core.files.base import ContentFile
from PIL import Image

from newsroom.articles.models import Article, ArticleCorrection, ArticleEvent
from newsroom.publishing import PublicationStatus
from tests.factories import PAST

_numbers = itertools.count(1)


def make_article(*, bylines=(), events=(), **kwargs):
    n = next(_numbers)
    values = {
        "headline": f"Article {n}",
        "slug": f"article-{n}",
        "standfirst": f"What article {n} is about.",
        "body": f"The first paragraph of article {n}.\n\nThe second.",
        "status": PublicationStatus.PUBLISHED,
        "publish_at": PAST,
    }
    values.update(kwargs)
    article = Article.objects.create(**values)
    article.bylines.set(bylines)
    ArticleEvent.objects.bulk_create(
        ArticleEvent(article=article, event=event, position=position)
        for position, event in enumerate(events)
    )
    return article


def make_correction(article, **kwargs):
    return ArticleCorrection.objects.create(
        article=article, **{"note": "An earlier version got a date wrong.", **kwargs}
    )


def image_file(width=2000, height=1000, *, format="JPEG", name="photo.jpg", mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, (width, height), (40, 90, 140) if mode == "RGB" else (40, 90, 140, 128)).save(
        buffer, format=format
    )
    return ContentFile(buffer.getvalue(), name=name)

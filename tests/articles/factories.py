"""Builders for articles (in the style of tests/factories.py), and what page tests share."""

import datetime
import io

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from newsroom.articles.models import ArticleCorrection
from newsroom.publishing import PublicationStatus

# Every way an article or event can be off the site: none may appear on any public page.
UNPUBLISHED = {
    "draft": {"status": PublicationStatus.DRAFT, "publish_at": None},
    "in review": {"status": PublicationStatus.IN_REVIEW, "publish_at": None},
    "scheduled later": {
        "status": PublicationStatus.SCHEDULED,
        "publish_at": timezone.now() + datetime.timedelta(days=1),
    },
    "archived": {"status": PublicationStatus.ARCHIVED},
}


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


def page_html(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def count_page_queries(client, path):
    """How many queries a public page runs when nothing is cached; fails if one repeats. The
    story's summary is as the last write left it (the first read after a write builds it)."""
    page_html(client, path)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        page_html(client, path)
    sql = [query["sql"] for query in captured.captured_queries]
    assert len(set(sql)) == len(sql), f"a query ran twice on {path}"
    return len(sql)

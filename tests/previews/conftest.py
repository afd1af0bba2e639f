import datetime

import pytest
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.publishing import PublicationStatus
from tests.factories import make_event, make_user


@pytest.fixture
def author():
    return make_user("author", group="reporter")


@pytest.fixture
def editor():
    return make_user("editor", group="editor")


@pytest.fixture
def people(author, editor):
    """Everyone the preview rules tell apart, by the name the tests use."""
    return {
        "anonymous": None,
        "moderator": make_user("moderator", group="moderator"),
        "author": author,
        "other reporter": make_user("other-reporter", group="reporter"),
        "editor": editor,
    }


def unpublished(state):
    if state == "draft":
        return {"status": PublicationStatus.DRAFT, "publish_at": None}
    return {
        "status": PublicationStatus.SCHEDULED,
        "publish_at": timezone.now() + datetime.timedelta(days=1),
    }


@pytest.fixture(params=["draft", "scheduled"])
def event(request, author):
    return make_event(created_by=author, **unpublished(request.param))


def make_article(*, bylines=(), **kwargs):
    values = {"headline": "Talks stall", "slug": "talks-stall", "standfirst": "Nothing moved."}
    article = Article.objects.create(**{**values, **unpublished("draft"), **kwargs})
    article.bylines.set(bylines)
    return article


def log_in(client, user):
    if user is not None:
        client.force_login(user)
    return client

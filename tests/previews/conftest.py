import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.publishing import PublicationStatus
from tests import factories
from tests.factories import make_event, make_user


@pytest.fixture
def author():
    return make_user("author", group="reporter", first_name="Alex", last_name="Author")


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


SOON = datetime.timedelta(days=1)
# What every answer from the preview addresses carries.
PREVIEW_HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",
}


def unpublished(state):
    if state == "draft":
        return {"status": PublicationStatus.DRAFT, "publish_at": None}
    return {"status": PublicationStatus.SCHEDULED, "publish_at": timezone.now() + SOON}


def make_article(*, state="draft", **kwargs):
    values = {"headline": "Talks stall", "slug": "talks-stall", "standfirst": "Nothing moved."}
    return factories.make_article(**{**values, **unpublished(state), **kwargs})


def make_item(kind, state, *, author, editor):
    """An event the author made, or an article that is the author's only through its byline."""
    if kind == "event":
        return make_event(created_by=author, **unpublished(state))
    return make_article(state=state, created_by=editor, bylines=[author], body="The *first* round.")


@pytest.fixture(params=["draft", "scheduled"])
def event(request, author, editor):
    return make_item("event", request.param, author=author, editor=editor)


@pytest.fixture(params=["draft", "scheduled"])
def article(request, author, editor):
    return make_item("article", request.param, author=author, editor=editor)


@pytest.fixture(params=[*itertools.product(["event", "article"], ["draft", "scheduled"])])
def item(request, author, editor):
    """A draft or scheduled event or article that the author wrote."""
    kind, state = request.param
    return make_item(kind, state, author=author, editor=editor)


def title_field(item):
    return "headline" if isinstance(item, Article) else "title"


def public_url(item):
    if isinstance(item, Article):
        return reverse("articles:article_detail", args=[item.slug])
    return item.get_absolute_url()


def log_in(client, user):
    if user is not None:
        client.force_login(user)
    return client

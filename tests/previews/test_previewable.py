"""Who may preview or share an item, decided on the server from roles and authorship."""

import pytest
from django.contrib.auth.models import Permission, User

from newsroom.previews.previewable import PREVIEWABLE
from tests.factories import make_event, make_user

from .conftest import make_article

pytestmark = pytest.mark.django_db

events = PREVIEWABLE["timeline.event"]
articles = PREVIEWABLE["articles.article"]


def test_an_editor_previews_and_shares_anyones_work(people):
    editor, event, article = people["editor"], make_event(), make_article()
    assert events.can_preview(editor, event)
    assert articles.can_preview(editor, article)
    assert events.can_share(editor) and articles.can_share(editor)


def test_a_reporter_previews_only_what_they_wrote_and_shares_nothing(people):
    author, other = people["author"], people["other reporter"]
    event = make_event(created_by=author)
    assert events.can_preview(author, event)
    assert not events.can_preview(other, event)
    assert not events.can_share(author)


def test_a_byline_makes_a_reporter_an_author_of_an_article(people):
    author, other = people["author"], people["other reporter"]
    article = make_article(created_by=other, bylines=[author])
    assert articles.can_preview(author, article)
    assert articles.can_preview(other, article)
    assert not articles.can_preview(author, make_article(slug="y", created_by=other))


def test_a_moderator_previews_nothing(people):
    moderator = people["moderator"]
    assert not events.can_preview(moderator, make_event(created_by=moderator))
    assert not events.can_share(moderator)


def test_an_author_needs_the_change_permission():
    author = make_user("viewer")
    author.user_permissions.add(Permission.objects.get(codename="view_event"))
    assert not events.can_preview(author, make_event(created_by=author))


@pytest.mark.parametrize(
    "flags", [{"is_staff": False, "is_active": True}, {"is_staff": True, "is_active": False}]
)
def test_only_active_staff_preview_or_share(flags):
    user = User.objects.create_user("former", is_superuser=True, **flags)
    assert not events.can_preview(user, make_event(created_by=user))
    assert not events.can_share(user)

"""The roles exist on a fresh database, with exactly the powers docs/design.md gives them."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_fresh_database_has_the_three_roles():
    assert set(Group.objects.values_list("name", flat=True)) >= {"reporter", "editor", "moderator"}


def test_reporters_draft_but_never_publish():
    reporter = make_user("reporter", group="reporter")
    assert reporter.has_perms(
        [
            "timeline.add_event",
            "timeline.change_event",
            "articles.add_article",
            "articles.change_article",
            "sources.add_citation",
            "articles.add_articleevent",
            # A new outlet or town, added from the event form without waiting for an editor.
            "sources.add_source",
            "timeline.add_place",
        ]
    )
    for permission in [
        "timeline.publish_event",
        "articles.publish_article",
        "timeline.delete_event",
        "articles.delete_article",
        "sources.change_source",
        "sources.delete_source",
        "timeline.change_place",
        "timeline.add_storyline",
        "moderation.change_submission",
        "moderation.view_submission",
    ]:
        assert not reporter.has_perm(permission), permission


def test_editors_publish_and_manage_reference_data():
    editor = make_user("editor", group="editor")
    assert editor.has_perms(
        [
            "timeline.publish_event",
            "articles.publish_article",
            "timeline.delete_event",
            "sources.add_source",
            "sources.change_party",
            "timeline.add_storyline",
            "timeline.change_place",
            "moderation.view_submission",
        ]
    )
    assert not editor.has_perm("moderation.change_submission")


def test_moderators_work_the_queue_and_never_publish():
    moderator = make_user("moderator", group="moderator")
    assert moderator.has_perms(["moderation.view_submission", "moderation.change_submission"])
    assert moderator.has_perm("timeline.view_event")
    for permission in [
        "timeline.publish_event",
        "articles.publish_article",
        "articles.view_article",
        "articles.change_article",
        "timeline.change_event",
        "timeline.add_event",
        "moderation.delete_submission",
    ]:
        assert not moderator.has_perm(permission), permission

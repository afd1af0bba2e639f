"""Pending changes to live items, as services (docs/design.md, rule 5)."""

import pytest
from django.core.exceptions import PermissionDenied

from newsroom.revisions.models import PendingChange
from newsroom.revisions.pending import (
    MergeNeeded,
    hold_change,
    must_wait,
    publish_change,
    return_change,
)
from newsroom.revisions.services import snapshot
from tests.factories import make_citation, make_event, make_source, make_user

from .builders import editor, save_revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event = make_event(title="Incursion begins", summary="Troops cross.")
    make_citation(event, make_source(name="Reuters"))
    save_revision(event, editor(), comment="Published")
    return event


@pytest.fixture
def reporter():
    return make_user("rita", group="reporter", first_name="Rita")


def held(event, reporter, **changes):
    return hold_change(
        item=event,
        data={**snapshot(event), **changes},
        user=reporter,
        based_on_version=event.version,
    )


def test_only_a_live_item_saved_without_the_publish_right_waits(event, reporter):
    assert must_wait(item=event, user=reporter)
    assert not must_wait(item=event, user=editor("ed"))
    event.status = "draft"
    assert not must_wait(item=event, user=reporter)


def test_a_second_hold_continues_the_change_and_keeps_where_it_started(event, reporter):
    held(event, reporter, summary="First draft.")
    save_revision(event, editor("ed"), title="Moved on")
    change = held(event, reporter, summary="Second draft.")
    assert PendingChange.objects.count() == 1
    assert (change.data["summary"], change.based_on_version) == ("Second draft.", 2)


def test_a_change_both_sides_edited_needs_a_merge(event, reporter):
    ed = editor("ed")
    change = held(event, reporter, summary="Rita's.")
    save_revision(event, ed, summary="Ed's.")
    with pytest.raises(MergeNeeded) as raised:
        publish_change(change=change, user=ed, expected_version=event.version)
    assert [conflict.key for conflict in raised.value.merged.conflicts] == ["summary"]
    item = publish_change(
        change=change,
        user=ed,
        expected_version=event.version,
        choices={"summary": "mine"},
    )
    assert item.summary == "Rita's."
    assert not PendingChange.objects.exists()


def test_a_reporter_may_neither_publish_nor_send_back(event, reporter):
    change = held(event, reporter, summary="Rita's.")
    with pytest.raises(PermissionDenied):
        publish_change(change=change, user=reporter, expected_version=event.version)
    with pytest.raises(PermissionDenied):
        return_change(change=change, user=reporter)
    event.refresh_from_db()
    assert event.summary == "Troops cross."


def test_a_change_sent_back_is_replaced_by_the_next_save(event, reporter):
    change = return_change(change=held(event, reporter, summary="A."), user=editor("ed"), note="No")
    assert change.returned_at is not None
    fresh = held(event, reporter, summary="B.")
    assert (fresh.returned_at, fresh.return_note, fresh.data["summary"]) == (None, "", "B.")

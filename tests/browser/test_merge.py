"""docs/design.md, rule 5, in a real browser: two editors save one event; the second merges."""

import pytest

from newsroom.revisions.models import Revision
from tests.browser.conftest import audit, screenshot
from tests.browser.test_desk_flows import change_url, draft_event, editor_desk, message

pytestmark = pytest.mark.django_db(transaction=True)


def both_open(browser, live_server):
    event = draft_event(title="Ferry crossing struck near Glushkovo", summary="Struck overnight.")
    first, first_errors = editor_desk(browser, live_server, "ana")
    second, second_errors = editor_desk(browser, live_server, "tom")
    first.goto(change_url(live_server, event))
    second.goto(change_url(live_server, event))
    return event, first, second, first_errors + second_errors


def save(page):
    page.get_by_role("button", name="Save and continue editing").click()


def test_their_summary_and_my_title_are_both_kept(browser, live_server, demo):
    event, ana, tom, errors = both_open(browser, live_server)
    ana.fill("#id_summary", "Struck twice overnight, say local officials.")
    save(ana)
    tom.fill("#id_title", "Ferry crossing destroyed near Glushkovo")
    save(tom)

    # The merge screen: what each changed, what the merge keeps, and no choice to make.
    assert tom.locator("table.merge").is_visible()
    assert tom.locator("input[type=radio]").count() == 0
    assert audit(tom) == []
    tom.get_by_role("button", name="Save the merge").click()
    assert "Saved the merge as version 3" in message(tom)
    assert tom.input_value("#id_title") == "Ferry crossing destroyed near Glushkovo"
    assert tom.input_value("#id_summary") == "Struck twice overnight, say local officials."
    revision = Revision.objects.get(object_id=event.pk, version=3)
    assert revision.comment == (
        "Merged by Tom with Ana’s version 2: kept theirs for summary, mine for title"
    )
    assert not errors, errors


def test_both_changing_the_title_asks_which_stands(browser, live_server, demo):
    event, ana, tom, errors = both_open(browser, live_server)
    ana.fill("#id_title", "Ana's title")
    save(ana)
    tom.fill("#id_title", "Tom's title")
    tom.fill("#id_citations-0-quote", "The ferry was hit twice.")
    save(tom)

    choice = tom.get_by_role("group", name="Title: both changed it")
    assert choice.is_visible()
    screenshot(tom, "desk-merge-choice")
    assert audit(tom) == []
    choice.get_by_label("Yours").check()
    tom.get_by_role("button", name="Save the merge").click()
    assert "Saved the merge" in message(tom)
    event.refresh_from_db()
    assert event.title == "Tom's title"
    assert event.citations.get().quote == "The ferry was hit twice."
    assert "kept mine for title" in Revision.objects.get(object_id=event.pk, version=3).comment
    assert not errors, errors

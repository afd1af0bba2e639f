"""docs/design.md, rule 5, in a real browser: a reporter's change to a live event waits for an
editor, and readers see it only once the editor publishes it."""

import pytest

from newsroom.revisions.services import record_revision
from tests.browser.conftest import audit, screenshot
from tests.browser.test_desk_flows import change_url, desk_as, editor_desk, message, reader_page
from tests.factories import make_citation, make_event, make_source

pytestmark = pytest.mark.django_db(transaction=True)

LIVE = "A ferry crossing on the Seym was struck overnight."
EDITED = "A ferry crossing on the Seym was struck twice overnight, local officials say."


def live_event():
    event = make_event(title="Ferry crossing struck", slug="ferry", summary=LIVE, start_day=21)
    make_citation(event, make_source(name="Seym Valley Herald"), quote="The ferry was hit.")
    record_revision(item=event, user=None, comment="Published")
    return event


def reporter_edits(browser, live_server, event):
    desk, errors = desk_as(browser, live_server, "taras", "reporter")
    desk.goto(change_url(live_server, event))
    desk.fill("#id_summary", EDITED)
    desk.get_by_role("button", name="Save", exact=True).click()
    assert "waits for an editor to publish it" in message(desk)
    # The form goes on showing the reporter's draft of the live event, with a note.
    assert desk.input_value("#id_summary") == EDITED
    assert "Your change" in desk.locator(".pending-change").inner_text()
    return desk, errors


def test_an_editor_publishes_a_reporters_change_to_a_live_event(browser, live_server, demo):
    event = live_event()
    reporter, reporter_errors = reporter_edits(browser, live_server, event)

    reader = reader_page(browser)
    for path in ("/events/ferry/", "/timeline/"):
        reader.goto(live_server.url + path)
        assert LIVE in reader.content() and EDITED not in reader.content()

    editor, editor_errors = editor_desk(browser, live_server)
    panel = editor.locator(".pending-change")
    assert "A change by Taras to “Ferry crossing struck” waits" in panel.inner_text()
    assert "twice" in panel.locator("ins").inner_text()
    screenshot(editor, "desk-pending-change")
    assert audit(editor) == []
    panel.get_by_role("button", name="Publish this change").click()
    assert "Published Taras’s change to “Ferry crossing struck”" in message(editor)
    assert editor.locator(".pending-change").count() == 0

    for path in ("/events/ferry/", "/timeline/"):
        reader.goto(live_server.url + path)
        assert EDITED in reader.content()
    assert not reporter_errors and not editor_errors, reporter_errors + editor_errors


def test_an_editor_sends_a_change_back_from_the_change_form(browser, live_server, demo):
    event = live_event()
    reporter, reporter_errors = reporter_edits(browser, live_server, event)

    editor, editor_errors = editor_desk(browser, live_server)
    editor.goto(change_url(live_server, event))
    # The editor's form shows what is live; the panel shows what waits.
    assert editor.input_value("#id_summary") == LIVE
    editor.fill("[name=pending_note]", "Only one strike is confirmed.")
    editor.get_by_role("button", name="Send back").click()
    assert "Sent Taras’s change to “Ferry crossing struck” back" in message(editor)

    reporter.goto(change_url(live_server, event))
    note = reporter.locator(".pending-change").inner_text()
    assert "was sent back" in note and "Only one strike is confirmed." in note
    assert reporter.input_value("#id_summary") == LIVE
    reader = reader_page(browser)
    reader.goto(live_server.url + "/events/ferry/")
    assert LIVE in reader.content()
    assert not reporter_errors and not editor_errors, reporter_errors + editor_errors

"""Previews in a real browser: an editor's own preview, and a signed link for someone outside."""

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_desk_flows import change_url, draft_event, editor_desk

pytestmark = pytest.mark.django_db(transaction=True)


def console_errors(context):
    """What the browser logs as an error on any page of ``context`` (a CSP block, say)."""
    errors = []
    context.on("console", lambda message: message.type == "error" and errors.append(message.text))
    context.on("weberror", lambda error: errors.append(str(error.error)))
    return errors


def test_an_editor_previews_a_draft_from_its_change_form(browser, live_server, demo):
    event = draft_event(title="Ferry crossing struck near Glushkovo")
    desk, errors = editor_desk(browser, live_server)
    desk.goto(change_url(live_server, event))
    preview_errors = console_errors(desk.context)
    with desk.expect_popup() as opened:
        desk.get_by_role("link", name="Preview", exact=True).click()
    preview = opened.value
    preview.wait_for_load_state()
    assert preview.locator("h1").inner_text() == event.title
    assert "Preview — not published." in preview.locator(".preview-banner").inner_text()
    screenshot(preview, "staff-preview")
    assert not errors and not preview_errors, errors + preview_errors


def test_a_signed_link_is_made_opened_and_revoked(browser, live_server, demo):
    event = draft_event(title="Ferry crossing struck near Glushkovo")
    desk, errors = editor_desk(browser, live_server)
    desk.goto(change_url(live_server, event))
    desk.get_by_role("link", name="Share a preview link").click()
    desk.get_by_label("Works for").select_option(label="1 hour")
    # The staff form posts to its own site: its policy must let the browser say so (Origin).
    with desk.expect_request(lambda request: request.method == "POST") as posted:
        desk.get_by_role("button", name="Make a preview link").click()
    assert posted.value.header_value("origin") == live_server.url
    assert "Made a preview link" in desk.locator(".messagelist").inner_text()
    address = desk.get_by_label("Address of preview link 1").input_value()
    assert event.title not in address
    screenshot(desk, "preview-links")

    # Someone with no account opens the link in a browser of their own.
    reader_context = browser.new_context()
    reader_errors = console_errors(reader_context)
    reader = reader_context.new_page()
    requests = []
    reader.on("request", lambda request: requests.append(request))
    assert reader.goto(address).status == 200
    assert reader.locator("h1").inner_text() == event.title
    assert "Preview — not published." in reader.locator(".preview-banner").inner_text()
    # The address is the secret: nothing the shared page loads is told where it came from.
    assert requests and all(request.header_value("referer") is None for request in requests)
    screenshot(reader, "preview-shared")
    assert not reader_errors, reader_errors

    desk.get_by_role("button", name="Revoke").click()
    assert "no longer works" in desk.locator(".messagelist").inner_text()
    assert "Revoked" in desk.locator("#result_list").inner_text()

    refused = reader.reload()
    assert refused.status == 410
    assert reader.locator("h1").inner_text() == "This preview link no longer works"
    assert event.title not in reader.content()
    screenshot(reader, "preview-revoked")
    reader_context.close()
    assert not errors, errors

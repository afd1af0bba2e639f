"""Two editors and a reader, in a real browser: from a new event to the public page."""

import pytest

from tests.browser.conftest import screenshot
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "pass-for-tests"


def log_in(browser, live_server, username, *, viewport=None):
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 1000})
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page, errors


def choose(page, select_id, search):
    """Pick a value in one of the admin's autocomplete boxes, as a person would."""
    page.locator(f"#{select_id} + .select2").click()
    page.locator(".select2-dropdown .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=search).first.click()


def test_an_event_and_an_article_go_from_draft_to_the_public_site(browser, live_server, demo):
    make_user("olena", group="editor", password=PASSWORD, first_name="Olena")
    make_user("ihor", group="editor", password=PASSWORD, first_name="Ihor")

    # The first editor records an event with two citations, one a party's claim.
    page, errors = log_in(browser, live_server, "olena")
    page.goto(f"{live_server.url}/admin/timeline/event/add/")
    page.fill("#id_title", "Pontoon crossing hit on the Seym")
    page.fill("#id_summary", "A pontoon crossing on the Seym river was struck.")
    assert page.input_value("#id_slug") == "pontoon-crossing-hit-on-the-seym"
    page.locator("#id_kind").get_by_label("Military", exact=True).check()
    page.fill("#id_start", "19 August 2024")
    page.locator("#id_verification").get_by_label("Claimed", exact=True).check()
    # One line is ready; another is added for the second source, which goes after it.
    add_citation = page.get_by_role("button", name="Add another Citation")
    choose(page, "id_citations-0-source", "Ministry of Foreign Affairs of Russia")
    page.locator("#id_citations-0-stance").get_by_label("Claims", exact=True).check()
    page.fill("#id_citations-0-quote", "The crossing was destroyed.")
    add_citation.click()
    choose(page, "id_citations-1-source", "The Independent")
    page.locator("#id_citations-1-stance").get_by_label("Reports", exact=True).check()
    screenshot(page, "admin-event-form")
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_url(f"{live_server.url}/admin/timeline/event/")
    assert "is now in review" in page.locator(".messagelist").inner_text()

    # Then drafts an article, links the event and sends it for review.
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_headline", "The Seym crossings under fire")
    page.fill("#id_standfirst", "Why the river matters to the incursion.")
    page.fill("#id_body", "The Seym cuts the area off from the rest of the region.")
    page.get_by_role("button", name="Add another Linked event").click()
    choose(page, "id_event_links-0-event", "Pontoon crossing hit")
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")
    assert not errors, errors

    # A second editor publishes both from the review queue on the desk.
    page, errors = log_in(browser, live_server, "ihor")
    page.get_by_role("link", name="Articles waiting for review").click()
    page.get_by_role("link", name="The Seym crossings under fire").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    assert "is now published" in page.locator(".messagelist").inner_text()
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="Events waiting for review").click()
    page.get_by_role("link", name="Pontoon crossing hit on the Seym").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    assert not errors, errors

    # An anonymous reader finds both.
    reader = browser.new_context().new_page()
    reader.goto(f"{live_server.url}/timeline/")
    assert reader.get_by_text("Pontoon crossing hit on the Seym").count() == 1
    reader.goto(f"{live_server.url}/articles/the-seym-crossings-under-fire/")
    assert reader.locator("h1").inner_text() == "The Seym crossings under fire"
    assert reader.get_by_text("Pontoon crossing hit on the Seym").count() >= 1
    screenshot(reader, "published-article")

"""A reader opens the demo story's timeline in a real browser, on a desktop and on a phone."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_story_reads_in_order_with_dates_at_their_precision(page, live_server, demo):
    page.goto(f"{live_server.url}/timeline/")
    assert page.locator("h1").all_inner_texts() == ["Timeline"]
    dates = page.locator("ol.timeline time").all_inner_texts()
    assert dates[0] == "6 August 2024"
    assert dates[1:] == ["August 2024"] * 11
    text = page.locator("main").inner_text()
    assert "Glushkovo" in text and "Sudzha" in text
    assert "Claimed by Russia, a party to the conflict" in text
    assert "Draft" not in text and "draft" not in page.url
    screenshot(page, "timeline-desktop")


def test_an_event_opens_with_its_sources(page, live_server, demo):
    page.goto(f"{live_server.url}/timeline/")
    page.locator("ol.timeline h2 a").first.click()
    page.wait_for_url("**/events/**")
    assert page.locator("h1").count() == 1
    assert page.get_by_role("heading", name="Sources").is_visible()
    screenshot(page, "event-desktop")


def test_the_timeline_fits_a_small_phone(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/timeline/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"the page scrolls sideways ({scroll_width}px wide)"
    screenshot(page, "timeline-phone")
    context.close()

"""A reader opens the demo story's timeline in a real browser, on a desktop and on a phone."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}


def assert_no_sideways_scroll(page):
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    inner_width = page.evaluate("window.innerWidth")
    assert scroll_width <= inner_width, f"the page scrolls sideways ({scroll_width}px wide)"


def test_the_story_reads_in_order_with_dates_at_their_precision(page, live_server, demo):
    page.goto(f"{live_server.url}/timeline/")
    assert page.locator("h1").all_inner_texts() == ["Timeline"]
    dates = page.locator("ol.timeline time").all_inner_texts()
    assert dates == [
        "6 August 2024",
        "15 August 2024",
        "c. 16 August 2024, 17:00–18:00 Kyiv time",
        "17 August 2024",
        "17 August 2024",
        *["August 2024"] * 7,
    ]
    headings = page.locator("h2.tl-heading").all_inner_texts()
    assert headings == [
        "6 August 2024",
        "15 August 2024",
        "16 August 2024",
        "17 August 2024",
        "August 2024",
    ]
    text = page.locator("main").inner_text()
    assert "Glushkovo" in text and "Sudzha" in text
    assert "Claimed by Russia, a party to the conflict" in text
    assert "Draft" not in text and "draft" not in page.url
    assert_no_sideways_scroll(page)
    screenshot(page, "timeline-desktop")


def test_the_strip_bars_are_named_links_to_their_day(page, live_server, demo):
    page.goto(f"{live_server.url}/timeline/")
    bar = page.locator(".tl-strip svg a").first
    assert bar.get_attribute("href") == "?from=2024-08-06&to=2024-08-06"
    bar.focus()
    bar.press("Enter")
    page.wait_for_url("**from=2024-08-06**")
    assert page.locator("ol.timeline time").all_inner_texts() == ["6 August 2024"]


def test_an_event_opens_with_its_sources(page, live_server, demo):
    page.goto(f"{live_server.url}/timeline/")
    page.locator("ol.timeline h3 a").first.click()
    page.wait_for_url("**/events/**")
    assert page.locator("h1").count() == 1
    assert page.get_by_role("heading", name="Sources").is_visible()
    assert page.get_by_role("link", name="Suggest a correction").get_attribute("href") == (
        "/submit/?event=" + page.url.rstrip("/").rsplit("/", 1)[-1]
    )
    screenshot(page, "event-desktop")


def test_an_event_leads_to_its_source_page(page, live_server, demo):
    page.goto(f"{live_server.url}/timeline/")
    page.get_by_role("link", name="Bridge over the Seym River near Glushkovo destroyed").click()
    page.wait_for_url("**/events/**")
    source = page.locator(".citation-source a").first
    name = source.inner_text()
    source.click()
    page.wait_for_url("**/sources/**")
    assert page.locator("h1").inner_text() == name


def test_choosing_a_storyline_shows_only_its_events_at_a_shareable_address(page, live_server, demo):
    page.goto(f"{live_server.url}/timeline/")
    page.get_by_text("Filter the timeline").click()  # unfold the filters
    page.get_by_label("Storyline").select_option(label="Nuclear safety")
    page.get_by_role("button", name="Show events").click()
    page.wait_for_url("**storyline=nuclear-safety**")
    titles = page.locator("ol.timeline h3").all_inner_texts()
    assert titles == [
        "Drone strike hits a road beside the Zaporizhzhia nuclear plant",
        "Moscow alleges a “dirty bomb” plot; Kyiv denies it",
    ]
    for card in page.locator("ol.timeline article").all():
        assert "Nuclear safety" in card.locator(".event-facts").inner_text()
    assert "Storyline: Nuclear safety" in page.locator(".tl-active").inner_text()
    shared = page.url
    other = page.context.new_page()
    other.goto(shared)
    assert other.locator("ol.timeline h3").all_inner_texts() == titles
    other.close()
    page.get_by_role("link", name="remove this filter (Storyline: Nuclear safety)").click()
    page.wait_for_url(lambda url: "storyline" not in url)
    assert page.locator("ol.timeline h3").count() == 12


def test_the_timeline_fits_a_small_phone(browser, live_server, demo):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/timeline/")
    assert_no_sideways_scroll(page)
    assert page.locator("ol.timeline h3").first.is_visible()
    screenshot(page, "timeline-phone")
    page.get_by_text("Filter the timeline").click()
    assert page.get_by_role("button", name="Show events").is_visible()
    assert_no_sideways_scroll(page)
    screenshot(page, "timeline-phone-filters")
    page.locator("ol.timeline h3 a").first.click()
    page.wait_for_url("**/events/**")
    assert_no_sideways_scroll(page)
    screenshot(page, "event-phone")
    context.close()

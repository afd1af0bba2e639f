"""A reader moves through the demo story: front page, article, event, source."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_from_the_front_page_to_an_article_and_its_events(page, live_server, demo):
    page.goto(f"{live_server.url}/")
    assert page.locator("h1").all_inner_texts() == ["The story so far"]
    main = page.locator("main").inner_text()
    assert "In review" not in main and "Explainer" not in main and "DRAFT" not in main
    screenshot(page, "front-desktop")

    page.get_by_role("link", name="Ukraine pushes deep into Russia's Kursk region").first.click()
    page.wait_for_url("**/articles/ukraine-pushes-into-kursk-region-as-bridge-falls/")
    assert page.locator("time").first.get_attribute("datetime").startswith("2024-")
    cards = page.locator(".mini-timeline h3").all_inner_texts()
    assert cards[0] == "Ukrainian forces cross into Russia's Kursk region"
    assert len(cards) == 7
    screenshot(page, "article-desktop")

    page.get_by_role("link", name="Bridge over the Seym River near Glushkovo destroyed").click()
    page.wait_for_url("**/events/seym-river-bridge-near-glushkovo-destroyed/")
    assert page.locator("h1").count() == 1


def test_a_source_page_lists_what_it_said(page, live_server, demo):
    page.goto(f"{live_server.url}/sources/")
    page.get_by_role("link", name="Ministry of Foreign Affairs of Russia").click()
    page.wait_for_url("**/sources/ministry-of-foreign-affairs-of-russia/")
    text = page.locator("main").inner_text()
    assert "A party to the conflict: Russia" in text
    assert "claims" in text
    screenshot(page, "source-desktop")


def test_the_nav_marks_where_the_reader_is(page, live_server, demo):
    page.goto(f"{live_server.url}/articles/")
    current = page.locator("nav[aria-label=Main] [aria-current=page]")
    assert current.all_inner_texts() == ["Articles"]


def test_pages_read_without_javascript(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in ("/", "/articles/", "/sources/ministry-of-foreign-affairs-of-russia/"):
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").is_visible(), path
        assert page.locator("main a").first.is_visible(), path
    context.close()


@pytest.mark.parametrize("path", ["/", "/articles/", "/sources/russian-officials/", "/nowhere/"])
def test_reader_pages_fit_a_small_phone(browser, live_server, demo, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}{path}")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"{path} scrolls sideways ({scroll_width}px wide)"
    if path == "/":
        screenshot(page, "front-phone")
    context.close()

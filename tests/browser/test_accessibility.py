"""An automated accessibility audit (axe-core, WCAG 2.2 A and AA) of every kind of public page."""

import pytest

from tests.browser.conftest import audit, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE = "/articles/ukraine-pushes-into-kursk-region-as-bridge-falls/"
PAGES = {
    "front page": "/",
    "timeline": "/timeline/",
    "map": "/map/",
    "map of a day": "/map/?day=2024-08-16",
    "event": "/events/seym-river-bridge-near-glushkovo-destroyed/",
    "articles": "/articles/",
    "article": ARTICLE,
    "sources": "/sources/",
    "source": "/sources/ministry-of-foreign-affairs-of-russia/",
    "submit form": "/submit/",
}


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_serious_accessibility_problem(page, live_server, demo, path):
    page.goto(f"{live_server.url}{path}")
    assert page.locator("h1").count() == 1
    assert page.locator("main").count() == 1
    assert audit(page) == []


@pytest.mark.parametrize(
    ("path", "status"),
    [("/articles/explainer-what-kyiv-says-the-incursion-is-for/", 404), ("/articles/?page=x", 400)],
    ids=["not found", "bad request"],
)
def test_error_pages_are_accessible_too(browser, live_server, demo, path, status):
    # Its own page: the shared fixture fails on any 4xx answer, and these are meant to be one.
    context = browser.new_context()
    page = context.new_page()
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == status
    assert page.locator("h1").count() == 1
    assert audit(page) == []
    context.close()


def test_an_article_fits_a_small_phone(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}{ARTICLE}")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"the page scrolls sideways ({scroll_width}px wide)"
    assert audit(page) == []
    screenshot(page, "article-phone")
    context.close()


def test_focus_is_visible(page, live_server, demo):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to content"
    assert skip.evaluate("element => getComputedStyle(element).outlineStyle") == "solid"
    assert skip.is_visible()


def test_the_audit_does_find_problems(page, live_server, demo):
    """Guard against a silent audit: a form field with no label must be reported."""
    page.goto(f"{live_server.url}/")
    page.evaluate("() => document.querySelector('main').append(document.createElement('input'))")
    assert any(problem.startswith("label (critical)") for problem in audit(page))

"""A reader jumps to a date in a real browser, on a story mostly known only to the month."""

import re

import pytest

from tests.browser.conftest import screenshot
from tests.factories import make_citation, make_event, make_source

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def story():
    """Early August known day by day, a screenful of it, then what is known only as August."""
    source = make_source(name="Regional administration")
    for day in range(1, 6):
        for n in range(4):
            event = make_event(title=f"Shelling report {day}.{n}", start_day=day)
            make_citation(event, source)
    for n in range(3):
        make_citation(make_event(title=f"Fighting through August, {n}"), source)


def jump(page, url, day):
    page.goto(f"{url}/timeline/")
    page.get_by_text("Filter the timeline").click()
    page.get_by_label("Jump to date").fill(day)
    page.get_by_role("button", name="Show events").click()


def test_a_day_inside_a_month_lands_on_that_months_heading(page, live_server, story):
    jump(page, live_server.url, "2024-08-20")
    page.wait_for_url(re.compile(r"#d-2024-08$"))
    target = page.locator(":target")
    assert target.inner_text() == "August 2024"
    assert target.evaluate("node => node.matches('h2.tl-heading')")
    # The browser brought it into view: scrolled down the page, the heading on screen.
    top = target.evaluate("node => node.getBoundingClientRect().top")
    assert page.evaluate("window.scrollY") > 0
    assert 0 <= top < page.viewport_size["height"]
    screenshot(page, "jump-to-month")


def test_a_day_with_nothing_from_it_on_says_so(page, live_server, story):
    jump(page, live_server.url, "2024-09-20")
    page.wait_for_url("**date=2024-09-20**")
    note = page.locator(".tl-jump-note")
    assert note.is_visible()
    assert note.inner_text() == "Nothing here is dated on or after 20 September 2024."
    assert page.get_by_label("Jump to date").input_value() == "2024-09-20"

"""Reading the story in Ukrainian and Russian: each at its own address, reached by the switcher
with the reader's filters kept, and as accessible as the English pages."""

from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.browser.conftest import audit, screenshot
from tests.browser.test_accessibility import PAGES

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = {"uk": "Українська", "ru": "Русский"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_timeline_loads_in_its_language(page, live_server, demo, language):
    page.goto(f"{live_server.url}/{language}/timeline/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("ol.timeline h3").count() > 0
    current = page.locator("nav.language-nav [aria-current]")
    assert current.inner_text() == LANGUAGES[language]
    assert current.get_attribute("lang") == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_switcher_keeps_the_readers_filters(page, live_server, demo, language):
    page.goto(f"{live_server.url}/timeline/")
    page.get_by_text("Filter the timeline").click()  # unfold the filters
    page.get_by_label("Storyline").select_option(label="Nuclear safety")
    page.get_by_role("button", name="Show events").click()
    page.wait_for_url("**storyline=nuclear-safety**")
    english = urlsplit(page.url)
    # The same events, whose titles are translated: compared by their addresses.
    events = page.locator("ol.timeline h3 a").evaluate_all("links => links.map(a => a.pathname)")

    switcher = page.get_by_role("navigation", name="Language")
    switcher.get_by_role("link", name=LANGUAGES[language]).click()
    page.wait_for_url(f"**/{language}/timeline/**")
    there = urlsplit(page.url)
    assert there.path == f"/{language}/timeline/"
    assert sorted(parse_qsl(there.query)) == sorted(parse_qsl(english.query))
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("select[name=storyline]").input_value() == "nuclear-safety"
    there_events = page.locator("ol.timeline h3 a").evaluate_all(
        "links => links.map(a => a.pathname)"
    )
    assert there_events == [f"/{language}{path}" for path in events]
    screenshot(page, f"timeline-filtered-{language}")

    # And back: the English link lands on the English address with the same filters.
    page.locator("nav.language-nav a[hreflang=en]").click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/timeline/")
    assert sorted(parse_qsl(urlsplit(page.url).query)) == sorted(parse_qsl(english.query))
    assert page.locator("html").get_attribute("lang") == "en-GB"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["timeline", "event", "article"])
def test_no_serious_accessibility_problem_in_each_language(page, live_server, demo, kind, language):
    page.goto(f"{live_server.url}/{language}{PAGES[kind]}")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    assert audit(page) == []

"""A reader keeps the newest-first timeline open while the desk publishes: a notice, not a jump."""

import pytest
from django.utils import timezone

from tests.browser.conftest import audit, screenshot
from tests.factories import make_event

pytestmark = pytest.mark.django_db(transaction=True)

LIVE = "/timeline/?order=newest"
TITLES = "ol.timeline h3"


@pytest.fixture
def quick(settings):
    settings.TIMELINE_POLL_SECONDS = 1


def publish_now():
    """An event as the desk would publish it, committed (the test runs outside a transaction)."""
    return make_event(
        slug="prisoners-exchanged",
        title="Prisoners exchanged after the incursion",
        start_year=2024,
        start_month=12,
        start_day=30,
        publish_at=timezone.now(),
    )


def test_a_new_event_is_announced_and_shown_on_request(page, live_server, demo, quick):
    page.goto(f"{live_server.url}{LIVE}")
    notice = page.locator(".tl-live button")
    assert notice.is_hidden()
    listed = page.locator(TITLES).all_inner_texts()
    page.evaluate("window.notReloaded = true")

    publish_now()
    notice.wait_for(state="visible", timeout=10_000)
    assert notice.inner_text() == "1 new event: show it"
    assert page.locator(".tl-live").get_attribute("aria-live") == "polite"
    assert page.locator(TITLES).all_inner_texts() == listed, "the list moved under the reader"
    assert page.evaluate("window.notReloaded") is True
    assert audit(page) == []
    screenshot(page, "timeline-live-notice")

    notice.click()
    new = page.get_by_role("link", name="Prisoners exchanged after the incursion")
    new.wait_for()
    assert page.locator(TITLES).all_inner_texts() == [new.inner_text(), *listed[:49]]
    assert page.evaluate("window.notReloaded") is True, "shown in place, not by a reload"
    assert page.evaluate("document.activeElement.textContent") == new.inner_text()
    assert page.locator("li.tl-new").count() == 1
    assert notice.is_hidden()
    screenshot(page, "timeline-live-shown")


def test_without_script_the_live_page_is_a_plain_page(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}{LIVE}")
    assert page.locator(TITLES).count() > 0
    assert page.locator(".tl-live button").is_hidden()
    assert page.get_by_role("button").count() == 0, "no dead button (the filters' is folded)"
    publish_now()
    page.reload()
    assert page.locator(TITLES).first.inner_text() == "Prisoners exchanged after the incursion"
    context.close()


@pytest.fixture
def watched(browser, live_server, demo, quick):
    """A live page on its own (the shared fixture fails on any 4xx, and one is made here), and
    the list of the addresses its script asked."""
    context = browser.new_context()
    page = context.new_page()
    asked = []
    page.on("request", lambda request: "live.json" in request.url and asked.append(request.url))
    yield page, asked
    context.close()


def set_hidden(page, hidden):
    page.evaluate(
        """hidden => {
            Object.defineProperty(document, "hidden", {configurable: true, get: () => hidden});
            document.dispatchEvent(new Event("visibilitychange"));
        }""",
        hidden,
    )


def test_a_hidden_tab_asks_nothing_until_it_is_seen_again(watched, live_server):
    page, asked = watched
    page.goto(f"{live_server.url}{LIVE}")
    page.wait_for_timeout(1500)
    assert len(asked) >= 1
    set_hidden(page, True)
    page.wait_for_timeout(300)  # a question already on its way may still land
    before = len(asked)
    page.wait_for_timeout(2500)
    assert len(asked) == before
    set_hidden(page, False)
    page.wait_for_timeout(500)
    assert len(asked) == before + 1, "asks at once when seen again"


def test_a_refused_question_is_not_asked_again(watched, live_server):
    page, asked = watched
    page.route("**/live.json*", lambda route: route.fulfill(status=400, json={"error": "no"}))
    page.goto(f"{live_server.url}{LIVE}")
    page.wait_for_timeout(3500)
    assert len(asked) == 1
    assert page.locator(".tl-live button").is_hidden()


def test_a_failing_server_is_asked_less_and_less_often(watched, live_server):
    page, asked = watched
    page.route("**/live.json*", lambda route: route.fulfill(status=503, body="busy"))
    page.goto(f"{live_server.url}{LIVE}")
    page.wait_for_timeout(10_000)
    # Every second while it answers; after failures 2, 4, then 8 seconds apart: at 1, 3, 7, 15 s.
    assert len(asked) == 3

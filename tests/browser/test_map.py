"""The map as readers use it in Chromium: with no script at all, and panned and zoomed."""

import re

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_map_works_without_javascript(browser, live_server, demo):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/map/")
    assert page.locator("svg.story-map").is_visible()
    assert page.locator(".map-pan").count() == 0, "no script, no pan-and-zoom view"
    everything = page.locator("a.map-event").count()

    # Step to the first day: only that day's event is on the map, ringed as new.
    page.get_by_role("link", name="6 August 2024", exact=True).click()
    assert "day=2024-08-06" in page.url
    assert page.locator("a.map-event").count() == 1 < everything
    assert page.locator("svg.story-map .map-new").count() == 1
    page.get_by_role("link", name="15 August 2024", exact=True).click()
    assert page.locator("a.map-event").count() == 2
    screenshot(page, "map-no-script")

    # A mark is a link to its event, whose page shows where it was on a small map.
    page.locator("a.map-event").first.click()
    assert page.url.startswith(f"{live_server.url}/events/")
    assert page.locator("svg.story-map").is_visible()
    assert page.locator("svg.story-map a").count() == 0
    context.close()


def box(page):
    return page.locator("svg.story-map").bounding_box()


def test_with_javascript_the_map_pans_and_zooms_from_our_own_files(page, live_server, demo):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/map/")
    page.locator(".map-pan[data-ready]").wait_for()
    assert all(url.startswith(live_server.url) for url in requested), requested

    before = box(page)
    page.locator(".leaflet-control-zoom-in").click()
    page.wait_for_function(
        "width => document.querySelector('svg.story-map').getBoundingClientRect().width > width",
        arg=before["width"] * 1.5,
    )
    # Leaflet marks the map while its zoom is animated: measure once it has settled.
    page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
    zoomed = box(page)

    pane = page.locator(".map-pan").bounding_box()
    start = (pane["x"] + 40, pane["y"] + pane["height"] - 40)
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(start[0] + 60, start[1] - 30, steps=8)
    page.mouse.move(start[0] + 120, start[1] - 60, steps=8)
    page.mouse.up()
    dragged = box(page)
    assert dragged["x"] - zoomed["x"] == pytest.approx(120, abs=15)
    assert dragged["y"] - zoomed["y"] == pytest.approx(-60, abs=15)
    screenshot(page, "map-zoomed")

    # The marks are still links, clicked where they now are.
    pane = page.locator(".map-pan").bounding_box()
    mark = next(
        mark for mark in page.locator("a.map-event").all() if inside(mark.bounding_box(), pane)
    )
    title = mark.locator("title").text_content()
    mark.click()
    page.wait_for_url(re.compile(r"/events/"))
    assert page.locator("h1").inner_text() in title


def inside(inner, outer):
    return (
        outer["x"] < inner["x"] < inner["x"] + inner["width"] < outer["x"] + outer["width"]
        and outer["y"] < inner["y"] < inner["y"] + inner["height"] < outer["y"] + outer["height"]
    )

"""An editor holds back an event's exact location in the desk; readers get it coarser."""

import json

import pytest

from tests.browser.conftest import restore_roles, screenshot
from tests.browser.test_editor_desk import log_in
from tests.factories import make_citation, make_event, make_place, make_source, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def public_geo(page):
    """The event's coordinates in the page's JSON-LD, and the page's whole text."""
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    about = next(node["about"] for node in data["@graph"] if "about" in node)
    return about["location"]["geo"], page.content()


def test_an_editor_holds_the_location_and_the_event_page_shows_it_near(browser, live_server):
    restore_roles()
    make_user("editor", group="editor", first_name="Ed", last_name="Itor")
    place = make_place(
        name="Checkpoint 4",
        latitude="47.918273",
        longitude="33.645182",
        location_precision="point",
    )
    event = make_event(slug="strike", title="Strike at the checkpoint", place=place)
    make_citation(event, make_source())

    reader = browser.new_page()
    reader.goto(f"{live_server.url}/events/strike/")
    geo, _ = public_geo(reader)
    assert (geo["latitude"], geo["longitude"]) == (47.918273, 33.645182)

    page, errors = log_in(browser, live_server, "editor")
    page.goto(f"{live_server.url}/admin/timeline/event/{event.pk}/change/")
    hold = page.get_by_label("Hold back the exact location")
    assert "At the place’s own precision." in page.locator(".field-location_hold").inner_text()
    hold.select_option(label="For 24 hours from now")
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    assert "Held back until" in page.locator(".field-location_hold").inner_text()
    screenshot(page, "location-hold-desk")

    reader.goto(f"{live_server.url}/events/strike/")
    geo, html = public_geo(reader)
    assert (geo["latitude"], geo["longitude"]) == (47.92, 33.65)
    assert "47.918273" not in html and "33.645182" not in html
    screenshot(reader, "location-hold-public")
    assert not errors, errors
